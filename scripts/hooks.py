"""MkDocs hooks: a thin shell around the knowledge-base package ``kb`` (next to this file).

MkDocs puts this folder on sys.path while it loads the hook, so ``kb`` imports. The checker's
errors are logged as warnings, so ``mkdocs build --strict`` fails on them; its warnings are
logged as info. Everything the build adds to a page comes from ``kb.build``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kb.build import BuildContext
from kb.problems import Severity
from mkdocs.plugins import get_plugin_logger

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = get_plugin_logger("kb")
_build: BuildContext | None = None


def on_pre_build(config: MkDocsConfig) -> None:
    """Load and check the knowledge base; log every problem with its file and line."""
    global _build
    _build = BuildContext.for_config(config.config_file_path)
    for problem in _build.problems:
        (log.warning if problem.severity is Severity.ERROR else log.info)(problem.format("docs/"))


def on_page_markdown(markdown: str, page: Page, **kwargs: object) -> str:
    """Place the page's generated content (infobox, indexes, schema tables)."""
    assert _build is not None, "on_pre_build has not run"
    return _build.page_markdown(page.file.src_uri, markdown)
