/* What the reader's browser runs on every page, besides the theme.

   1. The search query, normalised as the index is (scripts/kb/search.py and the separator in
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
   Then the page whose title or alias the query is, word for word, comes first (as on
   Wikipedia): no weighting of words tells "Norway" from "Russia–Norway treaty" when both bear
   every typed word. The build keeps each name whole as a key in the index (kb.search.name_key);
   the query is keyed the same way, with the index's own separator.
   The theme has no hook for its search: this wraps the messages between the theme and its
   worker (reading the index as it is sent, normalising each query, reordering each answer),
   so it runs before the theme's bundle (overrides/main.html), and nothing else.

   2. Link previews, as Wikipedia's: resting the pointer on a link of the page's text, or
   reaching it from the keyboard, shows the start of the page it leads to (its title and lead
   sentence), the paragraph a citation names (a source's "#p8"), or the note a note mark leads
   to. One listener for the whole document, nothing done as the page loads (the theme's own
   previews set up each link at load, which cost a phone's loading); the target is fetched from
   the same site only when asked for, read with DOMParser (which runs nothing) and shown as
   text (textContent: no markup of the target enters the page). The infobox's lists, the
   page's own headings, tags and buttons show none; nor do touch screens (a tap follows the
   link) or the offline copy (file: pages cannot fetch). The preview stays while the pointer
   is on it, and Escape closes it (WCAG 1.4.13). */
(function () {
  "use strict";

  var SETUP = 0, QUERY = 2, RESULT = 3;   // the theme's messages to and from its search worker
  // Latin letters that Unicode does not decompose into a base letter and a mark (as
  // scripts/kb/search.py folds them)
  var LETTERS = { "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H",
                  "ı": "i", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE" };

  function normalise(query) {
    return query
      .replace(/[\u201C\u201D\u201E\u00AB\u00BB]/g, "\"")
      .replace(/(\S)[-\u2010-\u2015\u2212]+/g, "$1 ")
      .replace(/[.,:;!?)\]]+(?=\s|$)/g, "")
      .replace(/(^|\s)[(\[]+(?=\S)/g, "$1")
      .replace(/[łŁøØđĐħĦıßæÆœŒ]/g, function (c) { return LETTERS[c]; })
      .normalize("NFKD")
      .replace(/(\p{Script=Latin})\p{M}+/gu, "$1")
      .normalize("NFC");
  }

  // A query as a name key (scripts/kb/search.py, name_key): its words as the index's separator
  // cuts them, without punctuation at their ends, in lower case, joined by spaces.
  var separator = null;
  function nameKey(query) {
    return normalise(query).toLowerCase().split(separator || /[\s-]+/)
      .map(function (w) { return (w || "").replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""); })
      .filter(Boolean).join(" ");
  }

  // The page whose name the query is comes first (as Wikipedia's search goes to it), and is
  // listed even when the theme's query finds nothing (a quoted name with a word the index
  // leaves out, such as "about"); the theme's ranking is kept otherwise.
  var queried = new WeakMap();   // worker -> the name key of its last query
  var named = new Map();         // name key -> the lead entry of the first page bearing it
  function learnNames(index) {
    (Array.isArray(index.docs) ? index.docs : []).forEach(function (doc) {
      (doc && Array.isArray(doc.name_keys) ? doc.name_keys : []).forEach(function (key) {
        if (typeof key === "string" && !named.has(key)) named.set(key, doc);
      });
    });
  }
  function ranked(worker, data) {
    var key = queried.get(worker), items = data && data.data && data.data.items;
    if (!data || data.type !== RESULT || !key || !Array.isArray(items) || !named.has(key)) return data;
    var first = items.findIndex(function (group) {
      var lead = Array.isArray(group) && group.find(function (doc) {
        return doc && typeof doc.location === "string" && doc.location.indexOf("#") < 0;
      });
      return lead && Array.isArray(lead.name_keys) && lead.name_keys.indexOf(key) >= 0;
    });
    if (first === 0) return data;
    var order = first > 0 ? [items[first]].concat(items.slice(0, first), items.slice(first + 1))
                          : [[Object.assign({}, named.get(key), { score: 0, terms: {} })]].concat(items);
    return Object.assign({}, data, { data: Object.assign({}, data.data, { items: order }) });
  }

  window.kbNormaliseQuery = normalise;
  window.kbNameKey = nameKey;
  if (window.Worker) {
    var proto = window.Worker.prototype;
    var post = proto.postMessage, listen = proto.addEventListener, unlisten = proto.removeEventListener;
    var wrapped = new WeakMap();   // the theme's listener -> ours
    function replaced(args, index, value) {   // a call's arguments, one of them replaced
      var copy = Array.prototype.slice.call(args);
      copy[index] = value;
      return copy;
    }
    proto.postMessage = function (message) {
      if (message && message.type === SETUP && message.data) {
        var config = message.data.config || {};
        try {
          separator = typeof config.separator === "string" ? new RegExp(config.separator) : null;
        } catch (e) { separator = null; }
        learnNames(message.data);
      }
      if (message && message.type === QUERY && typeof message.data === "string") {
        queried.set(this, nameKey(message.data));
        var query = Object.assign({}, message, { data: normalise(message.data) });
        return post.apply(this, replaced(arguments, 0, query));
      }
      return post.apply(this, arguments);
    };
    proto.addEventListener = function (type, listener) {
      if (type === "message" && typeof listener === "function") {
        if (!wrapped.has(listener)) {
          wrapped.set(listener, function (event) {
            var data = ranked(this, event.data);
            return listener.call(this, data === event.data ? event : new MessageEvent("message", { data: data }));
          });
        }
        return listen.apply(this, replaced(arguments, 1, wrapped.get(listener)));
      }
      return listen.apply(this, arguments);
    };
    proto.removeEventListener = function (type, listener) {
      if (type === "message" && wrapped.has(listener)) {
        return unlisten.apply(this, replaced(arguments, 1, wrapped.get(listener)));
      }
      return unlisten.apply(this, arguments);
    };
  }

  var DELAY = 350;          // ms the pointer rests on a link before its preview is fetched
  var LINGER = 250;         // ms a preview stays after the pointer leaves, to be reached
  var WORDS = 60;           // words of the lead shown at most
  var SKIP = ".kb-infobox, .md-tags, .kb-cite-page, .md-content__button, .headerlink, .footnote-backref";
  var pages = new Map();    // address -> Promise of a parsed page (or null)
  var tip = null, shownFor = null, pending = null, timer = 0, hideTimer = 0, asked = 0;

  function candidate(node) {
    var link = node && node.closest ? node.closest("article a[href]") : null;
    if (!link || link.closest(SKIP)) return null;
    var url = new URL(link.href, location.href);
    if (url.origin !== location.origin || !/^https?:$/.test(url.protocol)) return null;
    var here = url.pathname === location.pathname;
    if (here && !/^#fn:/.test(url.hash)) return null;
    if (!here && !/(\/|\.html)$/.test(url.pathname)) return null;
    return link;
  }

  function fetchPage(address) {
    if (!pages.has(address)) {
      pages.set(address, fetch(address, { credentials: "same-origin" }).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("text/html") !== 0) return null;
        return response.text().then(function (text) {
          return new DOMParser().parseFromString(text, "text/html");
        });
      }).catch(function () { return null; }));
    }
    return pages.get(address);
  }

  function plain(node) {
    var copy = node.cloneNode(true);
    copy.querySelectorAll("sup, .headerlink, .footnote-backref, .kb-cite, script, style").forEach(function (n) {
      n.remove();
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function shorten(text) {
    var words = text.split(" ");
    return words.length > WORDS ? words.slice(0, WORDS).join(" ") + " …" : text;
  }

  // What a preview shows: [heading, text], from the target page (or this one, for a note).
  function extract(doc, hash) {
    var id = decodeURIComponent(hash.slice(1));
    var target = id ? doc.getElementById(id) : null;
    if (target && /^fn:/.test(id)) {
      var number = Array.prototype.indexOf.call(target.parentNode.children, target) + 1;
      return ["Note " + number, plain(target)];
    }
    if (target && /^H[1-6]$/.test(target.tagName)) {
      var next = target.nextElementSibling;
      while (next && next.tagName !== "P" && !/^H[1-6]$/.test(next.tagName)) next = next.nextElementSibling;
      return [plain(target), next && next.tagName === "P" ? plain(next) : ""];
    }
    if (target) return [plain(doc.querySelector("article h1") || target), plain(target)];
    var title = doc.querySelector("article h1");
    var lead = doc.querySelector("article .kb-lead > p") || doc.querySelector("article h1 ~ p");
    if (!title) return null;
    return [plain(title), lead ? plain(lead) : ""];
  }

  function hide() {
    clearTimeout(timer);
    clearTimeout(hideTimer);
    asked += 1;
    pending = null;
    if (shownFor) shownFor.removeAttribute("aria-describedby");
    if (tip) tip.hidden = true;
    shownFor = null;
  }

  function place(link) {
    var box = link.getBoundingClientRect();
    var width = tip.offsetWidth, height = tip.offsetHeight;
    var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    var top = box.bottom + 6;
    if (top + height > window.innerHeight && box.top - height - 6 > 0) top = box.top - height - 6;
    var parent = tip.offsetParent || document.documentElement;
    var origin = parent.getBoundingClientRect();
    tip.style.left = (left - origin.left - parent.clientLeft) + "px";
    tip.style.top = (top - origin.top - parent.clientTop) + "px";
  }

  function show(link, content) {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "kb-preview";
      tip.className = "kb-preview md-typeset";
      tip.setAttribute("role", "tooltip");
      tip.addEventListener("pointerenter", function () { clearTimeout(hideTimer); });
      tip.addEventListener("pointerleave", function () { hideTimer = setTimeout(hide, LINGER); });
    }
    // Inside the main landmark (all content belongs to one), placed from its containing box.
    if (!tip.isConnected) (document.querySelector("main") || document.body).appendChild(tip);
    var heading = document.createElement("p");
    heading.className = "kb-preview__title";
    heading.textContent = content[0];
    var text = document.createElement("p");
    text.textContent = shorten(content[1]);
    tip.replaceChildren(heading, text);
    tip.hidden = false;
    link.setAttribute("aria-describedby", tip.id);
    shownFor = link;
    place(link);
  }

  function ask(link, wait) {
    if (link === shownFor) { clearTimeout(hideTimer); return; }
    if (link === pending) return;
    hide();
    pending = link;
    var token = asked;
    timer = setTimeout(function () {
      var url = new URL(link.href, location.href);
      var here = url.pathname === location.pathname;
      var page = here ? Promise.resolve(document) : fetchPage(url.origin + url.pathname);
      page.then(function (doc) {
        var content = doc && extract(doc, url.hash);
        if (token === asked && content && link.isConnected) show(link, content);
      });
    }, wait);
  }

  if (window.fetch && window.DOMParser && /^https?:$/.test(location.protocol)) {
    document.addEventListener("pointerover", function (event) {
      if (event.pointerType === "touch") return;
      var link = candidate(event.target);
      if (link) ask(link, DELAY);
    });
    document.addEventListener("pointerout", function (event) {
      var link = candidate(event.target);
      if (!link || link.contains(event.relatedTarget)) return;
      if (link !== shownFor) { hide(); return; }
      hideTimer = setTimeout(hide, LINGER);
    });
    document.addEventListener("focusin", function (event) {
      var link = candidate(event.target);
      if (link && link.matches(":focus-visible")) ask(link, 0);
    });
    document.addEventListener("focusout", function (event) {
      if (candidate(event.target)) hide();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && (shownFor || pending)) hide();
    });
    document.addEventListener("click", hide);
  }
})();
