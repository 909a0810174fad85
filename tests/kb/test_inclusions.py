"""kb.inclusions: the rules on include files and on every ``--8<--`` line: the checker accepts
exactly the paths pymdownx.snippets accepts (golden cases are in tests/cases/safety/snippets.yml);
symbolic links; an include that changes; the include's name in the build's log; too many inclusions."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import markdown
import pytest
from pymdownx.snippets import SnippetMissingError

from helpers import ROOT, mkdocs_build
from kb.check import check_config
from real_snippets import REAL

SNIPPET_CODES = ("KB001", "KB008", "KB009", "KB211", "KB212")


# --- The checker accepts exactly the paths pymdownx.snippets accepts ---------------------------


def _tree(root: Path) -> None:
    (root / "includes" / "sub").mkdir(parents=True)
    (root / "includes" / "abbreviations.md").write_text("*[EU]: European Union\n")
    (root / "includes" / "ok.md").write_text("one\n--8<-- [start:sec]\ntwo\n--8<-- [end:sec]\n")
    (root / "includes" / "sub" / "ok.md").write_text("nested\n")
    (root / "includes_evil").mkdir()
    (root / "includes_evil" / "x.md").write_text("sibling folder with a shared prefix\n")
    (root / "secret.txt").write_text("secret\n")


def _pymdownx_accepts(root: Path, spec: str) -> bool:
    options = dict(REAL, base_path=[str(root / "includes")])
    md = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": options})
    try:
        md.convert(f'--8<-- "{spec}"\n')
    except (SnippetMissingError, OSError):
        return False
    return True


@pytest.mark.parametrize("spec", [
    "ok.md", "sub/ok.md", "../includes/ok.md", "./ok.md", "ok.md:1:2", "ok.md:sec", "ok.md:-1", "ok.md:1:2,3:4",
    "missing.md", "ok.md:nosec", "sub", "../secret.txt", "../../etc/passwd", "/etc/passwd",
    str(ROOT / "README.md"), "../includes_evil/x.md", "https://example.org/x.md", "HTTP://example.org/x.md",
    ":3:5",
])
def test_checker_agrees_with_pymdownx(spec, make_site, tmp_path):
    config = make_site({"index.md": f'---\ntitle: Home\n---\n# Home\n\n--8<-- "{spec}"\n'},
                       {"markdown_extensions": [{"pymdownx.snippets": REAL}]})
    _tree(tmp_path)
    accepted = _pymdownx_accepts(tmp_path, spec)
    _, problems = check_config(config)
    found = [p for p in problems if p.code in SNIPPET_CODES]
    assert not found if accepted else [(p.file, p.line, p.col) for p in found] == [("index.md", 6, 9)], found


def test_symbolic_links_out_of_the_snippet_folder(make_site, tmp_path):
    """pymdownx compares paths without following links, so a link inside includes/ to a file
    outside would be read: the checker refuses it, at the link and where it is included."""
    config = make_site({"index.md": '---\ntitle: Home\n---\n# Home\n\n--8<-- "out.md"\n--8<-- "in.md"\n'},
                       {"markdown_extensions": [{"pymdownx.snippets": REAL}]})
    _tree(tmp_path)
    (tmp_path / "includes" / "out.md").symlink_to(tmp_path / "secret.txt")
    (tmp_path / "includes" / "in.md").symlink_to(tmp_path / "includes" / "ok.md")
    assert _pymdownx_accepts(tmp_path, "out.md")  # why the checker must look
    _, problems = check_config(config)
    assert [(p.file, p.line, p.col, p.code) for p in problems if p.code in SNIPPET_CODES] == [
        ("../includes/out.md", 1, 1, "KB009"),
        ("index.md", 6, 9, "KB009"),
    ]
    assert all(p.security for p in problems if p.code == "KB009")


def test_an_include_that_goes_away_is_seen_with_the_cache(make_site, tmp_path):
    config = make_site({"index.md": '---\ntitle: Home\n---\n# Home\n\n--8<-- "ok.md"\n'},
                       {"markdown_extensions": [{"pymdownx.snippets": REAL}]})
    _tree(tmp_path)
    assert not [p for p in check_config(config, use_cache=True)[1] if p.code in SNIPPET_CODES]
    (tmp_path / "includes" / "ok.md").unlink()
    assert [p.code for p in check_config(config, use_cache=True)[1] if p.code in SNIPPET_CODES] == ["KB008"]
    (tmp_path / "includes" / "ok.md").write_text("<script>alert(1)</script>\n")
    assert sorted((p.file, p.code) for p in check_config(config, use_cache=True)[1]) == [
        ("../includes/ok.md", "KB301"), ("index.md", "KB301")]


# --- The build's log names the include from the project root -----------------------------------


def test_the_build_log_names_a_bad_include_at_its_own_path(tmp_path):
    for name in ("docs", "includes", "overrides", "scripts", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", ".cache"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    with (tmp_path / "includes" / "abbreviations.md").open("a", encoding="utf-8") as stream:
        stream.write("<script>alert(1)</script>\n")
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site", env={"PYTHONDONTWRITEBYTECODE": "1"})
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if "KB301" in line]
    assert lines and all("includes/abbreviations.md:8:1: KB301 <script> is not allowed in pages" in line
                         for line in lines), result.stderr[-3000:]
    assert "docs/../" not in result.stderr and os.sep + "includes" not in lines[0].split("KB301")[0].replace(
        "includes/abbreviations.md", "")


def test_a_file_of_too_many_inclusions_is_one_clear_error_and_stays_fast(make_site):
    lines = "".join(f'--8<-- "f{i}.md"\n' for i in range(60_000))  # 1 MB
    config = make_site({"index.md": f"---\ntitle: Home\n---\n{lines}"},
                       {"markdown_extensions": [{"pymdownx.snippets": REAL}]})
    (config.parent / "includes").mkdir()
    (config.parent / "includes" / "abbreviations.md").write_text("*[EU]: European Union\n")
    started = time.perf_counter()
    _, problems = check_config(config)
    assert time.perf_counter() - started < 5  # about 0.5 s on a quiet machine
    codes = [(p.line, p.code) for p in problems if p.code.startswith("KB2") or p.code.startswith("KB0")]
    assert len(codes) == 1001 and codes[-1] == (1004, "KB213") and codes[0] == (4, "KB008")
