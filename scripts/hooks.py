"""MkDocs hooks: a thin shell around the knowledge-base package ``kb`` (next to this file).

MkDocs puts this folder on sys.path while it loads the hook, so ``kb`` imports. The checker's
errors are logged as warnings, so ``mkdocs build --strict`` fails on them; its warnings are
logged as info. Everything the build adds comes from ``kb.build``; the hooks only place it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kb import abbreviations, csp
from kb.build import BuildContext
from kb.problems import Severity
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("kb")
_build: BuildContext | None = None


def on_pre_build(config: MkDocsConfig) -> None:
    """Load and check the knowledge base; log every problem with its file and line."""
    global _build
    _build = BuildContext.for_config(config.config_file_path, config.use_directory_urls, use_cache=True)
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
    for src_uri, content in _build.generated_sources().items():
        files.append(File.generated(config, src_uri, content=content))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: object) -> str:
    """Place the page's generated content, and its JSON-LD for the template's <head>."""
    assert _build is not None, "on_pre_build has not run"
    page.meta.update(_build.page_meta(page.meta))
    json_ld = _build.json_ld(page.file.src_uri, config.site_url or "")
    if json_ld:
        page.meta["kb_json_ld"] = json_ld
    return _build.page_markdown(page.file.src_uri, markdown)


def _offline(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs: object) -> str:
    """Place the infobox, timeline and backlinks; mark abbreviations at their first use; give
    every page its Content-Security-Policy (not in the offline copy: file:// has no origin for a
    policy to protect, and its search runs in a frame)."""
    assert _build is not None, "on_pre_build has not run"
    output = abbreviations.first_use_only(_build.page_html(page.file.src_uri, output))
    return output if _offline(config) else csp.add_policy(output)


def on_post_template(output_content: str, config: MkDocsConfig, **kwargs: object) -> str:
    """The same for pages built from templates (404.html)."""
    return output_content if _offline(config) else csp.add_policy(output_content)


def on_post_build(config: MkDocsConfig) -> None:
    """Write the exports and alias redirects; make aliases searchable."""
    assert _build is not None, "on_pre_build has not run"
    site_dir = Path(config.site_dir)
    for path, text in _build.generated_files().items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        index.write_text(_build.search_index(index.read_text(encoding="utf-8")), encoding="utf-8")
