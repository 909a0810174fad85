"""An entity page's local neighbourhood as a static SVG: the page in the middle, the pages whose
relations point to it on the left, the pages its relations point to on the right.

Made at build time like the rest (no script, nothing to load): every node is a link to its
page, every arrow follows a relation's direction and carries its label. The infobox lists the
same relations as text; the graph page shows the whole knowledge base.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import schema
from .render import HtmlLinks

if TYPE_CHECKING:
    from .relations import Edge, RelationGraph
    from .site import Page

#: The page of the whole graph, linked from the caption.
GRAPH_PAGE = "graph.md"

#: Nodes shown on each side at most; the others are counted ("and 3 more").
PER_SIDE = 12

WIDTH = 760
ROW = 44
"""Height of one node's row: its title and its relation below it."""
_LEFT_DOT, _RIGHT_DOT = 250, 510
_BOX = (300, 460)  # the middle page's box, left and right edges
_TITLE_CHARS, _BOX_CHARS, _LABEL_CHARS = 30, 22, 36


@dataclass
class Neighbour:
    """A page on one side of the map, with the relations that put it there (label, scope)."""

    uri: str
    relations: list[tuple[str, str]] = field(default_factory=list)


def neighbours(page: Page, graph: RelationGraph) -> tuple[list[Neighbour], list[Neighbour]]:
    """(left, right): the pages whose relations point to this one, and the pages its relations
    point to (a page related both ways is on both sides), each ordered by type, then title."""
    site = graph.site
    order = list(schema.PAGE_TYPES)  # relations join entities only: every neighbour has a type

    def side(edges: list[Edge], other: str) -> list[Neighbour]:
        found: dict[str, Neighbour] = {}
        for edge in sorted(edges):
            uri = getattr(edge, other)
            if uri != page.src_uri:
                found.setdefault(uri, Neighbour(uri)).relations.append((edge.spec.label.lower(), edge.scope))

        def key(n: Neighbour) -> tuple[int, str, str]:
            that = site.pages[n.uri]
            return (order.index(that.type), that.title.casefold(), n.uri)

        return sorted(found.values(), key=key)

    return side(graph.incoming.get(page.src_uri, []), "source"), side(graph.outgoing.get(page.src_uri, []), "target")


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def neighbourhood_html(page: Page, graph: RelationGraph) -> str:
    """The "Connections" section of an entity page (placed after rendering), or '' if the page
    has no relations."""
    left, right = neighbours(page, graph)
    if not left and not right:
        return ""
    links = HtmlLinks(graph.site, page.src_uri)
    shown_left, shown_right = left[:PER_SIDE], right[:PER_SIDE]
    more = len(left) - len(shown_left) + len(right) - len(shown_right)
    rows = max(len(shown_left), len(shown_right), 1)
    height = rows * ROW + 16
    middle = height / 2
    title = page.title or page.src_uri
    parts = [
        f'<svg class="kb-nb__map" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="group" aria-label="Connections of {html.escape(title)}">',
        '<defs><marker id="kb-nb-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto"><path d="M0 0L10 5L0 10z" class="kb-nb__head"/></marker></defs>',
    ]
    for side, shown in (("left", shown_left), ("right", shown_right)):
        top = middle - len(shown) * ROW / 2
        for index, neighbour in enumerate(shown):
            y = top + index * ROW + ROW / 2
            parts.append(_node(links, page, neighbour, side, y, middle))
    box_left, box_right = _BOX
    page_class = f"kb-nb--{page.type}"
    parts.append(
        f'<g class="kb-nb__self {page_class}"><rect x="{box_left}" y="{middle - 18:g}" width="{box_right - box_left}" '
        f'height="36" rx="6"/><text x="{(box_left + box_right) / 2:g}" y="{middle + 5:g}" text-anchor="middle">'
        f"{html.escape(_short(title, _BOX_CHARS))}</text>"
        + (f"<title>{html.escape(title)}</title>" if len(title) > _BOX_CHARS else "") + "</g>"
    )
    parts.append("</svg>")
    caption = (f"On the left, the pages whose relations point to {html.escape(title)}; on the right, the pages "
               "its relations point to.")
    if more:
        caption += f" {more} more are listed in the infobox."
    if GRAPH_PAGE in graph.site.pages:
        caption += f" See also the {links.page(GRAPH_PAGE, 'graph of the whole knowledge base')}."
    return (f'<h2 id="connections">Connections</h2><figure class="kb-nb">{"".join(parts)}'
            f"<figcaption>{caption}</figcaption></figure>")


def _node(links: HtmlLinks, page: Page, neighbour: Neighbour, side: str, y: float, middle: float) -> str:
    other = links.site.pages[neighbour.uri]
    url = links.url(neighbour.uri)
    name = other.title or neighbour.uri
    box_left, box_right = _BOX
    bend = (_LEFT_DOT + box_left) / 2 if side == "left" else (_RIGHT_DOT + box_right) / 2
    if side == "left":  # an arrow from the neighbour to the middle page
        dot, anchor, text_x = _LEFT_DOT, "end", _LEFT_DOT - 10
        path = f"M{dot + 6} {y:g}C{bend:g} {y:g} {bend:g} {middle:g} {box_left - 2} {middle:g}"
        subject, obj = name, page.title
    else:  # an arrow from the middle page to the neighbour
        dot, anchor, text_x = _RIGHT_DOT, "start", _RIGHT_DOT + 10
        path = f"M{box_right + 2} {middle:g}C{bend:g} {middle:g} {bend:g} {y:g} {dot - 6} {y:g}"
        subject, obj = page.title, name
    relation = "; ".join(f"{label} ({scope})" if scope else label for label, scope in neighbour.relations)
    # The link's name (and tooltip) begins with the name the map shows, then says the relation
    # in full, in its direction.
    sentences = [f"{subject} {label} {obj}" + (f" ({scope})" if scope else "") for label, scope in neighbour.relations]
    spoken = f"{name}: " + "; ".join(sentences) if side == "right" else "; ".join(sentences)
    # `xlink:href`, not `href`: the theme's instant navigation rewrites every `[href]` of a new
    # page by assignment, which an SVG link refuses (its href is read-only); browsers follow both.
    return (
        f'<path class="kb-nb__edge" d="{path}" marker-end="url(#kb-nb-arrow)"/>'
        f'<a xlink:href="{html.escape(url)}" class="kb-nb__node kb-nb--{other.type}"><title>{html.escape(spoken)}</title>'
        f'<circle cx="{dot}" cy="{y:g}" r="6"/>'
        f'<text x="{text_x}" y="{y - 3:g}" text-anchor="{anchor}">{html.escape(_short(name, _TITLE_CHARS))}</text>'
        f'<text class="kb-nb__relation" x="{text_x}" y="{y + 13:g}" text-anchor="{anchor}">'
        f"{html.escape(_short(relation, _LABEL_CHARS))}</text></a>"
    )
