"""kb.links: golden cases in tests/cases/links/."""

import pytest

from helpers import load_cases, run_case


@pytest.mark.parametrize("case", load_cases("links"))
def test_links(case, make_site):
    run_case(case, make_site)


def test_absolute_links_fail_the_strict_build_as_they_fail_the_check(make_site, tmp_path):
    """KB209 is an error because the build fails on it: the site's `validation: absolute_links:
    warn` makes MkDocs warn about a Markdown link to '/…', and --strict fails on that warning."""
    from helpers import _REAL_CONFIG, mkdocs_build
    from kb.check import check_config
    from kb.problems import Severity

    assert _REAL_CONFIG["validation"]["absolute_links"] == "warn"
    extra = {"validation": _REAL_CONFIG["validation"]}
    absolute = make_site({"index.md": "---\ntitle: Home\n---\n[about](/about/a.md)\n",
                          "about/a.md": "---\ntitle: A\n---\n[home](../index.md)\n"}, extra)
    built = mkdocs_build(absolute, tmp_path / "site")
    assert built.returncode != 0, built.stderr
    assert "contains an absolute link '/about/a.md'" in built.stderr
    _, problems = check_config(absolute)
    assert [(p.code, p.severity) for p in problems if p.code == "KB209"] == [("KB209", Severity.ERROR)]

    (absolute.parent / "docs" / "index.md").write_text("---\ntitle: Home\n---\n[about](about/a.md)\n")
    assert mkdocs_build(absolute, tmp_path / "site").returncode == 0
    assert not [p for p in check_config(absolute)[1] if p.code == "KB209"]
