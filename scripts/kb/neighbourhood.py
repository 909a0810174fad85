"""An entity page's local neighbourhood: the pages whose relations point to it, and the pages
its relations point to (drawn as the "Connections" map by `kb.connections`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import schema

if TYPE_CHECKING:
    from .relations import Edge, RelationGraph
    from .site import Page

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
            return (order.index(str(that.type)), that.title.casefold(), n.uri)

        return sorted(found.values(), key=key)

    return side(graph.incoming.get(page.src_uri, []), "source"), side(graph.outgoing.get(page.src_uri, []), "target")
