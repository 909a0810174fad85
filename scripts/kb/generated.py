"""What fills the markers (`kb.markers`): generated Markdown, by marker name.

Static markers depend on code only (the schema's tables); site markers depend on every page.
The build fills both (`fill`); the scanner is given `fill_static`, to learn the ids the static
ones create.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from . import docs, exports, markers, render, sections
from .relations import RelationGraph

if TYPE_CHECKING:
    from .site import Site

#: Markers whose output depends on code only.
STATIC: dict[str, Callable[[], str]] = {
    "schema": docs.schema_markdown,
    "codes": docs.codes_markdown,
    "export-schema": exports.schema_markdown,
}

SiteMarker = Callable[["Site", str, str], str]

#: Markers whose output depends on the whole site: (site, page src_uri, argument) -> Markdown.
SITE: dict[str, SiteMarker] = {
    "index": lambda site, src_uri, arg: render.type_index(site, arg, src_uri),
    "timeline": lambda site, src_uri, arg: sections.timeline_markdown(site, src_uri) or "No dated pages yet.\n",
    "glossary": lambda site, src_uri, arg: sections.glossary_markdown(site, src_uri),
    "relations": lambda site, src_uri, arg: render.relations_table(RelationGraph(site), src_uri),
}


def fill(markdown: str, site: Site | None = None, src_uri: str = "") -> str:
    """Replace known markers (site markers only when a site is given); leave others as they are."""

    def replace(match: re.Match[str]) -> str:
        name, arg = match.group(1), match.group(2) or ""
        if name in STATIC:
            return STATIC[name]()
        if name in SITE and site is not None and markers.valid_argument(name, arg):
            return SITE[name](site, src_uri, arg)
        return match.group(0)

    return markers.MARKER.sub(replace, markdown) if "<!-- kb:" in markdown else markdown


def fill_static(markdown: str) -> str:
    """Replace the static markers only (what the scanner is given)."""
    return fill(markdown)
