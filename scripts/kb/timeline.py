"""The timeline: dated entries from front matter (events, signings, entries into force)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import citations, dates
from .sourceref import Cite

if TYPE_CHECKING:
    from .site import Site

#: (page type, date field, how the entry reads; {title} is the page's title).
DATED_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("event", "date", "{title}"),
    ("treaty", "signed", "{title} signed"),
    ("treaty", "in_force", "{title} enters into force"),
)


@dataclass(frozen=True, order=True)
class Entry:
    """One dated entry; sorts by date, then by text."""

    sort_key: str
    """``YYYY-MM-DD`` with unknown parts as ``00``, so "June 2011" sorts before 1 June 2011."""
    date: str
    text: str
    src_uri: str
    cites: tuple[Cite, ...]
    """The source paragraphs the entry's page rests on (`kb.citations.cited_paragraphs`)."""


def _sort_key(value: Any) -> str | None:
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-00-00"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return f"{text}-00"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    return None


def entries(site: Site) -> list[Entry]:
    """Every dated entry of the site, in date order.

    A treaty's signing or entry into force is left out when an event page on the same day is
    about that treaty (the event tells it).
    """
    from .relations import edges_of

    told_by_events = set()
    for page in site.iter_pages():
        if page.type == "event" and "date" in page.meta:
            key = _sort_key(page.meta["date"])
            told_by_events |= {(key, e.target) for e in edges_of(page.src_uri, page.meta) if e.relation == "about"}
    found = []
    for page in site.iter_pages():
        for page_type, field, template in DATED_FIELDS:
            if page.type != page_type or field not in page.meta:
                continue
            key = _sort_key(page.meta[field])
            if key is None or (page_type == "treaty" and (key, page.src_uri) in told_by_events):
                continue  # malformed dates are the checker's business
            when = dates.format_date(page.meta[field])
            if page_type == "event" and page.meta.get("end"):
                when += " – " + dates.format_date(page.meta["end"])
            cited = tuple(citations.cited_paragraphs(page, site))
            found.append(Entry(key, when, template.format(title=page.title), page.src_uri, cited))
    return sorted(found)


def by_page(found: list[Entry]) -> dict[str, list[Entry]]:
    """Entries grouped by the page they come from."""
    index: dict[str, list[Entry]] = {}
    for entry in found:
        index.setdefault(entry.src_uri, []).append(entry)
    return index


