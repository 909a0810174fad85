"""The source article's text, split into the numbered paragraphs citations use (¶1–¶15).

The text is copyrighted and never ships with the site: the checker reads it only when given
(``--source-text`` or ``KB_SOURCE_TEXT``), to verify that every quotation occurs in the
paragraph it cites.
"""

from __future__ import annotations

import re
from pathlib import Path

#: Lines of the received web page that are not paragraphs of the article.
_NOT_ARTICLE = re.compile(r"^(Source: .*|All rights reserved by .*|This website uses cookies.*|Accept cookies)$")


def paragraphs(text: str) -> dict[int, str]:
    """Paragraph number -> text. The first line is the title; credits and banners are skipped."""
    lines = [line.strip() for line in text.splitlines()]
    body = [line for line in lines[1:] if line and not _NOT_ARTICLE.match(line)]
    return {number: line for number, line in enumerate(body, 1)}


def normalize(text: str) -> str:
    """Fold typographic quotes and runs of white space, so a quotation matches however typed."""
    text = text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    return " ".join(text.split())


def quote_occurs(quote: str, paragraph: str) -> bool:
    """True if the quotation occurs, word for word, in the paragraph."""
    return normalize(quote) in normalize(paragraph)


def load(path: str | Path) -> dict[int, str]:
    """Read the article and split it."""
    return paragraphs(Path(path).read_text(encoding="utf-8"))
