"""Documentation generated from code: the content schema and the problem codes.

Pages hold a marker comment (``<!-- kb:schema -->``); `fill_markers` replaces each marker with
Markdown generated here, so the prose around it and the code can never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from . import schema
from .problems import CODES, Problem

if TYPE_CHECKING:
    from .site import Page, Site

_MARKER = re.compile(r"^<!-- kb:([a-z-]+) -->$", re.M)


class MarkerError(ValueError):
    """A page names a marker nothing fills."""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _example(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "`[" + ", ".join(map(str, value)) + "]`"
    if isinstance(value, dict):
        return "see below"
    return f"`{value}`"


def _field_rows(fields: list[schema.Field]) -> list[str]:
    rows = ["| Field | Kind | Required | Meaning | Example |", "| --- | --- | --- | --- | --- |"]
    for f in fields:
        rows.append(f"| `{f.name}` | {f.kind.value} | {'yes' if f.required else 'no'} | {_cell(f.doc)} | {_example(f.example)} |")
    return rows


def schema_markdown() -> str:
    """The content schema as Markdown: common fields, each type's fields, the relations."""
    out = ["## Fields every entity page has", ""]
    out += _field_rows([*schema.COMMON_FIELDS, schema.RELATIONS_FIELD])
    out += ["", "## Page types", ""]
    out += ["| Type | Folder | What it is | schema.org |", "| --- | --- | --- | --- |"]
    for t in schema.PAGE_TYPES.values():
        out.append(f"| {t.label} (`{t.name}`) | `{t.folder}/` | {_cell(t.doc)} | {t.schema_org} |")
    for t in schema.PAGE_TYPES.values():
        out += ["", f"### {t.label} fields", ""]
        if t.fields:
            out += _field_rows(list(t.fields))
        else:
            out.append("No fields beyond the common ones.")
    out += ["", "## Plain pages", "",
            "Pages at the top of `docs/`, in `about/`, and the `index.md` of every folder are plain pages:",
            "they need a `title` and may use these fields:", ""]
    out += _field_rows([f for f in schema.fields_for(schema.PLAIN).values() if f.name != "title"])
    out += ["", "## Relations", "",
            "Under `relations:`, each relation type lists its targets: a page path relative to `docs/`,",
            "or a mapping with `target`, an optional `scope` (when it held, e.g. `2008–2011`) and an",
            "optional `cite` (the source paragraph, a number).", "",
            "| Relation | Reads | Inverse (on the target) | From | To |", "| --- | --- | --- | --- | --- |"]
    for r in schema.RELATIONS.values():
        out.append(f"| `{r.name}` | {r.label} | {r.inverse} | {', '.join(sorted(r.domain))} | {', '.join(sorted(r.range))} |")
    return "\n".join(out) + "\n"


def codes_markdown() -> str:
    """Every problem code with its severity and summary."""
    rows = ["| Code | Severity | Problem |", "| --- | --- | --- |"]
    rows += [f"| {c.code} {{#{c.code.lower()}}} | {c.severity} | {_cell(c.summary)} |" for c in CODES.values()]
    return "\n".join(rows) + "\n"


#: What each marker is filled with.
MARKERS: dict[str, Callable[[], str]] = {"schema": schema_markdown, "codes": codes_markdown}


def fill_markers(markdown: str, strict: bool = True) -> str:
    """Replace every ``<!-- kb:NAME -->`` line with its generated Markdown.

    An unknown marker raises `MarkerError` (or, with ``strict=False``, is left as it is).
    """

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in MARKERS:
            if not strict:
                return match.group(0)
            raise MarkerError(f"unknown marker 'kb:{name}' (known: {', '.join(MARKERS)})")
        return MARKERS[name]()

    return _MARKER.sub(replace, markdown)


def find_markers(markdown: str) -> list[tuple[str, int]]:
    """(name, offset) of every marker line in a page's text."""
    if "<!-- kb:" not in markdown:
        return []
    return [(m.group(1), m.start()) for m in _MARKER.finditer(markdown)]


def check_markers(page: Page, site: Site) -> Iterator[Problem]:
    """Every marker on a page names something that fills it."""
    for name, offset in page.scan.markers:
        if name not in MARKERS:
            line, col = page.position(offset)
            yield Problem(page.src_uri, line, col, "KB005", f"unknown marker 'kb:{name}'",
                          f"known markers: {', '.join('kb:' + m for m in MARKERS)}")
