"""Backlinks: for each page, the pages whose prose links to it ("Referenced by")."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from . import render, schema

if TYPE_CHECKING:
    from .site import Site


def backlinks(site: Site) -> dict[str, set[str]]:
    """Target src_uri -> the pages linking to it from their text (index pages excluded).

    Computed once per site (the checker and the build both ask).
    """
    cached = site.derived.get("backlinks")
    if cached is not None:
        return cached
    found: dict[str, set[str]] = defaultdict(set)
    for page in site.iter_pages():
        if page.src_uri.endswith("index.md") or page.type is None:
            continue
        for target in page.scan.linked:
            if target != page.src_uri and target in site.pages:
                found[target].add(page.src_uri)
    site.derived["backlinks"] = found
    return found


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
    items = []
    for page_type in sorted(groups, key=order.index):
        label = schema.PAGE_TYPES[page_type].plural if page_type in schema.PAGE_TYPES else "Other pages"
        uris = sorted(groups[page_type], key=lambda u: site.pages[u].title.casefold())
        items.append(f"<li><strong>{label}:</strong> " + ", ".join(links.page(u) for u in uris) + "</li>")
    return f'<h2 id="referenced-by">Referenced by</h2><ul>{"".join(items)}</ul>'
