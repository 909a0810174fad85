"""Markers: a line ``<!-- kb:NAME [ARGUMENT] -->`` in a page, replaced by generated Markdown.

This module knows their syntax and their names only. Static markers depend on code only (the
schema tables); site markers depend on every page (the index of a type). What fills them lives
in the output layer (`kb.generated`), which the build, and the scanner (to learn the ids the
static ones create), are given; the checker reports unknown names and arguments
(`kb.validate.check_markers`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import schema

MARKER = re.compile(r"^<!-- kb:([a-z-]+)(?: +([a-z0-9_-]+))? -->$", re.M)

#: Markers whose output depends on code only.
STATIC_NAMES = ("schema", "codes", "export-schema")

#: Markers whose output depends on the whole site.
SITE_NAMES = ("index", "timeline", "glossary", "relations")

#: Allowed arguments, for markers that take one.
ARGUMENTS: dict[str, frozenset[str]] = {"index": frozenset(schema.PAGE_TYPES)}

#: What fills the markers of a page's text (its static ones, or all of them).
Filler = Callable[[str], str]


def find(markdown: str) -> list[tuple[str, str, int]]:
    """(name, argument, offset) of every marker line."""
    if "<!-- kb:" not in markdown:
        return []
    return [(m.group(1), m.group(2) or "", m.start()) for m in MARKER.finditer(markdown)]


def valid_argument(name: str, arg: str) -> bool:
    """Whether a marker's argument is one it takes (none, for markers that take none)."""
    allowed = ARGUMENTS.get(name)
    return not arg if allowed is None else arg in allowed
