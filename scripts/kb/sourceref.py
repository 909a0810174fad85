"""How front matter names what it rests on: a source page and, usually, one of its paragraphs.

``cite: ivanov-2011#8`` is paragraph 8 of ``sources/ivanov-2011.md``; ``cite: nato-member-countries``
is a source as a whole (a document the knowledge base has no text of). A source page says which
paragraphs were retrieved (``paragraphs: "1-6"``), as ranges.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

#: The folder of source pages.
SOURCES = "sources"

#: A source's name (letters, digits and inner hyphens, at least one letter: ``8`` is no name), an
#: optional ``#`` and paragraph.
_CITE = re.compile(r"((?=[a-z0-9-]*[a-z])[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:#([0-9]{1,6}))?")
_RANGE = re.compile(r"\s*([0-9]{1,6})\s*(?:[-–]\s*([0-9]{1,6})\s*)?")

#: The most paragraphs a source may declare (a bound on the work a range can ask for).
MAX_PARAGRAPHS = 10_000


class Cite(NamedTuple):
    """A source page (its src_uri) and a paragraph of it (None: the source as a whole)."""

    source: str
    paragraph: int | None = None

    @property
    def name(self) -> str:
        """The source's name as front matter writes it (``ivanov-2011``)."""
        return self.source[len(SOURCES) + 1 : -3]

    def __str__(self) -> str:
        return self.name + (f"#{self.paragraph}" if self.paragraph is not None else "")


def parse_cite(value: Any) -> Cite | None:
    """A front-matter citation, or None if `value` is not one.

    >>> parse_cite("ivanov-2011#8"), parse_cite(8), parse_cite("x#")
    (Cite(source='sources/ivanov-2011.md', paragraph=8), None, None)
    >>> parse_cite("nato-member-countries")
    Cite(source='sources/nato-member-countries.md', paragraph=None)
    """
    if not isinstance(value, str):
        return None
    match = _CITE.fullmatch(value.strip())
    if match is None:
        return None
    number = match.group(2)
    return Cite(f"{SOURCES}/{match.group(1)}.md", int(number) if number is not None else None)


def parse_paragraphs(value: Any) -> list[int] | None:
    """The paragraph numbers of a ``paragraphs:`` value, in order; None if it is not ranges.

    >>> parse_paragraphs("1-6"), parse_paragraphs("1, 2, 4–5"), parse_paragraphs(3), parse_paragraphs("6-1")
    ([1, 2, 3, 4, 5, 6], [1, 2, 4, 5], [3], None)
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        return None
    numbers: list[int] = []
    for part in value.split(","):
        match = _RANGE.fullmatch(part)
        if match is None:
            return None
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last < first or len(numbers) + last - first + 1 > MAX_PARAGRAPHS:
            return None
        numbers.extend(range(first, last + 1))
    return numbers if len(set(numbers)) == len(numbers) else None
