"""Markdown source scanning: code masking, links, headings, raw HTML, with exact positions.

Nothing here renders Markdown. The scanner finds what the build would treat as links, headings
and HTML, in the source, so every finding keeps its line and column. Code (fenced blocks,
indented blocks, code spans) and HTML comments are *masked*: replaced by spaces of the same
length, newlines kept, so offsets in the masked text are offsets in the file.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from html.parser import HTMLParser

# --- Masking ----------------------------------------------------------------------------------

_FENCE_OPEN = re.compile(r"[ \t]*(`{3,}|~{3,})(.*)")
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_HAS_INDENT = re.compile(r"^(?: {4}|\t)", re.M)
_CONTAINER = re.compile(r"(?:!!!|\?\?\?\+?|===[+!]*)[ \t]|\[\^[^\]\n]+\]:")
_LIST_ITEM = re.compile(r"(?:[*+-]|\d+[.)])[ \t]+\S")


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def mask(text: str, start: int = 0) -> str:
    """Return `text` with code, HTML comments and everything before `start` blanked out."""
    if start:
        text = re.sub(r"[^\n]", " ", text[:start]) + text[start:]
    if "```" in text or "~~~" in text or _HAS_INDENT.search(text):
        text = _mask_code_blocks(text)
    if "<!--" in text:
        text = _COMMENT.sub(_blank, text)
    if "`" in text:
        text = _CODE_SPAN.sub(_blank, text)
    return text


def _mask_code_blocks(text: str) -> str:
    """Blank fenced and indented code blocks, knowing how containers nest.

    Fences (superfences: ``` or ~~~) may stand at any indentation. A line is indented code
    when it is four columns past its container's content and follows a blank line (or more
    code). Containers (``!!!``, ``???``, ``===``, list items, footnote definitions) put their
    content four columns in, as Python-Markdown requires; a line left of that closes them.
    """
    lines = text.split("\n")
    stack = [0]
    previous_blank, in_code, fence = True, False, ""
    for index, line in enumerate(lines):
        if fence:
            if re.fullmatch(r"[ \t]*" + re.escape(fence[0]) + "{%d,}[ \t]*" % len(fence), line):
                fence = ""
            lines[index] = " " * len(line)
            continue
        expanded = line.expandtabs(4)
        content = expanded.lstrip(" ")
        if not content.strip():
            previous_blank = True
            continue
        indent = len(expanded) - len(content)
        opener = bool(_CONTAINER.match(content) or _LIST_ITEM.match(content))
        fence_match = _FENCE_OPEN.match(content)
        if fence_match and fence_match.group(1)[0] == "`" and "`" in fence_match.group(2):
            fence_match = None
        while len(stack) > 1 and indent < stack[-1] and (previous_blank or opener or in_code or fence_match):
            stack.pop()
        base = stack[-1]
        if indent >= base + 4 and (previous_blank or in_code):
            lines[index] = " " * len(line)
            in_code, previous_blank = True, False
            continue
        in_code, previous_blank = False, False
        if fence_match:
            fence = fence_match.group(1)
            lines[index] = " " * len(line)
        elif opener:
            stack.append(indent + 4)
    return "\n".join(lines)


# --- Positions --------------------------------------------------------------------------------


class Lines:
    """Maps character offsets to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of an offset, both 1-based."""
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


# --- Links ------------------------------------------------------------------------------------

_TEXT = r"(?:[^\[\]\\\n]|\\.|\n(?![ \t]*\n)|\[(?:[^\[\]\\]|\\.)*\])*"
_URL = r"<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*"
_TITLE = r"\"[^\"]*\"|'[^']*'|\([^()]*\)"
_INLINE = re.compile(rf"(?<!\\)(!?)\[({_TEXT})\]\([ \t]*({_URL})(?:\s+(?:{_TITLE}))?[ \t]*\)")
_REFERENCE = re.compile(rf"(?<!\\)(!?)\[(?!\^)({_TEXT})\] ?\[(?!\^)([^\[\]\n]*)\](?!\()")
_REF_DEF = re.compile(r"^[ \t]*\[([^\[\]^][^\[\]]*)\]:[ \t]*\n?[ \t]*(<[^>\n]*>|\S+)", re.M)
_FOOTNOTE_DEF = re.compile(r"^[ \t]*\[\^([^\]\n]+)\]:", re.M)
_FOOTNOTE_REF = re.compile(r"(?<!\\)\[\^([^\]\s]+)\](?!:)")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>", re.I)


@dataclass(frozen=True)
class Link:
    """A link or image target found in the source."""

    kind: str
    """inline, image, reference (usage), definition, footnote, html, autolink."""
    target: str
    """The URL as written (for references: the label)."""
    offset: int
    """Offset of the target in the file text."""
    tag: str = ""
    """For html links: the element and attribute (``a href``)."""


def normalize_label(label: str) -> str:
    """Reference labels match case-insensitively with runs of white space folded."""
    return " ".join(label.split()).lower()


def links(masked: str) -> list[Link]:
    """Every Markdown link, image, reference usage and definition in masked text."""
    found: list[Link] = []
    _inline_links(masked, 0, len(masked), found)
    for m in _REFERENCE.finditer(masked):
        label = m.group(3) or m.group(2)
        if _INLINE.match(masked, m.start()):
            continue
        found.append(Link("reference", label, m.start(3) if m.group(3) else m.start(2)))
    for m in _REF_DEF.finditer(masked):
        url = m.group(2)
        offset = m.start(2)
        if url.startswith("<"):
            url, offset = url[1:-1], offset + 1
        found.append(Link("definition", url, offset, tag=normalize_label(m.group(1))))
    for m in _AUTOLINK.finditer(masked):
        found.append(Link("autolink", m.group(1), m.start(1)))
    return found


def _inline_links(text: str, start: int, end: int, found: list[Link]) -> None:
    pos = start
    while True:
        m = _INLINE.search(text, pos, end)
        if not m:
            return
        url, offset = m.group(3), m.start(3)
        if url.startswith("<"):
            url, offset = url[1:-1], offset + 1
        found.append(Link("image" if m.group(1) else "inline", url, offset))
        _inline_links(text, m.start(2), m.end(2), found)  # an image inside a link's text
        pos = m.end()


def reference_definitions(masked: str) -> set[str]:
    """Normalised labels of the reference definitions in masked text."""
    return {normalize_label(m.group(1)) for m in _REF_DEF.finditer(masked)}


def footnote_definitions(masked: str) -> set[str]:
    """Labels of footnote definitions."""
    return {m.group(1) for m in _FOOTNOTE_DEF.finditer(masked)}


def footnote_references(masked: str) -> list[tuple[str, int]]:
    """(label, offset) of each footnote reference."""
    return [(m.group(1), m.start()) for m in _FOOTNOTE_REF.finditer(masked)]


# --- Headings and ids -------------------------------------------------------------------------

_ATX = re.compile(r"^(?: {4}| {8}| {12})?(#{1,6})(?!#)(.*)$", re.M)
_ATX_CLOSE = re.compile(r"(?<!\\)#+$")
_SETEXT = re.compile(r"^(?! {0,3}(?:[*+-]|\d+\.)[ \t]|#|[ \t]*\n)([^\n]*\S[^\n]*)\n[ \t]{0,3}(=+|-+)[ \t]*$", re.M)
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*)\}")
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
_TRAILING_ATTRS = re.compile(r"[ ]+\{:?[ \t]*([^{}\n]*)\}[ \t]*$")


@dataclass(frozen=True)
class Heading:
    """A heading: its level, its text as written (code included), and an explicit id."""

    level: int
    text: str
    offset: int
    explicit_id: str | None


def headings(original: str, masked: str) -> list[Heading]:
    """ATX and setext headings, in document order; text is taken from the unmasked source."""
    found = []
    for m in _ATX.finditer(masked):
        # Python-Markdown drops closing hashes only at the very end of the line.
        text = _ATX_CLOSE.sub("", original[m.start(2) : m.end(2)])
        found.append(_heading(len(m.group(1)), text, m.start()))
    for m in _SETEXT.finditer(masked):
        if m.group(2).startswith("-") and _looks_like_table_or_list(m.group(1)):
            continue
        found.append(_heading(1 if m.group(2)[0] == "=" else 2, original[m.start(1) : m.end(1)].strip(), m.start()))
    found.sort(key=lambda h: h.offset)
    return found


def _looks_like_table_or_list(line: str) -> bool:
    return "|" in line or bool(_LIST_ITEM.match(line.lstrip()))


def _heading(level: int, text: str, offset: int) -> Heading:
    explicit = None
    attrs = _TRAILING_ATTRS.search(text)
    if attrs:
        ident = _ATTR_ID.search(attrs.group(1))
        explicit = ident.group(1) if ident else None
        text = text[: attrs.start()]
    return Heading(level, text.strip(), offset, explicit)


def attr_list_ids(masked: str) -> set[str]:
    """Ids set with attr_list anywhere (``{: #id}``, ``{#id}``), headings included."""
    ids = set()
    for m in _ATTR_LIST.finditer(masked):
        ident = _ATTR_ID.search(m.group(1))
        if ident:
            ids.add(ident.group(1))
    return ids


# --- Raw HTML ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tag:
    """A start tag in raw HTML, with lower-cased name and attributes (values unescaped)."""

    name: str
    attrs: tuple[tuple[str, str | None], ...]
    offset: int

    def get(self, name: str) -> str | None:
        """The value of an attribute, or None."""
        for key, value in self.attrs:
            if key == name:
                return value
        return None


_MAYBE_TAG = re.compile(r"<[A-Za-z]")
_BOGUS_DECLARATION = re.compile(r"<!(?!--|\[CDATA\[|[A-Za-z])")


class _TagCollector(HTMLParser):
    def __init__(self, lines: Lines) -> None:
        super().__init__(convert_charrefs=True)
        self.lines, self.tags = lines, []  # type: ignore[var-annotated]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, offset = self.getpos()
        self.tags.append(Tag(tag, tuple(attrs), self.lines.starts[line - 1] + offset))

    handle_startendtag = handle_starttag


def html_tags(masked: str, lines: Lines) -> list[Tag]:
    """Start tags in the masked text, parsed by the standard library's HTML parser."""
    if not _MAYBE_TAG.search(masked):
        return []
    collector = _TagCollector(lines)
    # Markdown prose may hold '<!' that is no declaration; the parser would stop there.
    collector.feed(_BOGUS_DECLARATION.sub(lambda m: "  ", masked))
    collector.close()
    return collector.tags
