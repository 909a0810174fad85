"""kb.site: the file listing (pages and the include files snippets can name), the snippet
inclusions kept with each page's scan, and the file-name rules (KB007, KB210; golden cases in
tests/cases/files/names.yml)."""

from __future__ import annotations

import unicodedata

from kb.check import check_config
from kb.config import load_config
from kb.site import Site, check_file_names

SNIPPETS = {"markdown_extensions": [{"pymdownx.snippets": {"base_path": ["includes"], "auto_append": ["a.md"]}}]}


def test_includes_are_listed_by_their_path_from_the_docs_directory(make_site):
    config = make_site({"index.md": "---\ntitle: Home\n---\n", "../includes/a.md": "*[EU]: European Union\n",
                        "../includes/deep/b.txt": "text\n"}, SNIPPETS)
    site = Site(load_config(config))
    assert sorted(site.includes) == ["../includes/a.md", "../includes/deep/b.txt"]
    assert site.includes["../includes/a.md"].abs_path == config.parent / "includes" / "a.md"
    assert "../includes/a.md" not in site.files and "../includes/a.md" not in site.pages


def test_no_includes_without_snippets(make_site):
    site = Site(load_config(make_site({"index.md": "---\ntitle: Home\n---\n--8<-- \"x.md\"\n"})))
    assert site.snippets is None and site.includes == {}
    assert [p for p in check_config(site.config.config_file)[1] if p.code in ("KB008", "KB009")] == []


def test_inclusions_are_kept_with_the_scan_and_survive_the_cache(make_site):
    config = make_site({"index.md": '---\ntitle: Home\n---\n--8<-- "a.md"\n', "about/plain.md": "---\ntitle: P\n---\n",
                        "../includes/a.md": "Text\n"}, SNIPPETS)
    for _ in range(2):  # the second run reads the scans from the cache
        site, problems = check_config(config, use_cache=True)
        assert site.pages["index.md"].scan.snippets == [[28, "a.md"]]
        assert "snippets" not in site.pages["about/plain.md"].scan.__dict__
        assert not [p for p in problems if p.code in ("KB008", "KB009")]


def test_names_that_differ_only_in_case_or_normalisation_collide(make_site):
    composed, decomposed = "caf\u00e9.md", unicodedata.normalize("NFD", "caf\u00e9.md")
    config = make_site({f"about/{composed}": "---\ntitle: A\n---\n", f"about/{decomposed}": "---\ntitle: B\n---\n",
                        "about/Straße.md": "---\ntitle: C\n---\n", "about/STRASSE.md": "---\ntitle: D\n---\n",
                        "about/other.md": "---\ntitle: E\n---\n"})
    problems = list(check_file_names(Site(load_config(config))))
    assert sorted((p.file, p.line, p.col, p.code) for p in problems) == sorted([
        (f"about/{composed}", 1, 1, "KB007"), (f"about/{decomposed}", 1, 1, "KB007"),
        ("about/Straße.md", 1, 1, "KB007"), ("about/STRASSE.md", 1, 1, "KB007"),
    ])


def test_include_names_are_checked_too(make_site):
    config = make_site({"index.md": "---\ntitle: Home\n---\n", "../includes/a.md": "x\n",
                        "../includes/b\x1b.md": "x\n", "../includes/A.md": "y\n"}, SNIPPETS)
    problems = sorted((p.file, p.code) for p in check_file_names(Site(load_config(config))))
    assert problems == [("../includes/A.md", "KB007"), ("../includes/a.md", "KB007"),
                        ("../includes/b\x1b.md", "KB210")]


def test_an_include_inside_the_docs_directory_does_not_collide_with_itself(make_site):
    config = make_site({"index.md": "---\ntitle: Home\n---\n", "snippets/a.md": "x\n"},
                       {"markdown_extensions": [{"pymdownx.snippets": {"base_path": ["docs/snippets"]}}]})
    site = Site(load_config(config))
    assert list(site.includes) == ["snippets/a.md"] and "snippets/a.md" in site.files
    assert list(check_file_names(site)) == []


def test_url_occupant_is_a_file_at_or_on_the_way_to_a_url(make_site):
    """One rule for the checker (KB125) and the build (alias redirects): a redirect may not land on
    a published file, nor below one; a folder that only holds pages is free."""

    site = Site(load_config(make_site({"index.md": "# Home\n", "people/index.md": "# People\n",
                                       "people/a.md": "# A\n", "data.json": "{}"})))
    assert site.url_occupant("people/old/") is None  # beside people/index.md: free
    assert site.url_occupant("people/a/") == "people/a.md"
    assert site.url_occupant("People/A/") == "people/a.md"  # case-insensitive hosts
    assert site.url_occupant("data.json/") == "data.json"  # a file cannot be a folder too
    assert site.url_occupant("data.json/x/") == "data.json"
