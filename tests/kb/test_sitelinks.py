"""The built-HTML pass: broken local links and anchors, found the same way on every run."""

from pathlib import Path

import pytest

from kb.sitelinks import check_built


def make_site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def findings(root: Path, base_path: str = "/") -> list[tuple[str, int, str, str]]:
    return [(p.file, p.line, p.code, p.message) for p in check_built(root, base_path)]


SITE = {
    "index.html": '<a href="a/">a</a>\n<a href="missing/">m</a>\n<a href="a/#nope">n</a>\n'
                  '<a href="a/#top">t</a> <a href="#here">h</a> <a href="#gone">g</a>\n<p id="here"></p>'
                  '<img src="img/x.png"> <a href="a/index.html#old">o</a> <a href="https://example.org/#x">e</a>',
    "a/index.html": '<h1 id="top">A</h1><a name="old"></a><a href="../">up</a><a href="../../out">out</a>',
    "img/x.png": "",
}


def test_every_broken_link_and_anchor_is_found_with_its_line(tmp_path):
    root = make_site(tmp_path, SITE)
    assert findings(root) == [
        ("a/index.html", 1, "KB220", "link '../../out' leaves the site"),
        ("index.html", 2, "KB220", "link 'missing/' reaches 'missing/index.html', which the site does not have"),
        ("index.html", 3, "KB221", "link 'a/#nope': 'a/index.html' has no anchor '#nope'"),
        ("index.html", 4, "KB221", "link '#gone': 'index.html' has no anchor '#gone'"),
    ]


def test_the_answer_does_not_depend_on_the_order_of_visits(tmp_path):
    # linkchecker's anchor check missed 'a/#nope' when 'a/' was reached first (issue 13).
    root = make_site(tmp_path, {**SITE, "index.html": '<a href="a/">a</a><a href="a/#nope">n</a>',
                                "z.html": '<a href="a/#nope">n</a><a href="a/">a</a>'})
    assert [(f, c) for f, _, c, _ in findings(root) if c == "KB221"] == [("index.html", "KB221"), ("z.html", "KB221")]


def test_percent_encoded_fragments_and_paths_are_decoded(tmp_path):
    root = make_site(tmp_path, {"index.html": '<a href="caf%C3%A9/#r%C3%A9sum%C3%A9">x</a>',
                                "café/index.html": '<h2 id="résumé">R</h2>'})
    assert findings(root) == []


@pytest.mark.parametrize(("base", "expected"), [
    ("/", []),
    ("/kb/", [("404.html", 1, "KB220", "absolute link '/a/' is outside the site's path '/kb/'")]),
])
def test_absolute_links_of_the_404_page_are_resolved_from_the_site_root(tmp_path, base, expected):
    root = make_site(tmp_path, {"404.html": '<a href="/a/">a</a>', "a/index.html": ""})
    assert findings(root, base) == expected


def test_absolute_links_under_the_sites_path_resolve(tmp_path):
    root = make_site(tmp_path, {"404.html": '<a href="/kb/a/#x">a</a> <a href="/kb/b/">b</a>',
                                "a/index.html": '<p id="x">'})
    assert [m for *_, m in findings(root, "/kb")] == [
        "link '/kb/b/' reaches 'b/index.html', which the site does not have"]


def test_a_huge_built_page_is_read_in_linear_time(tmp_path):
    """Built pages come from contributors' Markdown: 20,000 links whose values the search cannot
    find as written (character references), each missing, on one 1 MB page."""
    import time

    links = "\n".join(f'<a href="x{i}&amp;y/">l</a>' for i in range(20_000))
    root = make_site(tmp_path, {"index.html": links + "\n" + "<p>" + "a" * 500_000 + "</p>"})
    started = time.perf_counter()
    problems = check_built(root)
    assert len(problems) == 20_000 and {p.code for p in problems} == {"KB220"}
    assert time.perf_counter() - started < 10  # a second or two here; quadratic took minutes
