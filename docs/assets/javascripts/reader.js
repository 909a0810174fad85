/* What the reader's browser runs on every page, besides the theme: the search query,
   normalised as the index is (scripts/kb/search.py and the separator in
   mkdocs.yml), before the theme's search worker reads it:
   - a dash inside or after a word (NATO-Russia, NATO–Russia) is a space: the theme's query
     parser cuts "NATO-Russia" at the hyphen but also keeps it whole, so each of its words would
     count twice (and "Russia", whose names hold "Russian" too, would outrank the Council);
     a dash that begins a word stays the "must not contain" operator (-word);
   - typographic quotation marks are plain ones (a quoted phrase: every word must be found);
   - punctuation that ends a word (U.S., "Gazeta,", "NATO:") or brackets that open one
     ("(Paris") are dropped: the index holds words without them, and the theme matches each
     typed word as the start of an indexed one;
   - Latin letters lose their diacritics (Sánchez -> Sanchez; every name is indexed both ways);
     Cyrillic letters keep theirs (й is a letter of its own).
   The theme has no hook for its query: this wraps the message it posts to its worker
   (type 2, a query), and nothing else. */
(function () {
  "use strict";

  var QUERY = 2;

  function normalise(query) {
    return query
      .replace(/[\u201C\u201D\u201E\u00AB\u00BB]/g, "\"")
      .replace(/(\S)[-\u2010-\u2015\u2212]+/g, "$1 ")
      .replace(/[.,:;!?)\]]+(?=\s|$)/g, "")
      .replace(/(^|\s)[(\[]+(?=\S)/g, "$1")
      .normalize("NFKD")
      .replace(/(\p{Script=Latin})\p{M}+/gu, "$1")
      .normalize("NFC");
  }

  window.kbNormaliseQuery = normalise;
  if (window.Worker) {
    var post = window.Worker.prototype.postMessage;
    window.Worker.prototype.postMessage = function (message) {
      if (message && message.type === QUERY && typeof message.data === "string") {
        var args = Array.prototype.slice.call(arguments);
        args[0] = Object.assign({}, message, { data: normalise(message.data) });
        return post.apply(this, args);
      }
      return post.apply(this, arguments);
    };
  }
})();
