"""MkDocs hooks: a thin shell around the knowledge-base package ``kb`` (next to this file).

MkDocs puts this folder on sys.path while it loads the hook, so ``kb`` imports. The checker's
errors are logged as warnings, so ``mkdocs build --strict`` fails on them; its warnings are
logged as info. Everything the build adds comes from ``kb.build``; the hooks only place it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kb import abbreviations, csp, footnotes
from kb.build import BuildContext
from kb.problems import Severity
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("kb")
_build: BuildContext | None = None
_search_done = False


def on_pre_build(config: MkDocsConfig) -> None:
    """Load and check the knowledge base; log every problem with its file and line."""
    global _build, _search_done
    _search_done = False
    _build = BuildContext.for_config(config.config_file_path, config.use_directory_urls, use_cache=True,
                                     site_url=config.site_url or "")
    for problem in _build.problems:
        (log.warning if problem.severity is Severity.ERROR else log.info)(problem.format("docs/"))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the data exports (kb.json, graph.json); leave out pages MkDocs cannot read (not UTF-8):
    it would stop with a traceback. The checker has reported those, and --strict fails on that."""
    assert _build is not None, "on_pre_build has not run"
    for src_uri in _build.unbuildable():
        file = files.get_file_from_path(src_uri)
        if file is not None:
            files.remove(file)
    # The site directory has been cleaned by now. Another process writes the exports and the
    # redirects into it and makes each page's generated HTML while MkDocs renders; the exports
    # are files of the site (MkDocs checks links to them), written in place ("abs_src_path" in
    # site_dir: MkDocs leaves them where they are).
    site_dir = Path(config.site_dir)
    site_dir.mkdir(parents=True, exist_ok=True)
    index = _search_index(config)
    _build.search_separator = getattr(index, "config", {}).get("separator") if index is not None else None
    for src_uri in _build.generated_sources_names():
        files.append(File.generated(config, src_uri, abs_src_path=str(site_dir / src_uri)))
    _build.start_background(site_dir)
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Wait for the other process before MkDocs copies the files (the exports among them)."""
    assert _build is not None, "on_pre_build has not run"
    _build.finish_background()
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: object) -> str:
    """Fill the page's markers and place its positions; escape its description for the head."""
    assert _build is not None, "on_pre_build has not run"
    page.meta.update(_build.page_meta(page.meta))
    return _build.page_markdown(page.file.src_uri, markdown)


def _offline(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs: object) -> str:
    """Place the infobox, timeline, backlinks, cited-by and JSON-LD; mark abbreviations at their
    first use; name footnote back-links without a tooltip; give
    every page its Content-Security-Policy (not in the offline copy: file:// has no origin for a
    policy to protect, and its search runs in a frame)."""
    assert _build is not None, "on_pre_build has not run"
    output = footnotes.backlinks_without_tooltips(abbreviations.first_use_only(_build.page_html(page.file.src_uri, output)))
    return output if _offline(config) else csp.add_policy(output)


def on_post_template(output_content: str, config: MkDocsConfig, **kwargs: object) -> str:
    """The same for pages built from templates (404.html)."""
    return output_content if _offline(config) else csp.add_policy(output_content)


def _search_index(config: MkDocsConfig) -> Any:
    """Material's search index while it is built (None if search is off or not Material's)."""
    plugin = config.plugins.get("material/search")
    index = getattr(plugin, "search_index", None) if plugin and plugin.config.enabled else None
    return index if isinstance(getattr(index, "entries", None), list) else None


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """Material's search plugin has just indexed the page: give its lead entry the page's names,
    infobox text and boost (instead of rewriting the whole index file after the build)."""
    global _search_done
    assert _build is not None, "on_pre_build has not run"
    index = _search_index(config)
    if index is not None and _build.search_entries(page.file.src_uri, page.url, index.entries):
        _search_done = True
    return context


def on_post_build(config: MkDocsConfig) -> None:
    """Make aliases searchable, if it could not be done page by page."""
    assert _build is not None, "on_pre_build has not run"
    if _search_done:
        return
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        index.write_text(_build.search_index(index.read_text(encoding="utf-8")), encoding="utf-8")
