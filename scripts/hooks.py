"""MkDocs hooks: a thin shell that reports the knowledge-base checker's problems in the build.

All logic lives in the ``kb`` package next to this file (MkDocs puts this folder on sys.path
while it loads the hook). Errors are logged as warnings, so ``mkdocs build --strict`` fails on
them; the checker's own warnings are logged as info.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kb.check import check_config
from kb.docs import fill_markers
from kb.problems import Severity
from mkdocs.plugins import get_plugin_logger

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = get_plugin_logger("kb")


def on_pre_build(config: MkDocsConfig) -> None:
    """Check the knowledge base and log every problem with its file and line."""
    _, problems = check_config(config.config_file_path)
    for problem in problems:
        level = log.warning if problem.severity is Severity.ERROR else log.info
        level(problem.format("docs/"))


def on_page_markdown(markdown: str, **kwargs: object) -> str:
    """Fill the generated-documentation markers (schema tables, problem codes)."""
    return fill_markers(markdown, strict=False)  # unknown markers are reported by the checker
