"""The search index: each entity's names made searchable and weighed (Material's index, amended)."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from typing import TYPE_CHECKING, Any, NamedTuple

from . import render, templates

if TYPE_CHECKING:
    from .site import Page, Site


#: How much the number of pages linking to an entity weighs in its boost: enough to order pages that
#: share a name ("NATO" before "NATO enlargement"), not so much that a page bearing one word of a
#: name outranks the page bearing all of them ("Signing of New START" finds the signing, not the treaty).
IMPORTANCE = 0.1

#: What is not part of a word at its ends (brackets, quotes, punctuation).
_EDGES = re.compile(r"^\W+|\W+$")

#: The search field that holds an entity's names (declared in mkdocs.yml under search: fields).
NAMES_FIELD = "names"

#: Each of an entity's names whole, as a key (not a search field: reader.js puts first the page
#: whose name the query is, as Wikipedia's search does).
NAME_KEYS_FIELD = "name_keys"


class SearchFields(NamedTuple):
    """What an entity page's lead entry in the search index gets."""

    names: str
    """The words of its title and aliases, each once (the `names` field)."""
    lead: str
    """Text put before the entry's own: the infobox's (placed after indexing) or the aliases."""
    boost: float
    keys: tuple[str, ...] = ()
    """Each of its names as a key (`name_key`)."""


def _split(name: str, separator: str | None) -> list[str]:
    """A name's words in lower case, as the index's separator (the theme's default without one) cuts them."""
    return [word for word in re.split(separator or r"[\s\-]+", name.casefold()) if word]


def name_words(page: Page, separator: str | None) -> list[str]:
    """The words of a page's title and aliases, each once, as the index's separator cuts them,
    each also without its diacritics (unescaped)."""
    words: dict[str, None] = {}
    aliases = [a for a in page.meta.get("aliases") or [] if isinstance(a, str)]
    for name in [page.title, *aliases]:
        for word in _split(name, separator):
            words.setdefault(word, None)
            words.setdefault(fold(word) or word, None)  # "Sánchez" found by "Sanchez" too
    # The index keeps words as the separator cuts them ("nato:", "2011)"), and the theme searches
    # each typed word as a prefix: with both "2011)" and "2011" listed, "2011" would match the
    # page's names twice. A word is left out when its bare form is listed too.
    return [w for w in words if _EDGES.sub("", w) == w or _EDGES.sub("", w) not in words]


def name_key(name: str, separator: str | None) -> str:
    """A name as the reader's query is compared with it (reader.js does the same to the query):
    its words as the index's separator cuts them, without the punctuation at their ends, in
    lower case, without Latin diacritics, joined by spaces ("NATO–Russia Council (NRC)" ->
    "nato russia council nrc"; the common short words are dropped, as the separator drops them)."""
    words = (fold(_EDGES.sub("", word)) for word in _split(name, separator))
    return " ".join(word for word in words if word)


def search_fields(page: Page, separator: str | None, linked: dict[str, set[str]] | None = None,
                  infobox: str | None = None) -> SearchFields:
    """The search fields of an entity page (see `search_index_with_aliases`)."""
    aliases = [a for a in page.meta.get("aliases") or [] if isinstance(a, str)]
    # The theme shows the index's text as HTML: everything from front matter stays escaped.
    if infobox is not None:
        lead = render.infobox_text(infobox) + " "
    else:
        lead = "Also known as: " + "; ".join(templates.text(a) for a in aliases) + ". " if aliases else ""
    words = name_words(page, separator)
    # A source is linked from every page that cites it: citations say what a page rests on, not
    # that the source is what readers look for, so a source gets no importance boost (with it,
    # "CFE Treaty" found the treaty's text before the treaty, "Obama" his remarks before him).
    count = 0 if page.type == "source" else len((linked or {}).get(page.src_uri, ()))
    importance = 1 + IMPORTANCE * math.log1p(count)
    keys = tuple(dict.fromkeys(k for k in (name_key(n, separator) for n in [page.title, *aliases]) if k))
    return SearchFields(" ".join(templates.text(w) for w in words), lead, round(importance, 3), keys)


#: Latin letters that Unicode does not decompose into a base letter and a mark.
_LATIN_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe"})


def fold(word: str) -> str:
    """A word as readers type it in ASCII: Latin letters without their diacritics ("sánchez",
    "łódź" -> "sanchez", "lodz"). Letters of other scripts stay as they are: Cyrillic й is a
    letter of its own, not и with a mark."""
    return "".join(c if render.CYRILLIC.match(c) else
                   "".join(d for d in unicodedata.normalize("NFKD", c) if not unicodedata.combining(d))
                   for c in word.translate(_LATIN_LETTERS))


def apply_search_fields(entry: dict[str, Any], fields: SearchFields) -> None:
    """Give a page's lead entry its names, the text before its own, and its boost."""
    entry[NAMES_FIELD] = fields.names
    entry["text"] = fields.lead + entry.get("text", "")
    entry["boost"] = entry.get("boost", 1) * fields.boost
    # Compared with the query as data, never shown: not escaped (a name with "&" keeps it)
    entry[NAME_KEYS_FIELD] = list(fields.keys)


def search_index_with_aliases(index_json: str, site: Site, linked: dict[str, set[str]] | None = None,
                              infoboxes: dict[str, str] | None = None) -> str:
    """Material's search index with each entity's names made searchable and weighed.

    The first entry of an entity page (its lead) gets a `names` field, searched with the highest
    boost, holding the words of its title and aliases, each once: a search for a name ("CFE",
    "Rogozin") finds the pages that bear it, however often other words repeat. Among those, a
    boost that grows with the number of pages linking to a page puts the one the knowledge base
    refers to most first (importance, as Wikipedia's search weighs it). The infobox (facts,
    other names, relations), placed after indexing, is indexed with the lead. Each of its names
    whole is kept as a key (`name_keys`), for reader.js to put first the page a query names.
    """
    data = json.loads(index_json)
    separator = data.get("config", {}).get("separator")
    fields: dict[str, SearchFields] = {}
    for page in site.iter_pages():
        if page.is_entity:
            box = None if infoboxes is None else infoboxes.get(page.src_uri, "")
            fields[site.url_of(page.src_uri)] = search_fields(page, separator, linked, box)
    for entry in data.get("docs", []):
        found = fields.get(entry.get("location"))
        if found is not None:
            apply_search_fields(entry, found)
    return templates.json_text(data, separators=(",", ":"), ensure_ascii=False)
