"""The real site: it checks clean, builds strictly, and linkchecker finds nothing broken."""

import csv
import io
import os
import subprocess
import sys

import pytest

from helpers import ROOT
from kb.check import check_config


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
[AnchorCheck]
"""


def linkchecker(url: str, tmp_path) -> tuple[list[dict], list[dict], list[dict]]:
    """Run linkchecker over HTTP; return (all records, broken local links, missing anchors)."""
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
    anchors = [r for r in records if "anchor" in (r.get("warningstring") or "").lower()]
    return records, broken, anchors


@pytest.mark.slow
def test_linkchecker_finds_no_broken_link_or_anchor(site_url, tmp_path):
    records, broken, anchors = linkchecker(site_url, tmp_path)
    assert len(records) > 50, "linkchecker checked too little"
    assert broken == [], broken
    assert anchors == [], anchors


@pytest.mark.slow
def test_linkchecker_wrapper_reports_broken_links_and_anchors(tmp_path):
    """The check above can fail: a broken page and a broken anchor are both caught."""
    from helpers import serve_directory

    root = tmp_path / "site"
    (root / "a").mkdir(parents=True)
    (root / "index.html").write_text('<a href="a/">a</a> <a href="missing/">m</a> <a href="a/#nope">n</a>')
    (root / "a" / "index.html").write_text('<h1 id="top">A</h1>')
    with serve_directory(root) as url:
        _, broken, anchors = linkchecker(url, tmp_path)
    assert [r["urlname"] for r in broken] == ["missing/"]
    assert [r["urlname"] for r in anchors] == ["a/#nope"]
