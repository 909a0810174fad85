"""The checker: every rule over every page, all problems at once, in a stable order."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from . import editorial, links, markers, safety, sourcetext, validate
from .cache import ScanCache, cache_key, default_cache_path
from .config import load_config
from .problems import Problem
from .site import Page, Site

PageRule = Callable[[Page, Site], Iterable[Problem]]
SiteRule = Callable[[Site], Iterable[Problem]]

#: Rules that look at one page (with the site for lookups), in reporting order.
PAGE_RULES: tuple[PageRule, ...] = (
    validate.check_file_basics,
    validate.check_type_key,
    validate.check_fields,
    validate.check_tags,
    validate.check_relations,
    validate.check_positions,
    validate.check_quotations,
    validate.check_cites_source,
    links.check_links,
    links.check_references,
    links.check_footnotes,
    links.check_html_links,
    safety.check_html_safety,
    safety.check_link_safety,
    markers.check_markers,
    editorial.check_placeholders,
    editorial.check_unlinked_mentions,
)


def check_files(site: Site) -> Iterator[Problem]:
    """Problems of files as files: symlinks, and files that are not UTF-8."""
    docs = site.config.docs_dir
    for file in site.files.values():
        if file.is_symlink:
            target = file.abs_path.resolve()
            inside = target.is_relative_to(docs)
            where = "inside" if inside else "outside"
            yield Problem(file.src_uri, 1, 1, "KB003", f"symbolic link to '{target}' ({where} the docs directory)",
                          "replace the link with a real file; the build would copy whatever it points to")
    for src_uri, (code, line, col, message, hint) in site.unreadable.items():
        yield Problem(src_uri, line, col, code, message, hint)


#: Rules that look at the whole site.
SITE_RULES: tuple[SiteRule, ...] = (
    check_files,
    validate.check_unique_names,
    editorial.check_orphans,
)


#: Check pages in worker processes from this many pages on (below it, forking costs more).
PARALLEL_FROM = 2000

_SITE: Site | None = None


def _check_pages(src_uris: list[str]) -> list[Problem]:
    """Run the page rules on some pages (in a worker process, on the site it inherited)."""
    assert _SITE is not None
    problems: list[Problem] = []
    for src_uri in src_uris:
        page = _SITE.pages[src_uri]
        for page_rule in PAGE_RULES:
            problems.extend(page_rule(page, _SITE))
    return problems


def check_site(site: Site, workers: int | None = None) -> list[Problem]:
    """Run every rule; return all problems sorted by file, line and column.

    On large sites the page rules run in forked worker processes, one per core: whatever the
    rules share (URL tables, name finders, suggestions) is built first, once, and inherited.
    """
    global _SITE
    problems: list[Problem] = []
    for rule in SITE_RULES:
        problems.extend(rule(site))
    uris = list(site.pages)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers < 2 or len(uris) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        _SITE = site
        problems.extend(_check_pages(uris))
        return sorted(set(problems))
    site.prepare_shared()
    editorial.mention_finder(site)
    links.site_appended_labels(site)
    _SITE = site
    chunks = [uris[i::workers * 4] for i in range(workers * 4)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for part in pool.imap_unordered(_check_pages, chunks):
            problems.extend(part)
    return sorted(set(problems))


def check_config(config_file: str | Path, use_cache: bool = False, workers: int | None = None,
                 source_text: str | Path | None = None) -> tuple[Site, list[Problem]]:
    """Load the site of a mkdocs.yml and check it.

    With `use_cache`, page scans are kept in ``.cache/`` next to mkdocs.yml between runs.
    `workers` processes scan the pages (default: one per core, for large sites). With
    `source_text` (the article's text file), quotations are verified against it.
    """
    config = load_config(config_file)
    cache = ScanCache(default_cache_path(config), cache_key(config)) if use_cache else None
    site = Site(config, cache=cache, workers=workers)
    if source_text is not None:
        site.source_paragraphs = sourcetext.load(source_text)
    if cache is not None:
        cache.prune(set(site.pages))
        cache.save()
    return site, check_site(site, workers)
