"""Alias URLs: each entity's other names, and its old paths, as URLs that redirect to it.

Knowledge, not output: the build writes the redirect pages (`kb.exports.redirect_html`), the
link rules count the URLs as answered (`site_urls`).
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from .incremental import shape_only
from .urls import slug

if TYPE_CHECKING:
    from .site import Site


def alias_redirects(site: Site) -> dict[str, str]:
    """Alternative URL -> canonical page URL: one per alias (``people/rogozin/``) and one per
    old path in ``redirect_from``. A URL that is already a page, or that two pages claim, gets none.
    """
    claims: dict[str, set[str]] = {}
    for page in site.iter_pages():
        if not page.is_entity:
            continue
        folder = posixpath.dirname(page.src_uri)
        for alias in [a for a in page.meta.get("aliases") or [] if isinstance(a, str)]:
            name = slug(alias)
            if name:
                claims.setdefault(f"{folder}/{name}/", set()).add(site.url_of(page.src_uri))
        for old in [o for o in page.meta.get("redirect_from") or [] if isinstance(o, str) and o.endswith(".md")]:
            claims.setdefault(site.url_of(old), set()).add(site.url_of(page.src_uri))
    return {url: next(iter(targets)) for url, targets in sorted(claims.items())
            if len(targets) == 1 and site.url_occupant(url) is None}


def site_urls(site: Site) -> dict[str, str]:
    """Every URL the built site answers: files, files the build generates, alias redirects
    (computed once per site).

    Generated URLs map to the page they stand for (a redirect) or to their own name.
    """
    cached: dict[str, str] | None = site.derived.get("urls")
    if cached is not None:
        return cached
    result = dict(site.file_urls)
    with shape_only(site.pages):  # made of names only, whichever rule asks first
        redirects = alias_redirects(site)
    for url, target in redirects.items():
        result.setdefault(url, site.file_urls.get(target, target))
    result.update(site.extra_urls)
    site.derived["urls"] = result
    return result
