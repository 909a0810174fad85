"""Problems: what the checker reports, with a code, a severity, a place and a hint.

Every code is declared once in `CODES`; the documentation page of the codes is generated from
it (`kb.docs.codes_markdown`), so prose and code cannot drift.
"""

from __future__ import annotations

import enum
import json
import posixpath
import re
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
    unbuildable: bool = False
    """A problem the builder would stop on with a traceback (a missing snippet): the build stops
    first, in every mode, and names the file and line."""

    @property
    def stops_build(self) -> bool:
        """Whether every build stops while a problem of this code is left."""
        return self.security or self.unbuildable


_E, _W = Severity.ERROR, Severity.WARNING
_SECURE = {"security": True}
_UNBUILDABLE = {"unbuildable": True}

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
        Code("KB006", _E, "Checker cache is under version control", **_SECURE),
        Code("KB007", _E, "File names that differ only in letter case"),
        Code("KB008", _E, "Snippet file or block that does not exist", **_UNBUILDABLE),
        Code("KB009", _E, "Snippet path that leads outside the snippet folder", **_SECURE),
        Code("KB010", _E, "File that MkDocs drops: another file of its folder has the same address"),
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
        Code("KB115", _E, "YAML anchor, alias or merge key in front matter", **_SECURE),
        Code("KB116", _E, "Front-matter key written twice"),
        Code("KB117", _E, "Impossible date in front matter"),
        Code("KB118", _E, "Markup or character reference in front-matter text", **_SECURE),
        Code("KB119", _E, "Control or bidirectional character in front-matter text", **_SECURE),
        Code("KB120", _E, "Page status the theme does not know", **_SECURE),
        Code("KB121", _E, "Icon the theme does not have"),
        Code("KB122", _E, "Page chooses its template", **_SECURE),
        Code("KB123", _E, "Unknown value in 'hide'"),
        Code("KB124", _E, "Old path (redirect_from) that could lead outside the site", **_SECURE),
        Code("KB125", _E, "Old path (redirect_from) already taken by a file, page, asset or export"),
        Code("KB126", _E, "Old path or alias redirect claimed by two pages"),
        Code("KB127", _E, "Too many aliases or old paths on one page"),
        Code("KB128", _E, "Old path (redirect_from) that is not a Markdown page path"),
        Code("KB129", _E, "Two pages with the same title"),
        # --- Links and anchors
        Code("KB201", _E, "Link target does not exist"),
        Code("KB202", _E, "Link target differs only in letter case"),
        Code("KB203", _E, "Link escapes the docs directory"),
        Code("KB204", _E, "Link to a folder that has no index page"),
        Code("KB205", _E, "Link to a page that is not published"),
        Code("KB206", _E, "Link to an anchor the target page does not have"),
        Code("KB207", _E, "Reference link with no definition"),
        Code("KB208", _E, "Footnote reference with no definition"),
        Code("KB209", _E, "Absolute link inside the site"),
        Code("KB210", _E, "File name with control characters or characters that break URLs", **_SECURE),
        Code("KB211", _E, "Snippet from a URL", **_SECURE),
        Code("KB212", _E, "Snippet section that does not exist", **_UNBUILDABLE),
        Code("KB213", _E, "Too many snippet inclusions in one file"),
        Code("KB214", _E, "Footnote defined but never referenced"),
        Code("KB220", _E, "Built page links to a file the site does not have"),
        Code("KB221", _E, "Built page links to an anchor its target does not have"),
        # --- Unsafe content
        Code("KB301", _E, "Element that can run script or embed another site", **_SECURE),
        Code("KB302", _E, "Inline event handler attribute", **_SECURE),
        Code("KB303", _E, "URL with a script or data scheme", **_SECURE),
        Code("KB304", _E, "Markdown the build would take too long to render", **_SECURE),
        Code("KB305", _E, "Page too large to render in time", **_SECURE),
        Code("KB310", _E, "Built page holds an element that can run, embed or load", **_SECURE),
        Code("KB311", _E, "Built page holds an event handler attribute", **_SECURE),
        Code("KB312", _E, "Built page holds a URL whose scheme is not http, https, mailto or tel", **_SECURE),
        Code("KB313", _E, "Built page loads a resource from another host", **_SECURE),
        Code("KB314", _E, "Built page holds CSS that can load or run something", **_SECURE),
        Code("KB315", _E, "Built page holds a script that is not the theme's or the site's own", **_SECURE),
        Code("KB316", _E, "Built page holds a JSON script block that is not valid JSON", **_SECURE),
        Code("KB317", _E, "File in docs/ that a browser would open as a document and that cannot be judged", **_SECURE),
        # --- Knowledge-base content rules
        Code("KB401", _E, "Entity page does not cite any source"),
        Code("KB402", _E, "Template placeholder (TODO) left in a page"),
        Code("KB403", _E, "Citation of a source page that does not exist"),
        Code("KB405", _E, "Quotation longer than the source's licence allows"),
        Code("KB407", _E, "Page copies a long run of words from a source that is not in the public domain"),
        Code("KB408", _E, "Source page's digest does not match the paragraphs it declares"),
        # --- Editorial warnings
        Code("KB501", _W, "Entity page that no other page links to (orphan)"),
        Code("KB502", _W, "Entity mentioned by name without a link"),
        Code("KB503", _W, "Page renamed or moved without a redirect from its old URL"),
        Code("KB504", _W, "Source page that no page cites"),
    )
}


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in one file, at a 1-based line and column."""

    file: str
    """Path of the file, POSIX, relative to the docs directory (``../includes/x.md`` for a
    snippet outside it: `display_path` prints it from the project root)."""
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

    @property
    def stops_build(self) -> bool:
        """Whether every build stops on this problem (`Code.stops_build`)."""
        return CODES[self.code].stops_build

    def format(self, prefix: str = "", with_hint: bool = True) -> str:
        """Render as ``path:line:col: CODE message (hint)``."""
        hint = f" ({self.hint})" if self.hint and with_hint else ""
        kind = "" if self.severity is Severity.ERROR else "warning: "
        text = f"{display_path(prefix, self.file)}:{self.line}:{self.col}: {self.code} {kind}{self.message}{hint}"
        return printable(text)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready mapping (the ``--format json`` record)."""
        return {"file": self.file, "line": self.line, "col": self.col, "code": self.code,
                "message": self.message, "hint": self.hint, "severity": str(self.severity)}

    def github_annotation(self, prefix: str = "") -> str:
        """Render as a GitHub Actions workflow command (a file annotation)."""
        level = "error" if self.severity is Severity.ERROR else "warning"
        text = f"{self.code} {self.message}" + (f" ({self.hint})" if self.hint else "")
        file = _escape_property(display_path(prefix, self.file))
        return f"::{level} file={file},line={self.line},col={self.col}::{_escape_data(text)}"


def display_path(prefix: str, file: str) -> str:
    """A problem's file as printed: `prefix` (the docs directory as the user reaches it) joined
    to its docs-relative path, with a path out of the docs directory (an include,
    ``../includes/x.md``) made direct (``includes/x.md``)."""
    if file.startswith("../"):
        return posixpath.normpath(prefix + file) if prefix else file
    return prefix + file


#: Characters that could forge lines or restyle a terminal when printed: C0 and C1 controls,
#: line and paragraph separators, and bidirectional overrides.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with every character of `_UNPRINTABLE` written as an escape (``\\n``, ``\\x1b``)."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _escape_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub Actions requires (other control
    characters as in `printable`)."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    """A workflow command's property value (``file=``), escaped as GitHub Actions requires."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_json(problems: list[Problem]) -> str:
    """Serialise problems as a JSON list."""
    return json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False)
