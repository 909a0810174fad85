"""Citations: what a page cites, asked one way by every rule and writer.

A page cites a source paragraph with a link to a source page's paragraph anchor
(``../sources/ivanov-2011.md#p8``), usually in a footnote; its front matter cites paragraphs of
the primary source in relations (``cite: 8``) and positions. A link counts as a citation only
where the build makes it one: a Markdown link (inline, or a reference's definition) whose path,
resolved against the page's folder as MkDocs resolves it, is a page of type ``source``. So a
URL elsewhere that merely contains ``sources/`` cites nothing, and a broken path cites nothing
anywhere: not in the citation rule, the timeline, "Cited by", kb.json or JSON-LD.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote

from . import schema
from .incremental import shape_only
from .urls import resolve_source

if TYPE_CHECKING:
    from .site import Page, Site

#: A source paragraph's anchor: ``p`` and its number.
_PARAGRAPH = re.compile(r"p([0-9]+)")

#: The kinds of link MkDocs resolves to a page (`kb.markup.Link.kind`).
_RESOLVED_KINDS = frozenset({"inline", "definition"})


@dataclass(frozen=True, order=True)
class Citation:
    """One citation of a source (a paragraph of it, if the link names one) by a page."""

    page: str
    """The citing page's src_uri."""
    source: str
    """The cited source page's src_uri."""
    paragraph: int | None
    """The paragraph number (``#pN``), None for the source as a whole."""
    offset: int = -1
    """Where the link's target stands in the page's text; -1 for front matter."""


def link_citations(page: Page, site: Site) -> list[Citation]:
    """The page's links that cite a source page, in text order."""
    found = []
    for link in page.links:
        if link.kind not in _RESOLVED_KINDS:
            continue
        path, _, fragment = link.target.partition("#")
        if not path or ":" in path.partition("/")[0] or path.startswith("/") or not path.endswith(".md"):
            continue  # same page, a URL with a scheme, an absolute path or not a page: no citation
        uri = resolve_source(page.src_uri, unquote(path))
        if schema.type_of(uri) != "source" or uri == page.src_uri:
            continue
        with shape_only(site.pages):  # which pages exist is the site's shape: no page depends on another here
            target = site.pages.get(uri)
        if target is None:
            continue
        number = _PARAGRAPH.fullmatch(fragment)
        found.append(Citation(page.src_uri, target.src_uri, int(number.group(1)) if number else None, link.offset))
    return found


def cites_a_source(page: Page, site: Site) -> bool:
    """Whether the page's text cites any source page (the citation rule, KB401)."""
    return bool(link_citations(page, site))


def cited_paragraphs(page: Page, site: Site) -> list[tuple[str, int]]:
    """(source, paragraph) pairs the page's text cites, each once, sorted."""
    return sorted({(c.source, c.paragraph) for c in link_citations(page, site) if c.paragraph is not None})


def primary_paragraphs(page: Page, site: Site) -> tuple[int, ...]:
    """The paragraphs of the primary source the page's text cites, in order."""
    return tuple(n for source, n in cited_paragraphs(page, site) if source == schema.PRIMARY_SOURCE)


def cited_by(site: Site, source_uri: str) -> dict[int, list[str]]:
    """Paragraph number -> the pages whose text cites that paragraph of a source, by title."""
    cited: dict[int, set[str]] = defaultdict(set)
    for page in site.iter_pages():
        for citation in link_citations(page, site):
            if citation.source == source_uri and citation.paragraph is not None:
                cited[citation.paragraph].add(page.src_uri)

    def title(uri: str) -> str:
        return (site.pages[uri].title or uri).casefold()

    return {n: sorted(uris, key=title) for n, uris in cited.items()}
