"""Inclusions (pymdownx.snippets): the rules on include files and on every ``--8<--`` line.

An include is part of every page that includes it, so it is held to the rules of a page, and
more strictly (see `kb.snippets` for the model: the settings, the include files, where a page
includes what).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pymdownx.snippets import SnippetMissingError

from . import frontmatter, links, markup, safety
from .problems import CODES, Problem, display_path
from .scan import read_text, scan_text
from .site import Page, Site, SourceFile
from .snippets import UNCLOSED, URL_SCHEMES, Inclusion, Snippets, find, include_uri
from .suggest import nearest_word

# --- Rules ---------------------------------------------------------------------------------------

#: At most this many inclusions in one file (each costs the build, and the check, a file lookup).
MAX_INCLUSIONS = 1000

#: Suggest a name for this many missing snippets per run (each costs a fuzzy search).
SUGGESTIONS = 100

#: Problems an include passes on to the line that includes it: what makes the page unsafe,
#: and what makes the build stop.
_PASSED_ON = {"KB001"}


class _Checker:
    """Checks includes and inclusions for one run; each include is checked once."""

    def __init__(self, site: Site, snippets: Snippets) -> None:
        self.site, self.snippets = site, snippets
        self.loaded: dict[str, Page | Problem] = {}
        self.own: dict[str, list[Problem]] = {}
        self.checking: set[str] = set()
        self.names = snippets.names()
        self.suggested = 0
        docs = Path(os.path.relpath(site.config.docs_dir, site.config.root)).as_posix()
        self.docs_prefix = "" if docs == "." else docs + "/"
        """The docs directory from the project root, to name an include in a message."""

    # -- include files

    def include_problems(self, path: Path) -> list[Problem]:
        """An include's problems: its own, and those of what it includes in turn (at its lines)."""
        uri = include_uri(self.site.config, path)
        if uri in self.own:
            return self.own[uri]
        if uri in self.checking:
            return []  # a cycle: pymdownx skips a file already being included
        self.checking.add(uri)
        problems: list[Problem] = []
        file = SourceFile(uri, path, is_symlink=path.is_symlink())
        if file.is_symlink and not self.snippets.inside(path):
            problems.append(Problem(uri, 1, 1, "KB009",
                                    f"symbolic link to '{os.path.realpath(path)}', outside the snippet folder "
                                    f"{self.snippets.base_label}",
                                    "replace the link with a real file; a snippet would read whatever it points to"))
        elif path.is_dir():
            pass  # a linked folder inside: its files are listed on their own
        else:
            page = self._load(path)
            if isinstance(page, Problem):
                problems.append(page)
            else:
                problems.extend(_safety(page, self.site, strict=True))
                problems.extend(self.inclusions(page, find(_text(page))))
        self.checking.discard(uri)
        self.own[uri] = problems
        return problems

    def _load(self, path: Path) -> Page | Problem:
        """The include at `path` as a page, or the problem that keeps it from being read (once)."""
        uri = include_uri(self.site.config, path)
        if uri not in self.loaded:
            self.loaded[uri] = self._page(SourceFile(uri, path))
        return self.loaded[uri]

    def include_page(self, path: Path) -> Page | None:
        """The include at `path` as a page (None if it cannot be read)."""
        page = self._load(path)
        return None if isinstance(page, Problem) else page

    def _page(self, file: SourceFile) -> Page | Problem:

        try:
            text = read_text(file.abs_path)
        except UnicodeDecodeError as exc:
            data = file.abs_path.read_bytes()
            line = data[: exc.start].count(b"\n") + 1
            col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            return Problem(file.src_uri, line, col, "KB001",
                           f"snippet is not valid UTF-8 (byte 0x{data[exc.start]:02x}); the build would stop",
                           "save the file as UTF-8 in your editor")
        except OSError as exc:
            return Problem(file.src_uri, 1, 1, "KB008", f"snippet file cannot be read: {exc.strerror}",
                           "make it a readable file")
        # An include has no front matter: a leading '---' block is page text where it lands.
        scan = scan_text(("   " + text[3:]) if text.startswith("---") else text, self.site.headings)
        scan.front_matter = frontmatter.FrontMatter()
        page = Page(file, scan, self.site)
        page.__dict__["text"] = text
        return page

    # -- inclusions

    def inclusions(self, page: Page, found: list[Inclusion]) -> Iterator[Problem]:
        """Problems of each inclusion in a page or include, at the line that includes (of the
        first `MAX_INCLUSIONS`; one problem says there are more)."""
        for inclusion in found[:MAX_INCLUSIONS]:
            yield from self._inclusion(page, inclusion)
        if len(found) > MAX_INCLUSIONS:
            line, col = page.position(found[MAX_INCLUSIONS].offset)
            yield Problem(page.src_uri, line, col, "KB213", f"{len(found)} snippet inclusions in one file; at most "
                          f"{MAX_INCLUSIONS} are allowed (this one and those after it were not checked)",
                          "split the file, or write the text into it")

    def _inclusion(self, page: Page, inclusion: Inclusion) -> Iterator[Problem]:
        line, col = page.position(inclusion.offset)
        uri, spec = page.src_uri, inclusion.spec
        where = self.snippets.base_label
        if spec == UNCLOSED:
            yield Problem(uri, line, col, "KB008", "snippet block '--8<--' is never closed: the build reads every "
                          "line after it as a file name", "close the block with a second '--8<--' line, or write "
                          "';--8<--' for the text itself")
            return
        target = self.snippets.processor.parse_snippet_target(spec)
        if target is None:
            yield Problem(uri, line, col, "KB008", f"snippet '{spec}' names no file", f"name a file in {where}")
            return
        path = target["path"]
        if path.lower().startswith(URL_SCHEMES):
            yield Problem(uri, line, col, "KB211", f"snippet '{spec}' is a URL: pages may not include content "
                          "from another site", f"copy what you need into the page, or into a file in {where}")
            return
        if self.snippets.escapes(path):
            yield Problem(uri, line, col, "KB009", f"snippet path '{path}' leads outside the snippet folder {where}",
                          f"name a file inside {where}, relative to it: no '..' and no absolute path")
            return
        found = self.snippets.processor.get_snippet_path(path)
        if found is None:
            self.suggested += 1  # a suggestion costs: the first ones of a run are enough
            near = nearest_word(path, self.names) if self.suggested <= SUGGESTIONS else None
            hint = f"did you mean '{near}'?" if near else f"snippet paths are relative to {where}"
            yield Problem(uri, line, col, "KB008", f"snippet file '{path}' does not exist in {where}", hint)
            return
        snippet = Path(found)
        if not self.snippets.inside(snippet):
            yield Problem(uri, line, col, "KB009", f"snippet '{path}' is a symbolic link to "
                          f"'{os.path.realpath(snippet)}', outside the snippet folder {where}",
                          "replace the link with a real file")
            return
        if snippet.is_dir():
            yield Problem(uri, line, col, "KB008", f"snippet '{path}' is a folder, not a file",
                          f"name a file in {where}")
            return
        include = self.include_page(snippet)
        lines = self._selected_lines(include, target) if include is not None else None
        if target["section"] and include is not None and lines is None:
            yield Problem(uri, line, col, "KB212", f"snippet section '{target['section']}' is not in '{path}'",
                          f"mark it in the file with '--8<-- [start:{target['section']}]' and "
                          f"'--8<-- [end:{target['section']}]'")
            return
        for problem in self.include_problems(snippet):
            if problem.code in _PASSED_ON or (problem.security and (lines is None or problem.line in lines)):
                shown = f"{display_path(self.docs_prefix, problem.file)}:{problem.line}"
                yield Problem(uri, line, col, problem.code, f"{problem.message}, from snippet '{spec}' at {shown}",
                              "fix it in the snippet file, or include another")
        if include is not None and page.src_uri in self.site.pages:
            for problem in _included_links(page, include, lines):
                shown = f"{display_path(self.docs_prefix, include.src_uri)}:{problem.line}"
                yield Problem(uri, line, col, problem.code, f"{problem.message}, in snippet '{spec}' at {shown}",
                              "fix the link in the snippet file: its links are relative to the page that includes it")

    def _selected_lines(self, include: Page, target: dict[str, Any]) -> set[int] | None:
        """The 1-based lines of the include that the target selects (all without a range or
        section); None if its section does not exist."""
        numbered = [_Line(text, number) for number, text in enumerate(_text(include).split("\n"), 1)]
        if not target["section"] and not (target["start"] and target["end"]):
            return set(range(1, len(numbered) + 1))
        processor = self.snippets.processor
        saved = processor.check_paths, processor.dedent_subsections
        processor.check_paths, processor.dedent_subsections = True, False
        try:
            chosen = processor.select_snippet_lines(numbered, target)
        except SnippetMissingError:
            return None
        finally:
            processor.check_paths, processor.dedent_subsections = saved
        # A line rewritten on the way (an escaped section marker) has lost its number: it is
        # the marker's own text, nothing of the file's content.
        return {text.number for text in chosen if isinstance(text, _Line)}


class _Line(str):
    """A line of an include that remembers its number through pymdownx's line selection."""

    number: int

    def __new__(cls, text: str, number: int) -> _Line:
        line = super().__new__(cls, text)
        line.number = number
        return line


def _text(page: Page) -> str:

    text = page.__dict__.get("text")
    if text is None:
        text = page.__dict__["text"] = read_text(page.file.abs_path)
    return text


def _unmasked(text: str, start: int = 0) -> str:
    """`text` with only what comes before `start` blanked (front matter), and comment openers
    defused, so that HTML in code blocks and comments is seen."""
    head = re.sub(r"[^\n]", " ", text[:start])
    return head + text[start:].replace("<!--", "    ")


#: What a problem found only in code or a comment says, in an include and in a page that includes.
IN_CODE = {True: " (in code or a comment: where an include lands decides what is code, so all of it is checked)",
           False: " (in code or a comment: this page includes a snippet, which can end a code block early)"}


def _safety(page: Page, site: Site, strict: bool, include: bool = True) -> list[Problem]:
    """The safety rules of pages on `page`; with `strict`, on its HTML and links in code and
    comments as well (where an include lands decides what is code)."""
    import copy

    rules = safety.PAGE_RULES
    problems = [p for rule in rules for p in rule(page, site)]
    if not strict:
        return problems
    text = _unmasked(_text(page), page.front_matter.body_offset if not page.front_matter.error else 0)
    shadow = copy.copy(page)
    shadow.scan = copy.copy(page.scan)
    shadow.scan.html_tags = markup.html_tags(text)
    shadow.scan.links = markup.links(text)
    seen = {(p.line, p.col, p.code) for p in problems}
    for rule in rules:
        for problem in rule(shadow, site):
            if (problem.line, problem.col, problem.code) not in seen:
                seen.add((problem.line, problem.col, problem.code))
                problems.append(Problem(problem.file, problem.line, problem.col, problem.code,
                                        problem.message + IN_CODE[include],
                                        problem.hint))
    return problems


def _included_links(page: Page, include: Page, lines: set[int] | None) -> list[Problem]:
    """The link problems of an include's text where a page includes it: the text becomes part of
    the page, so its links are resolved from the page's folder and URL, and its anchors are the
    page's (and its own). Found at the include's lines (of those the inclusion selects)."""
    import copy

    include.lines  # noqa: B018 - read from the include's own file, before the copy takes the page's file
    shadow = copy.copy(include)
    shadow.__dict__.pop("folder", None)
    shadow.file = page.file
    shadow.scan = copy.copy(include.scan)
    shadow.scan.ids = include.scan.ids | page.ids
    rules = (links.check_links, links.check_html_links)
    return [p for rule in rules for p in rule(shadow, page.site) if lines is None or p.line in lines]


def _kept(page: Page) -> list[Inclusion]:
    """The inclusions a page's scan keeps (``[offset, spec]`` lists, see `kb.site`); found
    again in its text if what was kept is not that."""
    kept = page.scan.snippets
    if isinstance(kept, list) and all(isinstance(item, (list, tuple)) and len(item) == 2
                                      and type(item[0]) is int and type(item[1]) is str for item in kept):
        return [Inclusion(offset, spec) for offset, spec in kept]
    front = page.front_matter
    return find(_text(page), front.body_offset if not front.error else 0)


def check_snippets(site: Site) -> Iterator[Problem]:
    """Include files checked like pages, the auto-appended files, and every inclusion in a page.

    A site rule (it runs on every check, so an include that changed or went away is seen at
    once); it reads only the pages that include something (their scan says so).
    """
    snippets = site.snippets
    if snippets is None:
        return  # '--8<--' is only text
    checker = _Checker(site, snippets)
    for include in site.includes.values():
        yield from checker.include_problems(include.abs_path)
    yield from _check_auto_append(site, snippets, checker)
    for page in site.pages.values():
        if not page.scan.__dict__.get("snippets"):  # not getattr: a miss costs a raised error
            continue
        yield from checker.inclusions(page, _kept(page))
        # A snippet can end a code block of the page early: its code is checked too.
        for problem in _safety(page, site, strict=True, include=False):
            if problem.message.endswith(IN_CODE[False]):
                yield problem


def _check_auto_append(site: Site, snippets: Snippets, checker: _Checker) -> Iterator[Problem]:
    config_uri = include_uri(site.config, site.config.config_file)
    try:
        config_lines = site.config.config_file.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):  # pragma: no cover - it was read a moment ago
        config_lines = []
    for name in snippets.auto_append:
        line = next((i for i, text in enumerate(config_lines, 1) if "auto_append" in text and name in text),
                    next((i for i, text in enumerate(config_lines, 1) if name in text), 1))
        col = max(1, config_lines[line - 1].find(name) + 1) if config_lines else 1
        if name.lower().startswith(URL_SCHEMES) or snippets.escapes(name):
            yield Problem(config_uri, line, col, "KB009", f"auto_append snippet '{name}' is outside the snippet "
                          f"folder {snippets.base_label}", "name a file inside it")
            continue
        found = snippets.processor.get_snippet_path(name)
        if found is None:
            yield Problem(config_uri, line, col, "KB008", f"auto_append snippet '{name}' does not exist in "
                          f"{snippets.base_label}; every page would fail to build", "create it or remove it")
        elif not snippets.inside(Path(found)):
            yield Problem(config_uri, line, col, "KB009", f"auto_append snippet '{name}' is a symbolic link out of "
                          f"the snippet folder {snippets.base_label}", "replace the link with a real file")


assert all(code in CODES for code in ("KB008", "KB009", "KB211", "KB212", "KB213"))
