"""Bounds: Markdown that the build would take too long to render is refused before it is rendered.

Python-Markdown (with this site's extensions) spends time that grows faster than the page on some
inputs: each unclosed ``[`` or link ``(`` rescans the rest of its paragraph, each unclosed
``<tag`` the rest of the page (the standard library's HTML parser), and deep blockquotes or
indentation recurse. A few kilobytes of these hang the build for minutes. The limits below were
chosen from measurements (``python scripts/bench.py --pathological``): the largest input each
accepts renders in well under a second, and each is many times what a real page uses (the
largest page of this site has 11 KB, 18 headings, no line over 600 characters, brackets nested
two deep).

Everything here is one pass over the page, linear in its size. `find` runs while a page is
scanned, before anything expensive: a page that exceeds a bound gets no heading rendering (its
ids are plain slugs) and no HTML parsing, and the build refuses to publish it (KB304 and KB305
are security problems).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

#: Largest page, in bytes (UTF-8). Python-Markdown renders 64 KiB of the densest block structure
#: measured (many short paragraphs, table rows, definitions or headings) in about half a second,
#: 256 KiB in two to three seconds (and 1 MB of this site's own prose in two).
MAX_PAGE_BYTES = 64 * 1024
#: Longest line, in characters.
MAX_LINE = 10_000
#: Deepest nesting of ``[`` brackets.
MAX_BRACKET_DEPTH = 32
#: Characters Python-Markdown rescans looking for the ``]`` of each ``[`` and the ``)`` of each
#: link's ``(`` (to the end of the paragraph when there is none), over the whole page.
MAX_BRACKET_WORK = 1_000_000
#: ``<tag`` starts not closed by ``>`` before the next ``<`` (each is rescanned to the page's end).
MAX_UNCLOSED_TAGS = 16
#: Deepest blockquote (``>`` markers at a line's start).
MAX_QUOTE_DEPTH = 4
#: Deepest indentation, in columns (tabs count four): 32 levels of lists or admonitions.
MAX_INDENT = 128
#: Most headings on one page (each one with markup is rendered to find its id).
MAX_HEADINGS = 1000
#: Most footnote references and definitions (``[^``) on one page (the footnotes extension's
#: time grows faster than their number).
MAX_FOOTNOTES = 500
#: Most abbreviation definitions (``*[ABC]: …``) on one page (each is matched against every
#: word; the site appends its own few to every page).
MAX_ABBREVIATIONS = 100
#: Most HTML elements with a ``markdown`` attribute (md_in_html recurses into each).
MAX_MARKDOWN_IN_HTML = 64
#: Most code blocks and inline code highlights (``#!lang``) on one page: Pygments takes about
#: half a millisecond over each.
MAX_HIGHLIGHTED = 200


class Excess(NamedTuple):
    """A bound a page exceeds: where (an offset in the file), which code, and what."""

    offset: int
    code: str
    message: str
    hint: str


_BRACKET_TOKENS = re.compile(r"\\.|[\[\]()]|\n[ \t]*\n", re.S)
_TAG_START = re.compile(r"<[A-Za-z]")
# Patterns that start with a literal ('>', a newline) are searched for fast; line starts are
# checked on what they find.
_QUOTE_RUN = re.compile(r"[ \t]*".join(">" * (MAX_QUOTE_DEPTH + 1)))  # a repeated group is ten times slower
_INDENT = re.compile(r"\n[ \t]{" + str(MAX_INDENT // 4 + 1) + r",}(?=\S)")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]|$)", re.M)
_FOOTNOTE = re.compile(r"\[\^")
_ABBREVIATION = re.compile(r"^[ ]{0,3}\*\[", re.M)
_MARKDOWN_IN_HTML = re.compile(r"<[A-Za-z][^<>]*\smarkdown\b")
#: A fence line (two make a code block) or an inline highlight.
_HIGHLIGHTED = re.compile(r"^[ \t]*(?:`{3,}|~{3,})|`#!|`:::", re.M)
_SHORTEN = "shorten it or split the page"


def find(text: str, masked: str, start: int = 0) -> list[Excess]:
    """Every bound the page's text exceeds (at most one excess of each kind), in file order;
    `masked` is the text with code and comments blanked (`kb.markup.mask`), `start` the offset
    of the body (after the front matter)."""
    # Counts of single characters are fast; each bound is looked at closely only when they allow
    # it to be exceeded (a page of this site takes a few microseconds).
    brackets, angles = masked.count("["), masked.count("<")
    found = list(_page_size(text))
    if not found:  # a page too large is refused already: the finer (slower) counts can wait
        found += _brackets(masked, brackets)
        found += _unclosed_tags(text, masked, start)
    found += _long_line(text)
    found += _highlighted(text, start)
    found += _nesting(masked)
    if masked.count("#") > MAX_HEADINGS:
        found += _headings(masked)
    if brackets > MAX_FOOTNOTES:
        found += _counted(masked, _FOOTNOTE, MAX_FOOTNOTES, "footnote references and definitions",
                          "the footnotes extension's time grows faster than their number", _SHORTEN)
    if brackets > MAX_ABBREVIATIONS:
        found += _counted(masked, _ABBREVIATION, MAX_ABBREVIATIONS, "abbreviation definitions",
                          "each is matched against every word", "define only the abbreviations the page uses")
    if angles > MAX_MARKDOWN_IN_HTML:
        found += _counted(masked, _MARKDOWN_IN_HTML, MAX_MARKDOWN_IN_HTML,
                          "HTML elements with a markdown attribute", "each is rendered on its own",
                          "write Markdown without the HTML around it")
    found.sort()
    return found


def _page_size(text: str) -> Iterator[Excess]:
    if len(text) * 4 <= MAX_PAGE_BYTES:  # four bytes at most per character
        return
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_PAGE_BYTES:
        offset = len(text.encode("utf-8", "surrogatepass")[:MAX_PAGE_BYTES].decode("utf-8", "ignore"))
        offset = text.rfind("\n", 0, offset) + 1
        yield Excess(offset, "KB305", f"page has {size:,} bytes, more than the {MAX_PAGE_BYTES // 1024} KiB "
                     f"({MAX_PAGE_BYTES:,} bytes) the build can render in time",
                     "split it into several pages, from about this line on")


def _long_line(text: str) -> Iterator[Excess]:
    if len(text) <= MAX_LINE:
        return
    start = 0
    for line in text.split("\n"):
        if len(line) > MAX_LINE:
            yield Excess(start, "KB304", f"line of {len(line):,} characters; lines may be at most {MAX_LINE:,}",
                         "break it into several lines, with a blank line between paragraphs")
            return
        start += len(line) + 1


def _brackets(masked: str, opened: int) -> Iterator[Excess]:
    """Bracket nesting, and the work of finding each bracket's end, as Python-Markdown does
    (`opened`: how many '[' the text holds)."""
    if opened <= MAX_BRACKET_DEPTH and (opened + masked.count("(")) * len(masked) <= MAX_BRACKET_WORK:
        return  # no bracket can scan more than the page
    # A bound first: each bracket of a paragraph scans at most the paragraph (blank lines with
    # spaces on them are not split here: the paragraphs can only grow, and so the bound).
    bound = 0
    for block in masked.split("\n\n"):
        opened = block.count("[")
        if opened > MAX_BRACKET_DEPTH:
            break
        bound += (opened + block.count("(")) * len(block)
    else:
        if bound <= MAX_BRACKET_WORK:
            return
    brackets: list[int] = []
    parens: list[int] = []
    work = 0
    block_start = 0
    deep = False
    for m in _BRACKET_TOKENS.finditer(masked):
        token, at = m.group(), m.start()
        kind = token[0]
        if kind == "\\":
            continue
        if kind == "\n":  # a paragraph ends: what is still open was scanned to here
            work += sum(at - p for p in brackets) + sum(at - p for p in parens)
            brackets.clear()
            parens.clear()
            if work > MAX_BRACKET_WORK:
                break
            block_start = m.end()
            continue
        if kind == "[":
            brackets.append(at)
            if len(brackets) > MAX_BRACKET_DEPTH and not deep:
                deep = True
                yield Excess(at, "KB304", f"brackets nested more than {MAX_BRACKET_DEPTH} deep: "
                             "the build would take too long to render them",
                             "remove the extra brackets, or escape them as \\[ and \\]")
        elif kind == "]":
            if brackets:
                work += at - brackets.pop()
        elif kind == "(":
            if parens or (at and masked[at - 1] == "]"):
                parens.append(at)
        elif parens:
            work += at - parens.pop()
    else:
        end = len(masked)
        work += sum(end - p for p in brackets) + sum(end - p for p in parens)
    if work > MAX_BRACKET_WORK:
        first = _first_bracket(masked, block_start)
        yield Excess(first, "KB304", "too many nested or unclosed '[' or link '(' in this paragraph: the build "
                     "would rescan the rest of it from each, too long to render",
                     "close or remove them, or escape them as \\[ and \\(")


_OPENER = re.compile(r"[\[(]")


def _first_bracket(masked: str, start: int) -> int:
    m = _OPENER.search(masked, start)
    return m.start() if m else start


def _unclosed_tags(text: str, masked: str, start: int) -> Iterator[Excess]:
    """`<tag` starts whose `>` does not come before the next `<`: the HTML parsers (Python-
    Markdown's and the checker's) rescan the rest of the page from each."""
    for source in (text, masked):
        if source.count("<", start) <= MAX_UNCLOSED_TAGS:
            return  # the masked text has no more
        starts = [m.start() for m in _TAG_START.finditer(source, start)]
        unclosed = 0
        close = -1
        for index, at in enumerate(starts):
            if close < at:
                close = source.find(">", at)
                if close < 0:
                    close = len(source)
            following = starts[index + 1] if index + 1 < len(starts) else len(source) + 1
            if close > following or close == len(source):
                unclosed += 1
                if unclosed > MAX_UNCLOSED_TAGS:
                    yield Excess(at, "KB304", f"more than {MAX_UNCLOSED_TAGS} HTML tags left open, with no '>' "
                                 "before the next '<': the build would take too long to parse them",
                                 "close each tag with '>', or write '&lt;' for a literal '<'")
                    return


def _nesting(masked: str) -> Iterator[Excess]:
    quote = next((m for m in _QUOTE_RUN.finditer(masked) if _line_start(masked, m.start())), None)
    if quote:
        start = masked.rfind("\n", 0, quote.start()) + 1
        yield Excess(start, "KB304", f"blockquote nested more than {MAX_QUOTE_DEPTH} deep: "
                     "the build would take too long to render it", "use fewer '>' markers")
    spaces = " " * (MAX_INDENT // 4 + 1)  # the fewest characters that can indent that far
    if "\t" not in masked and not masked.startswith(spaces) and "\n" + spaces not in masked:
        return
    padded = "\n" + masked  # so that the first line starts after a newline too
    indent = _INDENT.search(padded)
    while indent and len(indent.group()[1:].expandtabs(4)) <= MAX_INDENT:
        indent = _INDENT.search(padded, indent.end())
    if indent:
        yield Excess(indent.start(), "KB304", f"line indented more than {MAX_INDENT} columns, {MAX_INDENT // 4} levels "
                     "of lists or admonitions: the build would take too long to render it",
                     "nest less deeply")


def _line_start(text: str, offset: int) -> bool:
    """True if only spaces and tabs stand before `offset` on its line."""
    return not text[text.rfind("\n", 0, offset) + 1 : offset].strip(" \t")


def _headings(masked: str) -> Iterator[Excess]:
    yield from _counted(masked, _HEADING, MAX_HEADINGS, "headings", "each is rendered to find its id", _SHORTEN,
                        "too long to check")


def _highlighted(text: str, start: int) -> Iterator[Excess]:
    # A fence line has three backticks (or tildes) for half a block; an inline highlight two.
    if text.count("`", start) + text.count("~", start) <= 2 * MAX_HIGHLIGHTED:
        return
    total = 0.0
    for m in _HIGHLIGHTED.finditer(text, start):
        total += 1 if m.group()[-1] in "!:" else 0.5
        if total > MAX_HIGHLIGHTED:
            yield Excess(m.start(), "KB304", f"more than {MAX_HIGHLIGHTED} code blocks and inline "
                         "highlights on one page: each is highlighted on its own, too long to render",
                         "merge the code blocks, or split the page")
            return


def _counted(masked: str, pattern: re.Pattern[str], limit: int, what: str, why: str, hint: str,
             outcome: str = "too long to render") -> Iterator[Excess]:
    """The first of more than `limit` matches of `pattern`."""
    for count, m in enumerate(pattern.finditer(masked), 1):
        if count > limit:
            yield Excess(m.start(), "KB304", f"more than {limit:,} {what} on one page: {why}, {outcome}", hint)
            return
