"""Abbreviations in the built page: marked at their first use only, as in print.

The abbr extension marks every occurrence; a page that mentions NATO eighty times would show
eighty dotted underlines and make the theme build eighty tooltips. The first occurrence in the
article keeps its ``<abbr title>`` (and tooltip); later ones become plain text.
"""

from __future__ import annotations

import re

_ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')
_ARTICLE = re.compile(r"(<article\b[^>]*>)(.*?)(</article>)", re.S)


def first_use_only(html: str) -> str:
    """The page with each abbreviation marked at its first use in the article only."""
    if "<abbr " not in html:
        return html
    article = _ARTICLE.search(html)
    if article is None:
        return html
    seen: set[str] = set()

    def keep_first(m: re.Match[str]) -> str:
        term = m.group(1)
        if term in seen:
            return term
        seen.add(term)
        return m.group(0)

    body = _ABBR.sub(keep_first, article.group(2))
    return html[: article.start(2)] + body + html[article.end(2):]
