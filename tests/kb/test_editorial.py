"""kb.editorial: renamed pages need a redirect (checked against git, as `--since` does)."""

import subprocess

from helpers import write_tree
from kb.check import check_config
from kb.editorial import check_renames, renamed_pages

SOURCE = ("---\ntitle: S\ndescription: S.\nauthor: A\npublisher: P\npublished: '2011'\nkind: commentary\n"
          "licence: all rights reserved\n"
          "paragraphs: '1'\n---\n## ¶1 {#p1}\n")
PAGE = ("---\ntitle: Norway\ndescription: A country.\nkind: country\n{extra}---\n"
        "Text.[^p1]\n\n[^p1]: [¶1](../sources/ivanov-2011.md#p1)\n")


def git(root, *args):
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@t", "HOME": str(root), "PATH": "/usr/bin:/bin"})


def test_a_rename_without_redirect_is_warned_and_redirect_from_fixes_it(tmp_path):
    config = write_tree(tmp_path, {"sources/ivanov-2011.md": SOURCE, "places/norge.md": PAGE.format(extra="")})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "first")
    git(tmp_path, "mv", "docs/places/norge.md", "docs/places/norway.md")
    renames = renamed_pages(str(tmp_path), "docs", "HEAD")
    assert renames == [("places/norge.md", "places/norway.md")]
    site, _ = check_config(config)
    assert [p.format(with_hint=False) for p in check_renames(site, renames)] == [
        "places/norway.md:1:1: KB503 warning: 'places/norge.md' was moved to places/norway.md "
        "and its URL places/norge/ now answers nothing"
    ]
    (tmp_path / "docs" / "places" / "norway.md").write_text(PAGE.format(extra="redirect_from: [places/norge.md]\n"))
    site, problems = check_config(config)
    assert list(check_renames(site, renames)) == []
    assert [p for p in problems if p.code != "KB501"] == []


def test_mentions_are_the_same_with_one_pattern_for_all_names_or_one_per_text():
    """A few pages are checked with small patterns made from the names their words start,
    many with one pattern for every name: both must find the same mentions."""
    from helpers import ROOT
    from kb.config import load_config
    from kb.editorial import MentionFinder
    from kb.site import Site

    site = Site(load_config(ROOT / "mkdocs.yml"))
    per_text, all_names = MentionFinder(site), MentionFinder(site)
    all_names.compile_all()
    texts = [page.scan.prose for page in site.iter_pages()] + [
        "xNATO–Russia Council met; the NATO–Russia Council's chair, Rogozin, and rogozin_x.",
        "CFE CFEs cfe START Start-up New START, ABM-treaty (NRC) NRC.",
    ]
    found = 0
    for text in texts:
        expected = list(all_names.mentions(text))
        assert list(per_text.mentions(text)) == expected, text[:80]
        found += len(expected)
    assert found > 500  # the real pages name entities often: the comparison means something
