"""Markers: a line ``<!-- kb:NAME [ARGUMENT] -->`` in a page, replaced by generated Markdown.

Static markers depend on code only (the schema tables); site markers depend on every page (the
index of a type). The MkDocs hook fills both; the scanner fills the static ones to learn the
ids they create; the checker reports unknown names and arguments.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from . import docs, export, glossary, render, schema, timeline
from .problems import Problem
from .relations import RelationGraph

if TYPE_CHECKING:
    from .site import Page, Site

MARKER = re.compile(r"^<!-- kb:([a-z-]+)(?: +([a-z0-9_-]+))? -->$", re.M)

#: Markers whose output depends on code only.
STATIC: dict[str, Callable[[], str]] = {
    "schema": docs.schema_markdown,
    "codes": docs.codes_markdown,
    "export-schema": export.schema_markdown,
}

SiteMarker = Callable[["Site", str, str], str]

#: Markers whose output depends on the whole site: (site, page src_uri, argument) -> Markdown.
SITE: dict[str, SiteMarker] = {
    "index": lambda site, src_uri, arg: render.type_index(site, arg, src_uri),
    "timeline": lambda site, src_uri, arg: timeline.timeline_markdown(site, src_uri) or "No dated pages yet.\n",
    "glossary": lambda site, src_uri, arg: glossary.glossary_markdown(site, src_uri),
    "relations": lambda site, src_uri, arg: render.relations_table(RelationGraph(site), src_uri),
}

#: Allowed arguments, for markers that take one.
ARGUMENTS: dict[str, frozenset[str]] = {"index": frozenset(schema.PAGE_TYPES)}


def find(markdown: str) -> list[tuple[str, str, int]]:
    """(name, argument, offset) of every marker line."""
    if "<!-- kb:" not in markdown:
        return []
    return [(m.group(1), m.group(2) or "", m.start()) for m in MARKER.finditer(markdown)]


def fill(markdown: str, site: Site | None = None, src_uri: str = "") -> str:
    """Replace known markers (site markers only when a site is given); leave others as they are."""

    def replace(match: re.Match[str]) -> str:
        name, arg = match.group(1), match.group(2) or ""
        if name in STATIC:
            return STATIC[name]()
        if name in SITE and site is not None and _valid_argument(name, arg):
            return SITE[name](site, src_uri, arg)
        return match.group(0)

    return MARKER.sub(replace, markdown) if "<!-- kb:" in markdown else markdown


def _valid_argument(name: str, arg: str) -> bool:
    allowed = ARGUMENTS.get(name)
    return not arg if allowed is None else arg in allowed


def check_markers(page: Page, site: Site) -> Iterator[Problem]:
    """Every marker names something that fills it, with a valid argument."""
    for name, arg, offset in page.scan.markers:
        if name not in STATIC and name not in SITE:
            line, col = page.position(offset)
            known = ", ".join(f"kb:{m}" for m in (*STATIC, *SITE))
            yield Problem(page.src_uri, line, col, "KB005", f"unknown marker 'kb:{name}'", f"known markers: {known}")
        elif not _valid_argument(name, arg):
            line, col = page.position(offset)
            allowed = ", ".join(sorted(ARGUMENTS.get(name, ()))) or "none"
            yield Problem(page.src_uri, line, col, "KB005", f"marker 'kb:{name}' has a wrong argument '{arg}'",
                          f"allowed: {allowed}")
