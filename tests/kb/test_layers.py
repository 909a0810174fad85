"""The package's imports go one way: leaves, model, knowledge, rules, output, entry points.

Every import of a `kb` module counts: at the top, inside a function, under `TYPE_CHECKING`. A
module may import modules of its own layer or of a layer below, and the imports form no cycle.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

from helpers import ROOT

PACKAGE = ROOT / "scripts" / "kb"

#: The layers, lowest first; the order is the direction of every import.
LAYERS: dict[str, frozenset[str]] = {
    "leaves": frozenset({
        "schema", "problems", "urls", "markup", "frontmatter", "config", "suggest", "abbreviations",
        "footnotes", "sourcetext", "templates", "csp", "anchors", "htmlsafety", "markers", "codec", "bounds", "dates",
        "sourceref", "revisions", "minify",
    }),
    "model": frozenset({"scan", "incremental", "cache", "snippets", "site"}),
    "knowledge": frozenset({
        "relations", "citations", "positions", "timeline", "backlinks", "glossary", "neighbourhood", "aliases",
    }),
    "rules": frozenset({"validate", "links", "editorial", "safety", "inclusions", "sources", "sitelinks"}),
    "output": frozenset({"render", "sections", "connections", "docs", "generated", "exports", "jsonld", "search",
                         "pagecite"}),
    "entry": frozenset({"check", "build", "cli", "scaffold"}),
}

LAYER_OF = {module: index for index, modules in enumerate(LAYERS.values()) for module in modules}
NAMES = list(LAYERS)


def kb_imports(path: Path) -> set[str]:
    """The `kb` modules a file imports, wherever the import stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                found |= {node.module.split(".")[0]} if node.module else {alias.name for alias in node.names}
            elif node.level == 0 and node.module and node.module.split(".")[0] == "kb":
                parts = node.module.split(".")
                found |= {parts[1]} if len(parts) > 1 else {alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("kb.")}
    return found


def graph() -> dict[str, set[str]]:
    return {path.stem: kb_imports(path) - {path.stem} for path in sorted(PACKAGE.glob("*.py"))
            if path.stem != "__init__"}


def test_every_module_has_a_layer():
    assert sorted(set(graph()) - set(LAYER_OF)) == []
    assert sorted(set(LAYER_OF) - set(graph())) == [], "a layer names a module that no longer exists"


def test_no_import_goes_up_a_layer():
    wrong = [f"{module} ({NAMES[LAYER_OF[module]]}) imports {target} ({NAMES[LAYER_OF[target]]})"
             for module, targets in graph().items() for target in sorted(targets)
             if target in LAYER_OF and module in LAYER_OF and LAYER_OF[target] > LAYER_OF[module]]
    assert wrong == []


def test_the_imports_form_no_cycle():
    try:
        list(graphlib.TopologicalSorter(graph()).static_order())
        cycle = None
    except graphlib.CycleError as error:
        cycle = error.args[1]
    assert cycle is None, f"import cycle: {' -> '.join(cycle)}"


@pytest.mark.parametrize(("source", "expected"), [
    ("from . import site\n", {"site"}),
    ("from .site import Page\n", {"site"}),
    ("def f():\n    from .render import link\n", {"render"}),
    ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .build import X\n", {"build"}),
    ("import kb.export\nfrom kb import check\nfrom kb.timeline import x\n", {"export", "check", "timeline"}),
    ("import os\nfrom collections import abc\n", set()),
])
def test_every_kind_of_import_is_seen(tmp_path, source, expected):
    path = tmp_path / "m.py"
    path.write_text(source, encoding="utf-8")
    assert kb_imports(path) == expected
