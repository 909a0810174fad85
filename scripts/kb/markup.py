"""Markdown source scanning: code masking, links, headings, raw HTML, with exact positions.

Nothing here renders Markdown (a link's destination is parsed by Python-Markdown's own parser,
`destination`). The scanner finds what the build would treat as links, headings
and HTML, in the source, so every finding keeps its line and column. Code (fenced blocks,
indented blocks, code spans) and HTML comments are *masked*: replaced by spaces of the same
length, newlines kept, so offsets in the masked text are offsets in the file.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any, NamedTuple

# --- Masking ----------------------------------------------------------------------------------

_FENCE_OPEN = re.compile(r"[ \t]*(`{3,}|~{3,})(.*)")
_BACKTICKS = re.compile(r"`+")
_PARAGRAPH_BREAK = re.compile(r"\n(?=[ \t]*\n)")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_HAS_INDENT = re.compile(r"^(?: {4}|\t)", re.M)
_CONTAINER = re.compile(r"(?:!!!|\?\?\?\+?|===[+!]*)[ \t]|\[\^[^\]\n]+\]:")
_LIST_ITEM = re.compile(r"(?:[*+-]|\d+[.)])[ \t]+\S")


def _spaces(text: str) -> str:
    """`text` with every character but newlines made a space."""
    if "\n" not in text:
        return " " * len(text)
    return "\n".join(" " * len(part) for part in text.split("\n"))


def _blank(match: re.Match[str]) -> str:
    return _spaces(match.group(0))


def mask(text: str, start: int = 0) -> str:
    """Return `text` with code, HTML comments and everything before `start` blanked out."""
    if start:
        text = _spaces(text[:start]) + text[start:]
    if "```" in text or "~~~" in text or _HAS_INDENT.search(text):
        text = _mask_code_blocks(text)
    if "<!--" in text:
        text = _COMMENT.sub(_blank, text)
    if "`" in text:
        text = _mask_code_spans(text)
    return text


def _mask_code_spans(text: str) -> str:
    """Blank code spans: a run of backticks (not escaped) up to the next run of the same length,
    within a paragraph. Each run is looked at once, so the time is linear in the text's length
    (a regular expression would scan to the paragraph's end from every unclosed run)."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    if len(runs) < 2:
        return text
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    cursor = dict.fromkeys(by_length, 0)  # per length: the first run not yet passed
    spans = []
    index = 0
    while index < len(runs):
        start, end = runs[index]
        if start and text[start - 1] == "\\":
            index += 1
            continue
        same = by_length[end - start]
        at = cursor[end - start]
        while at < len(same) and same[at] <= index:
            at += 1
        cursor[end - start] = at
        if at == len(same):
            index += 1
            continue
        close_start, close_end = runs[same[at]]
        cut = bisect.bisect_left(breaks, end)
        if cut < len(breaks) and breaks[cut] < close_start:
            index += 1  # a blank line comes first: not a code span
            continue
        spans.append((start, close_end))
        index = same[at] + 1
    return _blank_spans(text, spans)


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each (start, end) span, in order and not overlapping, blanked by `_spaces`."""
    if not spans:
        return text
    parts, last = [], 0
    for start, end in spans:
        parts += [text[last:start], _spaces(text[start:end])]
        last = end
    parts.append(text[last:])
    return "".join(parts)


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
            if re.fullmatch(r"[ \t]*" + re.escape(fence[0]) + f"{{{len(fence)},}}[ \t]*", line):
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

# Possessive quantifiers (`*+`, `++`) never give back what they matched: what follows a link
# text (`]`) or a URL (space or `)`) can never start inside it, so the matches are the same,
# found without backtracking.
_TEXT = r"(?:[^\[\]\\\n]++|\\.|\n(?![ \t]*\n)|\[(?:[^\[\]\\]++|\\.)*+\])*+"
_URL = r"<[^<>\n]*>|(?:[^\s()\\]++|\\.|\((?:[^\s()\\]++|\\.)*+\))*+"
_TITLE = r"\"[^\"]*\"|'[^']*'|\([^()]*\)"
# Patterns start with a literal '[' so the regex engine can skip ahead fast; the characters
# before it (an escaping backslash, an image's '!') are looked at by the code.
_INLINE = re.compile(rf"\[({_TEXT})\]\([ \t]*({_URL})(?:\s+(?:{_TITLE}))?[ \t]*\)")
_REFERENCE = re.compile(rf"(?<!\\)(!?)\[(?!\^)({_TEXT})\] ?\[(?!\^)([^\[\]\n]*)\](?!\()")
# A label's scan stops at its first ']' (or space): an attempt that fails there also fails from
# every '[^' inside the label, so the patterns match on to where they stop (group 2 tells whether
# the match is real) and the search goes on from there, in linear time.
_FOOTNOTE_DEF = re.compile(r"\[\^([^\]\n]+)(\]:)?")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)(\](?!:))?")
# As Python-Markdown's own autolink pattern: no '<' inside (so no rescanning from every '<').
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>", re.I)


class Link(NamedTuple):
    """A link or image target found in the source (a tuple: cheap to pickle and cache)."""

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
    if "](" in masked:
        _inline_links(masked, 0, len(masked), found)
    if "][" in masked or "] [" in masked:
        for m in _REFERENCE.finditer(masked):
            label = m.group(3) or m.group(2)
            if _INLINE.match(masked, m.start(2) - 1) or _escaped(masked, m.start()):
                continue
            found.append(Link("reference", label, m.start(3) if m.group(3) else m.start(2)))
    if "]:" in masked:
        for m in _definitions(masked):
            url = m.group(2)
            offset = m.start(2)
            if url.startswith("<") and url.endswith(">"):
                url, offset = url[1:-1], offset + 1
            found.append(Link("definition", url, offset, tag=normalize_label(m.group(1))))
    if "<" in masked:
        for m in _AUTOLINK.finditer(masked):
            found.append(Link("autolink", m.group(1), m.start(1)))
    return found


def _at_line_start(text: str, offset: int) -> bool:
    """True if only spaces or tabs stand between the line's start and `offset`."""
    start = text.rfind("\n", 0, offset) + 1
    return not text[start:offset].strip(" \t")


def _escaped(text: str, offset: int) -> bool:
    """True if the character at `offset` is escaped by an odd number of backslashes."""
    count = 0
    while offset > count and text[offset - count - 1] == "\\":
        count += 1
    return count % 2 == 1


#: A link's text and the opening of its destination (``[text](``).
_LINK_OPEN = re.compile(rf"\[({_TEXT})\]\(")
#: A destination with nothing Python-Markdown parses specially (no space, quote, bracket,
#: parenthesis or backslash): the URL is what it says (the fast path for nearly every link).
_SIMPLE_DESTINATION = re.compile(r"[ \t]*([^\s()\\<>'\"]*)[ \t]*\)")


@functools.cache
def _link_parser() -> Any:
    """Python-Markdown's own parser of a link's destination (``LinkInlineProcessor.getLink``),
    which decides what the build links to: a title in parentheses is part of the URL, an
    unclosed title falls back to the last parenthesis, angle brackets allow spaces."""
    from markdown.inlinepatterns import LINK_RE, LinkInlineProcessor

    class Parser(LinkInlineProcessor):  # type: ignore[misc]
        def unescape(self, text: str) -> str:
            return text  # escapes are undone by `_unescape`, as the build's placeholders are

    return Parser(LINK_RE)


@functools.cache
def _escaped_chars() -> frozenset[str]:
    import markdown

    return frozenset(markdown.Markdown().ESCAPED_CHARS)


#: A backslash escape, replaced while a destination is parsed by two characters that mean
#: nothing to the parser (so that ``\(`` does not open a bracket), as Python-Markdown's escape
#: pattern replaces it by a placeholder before links are parsed.
_ESCAPE = re.compile(r"\\(.)")
_HIDDEN = "\x01"


def _hide_escapes(text: str) -> str:
    chars = _escaped_chars()
    return _ESCAPE.sub(lambda m: _HIDDEN + chr(0xE000 + ord(m.group(1))) if m.group(1) in chars else m.group(0), text)


def _unescape(text: str) -> str:
    """A destination with its escapes undone (hidden ones, or backslashes as written)."""
    if _HIDDEN in text:
        return re.sub(_HIDDEN + "(.)", lambda m: chr(ord(m.group(1)) - 0xE000), text)
    if "\\" in text:
        chars = _escaped_chars()
        return _ESCAPE.sub(lambda m: m.group(1) if m.group(1) in chars else m.group(0), text)
    return text


#: Python-Markdown's parser reads on to the paragraph's end while parentheses stay open, which is
#: quadratic on a paragraph of openers (``[](`` a million times): it reads at most this far past
#: the ``(``, and one page's scan at most `_PARSE_BUDGET` characters more than its length (no
#: real destination comes near either; past them the regular expression decides).
_WINDOW = 4096
_ROUGH_DESTINATION = re.compile(rf"\([ \t]*({_URL})(?:\s+(?:{_TITLE}))?[ \t]*\)")
_PARSE_BUDGET = 200_000


def destination(text: str, open_paren: int, end: int, budget: list[int] | None = None) -> tuple[str, int, int] | None:
    """The URL Python-Markdown links to from the ``(`` at `open_paren` (the paragraph ending at
    `end`): (url, offset of the URL, offset after the closing parenthesis); None if the build
    makes no link of it. `budget` holds the characters the parser may still read."""
    simple = _SIMPLE_DESTINATION.match(text, open_paren + 1, end)
    if simple:
        return simple.group(1), simple.start(1), simple.end()
    end = min(end, open_paren + _WINDOW)
    if budget is not None:
        if budget[0] < end - open_paren:
            rough = _ROUGH_DESTINATION.match(text, open_paren, end)
            if rough is None:
                return None
            url, start = rough.group(1), rough.start(1)
            return (url[1:-1], start + 1, rough.end()) if url.startswith("<") else (url, start, rough.end())
        budget[0] -= end - open_paren
    data = _hide_escapes(text[open_paren:end])
    href, _title, index, handled = _link_parser().getLink(data, 0)
    if not handled:
        return None
    start = open_paren + 1 + (len(data) - 1 - len(data[1:].lstrip()))
    if text.startswith("<", start):
        start += 1
    return _unescape(href), start, open_paren + index


def _inline_links(text: str, start: int, end: int, found: list[Link], budget: list[int] | None = None) -> None:
    budget = budget if budget is not None else [_PARSE_BUDGET + len(text)]
    pos, paragraph_end = start, -1
    while True:
        m = _LINK_OPEN.search(text, pos, end)
        if not m:
            return
        if _escaped(text, m.start()):
            pos = m.start() + 1
            continue
        if m.end() > paragraph_end:  # found once per paragraph (searching from every link is quadratic)
            stop = _PARAGRAPH_BREAK.search(text, m.end(), end)
            paragraph_end = stop.start() if stop else end
        parsed = destination(text, m.end() - 1, paragraph_end, budget)
        if parsed is None:
            pos = m.end()
            continue
        url, offset, after = parsed
        image = m.start() > 0 and text[m.start() - 1] == "!" and not _escaped(text, m.start() - 1)
        found.append(Link("image" if image else "inline", url, offset))
        if "](" in m.group(1):
            _inline_links(text, m.start(1), m.end(1), found, budget)  # an image inside a link's text
        pos = after


def reference_definitions(masked: str) -> set[str]:
    """Normalised labels of the reference definitions in masked text."""
    if "]:" not in masked:
        return set()
    return {normalize_label(m.group(1)) for m in _definitions(masked)}


_DEFINITION_START = re.compile(r"\[[^\[\]]*\]:")


def _definitions(masked: str) -> Iterator[re.Match[str]]:
    """Reference definitions as Python-Markdown's own pattern finds them (``[label]: url``, an
    optional title, nothing else on the line: ``[x]: <a b>`` is text); footnotes left out."""
    from markdown.blockprocessors import ReferenceProcessor

    pattern, end = ReferenceProcessor.RE, 0
    # Its pattern starts at every line; a definition starts with '[label]:' (found fast, as a
    # literal '[' starts it), at most three spaces into its line.
    for candidate in _DEFINITION_START.finditer(masked):
        start = masked.rfind("\n", 0, candidate.start()) + 1
        if start < end or candidate.start() - start > 3 or masked[start : candidate.start()].strip(" "):
            continue
        m = pattern.match(masked, start)
        if m is not None:
            end = m.end()
            if not m.group(1).startswith("^"):
                yield m


def footnote_definitions(masked: str) -> set[str]:
    """Labels of footnote definitions."""
    if "[^" not in masked:
        return set()
    return {m.group(1) for m in _FOOTNOTE_DEF.finditer(masked) if m.group(2) and _at_line_start(masked, m.start())}


def footnote_references(masked: str) -> list[tuple[str, int]]:
    """(label, offset) of each footnote reference."""
    if "[^" not in masked:
        return []
    return [(m.group(1), m.start()) for m in _FOOTNOTE_REF.finditer(masked)
            if m.group(2) and not _escaped(masked, m.start())]


# --- Headings and ids -------------------------------------------------------------------------

_ATX = re.compile(r"\n((?: {4}| {8}| {12})?)(#{1,6})(?!#)([^\n]*)")

_SETEXT_UNDERLINE = re.compile(r"\n[ \t]{0,3}(=+|-+)[ \t]*(?=\n|$)")
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*)\}")
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
# Starts only where a run of spaces starts (the leftmost match starts there anyway): no rescans.
_TRAILING_ATTRS = re.compile(r"(?<![ ])[ ]+\{:?[ \t]*([^{}\n]*)\}[ \t]*$")


class Heading(NamedTuple):
    """A heading: its level, its text as written (code included), and an explicit id."""

    level: int
    text: str
    offset: int
    explicit_id: str | None


def headings(original: str, masked: str) -> list[Heading]:
    """ATX and setext headings, in document order; text is taken from the unmasked source."""
    found = []
    # Each pattern starts with a newline, a literal the regex engine finds fast; a newline put
    # in front of the text (so offsets in the match are one more than in the text) covers line 1.
    padded = "\n" + masked
    for m in _ATX.finditer(padded):
        start, end = m.start(3) - 1, m.end(3) - 1
        # Python-Markdown drops closing hashes only at the very end of the line.
        text = _drop_closing_hashes(original[start:end])
        found.append(_heading(len(m.group(2)), text, m.start()))
    for m in _SETEXT_UNDERLINE.finditer(padded):
        end = m.start() - 1  # the newline before the underline, in text offsets
        if end < 0:
            continue
        start = masked.rfind("\n", 0, end) + 1
        previous = masked[start:end]
        if not previous.strip() or previous.lstrip().startswith("#"):
            continue
        if m.group(1)[0] == "-" and _looks_like_table_or_list(previous):
            continue
        found.append(_heading(1 if m.group(1)[0] == "=" else 2, original[start:end].strip(), start))
    found.sort(key=lambda h: h.offset)
    return found


def _drop_closing_hashes(text: str) -> str:
    """The text without the hashes that end it (one kept after a backslash: ``\\#`` is a literal
    hash), as the pattern ``(?<!\\)#+$`` would remove them, without rescanning runs of hashes."""
    stripped = text.rstrip("#")
    if len(stripped) == len(text) or not stripped.endswith("\\"):
        return stripped
    return stripped + "#"


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


#: Characters that close an inline element: an attribute list right after one applies to it.
_INLINE_ENDS = frozenset(")*_`]")


def attr_list_ids(masked: str, text: str | None = None) -> set[str]:
    """Ids set with attr_list outside headings: on a line of its own (a block's attributes), or
    right after an inline element (``*x*{#id}``, ``[a](b){#id}``), as Python-Markdown applies
    them; `text` is the unmasked text (to see the end of a code span). Headings' ``{#id}`` are
    in `Heading.explicit_id`; elsewhere a ``{#id}`` is just text."""
    ids: set[str] = set()
    if "{" not in masked:
        return ids
    text = masked if text is None else text
    labels: set[str] | None = None
    for m in _ATTR_LIST.finditer(masked):
        start = m.start()
        line_start = masked.rfind("\n", 0, start) + 1
        if masked[line_start:start].strip() and (not start or text[start - 1] not in _INLINE_ENDS):
            continue
        if start and text[start - 1] == "]" and masked[line_start:start].strip():
            # After ']', only a reference link is an element to give attributes to: a ']' of
            # plain text ("## ]{#0}") leaves the braces as text.
            labels = reference_definitions(masked) if labels is None else labels
            if not _closes_reference(masked, start - 1, line_start, labels):
                continue
        if masked[line_start:start].lstrip(" ").startswith("#") and not masked[m.end():masked.find("\n", m.end()) % (
                len(masked) + 1)].strip(" #\t"):
            continue  # an ATX heading's own attributes (in `Heading.explicit_id`), even after a ']'
        ident = _ATTR_ID.search(m.group(1))
        if ident:
            ids.add(ident.group(1))
    return ids


def _closes_reference(masked: str, close: int, line_start: int, labels: set[str]) -> bool:
    """True if the ']' at `close` ends a reference link (``[text][label]``, ``[label][]``,
    ``[label]``) whose label is defined; only brackets on the same line are looked at."""
    depth, index = 0, close
    while index > line_start:
        index -= 1
        char = masked[index]
        if char == "]":
            depth += 1
        elif char == "[":
            if depth == 0:
                break
            depth -= 1
    else:
        return False
    label = masked[index + 1 : close]
    if not label and index > line_start and masked[index - 1] == "]":  # a collapsed [label][]
        return _closes_reference(masked, index - 1, line_start, labels)
    return normalize_label(label) in labels


# --- Raw HTML ---------------------------------------------------------------------------------


class Tag(NamedTuple):
    """A start tag in raw HTML, with lower-cased name and attributes (values unescaped)."""

    name: str
    attrs: tuple[tuple[str, str | None], ...]
    offset: int
    value_offsets: tuple[tuple[str, int], ...] = ()
    """Offsets of attribute values in the file, for exact columns."""

    def value_offset(self, name: str) -> int:
        """Offset of an attribute's value (the tag's offset if unknown)."""
        return dict(self.value_offsets).get(name, self.offset)

    def get(self, name: str) -> str | None:
        """The value of an attribute, or None."""
        for key, value in self.attrs:
            if key == name:
                return value
        return None


_MAYBE_TAG = re.compile(r"<[A-Za-z]")
_BOGUS_DECLARATION = re.compile(r"<!(?!--|\[CDATA\[|[A-Za-z])")


def _attribute_value(raw_tag: str, name: str) -> int | None:
    """Offset of an attribute's value inside the raw (lower-cased) text of its start tag."""
    m = re.search(r"[\s/]" + re.escape(name) + r"\s*=\s*([\"']?)", raw_tag)
    return m.end() if m else None


class _TagCollector(HTMLParser):
    def __init__(self, lines: Lines) -> None:
        super().__init__(convert_charrefs=True)
        self.lines, self.tags = lines, []  # type: ignore[var-annotated]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, column = self.getpos()
        start = self.lines.starts[line - 1] + column
        raw = (self.get_starttag_text() or "").lower()
        values = []
        for name, _ in attrs:
            at = _attribute_value(raw, name)
            if at is not None:
                values.append((name, start + at))
        self.tags.append(Tag(tag, tuple(attrs), start, tuple(values)))

    handle_startendtag = handle_starttag


def html_tags(masked: str) -> list[Tag]:
    """Start tags in the masked text, parsed by the standard library's HTML parser (masking
    keeps the text's lines, so offsets are the file's)."""
    if not _MAYBE_TAG.search(masked):
        return []
    collector = _TagCollector(Lines(masked))
    # Markdown prose may hold '<!' that is no declaration; the parser would stop there.
    collector.feed(_BOGUS_DECLARATION.sub(lambda m: "  ", masked))
    collector.close()
    return collector.tags


# --- Prose --------------------------------------------------------------------------------------

# Every alternative starts with a literal character, so the regex engine skips ahead fast; a
# newline put in front of the text stands for line 1's start (`prose` removes it again).
_NOT_PROSE = re.compile(
    r"\n[ \t]*(?:#{1,6}|\[[^\]\n]+\]:)[^\n]*"  # headings; footnote and reference definitions
    r"|!\[[^\[\]\n]*\]\([^)\n]*\)"          # whole images and links (their text names their
    r"|\[[^\[\]\n]*\]\([^)\n]*\)"           # target: it is no mention)
    r"|\[\^[^\]\n]+\]"                   # footnote references
    r"|<[^>\n]*>"                        # HTML tags
    r"|\{:?[^}\n]*\}",                   # attribute lists
)


_LINE_START_PART = re.compile(r"\n[ \t]*(?:#{1,6}|\[[^\]\n]+\]:)[^\n]*")
_LINK_TEXT_PART = re.compile(r"!?\[[^\[\]\n]*\]\(")
#: Where each alternative of `_NOT_PROSE` can start (links: where a link's text is whole).
_PROSE_STARTS = {"line": r"\n[ \t]*(?:#|\[[^\]\n]+\]:)", "<": "<", "{": r"\{",
                 "link": r"!?\[[^\[\]\n]*\]\(", "footnote": r"\[\^[^\]\n]"}
_prose_starts: dict[frozenset[str], re.Pattern[str]] = {}


def prose(masked: str) -> str:
    """The running text of a masked page, with offsets kept (what a reader reads as sentences)."""
    text = "\n" + masked
    # Each alternative of the pattern but the first scans its line for a closing character from
    # where it starts: fast on a page's lines, but on a long line of unclosed '<', '[^', '{' or
    # '[](' it would rescan the rest of the line from each. Past a budget of such work, the
    # same text is blanked by a scan that looks at each character a bounded number of times.
    openers = text.count("<") + text.count("[") + text.count("{")
    if openers * max(map(len, text.split("\n"))) <= 64 * len(text) + 100_000:
        return _NOT_PROSE.sub(_blank, text)[1:]
    return _prose_linear(text)[1:]


def _prose_linear(text: str) -> str:
    """`_NOT_PROSE.sub(_blank, text)`, in time linear in the text's length.

    An alternative that finds no closing character on its line ('>' for '<', '}' for '{', ')'
    for a link, ']' for a footnote) cannot match anywhere further on that line either: it is
    left out of the search until the line ends.
    """
    newlines = [m.start() for m in re.finditer("\n", text)]
    newlines.append(len(text))

    def line_end(position: int) -> int:
        return newlines[bisect.bisect_left(newlines, position)]

    def starts(dead: dict[str, int]) -> tuple[re.Pattern[str], int]:
        key = frozenset(dead)
        pattern = _prose_starts.get(key)
        if pattern is None:
            pattern = _prose_starts[key] = re.compile("|".join(v for k, v in _PROSE_STARTS.items() if k not in key))
        return pattern, min(dead.values(), default=len(text))

    spans = []
    dead: dict[str, int] = {}  # alternative -> the end of the line it cannot match on
    pattern, until = starts(dead)
    position = 0
    while position < len(text):
        m = pattern.search(text, position, until)
        if m is None:
            position = until
            dead = {k: v for k, v in dead.items() if v > until}
            pattern, until = starts(dead)
            continue
        known = len(dead)
        i = m.start()
        c = text[i]
        stop = -1
        if c == "\n":
            line = _LINE_START_PART.match(text, i)
            stop = line.end() if line else -1
        elif c in "<{":
            close = text.find(">" if c == "<" else "}", i + 1, line_end(i + 1))
            if close < 0:
                dead[c] = line_end(i)
            stop = close + 1 if close >= 0 else -1
        else:
            link = _LINK_TEXT_PART.match(text, i) if "link" not in dead else None
            if link:
                close = text.find(")", link.end(), line_end(i))
                if close < 0:
                    dead["link"] = line_end(i)
                stop = close + 1 if close >= 0 else -1
            if stop < 0 and c == "[" and "footnote" not in dead and text.startswith("[^", i) and i + 2 < len(text) \
                    and text[i + 2] not in "]\n":
                close = text.find("]", i + 2, line_end(i))
                if close < 0:
                    dead["footnote"] = line_end(i)
                stop = close + 1 if close >= 0 else -1
        if len(dead) != known:
            pattern, until = starts(dead)
        if stop >= 0:
            spans.append((i, stop))
            position = stop
        else:
            position = i + 1
    return _blank_spans(text, spans)
