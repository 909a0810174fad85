"""The glossary: abbreviations defined once (a snippet auto-appended to every page, so each shows a
tooltip), listed on the glossary page, each linked to its entity page where there is one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .site import Site

_DEFINITION = re.compile(r"^\*\[([^\]]+)\]:[ \t]*(.+?)[ \t]*$", re.M)

#: The snippet (under pymdownx.snippets' base_path) that holds the abbreviations.
ABBREVIATIONS_FILE = "abbreviations.md"


@dataclass(frozen=True)
class Term:
    """One abbreviation, its expansion, and the page it names (if any)."""

    abbreviation: str
    meaning: str
    page: str | None


def read_abbreviations(path: Path) -> list[tuple[str, str]]:
    """(abbreviation, meaning) pairs of an abbr-extension file, in file order."""
    return [(m.group(1), m.group(2)) for m in _DEFINITION.finditer(path.read_text(encoding="utf-8"))]


def terms(site: Site) -> list[Term]:
    """The glossary, sorted by abbreviation, each matched to a page by title or alias."""
    names: dict[str, str] = {}
    for page in site.iter_pages():
        if not page.is_entity:
            continue
        for name in [page.title, *[a for a in page.meta.get("aliases") or [] if isinstance(a, str)]]:
            names.setdefault(name.casefold(), page.src_uri)
    found = []
    for path in site.config.snippet_files("auto_append"):
        if path.name != ABBREVIATIONS_FILE:
            continue
        for abbreviation, meaning in read_abbreviations(path):
            named = names.get(abbreviation.casefold()) or names.get(meaning.casefold())
            found.append(Term(abbreviation, meaning, named))
    return sorted(found, key=lambda t: t.abbreviation.casefold())


