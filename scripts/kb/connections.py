"""An entity page's "Connections" map as a static SVG: the page in the middle, the pages whose
relations point to it on the left, the pages its relations point to on the right.

Made at build time like the rest (no script, nothing to load): every node is a link to its
page, every arrow follows a relation's direction and carries its label. The infobox lists the
same relations as text; the graph page shows the whole knowledge base.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import templates
from .neighbourhood import Neighbour, neighbours
from .render import HtmlLinks

if TYPE_CHECKING:
    from .relations import RelationGraph
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
    nodes = []
    for side, shown in (("left", shown_left), ("right", shown_right)):
        top = middle - len(shown) * ROW / 2
        for index, neighbour in enumerate(shown):
            nodes.append(_node(links, page, neighbour, side, top + index * ROW + ROW / 2, middle))
    box_left, box_right = _BOX
    graph_link = links.page(GRAPH_PAGE, "graph of the whole knowledge base") if GRAPH_PAGE in graph.site.pages else ""
    return templates.html(
        "connections.html", width=WIDTH, height=height, title=title, short_title=_short(title, _BOX_CHARS),
        nodes=nodes, page_type=page.type, box_left=box_left, box_width=box_right - box_left,
        box_y=f"{middle - 18:g}", box_x=f"{(box_left + box_right) / 2:g}", box_text_y=f"{middle + 5:g}",
        more=more, graph_link=graph_link,
    )


def _node(links: HtmlLinks, page: Page, neighbour: Neighbour, side: str, y: float, middle: float) -> dict[str, object]:
    """What the template draws of one neighbour: its arrow, its dot, its name and relations."""
    other = links.site.pages[neighbour.uri]
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
    return {"path": path, "url": links.url(neighbour.uri), "type": other.type, "spoken": spoken, "dot": dot,
            "y": f"{y:g}", "text_x": text_x, "anchor": anchor, "name": _short(name, _TITLE_CHARS),
            "name_y": f"{y - 3:g}", "relation": _short(relation, _LABEL_CHARS), "relation_y": f"{y + 13:g}"}
