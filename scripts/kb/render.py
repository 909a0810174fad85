"""Generated page content: infoboxes, relation lists, index pages, citations.

Plain functions of the site model; the MkDocs hooks only place their output. Everything is
rendered through `kb.templates` (the one escaping layer). Markdown links are written as relative
links to the Markdown files, so MkDocs rewrites and validates them like any other; HTML placed
after rendering (`HtmlLinks`) links to the built URLs.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from . import citations, schema, templates
from .dates import format_date
from .relations import Edge, RelationGraph
from .sourceref import Cite
from .templates import MarkdownSafe, Markup
from .urls import ADDRESS, relative, relative_url

if TYPE_CHECKING:
    from .site import Page, Site

def link(from_uri: str, to_uri: str, text: str, fragment: str = "") -> MarkdownSafe:
    """A Markdown link from one page to another (relative, to the .md file), its text escaped."""
    return templates.markdown_link(text, relative(from_uri, to_uri), fragment)


def cite_text(cite: Cite) -> str:
    """What a citation mark shows: the paragraph (``¶8``), or "source" for a source as a whole."""
    return f"¶{cite.paragraph}" if cite.paragraph is not None else "source"


def cite(from_uri: str, cite: Cite | None, plain: bool = False) -> MarkdownSafe:
    """A compact citation mark to a source (a paragraph of it), as Markdown, or '' (`plain`:
    without the citation mark's class)."""
    if cite is None:
        return MarkdownSafe("")
    fragment = f"p{cite.paragraph}" if cite.paragraph is not None else ""
    made = link(from_uri, cite.source, cite_text(cite), fragment)
    return made if plain else MarkdownSafe(made + "{ .kb-cite }")


def _title(site: Site, src_uri: str) -> str:
    page = site.pages.get(src_uri)
    return page.title if page is not None and page.title else src_uri


# --- Infobox --------------------------------------------------------------------------------

#: Which fields each type shows in its infobox, and under which label ({as_of} is filled in).
INFOBOX_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "person": (("role", "Role ({as_of})"), ("country", "Country"), ("born", "Born")),
    "organization": (("kind", "Kind"), ("founded", "Founded"), ("headquarters", "Headquarters")),
    "treaty": (("signed", "Signed"), ("signed_at", "Place of signature"), ("parties", "Parties"),
               ("in_force", "In force"), ("treaty_status", "Status")),
    "event": (("date", "Date"), ("end", "Until"), ("location", "Location")),
    "place": (("kind", "Kind"), ("country", "Country")),
    "topic": (),
    "source": (("author", "Author or issuer"), ("publisher", "Publisher"), ("published", "Published"),
               ("kind", "Kind"), ("identifier", "Identifier"), ("licence", "Licence"),
               ("paragraphs", "Paragraphs retrieved")),
}

_DATE_FIELDS = {"born", "founded", "signed", "in_force", "date", "end", "published"}


def _value(name: str, value: Any) -> str:
    if name in _DATE_FIELDS:
        return format_date(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


class HtmlLinks:
    """Links written as HTML, from one page's built URL (for content placed after rendering)."""

    def __init__(self, site: Site, from_uri: str) -> None:
        self.site, self.from_url = site, site.url_of(from_uri)

    def url(self, to_uri: str, fragment: str = "") -> str:
        """The relative URL of a page (and an anchor on it)."""
        return relative_url(self.from_url, self.site.url_of(to_uri) + (f"#{fragment}" if fragment else ""))

    def page(self, to_uri: str, text: str | None = None, fragment: str = "") -> Markup:
        """An ``<a>`` to a page, with its title as text by default."""
        shown = text if text is not None else _title(self.site, to_uri)
        return templates.html("link.html", url=self.url(to_uri, fragment), text=shown, cite=False)

    def cite(self, cite: Cite | None) -> Markup:
        """A compact citation mark to a source (a paragraph of it), or ''."""
        if cite is None:
            return Markup("")
        fragment = f"p{cite.paragraph}" if cite.paragraph is not None else ""
        return templates.html("link.html", url=self.url(cite.source, fragment), text=cite_text(cite), cite=True)


def _host(address: str) -> str:
    """What a link to an address shows: its host (``www.nato.int``)."""
    return address.split("//", 1)[1].split("/", 1)[0]


def infobox_html(page: Page, graph: RelationGraph) -> Markup:
    """The infobox of an entity page as HTML: key facts, aliases, and relations both ways."""
    spec = schema.PAGE_TYPES[str(page.type)]
    meta = page.meta
    links = HtmlLinks(graph.site, page.src_uri)
    rows: list[tuple[str, list[str | Markup]]] = []
    for name, label in INFOBOX_FIELDS[spec.name]:
        value = meta.get(name)
        if value in (None, "", []):
            continue
        rows.append((label.format(as_of=meta.get("as_of", "")), [_value(name, value)]))
    address = meta.get("url") if spec.name == "source" else None
    if isinstance(address, str) and ADDRESS.fullmatch(address):  # the checker reports any other (KB106)
        rows.append(("Official text", [templates.html("link.html", url=address, text=_host(address), cite=False)]))
    aliases = [a for a in meta.get("aliases") or [] if isinstance(a, str)]
    if aliases:
        rows.append(("Also known as", [_name_html(a) for a in aliases]))
    grouped: dict[str, list[str | Markup]] = defaultdict(list)
    for edge in sorted(graph.outgoing.get(page.src_uri, [])):
        grouped[edge.spec.label].append(_edge_html(links, edge, edge.target))
    for edge in sorted(graph.incoming.get(page.src_uri, [])):
        grouped[edge.spec.inverse].append(_edge_html(links, edge, edge.source))
    rows += list(grouped.items())
    if not rows:
        return Markup("")
    return templates.html("infobox.html", type_label=spec.label, title=page.title, rows=rows)


#: Letters of the Cyrillic script (its Unicode blocks): a name written in it is Russian here (the
#: sources' only language besides English).
CYRILLIC = re.compile("[\u0400-\u052F\u1C80-\u1C8F\u2DE0-\u2DFF\uA640-\uA69F]")


def _name_html(name: str) -> str | Markup:
    """A name as the infobox shows it: in Cyrillic letters, marked as Russian (``lang="ru"``)."""
    return templates.html("name.html", text=name, lang="ru") if CYRILLIC.search(name) else name


def infobox_text(box_html: str) -> str:
    """An infobox as text for the search index, which the theme shows as HTML: entities stay
    escaped, so a name such as ``<img onerror=…>`` stays text in the results."""
    return templates.plain(re.sub(r"</dt>", ": ", box_html))


def _edge_html(links: HtmlLinks, edge: Edge, other: str) -> Markup:
    return templates.html("related.html", link=links.page(other), scope=edge.scope, cite=links.cite(edge.cite))


def relations_table(graph: RelationGraph, from_uri: str) -> str:
    """Every relation of the site as a table (the graph page's text alternative)."""
    site = graph.site
    rows = [(link(from_uri, e.source, _title(site, e.source)), e.spec.label,
              link(from_uri, e.target, _title(site, e.target)), e.scope, cite(from_uri, e.cite))
            for e in graph.edges]
    return templates.markdown("relations_table.md", rows=rows)


# --- Index pages ----------------------------------------------------------------------------


def type_index(site: Site, page_type: str, from_uri: str) -> str:
    """A list of every page of a type with its one-line summary, sorted by title."""
    pages = sorted((p for p in site.iter_pages() if p.type == page_type), key=lambda p: p.title.casefold())
    rows = [(link(from_uri, p.src_uri, p.title), p.meta.get("description") or "") for p in pages]
    return templates.markdown("type_index.md", rows=rows)


_REFERENCES = re.compile(r"^## References[ \t]*$", re.M)


def insert_before_references(markdown: str, block: str) -> str:
    """Insert a block before the page's "## References" heading (or at the end)."""
    if not block:
        return markdown
    m = _REFERENCES.search(markdown)
    if not m:
        return markdown.rstrip("\n") + "\n\n" + block
    return markdown[: m.start()] + block + "\n" + markdown[m.start():]


# --- Source provenance ----------------------------------------------------------------------


def cited_by_html(site: Site, source_uri: str) -> dict[int, Markup]:
    """Paragraph number -> the paragraph's "Cited by" line, as HTML (for `place_cited_by`)."""
    links = HtmlLinks(site, source_uri)
    return {number: templates.html("cited_by.html", links=[links.page(uri) for uri in uris])
            for number, uris in citations.cited_by(site, source_uri).items()}


# --- Placing generated HTML in a built page ---------------------------------------------------

_H1 = re.compile(r"<h1\b[^>]*>.*?</h1>", re.S)
_REFERENCES_H2 = re.compile(r'<h2 id="references"[^>]*>')
_FOOTNOTES = re.compile(r'<div class="footnote">')
_ARTICLE_END = re.compile(r"</article>")
#: The lead paragraph: the paragraph that follows the title (a paragraph holds no paragraph, so
#: its first end tag is its own).
_LEAD = re.compile(r"\s*<p>.*?</p>", re.S)


_PARAGRAPH_H = re.compile(r'<h([2-6]) id="p(\d+)"[^>]*>.*?</h\1>', re.S)
_ANY_HEADING = re.compile(r"<h[1-6][\s>]")
_HEAD_END = re.compile(r"</head>")


def place_cited_by(page_html: str, cited_by: Mapping[int, str]) -> str:
    """On a source page, end each paragraph's section (a heading with id ``pN``) with its
    "Cited by" line (`cited_by_html`; "no page yet" where none)."""
    out, position = [], 0
    for heading in _PARAGRAPH_H.finditer(page_html):
        after = heading.end()
        found = (pattern.search(page_html, after) for pattern in (_ANY_HEADING, _FOOTNOTES, _ARTICLE_END))
        ends = [m.start() for m in found if m]
        end = min(ends, default=heading.end())
        line = cited_by.get(int(heading.group(2))) or templates.html("cited_by.html", links=[])
        out.append(page_html[position:end] + str(line))
        position = end
    out.append(page_html[position:])
    return "".join(out)


def place_in_head(page_html: str, element: str) -> str:
    """Add an element at the end of the page's head."""
    m = _HEAD_END.search(page_html)
    return page_html if m is None else page_html[: m.start()] + element + page_html[m.start():]


def place_in_article(page_html: str, after_title: str = "", before_references: str = "") -> str:
    """Put generated HTML after the page's h1 and before its References heading (or its notes,
    or the end of the article)."""
    if before_references:
        for pattern in (_REFERENCES_H2, _FOOTNOTES, _ARTICLE_END):
            m = pattern.search(page_html)
            if m:
                page_html = page_html[: m.start()] + before_references + page_html[m.start():]
                break
    if after_title:
        m = _H1.search(page_html)
        if m:
            lead = _LEAD.match(page_html, m.end())
            if lead and after_title.lstrip().startswith('<aside class="kb-infobox"'):
                # The infobox and the lead paragraph together, so that a phone can show the
                # lead first (kb.css); on a wide screen the wrapper is not a box at all.
                placed = f'<div class="kb-lead">{after_title}{lead.group()}</div>'
                page_html = page_html[: m.end()] + placed + page_html[lead.end():]
            else:
                page_html = page_html[: m.end()] + after_title + page_html[m.end():]
    return page_html


def place_at_article_end(page_html: str, html: str) -> str:
    """Put generated HTML at the end of the page's article (after its notes)."""
    end = page_html.rfind("</article>")
    return page_html if end < 0 else page_html[:end] + html + page_html[end:]


# --- Redirect pages ---------------------------------------------------------------------------


def redirect_html(from_url: str, to_url: str) -> str:
    """A static redirect page (no script: it works under a strict Content-Security-Policy)."""
    base = from_url if from_url.endswith("/") else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath(to_url.rstrip("/") or ".", base.rstrip("/") or ".") + ("/" if to_url.endswith("/") else "")
    return str(templates.html("redirect.html", url=quote(rel, safe="/._-~"))) + "\n"
