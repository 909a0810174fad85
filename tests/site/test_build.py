"""The real site: it checks clean, builds strictly, and linkchecker finds nothing broken."""

import csv
import io
import os
import subprocess
import sys

import pytest

from helpers import ROOT
from kb.check import check_config
from kb.sitelinks import check_built


def test_real_docs_have_no_problems():
    _, problems = check_config(ROOT / "mkdocs.yml")
    assert [p.format() for p in problems] == []


@pytest.mark.slow
def test_strict_build_writes_every_page(built_site):
    # The session fixture already asserted a zero exit status of `mkdocs build --strict`.
    for page in (ROOT / "docs").rglob("*.md"):
        rel = page.relative_to(ROOT / "docs").with_suffix("")
        out = built_site / (rel.parent if rel.name == "index" else rel) / "index.html"
        assert out.is_file(), f"{page} was not built to {out}"


LINKCHECKER_RC = """\
[checking]
threads=4
# We serve the site ourselves: no need for linkchecker's politeness delay.
maxrequestspersecond=1000
[filtering]
checkextern=0
"""
# No [AnchorCheck]: its answer depends on the order in which linkchecker's threads reach a page
# and its anchors (linkchecker/linkchecker#542, #555, #568; its maintainers disabled it in #575
# as something that "can't be relied on"), and made this suite fail in three runs of four.
# Anchors are checked by our own pass over the built HTML (`kb.sitelinks`), which reads each
# file once, in order.


def linkchecker(url: str, tmp_path) -> tuple[list[dict], list[dict]]:
    """Run linkchecker over HTTP; return (all records, broken local links)."""
    rc = tmp_path / "linkcheckerrc"
    rc.write_text(LINKCHECKER_RC)
    program = os.path.join(os.path.dirname(sys.executable), "linkchecker")
    result = subprocess.run(
        [program, "--config", str(rc), "--no-status", "--verbose", "--output", "csv", "--recursion-level", "-1", url],
        capture_output=True, text=True, check=False, timeout=600,
    )
    assert result.returncode in (0, 1), result.stderr
    rows = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    records = list(csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"))
    broken = [r for r in records if r["valid"] != "True" and "127.0.0.1" in r["urlname"] + r["parentname"]]
    return records, broken


@pytest.mark.slow
@pytest.mark.parametrize("path", ["assets/javascripts/reader.js", "assets/javascripts/graph.js",
                                  "assets/stylesheets/kb.css"])
def test_the_sites_own_scripts_and_stylesheet_are_published_minified(built_site, path):
    source = (ROOT / "docs" / path).read_text(encoding="utf-8")
    published = (built_site / path).read_text(encoding="utf-8")
    assert source.lstrip().startswith("/*") and "/*" not in published  # the explanation stays in docs/
    assert len(published) < len(source) * 0.85


def test_linkchecker_finds_no_broken_link(site_url, tmp_path):
    records, broken = linkchecker(site_url, tmp_path)
    assert len(records) > 50, "linkchecker checked too little"
    assert broken == [], broken


@pytest.mark.slow
def test_built_site_has_no_broken_link_or_anchor(built_site):
    problems = check_built(built_site)
    assert [p.format() for p in problems] == []


@pytest.mark.slow
def test_both_checks_can_fail(tmp_path):
    """The checks above can fail: linkchecker reports the broken page, our pass the broken page and
    the broken anchor, every time."""
    from helpers import serve_directory

    root = tmp_path / "site"
    (root / "a").mkdir(parents=True)
    (root / "index.html").write_text('<a href="a/">a</a> <a href="missing/">m</a> <a href="a/#nope">n</a>')
    (root / "a" / "index.html").write_text('<h1 id="top">A</h1>')
    with serve_directory(root) as url:
        _, broken = linkchecker(url, tmp_path)
    assert [r["urlname"] for r in broken] == ["missing/"]
    for _ in range(5):
        assert [(p.code, p.message) for p in check_built(root)] == [
            ("KB220", "link 'missing/' reaches 'missing/index.html', which the site does not have"),
            ("KB221", "link 'a/#nope': 'a/index.html' has no anchor '#nope'"),
        ]
