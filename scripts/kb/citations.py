"""Citations: what a page cites, asked one way by every rule and writer.

A page cites a source paragraph with a link to a source page's paragraph anchor
(``../sources/ivanov-2011.md#p8``), usually in a footnote; its front matter cites a source and
paragraph in relations and positions (``cite: ivanov-2011#8``, `kb.sourceref`). A link counts as a citation only
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
from .relations import edges_of
from .sourceref import SOURCES, Cite, parse_cite
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
    # A link from outside the sources' folder names it on its way there (`../sources/x.md`).
    anywhere = page.folder == SOURCES
    for link in page.links:
        if link.kind not in _RESOLVED_KINDS or not (anywhere or _SOURCES_FOLDER in link.target or "%" in link.target):
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


def front_matter_citations(page: Page) -> list[Citation]:
    """The sources the page's relations and positions rest on, in front-matter order."""
    found = [Citation(page.src_uri, e.cite.source, e.cite.paragraph) for e in edges_of(page.src_uri, page.meta)
             if e.cite is not None]
    records = page.meta.get("positions") if page.type == "topic" else None
    for record in records if isinstance(records, list) else []:
        cite = parse_cite(record.get("cite")) if isinstance(record, dict) else None
        if cite is not None:
            found.append(Citation(page.src_uri, cite.source, cite.paragraph))
    return found


def cites_a_source(page: Page, site: Site) -> bool:
    """Whether the page's text cites any source page (the citation rule, KB401)."""
    return bool(link_citations(page, site))


def cited_paragraphs(page: Page, site: Site) -> list[Cite]:
    """The source paragraphs the page rests on, in its text and its front matter, each once,
    sorted; front-matter citations of pages that are not sources are left out (the checker
    reports them)."""
    found = {Cite(c.source, c.paragraph) for c in link_citations(page, site) if c.paragraph is not None}
    for citation in front_matter_citations(page):
        if citation.paragraph is not None and _is_source(site, citation.source):
            found.add(Cite(citation.source, citation.paragraph))
    return sorted(found)


def cited_sources(page: Page, site: Site) -> list[str]:
    """Every source page the page cites (a paragraph of it, or it as a whole), sorted."""
    found = {c.source for c in link_citations(page, site)}
    found |= {c.source for c in front_matter_citations(page) if _is_source(site, c.source)}
    return sorted(found)


def _is_source(site: Site, uri: str) -> bool:
    if schema.type_of(uri) != "source":
        return False
    with shape_only(site.pages):
        return uri in site.pages


def cited_by(site: Site, source_uri: str) -> dict[int, list[str]]:
    """Paragraph number -> the pages that cite that paragraph of a source (in their text or
    their front matter), by title."""
    return _cited_by_index(site).get(source_uri, {})


def _cited_by_index(site: Site) -> dict[str, dict[int, list[str]]]:
    """`cited_by` of every source, from one pass over the pages (made once per site: the build
    asks for each source page)."""
    index: dict[str, dict[int, list[str]]] | None = site.derived.get("cited-by")
    if index is not None:
        return index
    cited: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for page in site.iter_pages():
        for cite in cited_paragraphs(page, site):
            if cite.source != page.src_uri and cite.paragraph is not None:
                cited[cite.source][cite.paragraph].add(page.src_uri)

    def title(uri: str) -> str:
        return (site.pages[uri].title or uri).casefold()

    index = {source: {n: sorted(uris, key=title) for n, uris in paragraphs.items()}
             for source, paragraphs in cited.items()}
    site.derived["cited-by"] = index
    return index


_SOURCES_FOLDER = SOURCES + "/"


def citing_pages(site: Site) -> dict[str, set[str]]:
    """Source src_uri -> the pages that cite it at all (for the rule on sources nothing cites).

    Read from what every run has at hand (the paths a page links to, its front matter), so that
    a warm run decodes no page's details (`kb.cache`)."""
    found: dict[str, set[str]] = defaultdict(set)
    for page in site.iter_pages():
        targets = {uri for uri in page.scan.linked
                   if uri.startswith(_SOURCES_FOLDER) and schema.type_of(uri) == "source"}
        targets |= {c.source for c in front_matter_citations(page)}
        for uri in targets:
            if uri != page.src_uri and uri in site.pages:
                found[uri].add(page.src_uri)
    return found
