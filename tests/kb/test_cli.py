"""kb.cli (scripts/check.py): formats, exit codes, and Actions annotations, run as a user would."""

import json
import os
import subprocess
import sys

from helpers import ROOT

BROKEN = {"index.md": "---\ntitle: Home\n---\n[x](missing.md)\n", "about/a.md": "---\ntitle: [unclosed\n---\n"}


def run(config, *args, env=None):
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check.py"), "--config", str(config), *args],
        capture_output=True, text=True, env=env or {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"},
        cwd=config.parent, check=False,
    )


def test_text_format_reports_every_problem_and_exits_1(make_site):
    result = run(make_site(BROKEN))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "docs/about/a.md:3:1: KB101 front matter is not valid YAML: did not find expected ',' or ']' "
        "(check indentation and quote values that contain ': ' or start with a special character)",
        "docs/index.md:4:5: KB201 link target 'missing.md' does not exist (check the path; links are relative to this file)",
    ]
    assert "2 error(s), 0 warning(s) in 2 file(s)" in result.stderr


def test_json_format(make_site):
    result = run(make_site(BROKEN), "--format", "json")
    records = json.loads(result.stdout)
    assert [(r["file"], r["line"], r["col"], r["code"], r["severity"]) for r in records] == [
        ("about/a.md", 3, 1, "KB101", "error"),
        ("index.md", 4, 5, "KB201", "error"),
    ]
    assert all(r["message"] for r in records)


def test_github_annotations_when_running_under_actions(make_site):
    env = dict(os.environ, GITHUB_ACTIONS="true")
    result = run(make_site(BROKEN), env=env)
    assert "::error file=docs/index.md,line=4,col=5::KB201 link target 'missing.md' does not exist" in result.stdout


def test_clean_site_exits_0_and_bad_config_exits_2(make_site, tmp_path):
    assert run(make_site({"index.md": "---\ntitle: Home\n---\n# Home\n"})).returncode == 0
    bad = tmp_path / "bad.yml"
    bad.write_text("site_name: [unclosed\n")
    result = run(bad)
    assert result.returncode == 2
    assert "not valid YAML" in result.stderr
