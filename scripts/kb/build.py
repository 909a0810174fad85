"""What the build adds to each page: the one entry point the MkDocs hooks call.

`BuildContext.for_config` loads and checks the site once per build; `page_markdown` returns a
page's Markdown with its infobox placed and its markers filled. Any builder that can run Python
before rendering can call the same two functions.
"""

from __future__ import annotations

import gc
import html
from dataclasses import dataclass, field
from pathlib import Path

from functools import cached_property

from . import backlinks, export, markers, positions, render, schema, timeline
from .cache import ScanCache, cache_key, default_cache_path
from .check import check_site
from .config import load_config
from .problems import Problem
from .relations import RelationGraph
from .site import Site


@dataclass
class BuildContext:
    """The site model for one build, and the checker's problems with it."""

    site: Site
    graph: RelationGraph
    problems: list[Problem]
    _infoboxes: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def for_config(cls, config_file: str | Path, use_directory_urls: bool | None = None,
                   use_cache: bool = False) -> BuildContext:
        """Load, check and index the site of a mkdocs.yml (a plugin may have changed its URL style).

        With `use_cache`, unchanged pages' scans come from the checker's cache (``.cache/``).
        """
        # The model is many small objects that live as long as the build: let the garbage
        # collector neither walk them while they are made nor while MkDocs renders (on a large
        # site that cost more than the work itself).
        gc.disable()
        try:
            config = load_config(config_file)
            if use_directory_urls is not None:
                config.use_directory_urls = use_directory_urls
            cache = ScanCache(default_cache_path(config), cache_key(config)) if use_cache else None
            site = Site(config, cache=cache)
            problems = check_site(site, cache=cache)
            if cache is not None:
                cache.prune(set(site.pages))
                cache.save()
            context = cls(site, RelationGraph(site), problems)
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
    def timeline(self) -> dict[str, list[timeline.Entry]]:
        """Every dated entry by page, collected once per build."""
        return timeline.by_page(timeline.entries(self.site))

    def page_markdown(self, src_uri: str, markdown: str) -> str:
        """A page's Markdown as the build should render it: markers filled; on the source, the
        pages citing each paragraph; on topics and holders, the positions (few pages)."""
        page = self.site.pages.get(src_uri)
        markdown = markers.fill(markdown, self.site, src_uri)
        if page is None or page.type not in schema.ENTITY_TYPES or page.front_matter.error:
            return markdown
        if page.type == "source":
            markdown = render.insert_cited_by(markdown, self.site, src_uri)
        by_topic, by_holder = self.positions_by_page
        sections = [
            positions.topic_table(self.site, src_uri, by_topic.get(src_uri, [])) if page.type == "topic" else "",
            positions.holder_section(self.site, src_uri, by_holder.get(src_uri, [])),
        ]
        for section in sections:
            markdown = render.insert_before_references(markdown, section)
        return markdown

    def page_html(self, src_uri: str, page_html: str) -> str:
        """A built page with its infobox, timeline and "Referenced by" in place.

        These are on every entity page and link to many pages, so they are written as HTML and
        placed after rendering: through Markdown they would double the build's time.
        """
        page = self.site.pages.get(src_uri)
        if page is None or page.type not in schema.ENTITY_TYPES or page.front_matter.error:
            return page_html
        sections = (timeline.page_timeline_html(page, self.graph, self.timeline) if page.type != "source" else "")
        sections += backlinks.referenced_by_html(self.site, src_uri, self.backlinks)
        return render.place_in_article(page_html, self.infobox(src_uri), sections)

    def infobox(self, src_uri: str) -> str:
        """An entity page's infobox HTML, made once (the page and the search index both use it)."""
        if src_uri not in self._infoboxes:
            self._infoboxes[src_uri] = render.infobox_html(self.site.pages[src_uri], self.graph)
        return self._infoboxes[src_uri]

    def unbuildable(self) -> list[str]:
        """Pages the builder cannot read (the checker reports them): to leave out of the build."""
        return sorted(self.site.unreadable)

    def page_meta(self, meta: dict) -> dict:
        """Front matter as the theme's templates should print it: the description, which Material
        puts unescaped in a ``<meta content="…">`` attribute, HTML-escaped."""
        description = meta.get("description")
        if isinstance(description, str):
            meta = {**meta, "description": html.escape(description, quote=True)}
        return meta

    def json_ld(self, src_uri: str, site_url: str) -> str | None:
        """The JSON-LD of an entity page (None for other pages)."""
        page = self.site.pages.get(src_uri)
        if page is None or page.type not in schema.ENTITY_TYPES or page.front_matter.error:
            return None
        return export.json_ld(page, site_url, self.graph)

    def generated_sources(self) -> dict[str, str]:
        """Files the build adds to the docs (src_uri -> text): the data exports."""
        return {"kb.json": export.kb_json(self.site, self.graph), "graph.json": export.graph_json(self.site, self.graph)}

    def generated_files(self) -> dict[str, str]:
        """Files to write into the built site after it is built: the alias redirects."""
        files = {}
        for url, target in export.alias_redirects(self.site).items():
            files[url + "index.html" if url.endswith("/") or not url else url] = export.redirect_html(url, target)
        return files

    def search_index(self, index_json: str) -> str:
        """Material's search index, with aliases made searchable."""
        boxes = {uri: self.infobox(uri) for uri, page in self.site.pages.items()
                 if page.type in schema.ENTITY_TYPES and not page.front_matter.error}
        return export.search_index_with_aliases(index_json, self.site, self.backlinks, boxes)
