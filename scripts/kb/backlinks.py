"""Backlinks: for each page, the pages whose prose links to it ("Referenced by")."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .site import Page, Site


def backlinks(site: Site) -> dict[str, set[str]]:
    """Target src_uri -> the pages linking to it from their text (index pages excluded).

    Computed once per site (the checker and the build both ask).
    """
    cached: dict[str, set[str]] | None = site.derived.get("backlinks")
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


