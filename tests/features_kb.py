"""The features knowledge base (tests/cases/features/kb.yml): a source and its article text,
people, an organisation, a topic with positions, a treaty and dated events, and the abbreviations
snippet; `build_context` loads it as a build does, for the tests of what the build generates."""

from __future__ import annotations

from pathlib import Path

import yaml

from helpers import CASES, write_tree
from kb.build import BuildContext
from kb.problems import Severity

#: ``files``: the docs tree; ``article``: the source's text, as ``--source-text`` reads it.
FIXTURE = yaml.safe_load((CASES / "features" / "kb.yml").read_text(encoding="utf-8"))


def build_context(tmp_path: Path) -> BuildContext:
    """The build's context of the features knowledge base, written under `tmp_path` with an
    auto-appended abbreviations snippet; the check finds no error in it."""
    config = write_tree(tmp_path, FIXTURE["files"])
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "abbreviations.md").write_text(
        "*[NRC]: NATO–Russia Council\n*[WMD]: Weapons of mass destruction\n")
    text = config.read_text().replace(
        "markdown_extensions:\n",
        "markdown_extensions:\n- pymdownx.snippets:\n    base_path: [includes]\n    auto_append: [abbreviations.md]\n")
    config.write_text(text)
    context = BuildContext.for_config(config)
    assert [p.format() for p in context.problems if p.severity is Severity.ERROR] == []
    return context
