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
        "docs/index.md:4:5: KB201 link target 'missing.md' does not exist "
        "(check the path; links are relative to this file)",
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


SNIPPETS = {"markdown_extensions": [{"pymdownx.snippets": {"base_path": ["includes"], "restrict_base_path": True,
                                                            "check_paths": True, "auto_append": ["abbreviations.md"]}}]}
BAD_INCLUDE = {"index.md": "---\ntitle: Home\n---\n# Home\n",
               "../includes/abbreviations.md": "*[EU]: European Union\n<script>alert(1)</script>\n"}


def test_an_include_is_named_from_the_project_root_in_every_format(make_site):
    config = make_site(BAD_INCLUDE, SNIPPETS)
    text = run(config)
    assert text.returncode == 1
    assert text.stdout.splitlines()[0].startswith("includes/abbreviations.md:2:1: KB301 <script> is not allowed")
    records = json.loads(run(config, "--format", "json").stdout)
    assert [(r["file"], r["line"], r["code"]) for r in records] == [("../includes/abbreviations.md", 2, "KB301")]
    github = run(config, "--format", "github").stdout
    assert "::error file=includes/abbreviations.md,line=2,col=1::KB301 <script>" in github


def test_a_file_name_cannot_inject_workflow_commands_or_forge_lines(make_site):
    name = "about/x\n::error file=forged.md::forged,y:z\x1b[2K.md"
    config = make_site({"index.md": "---\ntitle: Home\n---\n# Home\n", name: "---\ntitle: X\n---\n[a](gone.md)\n"})
    github = run(config, "--format", "github").stdout
    # Every printed line is one problem or one annotation: no line starts a command of its own.
    assert [line for line in github.splitlines() if line.startswith("::")] == [
        line for line in github.splitlines() if line.startswith(("::error file=docs/about/x%0A", "::warning"))]
    assert "::error file=docs/about/x%0A%3A%3Aerror file=forged.md%3A%3Aforged%2Cy%3Az\\x1b[2K.md,line=4,col=5::" \
           "KB201" in github
    text = run(config).stdout
    assert "\x1b" not in text and "forged" in text
    assert all(line.startswith("docs/about/x\\n::error file=forged.md::forged,y:z\\x1b[2K.md:")
               for line in text.splitlines())


def test_a_message_with_control_characters_is_printed_escaped(make_site):
    config = make_site({"index.md": "---\ntitle: Home\n---\n[a](gone\x1b]0;owned\x07.md)\n"})
    text = run(config).stdout
    assert "\x1b" not in text and "\x07" not in text and "gone\\x1b]0;owned\\x07.md" in text


def test_built_mode_checks_the_built_html(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nsite_url: https://example.org/kb/\n")
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<a href="a/#top">ok</a>\n<a href="a/#nope">n</a>\n<a href="/kb/a/">abs</a>')
    (site / "a" / "index.html").write_text('<h1 id="top">A</h1>')
    result = run(tmp_path / "mkdocs.yml", "--built", str(site))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "site/index.html:2:1: KB221 link 'a/#nope': 'a/index.html' has no anchor '#nope' "
        "(fix the link or give the target an id)"]
    assert "1 broken link(s) or anchor(s) in 2 HTML files" in result.stderr
    (site / "index.html").write_text('<a href="a/#top">ok</a>')
    assert run(tmp_path / "mkdocs.yml", "--built", str(site)).returncode == 0
    assert run(tmp_path / "mkdocs.yml", "--built", str(tmp_path / "nothing")).returncode == 2
