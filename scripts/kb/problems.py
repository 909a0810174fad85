"""Problems: what the checker reports, with a code, a severity, a place and a hint.

Every code is declared once in `CODES`; the documentation page of the codes is generated from
it (`kb.docs.codes_table`), so prose and code cannot drift.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass


class Severity(enum.IntEnum):
    """How bad a problem is: errors fail the check, warnings are printed only."""

    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Code:
    """One kind of problem."""

    code: str
    severity: Severity
    summary: str
    security: bool = False
    """A problem that could harm a reader, a maintainer's machine or CI: the build refuses to
    publish in every mode (strict or not, quiet or not) while one is left."""


_E, _W = Severity.ERROR, Severity.WARNING
_SECURE = {"security": True}

#: Every problem code the checker can report, grouped by hundreds.
CODES: dict[str, Code] = {
    c.code: c
    for c in (
        # --- Files
        Code("KB001", _E, "File is not valid UTF-8"),
        Code("KB002", _E, "File is empty"),
        Code("KB003", _E, "Symbolic link inside the docs directory", **_SECURE),
        Code("KB004", _E, "Page is outside every type folder"),
        Code("KB005", _E, "Unknown generated-content marker"),
        # --- Front matter and content schema
        Code("KB101", _E, "Front matter is not valid YAML"),
        Code("KB102", _E, "Front matter is not a mapping"),
        Code("KB103", _E, "Front matter is not terminated"),
        Code("KB104", _E, "Required field is missing"),
        Code("KB105", _E, "Unknown field"),
        Code("KB106", _E, "Field has the wrong kind of value"),
        Code("KB107", _E, "Page type is given in front matter"),
        Code("KB108", _E, "Unknown relation type"),
        Code("KB109", _E, "Relation target does not exist"),
        Code("KB110", _E, "Relation target has the wrong type"),
        Code("KB111", _E, "Citation to a paragraph that does not exist"),
        Code("KB112", _E, "Title, alias or slug used by two pages"),
        Code("KB113", _E, "Quotation not found in the paragraph it cites"),
        Code("KB114", _E, "Tag outside the vocabulary"),
        # --- Links and anchors
        Code("KB201", _E, "Link target does not exist"),
        Code("KB202", _E, "Link target differs only in letter case"),
        Code("KB203", _E, "Link escapes the docs directory"),
        Code("KB204", _E, "Link to a folder that has no index page"),
        Code("KB205", _E, "Link to a page that is not published"),
        Code("KB206", _E, "Link to an anchor the target page does not have"),
        Code("KB207", _E, "Reference link with no definition"),
        Code("KB208", _E, "Footnote reference with no definition"),
        Code("KB209", _W, "Absolute link inside the site"),
        # --- Unsafe content
        Code("KB301", _E, "Element that can run script or embed another site", **_SECURE),
        Code("KB302", _E, "Inline event handler attribute", **_SECURE),
        Code("KB303", _E, "URL with a script or data scheme", **_SECURE),
        # --- Knowledge-base content rules
        Code("KB401", _E, "Entity page does not cite the source"),
        Code("KB402", _E, "Template placeholder (TODO) left in a page"),
        # --- Editorial warnings
        Code("KB501", _W, "Entity page that no other page links to (orphan)"),
        Code("KB502", _W, "Entity mentioned by name without a link"),
        Code("KB503", _W, "Page renamed or moved without a redirect from its old URL"),
    )
}


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in one file, at a 1-based line and column."""

    file: str
    """Path of the file, POSIX, relative to the docs directory."""
    line: int
    col: int
    code: str
    message: str
    hint: str = ""

    @property
    def severity(self) -> Severity:
        """The severity declared for this problem's code."""
        return CODES[self.code].severity

    @property
    def security(self) -> bool:
        """Whether this problem makes the page unsafe to publish (see `Code.security`)."""
        return CODES[self.code].security

    def format(self, prefix: str = "", with_hint: bool = True) -> str:
        """Render as ``path:line:col: CODE message (hint)``."""
        hint = f" ({self.hint})" if self.hint and with_hint else ""
        kind = "" if self.severity is Severity.ERROR else "warning: "
        return f"{prefix}{self.file}:{self.line}:{self.col}: {self.code} {kind}{self.message}{hint}"

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready mapping (the ``--format json`` record)."""
        return {"file": self.file, "line": self.line, "col": self.col, "code": self.code,
                "message": self.message, "hint": self.hint, "severity": str(self.severity)}

    def github_annotation(self, prefix: str = "") -> str:
        """Render as a GitHub Actions workflow command (a file annotation)."""
        level = "error" if self.severity is Severity.ERROR else "warning"
        text = f"{self.code} {self.message}" + (f" ({self.hint})" if self.hint else "")
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} file={prefix}{self.file},line={self.line},col={self.col}::{text}"


def to_json(problems: list[Problem]) -> str:
    """Serialise problems as a JSON list."""
    return json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False)
