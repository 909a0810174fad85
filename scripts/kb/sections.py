"""Generated sections of pages, written from the knowledge layer's data through the templates:
"Referenced by", the glossary table, who argues what (a topic's table, a holder's section), the
timeline (the Timeline page's table and each page's own section).

Markdown sections are filled in before rendering (MkDocs resolves and checks their links);
HTML sections are placed after rendering (`kb.render.place_in_article`), linking to built URLs.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from . import schema, templates
from .glossary import terms
from .positions import Position, positions
from .render import HtmlLinks, cite, link
from .timeline import Entry, by_page, entries

if TYPE_CHECKING:
    from .relations import RelationGraph
    from .site import Page, Site


def referenced_by_html(site: Site, src_uri: str, index: dict[str, set[str]]) -> str:
    """The "Referenced by" section as HTML (placed after rendering), or ''."""
    pages = index.get(src_uri)
    if not pages:
        return ""
    groups: dict[str, list[str]] = defaultdict(list)
    for uri in pages:
        groups[str(site.pages[uri].type)].append(uri)
    order = [*schema.PAGE_TYPES, schema.PLAIN]
    links = HtmlLinks(site, src_uri)
    rows = []
    for page_type in sorted(groups, key=order.index):
        label = schema.PAGE_TYPES[page_type].plural if page_type in schema.PAGE_TYPES else "Other pages"
        uris = sorted(groups[page_type], key=lambda u: site.pages[u].title.casefold())
        rows.append((label, [links.page(u) for u in uris]))
    return templates.html("referenced_by.html", groups=rows)


def glossary_markdown(site: Site, from_uri: str) -> str:
    """The glossary as a table."""
    rows = [(term.abbreviation, term.meaning,
             link(from_uri, term.page, site.pages[term.page].title) if term.page else None)
            for term in terms(site)]
    return templates.markdown("glossary.md", rows=rows)


def _holder(site: Site, from_uri: str, position: Position) -> str:
    uri = position.holder_uri
    if uri and uri in site.pages:
        return link(from_uri, uri, site.pages[uri].title)
    return position.holder


def topic_table(site: Site, topic_uri: str, rows: list[Position] | None = None) -> str:
    """The "who argues what" table of a topic, or '' (`rows`: its positions, if already known)."""
    rows = [p for p in positions(site) if p.topic == topic_uri] if rows is None else rows
    if not rows:
        return ""
    table = [(_holder(site, topic_uri, p), p.summary, p.quote, p.scope, cite(topic_uri, p.cite))
             for p in rows]
    return templates.markdown("positions_topic.md", rows=table)


def holder_section(site: Site, holder_uri: str, rows: list[Position] | None = None) -> str:
    """The "Positions" section of a holder's page, or '' (`rows`: its positions, if known)."""
    rows = [p for p in positions(site) if p.holder_uri == holder_uri] if rows is None else rows
    if not rows:
        return ""
    items = [(link(holder_uri, p.topic, site.pages[p.topic].title), p.scope, p.summary, p.quote,
              cite(holder_uri, p.cite)) for p in rows]
    return templates.markdown("positions_holder.md", rows=items)


def timeline_markdown(site: Site, from_uri: str) -> str:
    """A table of every dated entry, linked and cited (the Timeline page)."""
    rows = [(e.date, link(from_uri, e.src_uri, e.text),
             [cite(from_uri, c, plain=True) for c in e.cites])
            for e in entries(site)]
    return templates.markdown("timeline.md", rows=rows) if rows else ""


def page_timeline_html(page: Page, graph: RelationGraph, index: dict[str, list[Entry]] | None = None) -> str:
    """The page's timeline section as HTML (placed after rendering), or ''."""
    related = {page.src_uri}
    related |= {e.target for e in graph.outgoing.get(page.src_uri, [])}
    related |= {e.source for e in graph.incoming.get(page.src_uri, [])}
    index = by_page(entries(graph.site)) if index is None else index
    found = sorted(e for uri in related for e in index.get(uri, []))
    if not found:
        return ""
    links = HtmlLinks(graph.site, page.src_uri)
    rows = [(e.date, links.page(e.src_uri, e.text), [links.cite(c) for c in e.cites]) for e in found]
    return templates.html("timeline_section.html", rows=rows)
