"""Positions: who argues what. Records live on the topic they concern (front matter
``positions:``); the topic shows them as a table, and each holder's page lists its own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import render, templates

if TYPE_CHECKING:
    from .site import Site


@dataclass(frozen=True)
class Position:
    """One position: on a topic, held by a page (``holder_uri``) or an unnamed group (``holder``)."""

    topic: str
    holder: str
    """A page path, or a description such as "Some Western analysts"."""
    summary: str
    cite: int | None
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
            cite = record.get("cite")
            found.append(Position(
                page.src_uri, record["holder"], str(record.get("summary") or ""),
                cite if isinstance(cite, int) and not isinstance(cite, bool) else None,
                str(record.get("quote") or ""), str(record.get("scope") or ""),
            ))
    return found


def _holder(site: Site, from_uri: str, position: Position) -> str:
    uri = position.holder_uri
    if uri and uri in site.pages:
        return render.link(from_uri, uri, site.pages[uri].title)
    return position.holder


def topic_table(site: Site, topic_uri: str, rows: list[Position] | None = None) -> str:
    """The "who argues what" table of a topic, or '' (`rows`: its positions, if already known)."""
    rows = [p for p in positions(site) if p.topic == topic_uri] if rows is None else rows
    if not rows:
        return ""
    table = [(_holder(site, topic_uri, p), p.summary, p.quote, p.scope, render.cite(topic_uri, p.cite))
             for p in rows]
    return templates.markdown("positions_topic.md", rows=table)


def holder_section(site: Site, holder_uri: str, rows: list[Position] | None = None) -> str:
    """The "Positions" section of a holder's page, or '' (`rows`: its positions, if known)."""
    rows = [p for p in positions(site) if p.holder_uri == holder_uri] if rows is None else rows
    if not rows:
        return ""
    items = [(render.link(holder_uri, p.topic, site.pages[p.topic].title), p.scope, p.summary, p.quote,
              render.cite(holder_uri, p.cite)) for p in rows]
    return templates.markdown("positions_holder.md", rows=items)
