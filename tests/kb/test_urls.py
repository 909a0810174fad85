"""kb.urls: URLs and link paths, resolved as MkDocs and browsers resolve them (pure functions,
golden values; one group of tests per function)."""

from __future__ import annotations

import pytest

from kb import urls

# --- page_url ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src_uri", "directory_urls", "url"),
    [
        ("people/dmitry-rogozin.md", True, "people/dmitry-rogozin/"),
        ("people/dmitry-rogozin.md", False, "people/dmitry-rogozin.html"),
        ("index.md", True, ""),
        ("index.md", False, ""),
        ("README.md", True, ""),
        ("people/index.md", False, "people/"),
        ("people/README.md", True, "people/"),
        ("people/readme.md", True, "people/readme/"),  # only README, in capitals, is an index
        ("people/index-of-names.md", True, "people/index-of-names/"),
        ("img/logo.png", True, "img/logo.png"),
        ("kb.json", False, "kb.json"),
        ("notes.markdown", True, "notes/"),  # MkDocs' other Markdown extensions make pages too
        ("notes.MD", True, "notes.MD"),  # ... in lower case only
    ],
)
def test_page_url(src_uri, directory_urls, url):
    assert urls.page_url(src_uri, directory_urls) == url


def test_page_url_defaults_to_directory_urls():
    assert urls.page_url("about/licence.md") == "about/licence/"


# --- resolve_source and resolve_in --------------------------------------------------------------


@pytest.mark.parametrize(
    ("src_uri", "path", "resolved"),
    [
        ("people/a.md", "../treaties/new-start.md", "treaties/new-start.md"),
        ("people/a.md", "./b.md", "people/b.md"),
        ("people/a.md", "b.md", "people/b.md"),
        ("index.md", "people/a.md", "people/a.md"),
        ("a/b/c.md", "../../d.md", "d.md"),
        ("people/a.md", ".", "people"),
        ("people/a.md", "../../x.md", "../x.md"),  # out of the docs directory: the caller reports it
        ("a.md", "", "."),
    ],
)
def test_resolve_source(src_uri, path, resolved):
    assert urls.resolve_source(src_uri, path) == resolved


@pytest.mark.parametrize(
    ("folder", "path", "resolved"),
    [("", "", "."), ("", "a.md", "a.md"), ("people", "a.md", "people/a.md"), ("people", "", "people"),
     ("people", "../x/./y/../z.md", "x/z.md"), ("people", "../..", "..")],
)
def test_resolve_in(folder, path, resolved):
    assert urls.resolve_in(folder, path) == resolved


# --- resolve_url --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base_url", "path", "resolved"),
    [
        ("people/a/", "../../treaties/", "treaties/"),
        ("people/a/", "../b/", "people/b/"),
        ("people/a/", "../", "people/"),
        ("people/a/", "..", "people"),  # no slash added: the link checker tries both forms
        ("people/a/", "../../", ""),
        ("people/a.html", "b.html", "people/b.html"),  # a file URL resolves against its folder
        ("people/a.html", "", "people"),
        ("", "people/", "people/"),
        ("", ".", ""),
        ("", "x/./y/../z.png", "x/z.png"),
        ("", "../x", None),
        ("a/", "../..", None),
        ("people/a/", "../../../x", None),
    ],
)
def test_resolve_url(base_url, path, resolved):
    assert urls.resolve_url(base_url, path) == resolved


# --- relative -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("from_uri", "to_uri", "rel"),
    [
        ("people/a.md", "organisations/nato.md", "../organisations/nato.md"),
        ("index.md", "people/a.md", "people/a.md"),
        ("people/a.md", "people/b.md", "b.md"),
        ("a/b/c.md", "a/d.md", "../d.md"),
        ("a/b/c.md", "x.md", "../../x.md"),
        ("a/b.md", "a/b/c.md", "b/c.md"),
        ("a/b.md", "a/c/d.md", "c/d.md"),
        ("a.md", "a.md", "a.md"),
    ],
)
def test_relative(from_uri, to_uri, rel):
    assert urls.relative(from_uri, to_uri) == rel


# --- relative_url -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("from_url", "to_url", "rel"),
    [
        ("people/a/", "organisations/nato/", "../../organisations/nato/"),
        ("people/a/", "people/b/", "../b/"),
        ("", "people/a/", "people/a/"),
        ("people/a/", "", "../../"),
        ("people/a/", "people/a/", "./"),  # never empty: an empty href would be no link at all
        ("", "", "./"),
        ("people/a/", "people/a/#x", "./#x"),
        ("a.html", "#x", "./#x"),
        ("people/a.html", "people/b.html", "b.html"),
        ("people/a.html", "index.html", "../index.html"),
        ("a/b/c/", "a/x.json", "../../x.json"),
    ],
)
def test_relative_url(from_url, to_url, rel):
    assert urls.relative_url(from_url, to_url) == rel


# --- slug ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dmitry Olegovich Rogozin", "dmitry-olegovich-rogozin"),
        ("NATO–Russia Council", "nato-russia-council"),
        ("U.S.–Russia", "u-s-russia"),
        ("Café Ñoño", "cafe-nono"),  # accents dropped
        ("  NATO  ", "nato"),
        ("A_B", "a-b"),
        ("CFE-1A", "cfe-1a"),
        ("Москва", ""),  # no ASCII letters: no slug (and so no alias redirect)
        ("—", ""),
        ("", ""),
    ],
)
def test_slug(text, expected):
    assert urls.slug(text) == expected


# --- GENERATED_FILES ----------------------------------------------------------------------------


def test_generated_files_are_the_exports_at_the_top_of_the_site():
    assert urls.GENERATED_FILES == ("kb.json", "graph.json")
