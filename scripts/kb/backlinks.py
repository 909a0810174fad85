"""Backlinks: for each page, the pages whose prose links to it ("Referenced by")."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from . import render, schema, templates

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .site import Page, Site


def backlinks(site: Site) -> dict[str, set[str]]:
    """Target src_uri -> the pages linking to it from their text (index pages excluded).

    Computed once per site (the checker and the build both ask).
    """
    cached = site.derived.get("backlinks")
    if cached is not None:
        return cached
    found: dict[str, set[str]] = defaultdict(set)
    for page, targets in _prose_links(site):
        for target in targets:
            if target in site.pages:
                found[target].add(page.src_uri)
    site.derived["backlinks"] = found
    return found


def linked_pages(site: Site) -> set[str]:
    """Every path some page's text links to: the keys of `backlinks` (and paths that are not
    pages), found without building the lists."""
    found: set[str] = set()
    for _, targets in _prose_links(site):
        found |= targets
    return found


def _prose_links(site: Site) -> Iterator[tuple[Page, frozenset[str]]]:
    """Each page whose links count as references (type indexes and untyped pages do not), with
    the paths its text links to, itself left out."""
    for page in site.iter_pages():
        if page.src_uri.endswith("index.md") or page.type is None:
            continue
        targets = page.scan.linked
        yield page, (targets - {page.src_uri} if page.src_uri in targets else targets)


def referenced_by_html(site: Site, src_uri: str, index: dict[str, set[str]]) -> str:
    """The "Referenced by" section as HTML (placed after rendering), or ''."""
    pages = index.get(src_uri)
    if not pages:
        return ""
    groups: dict[str, list[str]] = defaultdict(list)
    for uri in pages:
        groups[str(site.pages[uri].type)].append(uri)
    order = [*schema.PAGE_TYPES, schema.PLAIN]
    links = render.HtmlLinks(site, src_uri)
    rows = []
    for page_type in sorted(groups, key=order.index):
        label = schema.PAGE_TYPES[page_type].plural if page_type in schema.PAGE_TYPES else "Other pages"
        uris = sorted(groups[page_type], key=lambda u: site.pages[u].title.casefold())
        rows.append((label, [links.page(u) for u in uris]))
    return templates.html("referenced_by.html", groups=rows)
