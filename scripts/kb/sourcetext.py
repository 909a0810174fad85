"""Source texts, split into the numbered paragraphs citations use.

The texts are not ours to publish and never ship with the site: the checker reads them only
when they are at hand, from one folder (the folder of ``KB_SOURCE_TEXT`` or ``--source-text``,
or ``--source-dir``), each named by its source page's ``text:`` field, to verify that every
quotation occurs in the paragraph it cites and that no page copies a long run of a text that is
not in the public domain.

Two layouts are read. A text with a header block (``key: value`` lines ended by a line ``---``)
is split into blank-line separated paragraphs; the marker ``[END OF RETRIEVED TEXT …]`` and
what follows are left out; the title and dateline before the first paragraph are left out by
counting from the end (the last N blocks are the N paragraphs the source page declares), or,
with ``numbering: official``, by the numbers the document gives its paragraphs (``1.``). A
text without a header (the 2011 article as received) has a title line, then one paragraph per
line, credit lines and the web page's banners left out.
"""

from __future__ import annotations

import re
from pathlib import Path

#: Lines of the received web page that are not paragraphs of the article.
_NOT_ARTICLE = re.compile(r"^(Source: .*|All rights reserved by .*|This website uses cookies.*|Accept cookies)$")
_HEADER_END = re.compile(r"^---[ \t]*$", re.M)
_HEADER_LINE = re.compile(r"^[a-z][a-z ]*:")
_END_MARKER = "[END OF RETRIEVED TEXT"
_NUMBERED = re.compile(r"([0-9]{1,4})\.\s")

#: A source text larger than this is not read (it is a bound, not a real text's size).
MAX_TEXT_BYTES = 2_000_000


def paragraphs(text: str) -> dict[int, str]:
    """Paragraph number -> text of a text without a header: the first line is the title;
    credits and banners are skipped."""
    lines = [line.strip() for line in text.splitlines()]
    body = [line for line in lines[1:] if line and not _NOT_ARTICLE.match(line)]
    return {number: line for number, line in enumerate(body, 1)}


def _body(text: str) -> str | None:
    """The text after its header block, or None if it has none."""
    match = _HEADER_END.search(text)
    if match is None or not _HEADER_LINE.match(text):
        return None
    return text[match.end():]


def split(text: str, numbers: list[int], numbering: str = "counted") -> dict[int, str]:
    """Paragraph number -> text, for the paragraphs a source page declares (`numbers`)."""
    body = _body(text)
    if body is None:
        found = paragraphs(text)
        return {n: found[n] for n in numbers if n in found}
    blocks = [" ".join(block.split()) for block in re.split(r"\n[ \t]*\n", body) if block.strip()]
    end = next((i for i, block in enumerate(blocks) if block.startswith(_END_MARKER)), len(blocks))
    blocks = blocks[:end]
    if numbering == "official":
        numbered: dict[int, str] = {}
        current = None
        for block in blocks:
            match = _NUMBERED.match(block)
            if match:
                current = int(match.group(1))
                numbered[current] = block
            elif current is not None:
                numbered[current] += " " + block
        return {n: numbered[n] for n in numbers if n in numbered}
    kept = blocks[len(blocks) - len(numbers):] if len(numbers) <= len(blocks) else blocks
    return dict(zip(numbers[len(numbers) - len(kept):], kept))


def normalize(text: str) -> str:
    """Fold typographic quotes and runs of white space, so a quotation matches however typed."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split())


def quote_occurs(quote: str, paragraph: str) -> bool:
    """True if the quotation occurs, word for word, in the paragraph."""
    return normalize(quote) in normalize(paragraph)


def load(path: str | Path) -> dict[int, str]:
    """Read a text without a header (the article as received) and split it."""
    return paragraphs(Path(path).read_text(encoding="utf-8"))


def read(folder: Path, name: str) -> str | None:
    """The text of a source named by its ``text:`` field, if it is a plain file name of the folder
    (no path: a page cannot make the checker read elsewhere) and is there."""
    if not name or name != Path(name).name or name.startswith(".") or "\\" in name:
        return None
    path = folder / name
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size > MAX_TEXT_BYTES:
            return None
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


def words(text: str) -> list[str]:
    """The words of a text, folded (case, apostrophes), for comparing runs of words."""
    return [word for word, _ in word_spans(text)]


def word_spans(text: str) -> list[tuple[str, int]]:
    """The folded words of a text with their offsets."""
    return [(m.group().casefold().replace("\u2019", "'"), m.start()) for m in _WORD.finditer(text)]


class RunFinder:
    """Finds runs of more than `limit` words that a text shares with any of some source texts."""

    def __init__(self, texts: list[str], limit: int) -> None:
        self.length = limit + 1
        self.pairs: set[tuple[str, str]] = set()
        self.runs: set[tuple[str, ...]] = set()
        for text in texts:
            found = words(text)
            self.pairs.update(zip(found, found[1:]))
            self.runs.update(tuple(found[i:i + self.length]) for i in range(len(found) - self.length + 1))

    def first_run(self, text: str) -> int | None:
        """The offset of the first shared run in `text`, or None."""
        if not self.runs:
            return None
        spans = word_spans(text)
        pairs, need = self.pairs, self.length - 1
        streak = 0
        for i in range(1, len(spans)):
            if (spans[i - 1][0], spans[i][0]) in pairs:
                streak += 1
                if streak >= need:
                    start = i - need
                    if tuple(w for w, _ in spans[start:i + 1]) in self.runs:
                        return spans[start][1]
            else:
                streak = 0
        return None
