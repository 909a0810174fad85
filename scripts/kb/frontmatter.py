"""Front matter: the YAML block at the top of a page, split off and parsed with line numbers.

The split follows MkDocs (``mkdocs.utils.meta``): a page whose first line is ``---`` has front
matter up to the next line that is ``---`` or ``...``. Where MkDocs silently renders a broken
block as page text, we report it.

The block comes from an untrusted contributor, so it is loaded with a strict safe loader
(`_Loader`): YAML anchors, aliases and merge keys are refused before anything is built (an
alias bomb of a few kilobytes would otherwise expand to gigabytes), and what YAML itself lets
pass but the site must not is noted with its line (`FrontMatter.issues`): a key written twice,
an impossible date (kept as its text, so the other rules still run), markup, character
references and control characters in text. The notes are plain tuples, reported by
`kb.validate.check_front_matter_text`.
"""

from __future__ import annotations

import html.entities
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import BaseConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # libyaml's loader is several times faster; the pure one gives the same data
    _SafeLoader: type[yaml.SafeLoader] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _SafeLoader = yaml.SafeLoader

_OPEN = re.compile(r"---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)

#: One problem found while loading: (code, line, col, message, hint), line and col 1-based in the file.
Issue = tuple[str, int, int, str, str]

#: The character references HTML decodes without a ``;`` (``&lt``, ``&amp``, ``&copy``…).
_LEGACY_REFERENCES = sorted((name for name in html.entities.html5 if not name.endswith(";")), key=len, reverse=True)

#: An HTML tag, comment or declaration start, or a character reference.
MARKUP = re.compile(r"<[A-Za-z/!?]|&(?:#[0-9]|#[xX][0-9A-Fa-f]|[A-Za-z][A-Za-z0-9]*;|"
                    + "|".join(_LEGACY_REFERENCES) + ")")

#: Control characters (C0 but tab and line feed, DEL, C1), line and paragraph separators, and
#: the bidirectional embeddings, overrides and isolates that make text read otherwise than it is.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

#: Cheap test of a block's text: only blocks that match get their values examined.
_SUSPECT = re.compile("[<&\\\\\x85\u2028\u2029\u202a-\u202e\u2066-\u2069]")

MARKUP_HINT = ("front matter is plain text: write the character itself (– not &ndash;) and no HTML; "
               "a '<' is fine when followed by a space or digit")


class _Refused(yaml.YAMLError):  # type: ignore[misc]  # PyYAML has no types here: its classes are Any
    """Loading stopped on purpose (a merge key): the issue to report."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue[3])
        self.issue = issue


class _Loader(_SafeLoader):  # type: ignore[misc]  # PyYAML has no types here: its classes are Any
    """A safe loader that notes what the site must not accept (see the module's doc).

    `first_line` is the file line of the block's first line; `suspect` says whether the text
    may hold markup or control characters (`_SUSPECT`), `merges` whether it may hold ``<<``.
    """

    def __init__(self, stream: str, first_line: int = 1, suspect: bool = True, merges: bool = True) -> None:
        super().__init__(stream)
        self.first_line = first_line
        self.suspect = suspect
        self.merges = merges
        self.issues: list[Issue] = []

    def _where(self, node: Node) -> tuple[int, int]:
        return self.first_line + node.start_mark.line, node.start_mark.column + 1

    def construct_document(self, node: Node) -> Any:
        if self.suspect:
            self._examine_text(node)
        return super().construct_document(node)

    def flatten_mapping(self, node: MappingNode) -> None:
        # Only merge keys need flattening, and they are refused (``=`` keys have a constructor).
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                line, col = self._where(key_node)
                raise _Refused(("KB115", line, col, "YAML merge key '<<' in front matter",
                                "write each key out in full; anchors, aliases and merge keys are not allowed"))

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        if self.merges:
            self.flatten_mapping(node)
        mapping: dict[Any, Any] = BaseConstructor.construct_mapping(self, node, deep=deep)
        if len(mapping) != len(node.value):  # only then is a key repeated
            self._note_duplicates(node)
        return mapping

    def _note_duplicates(self, node: MappingNode) -> None:
        first: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node)  # already built: taken from the loader's memo
            line, col = self._where(key_node)
            try:
                earlier = first.get(key)
            except TypeError:  # unhashable: the loader has refused it already
                continue
            if earlier is None:
                first[key] = line
            else:
                self.issues.append(("KB116", line, col, f"key '{key}' is written twice (first on line {earlier})",
                                    "the reviewer sees the first, the site uses the last: keep one"))

    def construct_yaml_timestamp(self, node: ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            line, col = self._where(node)
            self.issues.append(("KB117", line, col, f"'{node.value}' is not a real date ({exc})",
                                "check the day and the month (YYYY-MM-DD)"))
            return node.value

    def construct_refused_tag(self, node: Node) -> Any:
        raise yaml.constructor.ConstructorError(
            None, None, f"the tag {node.tag!r} is not allowed in front matter (only text, numbers, "
            "dates, lists and mappings)", node.start_mark)

    def _examine_text(self, root: Node) -> None:
        """Note every scalar (key or value, at any depth) holding markup or control characters."""
        stack, seen = [root], set()
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, ScalarNode):
                self._examine_scalar(node)
            elif isinstance(node, SequenceNode):
                stack.extend(reversed(node.value))
            elif isinstance(node, MappingNode):
                for key_node, value_node in reversed(node.value):
                    stack += (value_node, key_node)

    def _examine_scalar(self, node: ScalarNode) -> None:
        value = node.value
        line, col = self._where(node)
        markup = MARKUP.search(value)
        if markup:
            self.issues.append(("KB118", line, col,
                                f"markup in front-matter text: {_excerpt(value, markup.start())}", MARKUP_HINT))
        control = CONTROL.search(value)
        if control:
            self.issues.append(("KB119", line, col,
                                f"invisible or control character U+{ord(control.group()):04X} in front-matter text",
                                "delete it: front matter is plain text on one line (a tab is fine)"))


for _tag in ("set", "omap", "pairs", "binary"):  # not plain data, and no field needs them
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _Loader.construct_refused_tag)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:value", yaml.constructor.SafeConstructor.construct_yaml_str)


def _excerpt(value: str, at: int) -> str:
    """A short quotation of `value` around offset `at`, for a message."""
    start = max(0, at - 10)
    text = ("…" if start else "") + value[start : at + 30] + ("…" if at + 30 < len(value) else "")
    return repr(text)


@dataclass
class FrontMatter:
    """The parsed front matter of one page (plain data only: it is kept in the checker's cache)."""

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
    issues: tuple[Issue, ...] = ()
    """Problems noted while loading a block that did load (duplicate keys, impossible dates,
    markup and control characters in text), as (code, line, col, message, hint)."""

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

    def locate(self, *path: str | int, key: bool = False) -> tuple[int, int]:
        """The exact file (line, col) of the value at a path of keys and list indexes
        (``"redirect_from", 2``), or of its key with `key`; as far as the path exists.

        It parses the block again, so it is meant for reporting a problem, not for every page.
        """
        try:
            node = yaml.compose(self.text, Loader=_SafeLoader)
        except yaml.YAMLError:
            return self.first_line, 1
        found = node
        for step in path:
            child: Node | None = None
            if isinstance(node, MappingNode):
                for key_node, value_node in node.value:  # the last of repeated keys wins, as in the data
                    if isinstance(key_node, ScalarNode) and key_node.value == str(step):
                        child, found = value_node, key_node if key else value_node
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                child = found = node.value[step]
            if child is None:
                break
            node = child
        if found is None:
            return self.first_line, 1
        return self.first_line + found.start_mark.line, found.start_mark.column + 1


def _no_anchors(yaml_text: str, first_line: int) -> Issue | None:
    """The first anchor or alias in the block, as an issue; found by the scanner alone, so
    nothing is expanded. None if there is none (or the text does not scan: loading says why)."""
    try:
        for token in yaml.scan(yaml_text, Loader=_SafeLoader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                what = "anchor" if isinstance(token, yaml.AnchorToken) else "alias"
                mark = token.start_mark
                return ("KB115", first_line + mark.line, mark.column + 1,
                        f"YAML {what} '{'&' if what == 'anchor' else '*'}{token.value}' in front matter",
                        "write each value out in full; anchors, aliases and merge keys are not allowed")
    except yaml.YAMLError:
        return None
    return None


def _yaml_error(exc: yaml.YAMLError, yaml_text: str, first_line: int) -> Issue:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        line, col = first_line + mark.line, mark.column + 1
    elif isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.position, int):
        before = yaml_text[: exc.position]
        line, col = first_line + before.count("\n"), exc.position - (before.rfind("\n") + 1) + 1
    else:
        line, col = first_line, 1
    problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
    return ("KB101", line, col, f"front matter is not valid YAML: {problem}",
            "check indentation and quote values that contain ': ' or start with a special character")


def load(yaml_text: str, first_line: int = 2) -> tuple[Any, list[Issue]]:
    """Load a block of front matter with the strict loader: (data, issues).

    Raises `_Refused` (a `yaml.YAMLError`) for anchors, aliases and merge keys, and
    `yaml.YAMLError` for what is not YAML.
    """
    if "&" in yaml_text or "*" in yaml_text:
        refused = _no_anchors(yaml_text, first_line)
        if refused is not None:
            raise _Refused(refused)
    suspect = ("<" in yaml_text or "&" in yaml_text or "\\" in yaml_text
               or (not yaml_text.isascii() and _SUSPECT.search(yaml_text) is not None))
    loader = _Loader(yaml_text, first_line, suspect, merges="<<" in yaml_text)
    try:
        return loader.get_single_data(), loader.issues
    finally:
        loader.dispose()


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
        data, issues = load(yaml_text, fm.first_line)
    except _Refused as exc:
        fm.error = exc.issue
        return fm
    except yaml.YAMLError as exc:
        fm.error = _yaml_error(exc, yaml_text, fm.first_line)
        return fm
    if data is None:
        data = {}
    if not isinstance(data, dict):
        fm.error = ("KB102", fm.first_line, 1,
                    f"front matter is a {type(data).__name__}, not a mapping",
                    "write 'key: value' lines, e.g. 'title: Dmitry Rogozin'")
        return fm
    fm.data = data
    if issues:
        fm.issues = tuple(sorted(issues, key=lambda issue: (issue[1], issue[2], issue[0])))
    return fm
