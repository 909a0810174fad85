"""The checker: every rule over every page, all problems at once, in a stable order."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from . import aliases, editorial, generated, inclusions, links, safety, sources, validate
from .cache import TRACKED, ScanCache
from .config import load_config
from .incremental import NOTHING, PageResult, RecordingPages, RuleResult, stale_rules
from .problems import Problem
from .site import Page, Site, shape_digest

PageRule = Callable[[Page, Site], Iterable[Problem]]
SiteRule = Callable[[Site], Iterable[Problem]]

#: Rules that look at one page (with the site for lookups), in reporting order.
PAGE_RULES: tuple[PageRule, ...] = (
    validate.check_file_basics,
    validate.check_type_folder,
    safety.check_bounds,
    validate.check_front_matter_text,
    validate.check_theme_keys,
    validate.check_redirects,
    validate.check_type_key,
    validate.check_fields,
    validate.check_tags,
    validate.check_relations,
    validate.check_positions,
    sources.check_quotations,
    sources.check_cites_source,
    sources.check_source_page,
    sources.check_copied_text,
    links.check_links,
    links.check_references,
    links.check_footnotes,
    links.check_unreferenced_footnotes,
    links.check_html_links,
    safety.check_html_safety,
    safety.check_link_safety,
    safety.check_rendered,
    validate.check_markers,
    editorial.check_placeholders,
    editorial.check_unlinked_mentions,
)

_MENTIONS = PAGE_RULES.index(editorial.check_unlinked_mentions)

#: The page rules of any MkDocs site: links, anchors, safety and syntax. The others are the
#: knowledge base's content rules (type folders, front-matter fields, citations, style), which
#: apply only where the docs have the knowledge base's type folders (`Site.is_knowledge_base`).
GENERIC_PAGE_RULES: frozenset[PageRule] = frozenset({
    validate.check_file_basics, safety.check_bounds, links.check_links, links.check_references,
    links.check_footnotes, links.check_unreferenced_footnotes, links.check_html_links, safety.check_html_safety,
    safety.check_link_safety, safety.check_rendered,
})


def _content_rules() -> frozenset[int]:
    """The indexes of the knowledge base's own page rules (those not in `GENERIC_PAGE_RULES`)."""
    return frozenset(i for i, rule in enumerate(PAGE_RULES) if rule not in GENERIC_PAGE_RULES)


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
    safety.check_cache_not_tracked,
    validate.check_file_names,
    validate.check_dropped_files,
    inclusions.check_snippets,
    validate.check_unique_names,
    validate.check_redirect_claims,
    editorial.check_orphans,
    sources.check_uncited_sources,
    validate.check_duplicate_titles,
)

#: The site rules of any MkDocs site (see `GENERIC_PAGE_RULES`).
GENERIC_SITE_RULES: frozenset[SiteRule] = frozenset({
    check_files, safety.check_cache_not_tracked, validate.check_file_names, validate.check_dropped_files,
    inclusions.check_snippets, validate.check_duplicate_titles,
})


#: Check pages in worker processes from this many pages on (below it, forking costs more).
PARALLEL_FROM = 2000

#: Match names with one pattern for all from this many pages to check on (`MentionFinder`).
MENTION_PATTERN_FROM = 100

#: The site of a worker process, set in the worker only, as it starts (`_start_worker`).
_worker_site: Site | None = None


def _start_worker(site: Site) -> None:
    global _worker_site
    _worker_site = site


#: A page to check, and which of its rules to run (indexes into PAGE_RULES; None for all).
Task = tuple[str, "list[int] | None"]


def _check_in_worker(tasks: list[Task]) -> list[tuple[str, dict[int, RuleResult]]]:
    assert _worker_site is not None
    return _check_pages(_worker_site, tasks)


def _check_pages(site: Site, tasks: list[Task]) -> list[tuple[str, dict[int, RuleResult]]]:
    """Run page rules on some pages; for each page, each rule's problems and the pages it
    looked up (`kb.incremental`)."""
    original = site.pages
    skipped = None if site.is_knowledge_base else _content_rules()
    # Without a cache (no stamps) nothing is kept, so nothing needs recording.
    recording = RecordingPages(original) if site.stamps else None
    if recording is not None:
        site.pages = recording
    results = []
    try:
        for src_uri, rules in tasks:
            page = original[src_uri]
            found = {}
            for index in range(len(PAGE_RULES)) if rules is None else rules:
                if skipped is not None and index in skipped:
                    found[index] = NOTHING  # not a rule of this site
                    continue
                if recording is None:
                    found[index] = RuleResult(None, 0, tuple(PAGE_RULES[index](page, site)))
                    continue
                recording.start()
                found[index] = recording.rule_result(src_uri, site.stamps, list(PAGE_RULES[index](page, site)))
            results.append((src_uri, found))
    finally:
        site.pages = original
    return results


def check_site(site: Site, workers: int | None = None, cache: ScanCache | None = None) -> list[Problem]:
    """Run every rule; return all problems sorted by file, line and column.

    With a `cache`, a page rule whose page and whose looked-up pages have not changed since
    the last run gets its problems from there (`kb.incremental`); only the others run. On large
    sites the page rules run in forked worker processes, one per core: whatever the rules share
    (URL tables, name finders, suggestions) is built first, once, and inherited.
    """
    problems: list[Problem] = []
    for rule in SITE_RULES:
        if site.is_knowledge_base or rule in GENERIC_SITE_RULES:
            problems.extend(rule(site))
    if cache is None:
        tasks: list[Task] = [(uri, None) for uri in site.pages]
    else:
        shape = shape_digest(site)
        tasks = []
        for uri in site.pages:
            kept = cache.results.get(uri)
            stale = stale_rules(kept, uri, shape, site.stamps, len(PAGE_RULES))
            if stale is None:
                tasks.append((uri, None))
                continue
            for index, rule in enumerate(kept.rules):  # type: ignore[union-attr]
                if index not in stale:
                    problems.extend(rule.problems)
            if stale:
                tasks.append((uri, stale))
    site.derived["pages_checked"] = [uri for uri, _ in tasks]
    workers = workers if workers is not None else (os.cpu_count() or 1)
    parallel = workers > 1 and len(tasks) >= PARALLEL_FROM and "fork" in multiprocessing.get_all_start_methods()
    # What the rules share is built before workers fork, so that they inherit it (a run that
    # checks a few pages builds only what they ask for).
    if parallel:
        site.prepare_shared()
        aliases.site_urls(site)
        links.site_appended_labels(site)
    mentions = sum(rules is None or _MENTIONS in rules for _, rules in tasks)
    if mentions:
        finder = editorial.mention_finder(site)
        if mentions >= MENTION_PATTERN_FROM:
            finder.compile_all()
    if not parallel:
        results = _check_pages(site, tasks)
    else:
        chunks = [tasks[i::workers * 4] for i in range(workers * 4)]
        # Forked: each worker inherits the site as it starts (never pickled).
        with multiprocessing.get_context("fork").Pool(workers, _start_worker, (site,)) as pool:
            results = [item for part in pool.imap_unordered(_check_in_worker, chunks) for item in part]
    for src_uri, found in results:
        for result in found.values():
            problems.extend(result.problems)
        if cache is not None:
            own = site.stamps.get(src_uri)
            kept = cache.results.get(src_uri)
            if own is None:
                cache.put_result(src_uri, None)
            else:
                rules = tuple(found[i] if i in found else kept.rules[i] for i in range(len(PAGE_RULES)))  # type: ignore[union-attr]
                cache.put_result(src_uri, PageResult(shape, own, rules))
    return sorted(set(problems))


def check_config(config_file: str | Path, use_cache: bool = False, workers: int | None = None,
                 source_text: str | Path | None = None,
                 source_dir: str | Path | None = None) -> tuple[Site, list[Problem]]:
    """Load the site of a mkdocs.yml and check it.

    With `use_cache`, page scans and each page's problems are kept in ``.cache/`` next to
    mkdocs.yml between runs.
    `workers` processes scan the pages (default: one per core, for large sites). With
    `source_dir` (or `source_text`, a file in that folder), the sources' texts found there are
    read, and quotations and copied runs are checked against them.
    """
    config = load_config(config_file)
    cache = ScanCache.for_config(config, generated.fill_static) if use_cache else None
    site = Site(config, cache=cache, workers=workers, fill_static=generated.fill_static)
    if cache is not None:
        site.derived[TRACKED] = cache.tracked
    folder = Path(source_dir) if source_dir is not None else Path(source_text).parent if source_text else None
    if folder is not None:
        if not folder.is_dir():
            raise OSError(f"{folder} is not a folder")
        site.source_texts = sources.load_texts(folder, site)
    problems = check_site(site, workers, cache)
    if cache is not None:
        cache.prune(set(site.pages))
        cache.save()
    return site, problems
