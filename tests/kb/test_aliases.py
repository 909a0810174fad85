"""kb.aliases: alias and old-path redirects, and the URLs the built site answers."""

from __future__ import annotations

import pytest

from helpers import write_tree
from kb import aliases
from kb.config import load_config
from kb.site import Site
from small_kb import make_site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return make_site(tmp_path_factory)


# --- alias_redirects ------------------------------------------------------------------------------


def test_alias_redirects_one_per_alias_and_old_path(site):
    assert aliases.alias_redirects(site) == {
        "organisations/north-atlantic-treaty-organization/": "organisations/nato/",
        "people/dmitry-olegovich-rogozin/": "people/dmitry-rogozin/",
        "people/r-d-x/": "people/dmitry-rogozin/",
        "people/rogozin-old/": "people/dmitry-rogozin/",
        "people/rogozin/": "people/dmitry-rogozin/",
    }  # not for plain pages (index.md's alias)


def test_alias_redirects_skip_urls_taken_or_claimed_twice(tmp_path):

    alone = "---\ntitle: A\naliases: [Smith, B, Ay, '---']\nredirect_from: [people/old.md, img/x.png]\n---\n"
    files = {
        "people/a.md": alone,
        "people/b.md": "---\ntitle: B\naliases: [Smith]\nredirect_from: [people/old.md]\n---\n",
        "people/c.md": "---\ntitle: C\naliases: [Ay]\n---\n",
    }
    site = Site(load_config(write_tree(tmp_path / "three", files)))
    assert aliases.alias_redirects(site) == {}  # Smith, Ay, old: claimed twice; B: a page's URL; '---': no slug
    site = Site(load_config(write_tree(tmp_path / "one", {"people/a.md": alone})))
    assert aliases.alias_redirects(site) == {"people/ay/": "people/a/", "people/b/": "people/a/",
                                             "people/old/": "people/a/", "people/smith/": "people/a/"}


def test_alias_redirects_follow_the_url_style(tmp_path):

    files = {"people/a.md": "---\ntitle: A\naliases: [Ay]\nredirect_from: [people/old.md]\n---\n"}
    site = Site(load_config(write_tree(tmp_path, files, {"use_directory_urls": False})))
    assert aliases.alias_redirects(site) == {"people/ay/": "people/a.html", "people/old.html": "people/a.html"}


# --- site_urls ------------------------------------------------------------------------------------


def test_site_urls_are_the_files_the_redirects_and_the_extra_urls(tmp_path):

    files = {"index.md": "# H\n", "img/x.png": "x",
             "people/a.md": "---\ntitle: A\naliases: [Ay]\nredirect_from: [people/old.md]\n---\n"}
    extra = {"search/search_index.json": "search/search_index.json", "people/ay/": "elsewhere"}
    site = Site(load_config(write_tree(tmp_path, files)), extra_urls=extra)
    urls = aliases.site_urls(site)
    assert urls == {
        "": "index.md", "index.html": "index.md", "img/x.png": "img/x.png",
        "people/a/": "people/a.md", "people/a/index.html": "people/a.md",
        "kb.json": "kb.json", "graph.json": "graph.json",
        "people/old/": "people/a.md",  # a redirect answers for the page it leads to
        "people/ay/": "elsewhere",  # extra URLs (the build's) win
        "search/search_index.json": "search/search_index.json",
    }
    assert aliases.site_urls(site) is urls  # computed once per site
