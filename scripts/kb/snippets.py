"""Snippets (pymdownx.snippets): the include files, checked like pages, and every inclusion.

A page that says ``--8<-- "file.md"`` gets that file's text in its place before Markdown sees
it, and every page gets the ``auto_append`` files at its end: an include is part of every page
that includes it, so it is held to the rules of a page, and more strictly. Where it lands
decides what in it is code (a snippet can close a page's code block, or open one), so its HTML
is checked everywhere, code blocks and comments included; and a page that includes snippets
has its own code blocks checked too.

Inclusions are found with pymdownx.snippets' own regular expressions and resolved with its own
path rules (`SnippetPreprocessor`), so the checker accepts exactly the paths the build does,
and reports at the including line what would make the build stop with a traceback (a missing
file or section) or read outside the snippet folder (``..``, an absolute path, a symbolic link
out, a URL).

An include outside the docs directory is named by its path relative to it
(``../includes/abbreviations.md``), as every `Problem` is, and printed from the project root
(``includes/abbreviations.md``).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pymdownx.snippets import SnippetPreprocessor

if TYPE_CHECKING:
    from .config import SiteConfig

EXTENSION = "pymdownx.snippets"

_ALL = SnippetPreprocessor.RE_ALL_SNIPPETS
_PATH_LINE = SnippetPreprocessor.RE_SNIPPET
#: What makes a snippet's name a URL (which the build would fetch: refused).
URL_SCHEMES = ("http://", "https://")

#: The `Inclusion.spec` of a block marker that is never closed.
UNCLOSED = "\0unclosed"


class Inclusion(NamedTuple):
    """One snippet inclusion in a file's text (plain data: kept in the page's scan)."""

    offset: int
    """Offset in the file of the path as written (after the quote), or of an unclosed block's marker."""
    spec: str
    """The path as pymdownx reads it (quotes and outer white space removed), with any
    ``:3:5`` line range or ``:section``; `UNCLOSED` for a block marker that is never closed."""


def find(text: str, start: int = 0) -> list[Inclusion]:
    """Every inclusion in `text` from offset `start` (the body, after front matter), found as
    pymdownx.snippets finds them: inline ``--8<-- "path"``, block ``--8<--`` … ``--8<--``,
    ``;``-escaped markers and ``;``-commented paths skipped. Text with no ``8<-`` costs one search.
    """
    if "8<-" not in text:
        return []
    found: list[Inclusion] = []
    block: list[Inclusion] = []
    block_at: int | None = None
    pos = start
    for line in text[start:].split("\n"):
        here, pos = pos, pos + len(line) + 1
        m = _ALL.match(line)
        if m is not None:
            if m.group("escape"):
                continue
            if m.group("inline_marker"):
                if block_at is None:  # pymdownx drops an inline marker inside a block
                    quoted = m.group("snippet")
                    inner = quoted[1:-1]
                    path = inner.strip()
                    if path and not path.startswith(";"):
                        lead = len(inner) - len(inner.lstrip())
                        found.append(Inclusion(here + m.start("snippet") + 1 + lead, path))
                    elif not path:
                        found.append(Inclusion(here + m.start("snippet") + 1, path))
                continue
            if block_at is None:
                block_at = here + m.start("block_marker")
            else:
                found.extend(block)
                block_at, block = None, []
            continue
        if block_at is not None:
            pm = _PATH_LINE.match(line)
            path = pm.group("snippet").strip() if pm else ""
            if path and not path.startswith(";"):
                block.append(Inclusion(here + len(line) - len(line.lstrip(" \t")), path))
    if block_at is not None:  # its lines are text the build would take for paths: one problem
        found.append(Inclusion(block_at, UNCLOSED))
    return found


# --- Settings and the include files ------------------------------------------------------------


@dataclass
class Snippets:
    """The site's snippets settings, with pymdownx's own preprocessor to resolve paths."""

    config: SiteConfig
    options: dict[str, Any]
    bases: list[Path]
    """The base paths, absolute (resolved against the folder of mkdocs.yml)."""
    processor: SnippetPreprocessor = field(init=False, repr=False)

    def __post_init__(self) -> None:
        import markdown

        options = {k: v for k, v in self.options.items() if k != "base_path"}
        options["base_path"] = [str(b) for b in self.bases]
        md = markdown.Markdown(extensions=[EXTENSION], extension_configs={EXTENSION: options})
        self.processor = md.preprocessors["snippet"]

    @property
    def auto_append(self) -> list[str]:
        """The files appended to every page, as named in mkdocs.yml."""
        value = self.options.get("auto_append") or []
        return [value] if isinstance(value, str) else [str(v) for v in value]

    @functools.cached_property
    def base_label(self) -> str:
        """The base paths as a reader sees them (``includes/``)."""
        names = []
        for base in self.bases:
            try:
                names.append(base.relative_to(self.config.root).as_posix() + ("" if base.is_file() else "/"))
            except ValueError:
                names.append(str(base))
        return ", ".join(names) or "(none)"

    def inside(self, path: Path) -> bool:
        """True if `path`, all symbolic links followed, is within a base path."""
        real = Path(os.path.realpath(path))
        for base in self.bases:
            real_base = Path(os.path.realpath(base))
            if real == real_base or (base.is_dir() and real.is_relative_to(real_base)):
                return True
        return False

    def escapes(self, path: str) -> bool:
        """True if `path` is absolute or leads out of every base folder (before links are followed)."""
        if os.path.isabs(path) or path.startswith(("/", "\\")):  # '\\' is absolute on Windows
            return True
        for base, is_file in self._kinds:
            if not is_file:  # a folder (or none yet: a path is then judged as written)
                joined = os.path.normpath(os.path.join(base, path))
                if joined.startswith(str(base) + os.sep):
                    return False
            elif os.path.normpath(os.path.join(base.parent, path)) == str(base):
                return False
        return True

    @functools.cached_property
    def _kinds(self) -> list[tuple[Path, bool]]:
        """Each base path, and whether it is a file."""
        return [(base, base.is_file()) for base in self.bases]

    def files(self) -> Iterator[Path]:
        """Every file a snippet can name: all under the base folders (a base may be one file)."""
        for base in self.bases:
            if base.is_file() or base.is_symlink() and not base.is_dir():
                yield base
            elif base.is_dir():
                for folder, dirs, names in os.walk(base):
                    dirs.sort()
                    for name in sorted(names + [d for d in dirs if os.path.islink(os.path.join(folder, d))]):
                        yield Path(folder) / name

    def names(self) -> list[str]:
        """Include files as a snippet names them (relative to their base folder)."""
        result = []
        for base in self.bases:
            if base.is_dir():
                for path in self.files():
                    if path.is_relative_to(base):
                        result.append(path.relative_to(base).as_posix())
            else:
                result.append(base.name)
        return result


def settings(config: SiteConfig) -> Snippets | None:
    """The snippets settings of a site, or None if pymdownx.snippets is not enabled."""
    options = config.markdown_extensions.get(EXTENSION)
    if options is None:
        return None
    bases = options.get("base_path", ["."])
    bases = [bases] if isinstance(bases, (str, os.PathLike)) else list(bases or [])
    resolved = [Path(os.path.normpath(config.root / str(base))) for base in bases]
    return Snippets(config, dict(options), resolved)


def include_uri(config: SiteConfig, path: Path) -> str:
    """The name of an include in a `Problem`: its path relative to the docs directory, POSIX
    (``../includes/x.md``), or its absolute path if it has none (another drive)."""
    try:
        return Path(os.path.relpath(path, config.docs_dir)).as_posix()
    except ValueError:  # pragma: no cover - another drive on Windows
        return path.as_posix()
