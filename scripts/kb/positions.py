"""Positions: who argues what. Records live on the topic they concern (front matter
``positions:``); the topic shows them as a table, and each holder's page lists its own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .sourceref import Cite, parse_cite

if TYPE_CHECKING:
    from .site import Site


@dataclass(frozen=True)
class Position:
    """One position: on a topic, held by a page (``holder_uri``) or an unnamed group (``holder``)."""

    topic: str
    holder: str
    """A page path, or a description such as "Some Western analysts"."""
    summary: str
    cite: Cite | None
    """The source and paragraph it rests on, if the record names a valid one."""
    quote: str = ""
    scope: str = ""

    @property
    def holder_uri(self) -> str | None:
        """The holder's page, if the holder is one."""
        return self.holder if self.holder.endswith(".md") else None


def positions(site: Site) -> list[Position]:
    """Every well-formed position record of the site, in page order (the checker reports the rest)."""
    found = []
    for page in site.iter_pages():
        records = page.meta.get("positions")
        if page.type != "topic" or not isinstance(records, list):
            continue
        for record in records:
            if not isinstance(record, dict) or not isinstance(record.get("holder"), str):
                continue
            found.append(Position(
                page.src_uri, record["holder"], str(record.get("summary") or ""),
                parse_cite(record.get("cite")),
                str(record.get("quote") or ""), str(record.get("scope") or ""),
            ))
    return found


