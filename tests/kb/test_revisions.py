"""kb.revisions: each file's last commit date, from one git log."""

import subprocess

from kb.revisions import last_changed, parse_log


def test_parse_log_takes_each_files_newest_date_under_the_docs_folder():
    out = ("\x002026-12-03\x00\ndocs/people/a.md\x00docs/index.md\x00README.md\x00"
           "\x002026-11-20\x00\ndocs/people/a.md\x00docs/people/b.md\x00")
    assert parse_log(out, "docs") == {"people/a.md": "2026-12-03", "index.md": "2026-12-03",
                                      "people/b.md": "2026-11-20"}
    assert parse_log(out, ".")["docs/people/b.md"] == "2026-11-20"
    assert parse_log("", "docs") == {}


def _git(folder, *args):
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args], cwd=folder, check=True,
                   capture_output=True, env={"GIT_COMMITTER_DATE": "2011-06-08T12:00:00", "PATH": "/usr/bin:/bin",
                                             "GIT_AUTHOR_DATE": "2011-06-08T12:00:00", "HOME": str(folder)})


def test_last_changed_reads_a_real_history(tmp_path):
    docs = tmp_path / "docs"
    (docs / "people").mkdir(parents=True)
    (docs / "people" / "a b.md").write_text("x")
    (docs / "é.md").write_text("x")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "first")
    (docs / "new.md").write_text("not committed")
    assert last_changed(tmp_path, docs) == {"people/a b.md": "2011-06-08", "é.md": "2011-06-08"}


def test_outside_a_git_checkout_there_are_no_dates(tmp_path):
    (tmp_path / "docs").mkdir()
    assert last_changed(tmp_path, tmp_path / "docs") == {}
    assert last_changed(tmp_path / "docs", tmp_path) == {}  # docs outside the root
