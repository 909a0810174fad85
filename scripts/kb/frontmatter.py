"""Front matter: the YAML block at the top of a page, split off and parsed with line numbers.

The split follows MkDocs (``mkdocs.utils.meta``): a page whose first line is ``---`` has front
matter up to the next line that is ``---`` or ``...``. Where MkDocs silently renders a broken
block as page text, we report it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml's loader is several times faster; the pure one gives the same data
    _SafeLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _SafeLoader = yaml.SafeLoader

_OPEN = re.compile(r"---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass
class FrontMatter:
    """The parsed front matter of one page."""

    data: dict[str, Any] = field(default_factory=dict)
    """The mapping (empty when there is none or it is broken)."""
    text: str = ""
    """The YAML source between the fences."""
    first_line: int = 2
    """Line number (1-based) of the first YAML line in the file."""
    body_offset: int = 0
    """Character offset of the page body in the file."""
    error: tuple[str, int, int, str, str] | None = None
    """(code, line, col, message, hint) when the block is broken."""

    def line_of(self, *keys: str) -> int:
        """The file line of a key path (``"relations", "signed"``), or of the block's start.

        Each key is looked for below the line of the one before it, which is precise for the
        block-style YAML our pages use.
        """
        lines = self.text.split("\n")
        start, found = 0, self.first_line
        for key in keys:
            pattern = re.compile(r"^\s*(?:-\s+)?" + re.escape(str(key)) + r"\s*:")
            for index in range(start, len(lines)):
                if pattern.match(lines[index]):
                    found, start = self.first_line + index, index + 1
                    break
            else:
                break
        return found

    def line_of_value(self, value: str, after_key: str | None = None) -> int:
        """The file line where a scalar value is written (first after `after_key`)."""
        lines = self.text.split("\n")
        start = self.line_of(after_key) - self.first_line if after_key else 0
        for index in range(max(start, 0), len(lines)):
            if value in lines[index]:
                return self.first_line + index
        return self.line_of(after_key) if after_key else self.first_line


def parse(text: str) -> FrontMatter:
    """Split and parse the front matter of a page's text."""
    opening = _OPEN.match(text)
    if not opening:
        return FrontMatter(body_offset=0)
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        return FrontMatter(
            body_offset=0,
            error=("KB103", 1, 1, "front matter opened with '---' is never closed",
                   "end the block with a line containing only '---'"),
        )
    yaml_text = text[opening.end() : closing.start()]
    body = closing.end() + (1 if text[closing.end() : closing.end() + 1] == "\n" else 0)
    fm = FrontMatter(text=yaml_text, body_offset=body)
    try:
        data = yaml.load(yaml_text, Loader=_SafeLoader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = fm.first_line + (mark.line if mark else 0)
        col = (mark.column + 1) if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        fm.error = ("KB101", line, col, f"front matter is not valid YAML: {problem}",
                    "check indentation and quote values that contain ': ' or start with a special character")
        return fm
    if data is None:
        data = {}
    if not isinstance(data, dict):
        fm.error = ("KB102", fm.first_line, 1,
                    f"front matter is a {type(data).__name__}, not a mapping",
                    "write 'key: value' lines, e.g. 'title: Dmitry Rogozin'")
        return fm
    fm.data = data
    return fm
