"""Typed relations between entities, read from front matter, seen from both ends."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from . import schema
from .sourceref import Cite, parse_cite

if TYPE_CHECKING:
    from .site import Site


@dataclass(frozen=True, order=True)
class Edge:
    """One relation: `source` page --`relation`--> `target` page, optionally scoped and cited."""

    source: str
    relation: str
    target: str
    scope: str = ""
    cite: Cite | None = None
    """The source (and paragraph) that supports it, if it names a valid one."""

    @property
    def spec(self) -> schema.Relation:
        """The relation's entry in the vocabulary."""
        return schema.RELATIONS[self.relation]


def edges_of(src_uri: str, meta: dict[str, Any]) -> list[Edge]:
    """The valid relation edges a page's front matter declares (invalid ones are the checker's)."""
    relations = meta.get("relations")
    if not isinstance(relations, dict):
        return []
    edges = []
    for name, entries in relations.items():
        if name not in schema.RELATIONS:
            continue
        for entry in entries if isinstance(entries, list) else [entries]:
            if isinstance(entry, str):
                entry = {"target": entry}
            if not isinstance(entry, dict) or not isinstance(entry.get("target"), str):
                continue
            edges.append(Edge(src_uri, name, entry["target"], str(entry.get("scope") or ""),
                              parse_cite(entry.get("cite"))))
    return edges


class RelationGraph:
    """Every relation of a site, indexed by source and by target."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.outgoing: dict[str, list[Edge]] = defaultdict(list)
        self.incoming: dict[str, list[Edge]] = defaultdict(list)
        for page in site.iter_pages():
            if not page.is_entity:
                continue
            for edge in edges_of(page.src_uri, page.meta):
                if edge.target in site.pages:
                    self.outgoing[edge.source].append(edge)
                    self.incoming[edge.target].append(edge)

    @cached_property
    def edges(self) -> list[Edge]:
        """All edges, sorted (deterministic output)."""
        return sorted(e for edges in self.outgoing.values() for e in edges)
