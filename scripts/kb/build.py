"""What the build adds to the site: the one entry point the MkDocs hooks call.

`BuildContext.for_config` loads and checks the site once per build (sharing the checker's
cache). Before rendering, `page_markdown` fills a page's markers and places its positions.
After rendering, `page_html` places what is generated for the page as HTML: infobox,
timeline, connections map, "Referenced by", the source's "Cited by", JSON-LD. `start_background` makes all of
that, writes the data exports and the alias redirects, in a forked process while the builder
renders (`finish_background` waits for it); without it, each page's part is made on demand.
Any builder that can run Python before and after rendering can call the same functions.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from . import (
    aliases,
    backlinks,
    connections,
    exports,
    generated,
    jsonld,
    pagecite,
    positions,
    render,
    revisions,
    search,
    sections,
    templates,
    timeline,
)
from .cache import TRACKED, ScanCache
from .check import check_site
from .config import load_config
from .problems import Problem
from .relations import RelationGraph
from .site import Site
from .urls import GENERATED_FILES


class Generated(NamedTuple):
    """What the build places in one built page (all empty for pages that get nothing)."""

    infobox: str = ""
    sections: str = ""
    """Timeline, connections map and "Referenced by", before the page's references."""
    cited_by: dict[int, str] = {}
    """On a source page: paragraph number -> the list of pages citing it, as HTML."""
    json_ld: str = ""
    search: search.SearchFields | None = None
    """What the page's lead entry in the search index gets (entity pages)."""
    cite_box: str = ""
    """The "Cite this page" box, at the end of the article (entity pages)."""


@dataclass
class BuildContext:
    """The site model for one build, and the checker's problems with it."""

    site: Site
    graph: RelationGraph
    problems: list[Problem]
    site_url: str = ""
    """The site's public URL (for JSON-LD identifiers), '' if unknown."""
    search_separator: str | None = None
    """The search index's word separator (a regex), if known before pages are made."""
    _generated: dict[str, Generated] = field(default_factory=dict, repr=False)
    _background: tuple[ProcessPoolExecutor, Future[dict[str, Generated]]] | None = field(default=None, repr=False)

    @classmethod
    def for_config(cls, config_file: str | Path, use_directory_urls: bool | None = None,
                   use_cache: bool = False, site_url: str = "") -> BuildContext:
        """Load, check and index the site of a mkdocs.yml (a plugin may have changed its URL style).

        With `use_cache`, the checker's cache (``.cache/``) is used and kept up to date.
        """
        # The model is many small objects that live as long as the build: let the garbage
        # collector neither walk them while they are made nor while MkDocs renders (on a large
        # site that cost more than the work itself).
        gc.disable()
        try:
            config = load_config(config_file)
            if use_directory_urls is not None:
                config.use_directory_urls = use_directory_urls
            cache = ScanCache.for_config(config, generated.fill_static) if use_cache else None
            site = Site(config, cache=cache, fill_static=generated.fill_static)
            if cache is not None:
                site.derived[TRACKED] = cache.tracked
            problems = check_site(site, cache=cache)
            if cache is not None:
                cache.prune(set(site.pages))
                cache.save()
            context = cls(site, RelationGraph(site), problems, site_url)
        finally:
            gc.collect()
            gc.freeze()
            gc.enable()
        return context

    @property
    def backlinks(self) -> dict[str, set[str]]:
        """Who links to whom in prose (computed once per site)."""
        return backlinks.backlinks(self.site)

    @cached_property
    def positions_by_page(self) -> tuple[dict[str, list[positions.Position]], dict[str, list[positions.Position]]]:
        """Every position record, by topic and by holder, collected once per build."""
        by_topic: dict[str, list[positions.Position]] = {}
        by_holder: dict[str, list[positions.Position]] = {}
        for record in positions.positions(self.site):
            by_topic.setdefault(record.topic, []).append(record)
            if record.holder_uri:
                by_holder.setdefault(record.holder_uri, []).append(record)
        return by_topic, by_holder

    @cached_property
    def revision_dates(self) -> dict[str, str]:
        """Each page's last revision date, from git (empty outside a git checkout)."""
        return revisions.last_changed(self.site.config.root, self.site.config.docs_dir)

    @cached_property
    def timeline(self) -> dict[str, list[timeline.Entry]]:
        """Every dated entry by page, collected once per build."""
        return timeline.by_page(timeline.entries(self.site))

    def page_markdown(self, src_uri: str, markdown: str) -> str:
        """A page's Markdown as the build should render it: markers filled; on topics and
        holders, the positions (few pages)."""
        page = self.site.pages.get(src_uri)
        markdown = generated.fill(markdown, self.site, src_uri)
        if page is None or not page.is_entity or page.front_matter.error:
            return markdown
        by_topic, by_holder = self.positions_by_page
        parts = [
            sections.topic_table(self.site, src_uri, by_topic.get(src_uri, [])) if page.type == "topic" else "",
            sections.holder_section(self.site, src_uri, by_holder.get(src_uri, [])),
        ]
        for section in parts:
            markdown = render.insert_before_references(markdown, section)
        return markdown

    def page_html(self, src_uri: str, page_html: str) -> str:
        """A built page with what is generated for it in place: its infobox, timeline,
        connections map and "Referenced by"; on a source, the pages citing each paragraph; its JSON-LD in the head.

        These are on every entity page and link to many pages, so they are written as HTML and
        placed after rendering: through Markdown they would double the build's time.
        """
        made = self.generated(src_uri)
        if made.infobox or made.sections:
            page_html = render.place_in_article(page_html, made.infobox, made.sections)
        if made.cite_box:
            page_html = render.place_at_article_end(page_html, made.cite_box)
        if made.cited_by:
            page_html = render.place_cited_by(page_html, made.cited_by)
        if made.json_ld:
            page_html = render.place_in_head(page_html, made.json_ld)
        return page_html

    def generated(self, src_uri: str) -> Generated:
        """What is generated for a page, made once: by `start_background` if it ran, or now."""
        if self._background is not None:
            self.finish_background()
        if src_uri not in self._generated:
            self._generated[src_uri] = self._make(src_uri)
        return self._generated[src_uri]

    def _make(self, src_uri: str) -> Generated:
        page = self.site.pages.get(src_uri)
        if page is None or not page.is_entity or page.front_matter.error:
            return Generated()
        # Rendered by the escaping layer (kb.templates); kept as plain str from here on, so that
        # placing them in the page's HTML does not escape them again.
        placed = str(sections.page_timeline_html(page, self.graph, self.timeline) if page.type != "source" else "")
        placed += str(connections.neighbourhood_html(page, self.graph))
        placed += str(sections.referenced_by_html(self.site, src_uri, self.backlinks))
        cited_by = ({n: str(line) for n, line in render.cited_by_html(self.site, src_uri).items()}
                    if page.type == "source" else {})
        infobox = str(render.infobox_html(page, self.graph))
        fields = search.search_fields(page, self.search_separator, self.backlinks, infobox)
        citation = pagecite.page_citation(page, self.site, self.site_url, self.revision_dates.get(src_uri))
        return Generated(infobox, placed, cited_by, str(jsonld.json_ld(page, self.site_url, self.graph)), fields,
                         str(pagecite.cite_box_html(citation)))

    def infobox(self, src_uri: str) -> str:
        """An entity page's infobox HTML (the page and the search index both use it)."""
        return self.generated(src_uri).infobox

    # -- work done beside the builder

    def start_background(self, site_dir: Path) -> None:
        """Start the work that needs no rendered page, in a forked process, so that it runs on
        another core while the builder renders: write the data exports (`generated_sources`)
        and the alias redirects (`generated_files`) into `site_dir` (which must exist and have
        been cleaned), and make what is generated for every page. `finish_background` waits
        for it. Where processes cannot be forked, it is all done now."""
        if "fork" not in multiprocessing.get_all_start_methods():
            self._generated.update(_background_work(self, site_dir))
            return
        # Forked: the process inherits the context as it starts (never pickled).
        executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                                       initializer=_start_background, initargs=(self, site_dir))
        self._background = (executor, executor.submit(_background_in_worker))

    def finish_background(self) -> dict[str, Generated]:
        """Wait for the background work; what it made (raises what it raised)."""
        if self._background is None:
            return {}
        executor, future = self._background
        self._background = None
        try:
            made = future.result()
        finally:
            executor.shutdown()
        self._generated.update(made)
        return made

    def unbuildable(self) -> list[str]:
        """Pages the builder cannot read (the checker reports them): to leave out of the build."""
        return sorted(self.site.unreadable)

    def page_meta(self, meta: Mapping[str, Any]) -> dict[str, Any]:
        """Front matter as the theme's templates should print it: the description, which Material
        puts unescaped in a ``<meta content="…">`` attribute, HTML-escaped."""
        shown = dict(meta)
        description = meta.get("description")
        if isinstance(description, str):
            shown["description"] = str(templates.escape(description))
        return shown

    def generated_sources_names(self) -> list[str]:
        """The names of the data exports (`generated_sources`), known before they are made."""
        return list(GENERATED_FILES)

    def generated_sources(self) -> dict[str, str]:
        """Files the build adds to the docs (src_uri -> text): the data exports."""
        return {"kb.json": exports.kb_json(self.site, self.graph),
                "graph.json": exports.graph_json(self.site, self.graph)}

    def generated_files(self) -> dict[str, str]:
        """Files to write into the built site: the alias redirects."""
        files = {}
        for url, target in aliases.alias_redirects(self.site).items():
            files[url + "index.html" if url.endswith("/") or not url else url] = render.redirect_html(url, target)
        return files

    def search_entries(self, src_uri: str, url: str, entries: list[dict[str, Any]]) -> bool:
        """Give an entity page's lead entry in a search index being built (a list of entries
        ending with the page's own; words split by `search_separator`) its names, infobox text
        and boost; False if it has none."""
        page = self.site.pages.get(src_uri)
        if page is None or not page.is_entity:
            return False
        lead = None
        for entry in reversed(entries):
            location = entry.get("location", "")
            if location.partition("#")[0] != url:
                break
            if location == url:
                lead = entry
        if lead is None:
            return False
        made = self.generated(src_uri).search
        if made is None:  # a page with broken front matter: its names, still
            made = search.search_fields(page, self.search_separator, self.backlinks, "")
        search.apply_search_fields(lead, made)
        return True

    def search_index(self, index_json: str) -> str:
        """Material's search index, with aliases made searchable."""
        boxes = {uri: self.infobox(uri) for uri, page in self.site.pages.items()
                 if page.is_entity and not page.front_matter.error}
        return search.search_index_with_aliases(index_json, self.site, self.backlinks, boxes)


#: The background process's context and site folder, set in that process only (`_start_background`).
_worker_background: tuple[BuildContext, Path] | None = None


def _start_background(context: BuildContext, site_dir: Path) -> None:
    global _worker_background
    _worker_background = (context, site_dir)


def _background_in_worker() -> dict[str, Generated]:
    assert _worker_background is not None
    return _background_work(*_worker_background)


class OutsideSiteError(ValueError):
    """A generated file's path would leave the site directory."""


def inside(site_dir: Path, path: str) -> Path:
    """`site_dir / path`, checked to stay inside `site_dir` (no absolute path, no ``..``, no
    symbolic link out) before anything is written there.

    >>> inside(Path("/tmp/site"), "people/rogozin/index.html")
    PosixPath('/tmp/site/people/rogozin/index.html')
    """
    root = site_dir.resolve()
    target = (root / path).resolve()
    if path.startswith(("/", "\\")) or "\\" in path or not target.is_relative_to(root) or target == root:
        raise OutsideSiteError(f"refusing to write {path!r}: it is not a file inside the site directory {root}")
    return target


def _background_work(context: BuildContext, site_dir: Path) -> dict[str, Generated]:
    """In the forked process: write the exports and redirects, then make what every page gets."""
    gc.disable()  # a short-lived process
    made: set[Path] = set()
    for path, text in {**context.generated_sources(), **context.generated_files()}.items():
        target = inside(site_dir, path)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(text, encoding="utf-8")
    return {uri: context._make(uri) for uri in context.site.pages}
