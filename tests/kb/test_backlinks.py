"""kb.backlinks: which pages' text links to each page ("Referenced by"), on a small site with every
kind of link that does or does not count."""

import pytest

from helpers import write_tree
from kb import backlinks
from kb.config import load_config
from kb.site import Site


def _person(name: str, body: str) -> str:
    return f"---\ntitle: {name}\ndescription: {name}.\nrole: R\nas_of: '2011'\ncountry: C\n---\n# {name}\n{body}"


FILES = {
    "index.md": "---\ntitle: Home\n---\n# Home\n[a](people/a.md) [t](topics/t.md)\n",  # an index: not counted
    "people/index.md": "---\ntitle: People\n---\n# People\n[a](a.md)\n",  # a type index: not counted
    "misc/m.md": "---\ntitle: M\n---\n[b](../people/b.md)\n",  # outside every type folder: not counted
    "about/x.md": "---\ntitle: X\n---\n# X\n[a](../people/a.md)\n",  # a plain page counts
    "people/a.md": _person("A", "[self](a.md) [b](b.md#x) [gone](missing.md) [ext](https://e.org/people/b.md)\n"),
    "people/b.md": _person("B", "[a][ref]\n\n[ref]: a.md\n"),  # a reference definition counts
    "topics/t.md": "---\ntitle: T\ndescription: T.\n---\n# T\n[b](../people/b.md)\n",
}


@pytest.fixture
def site(tmp_path):
    return Site(load_config(write_tree(tmp_path, FILES)))


def test_backlinks_are_the_pages_whose_text_links_to_each_page(site):
    assert backlinks.backlinks(site) == {
        "people/a.md": {"about/x.md", "people/b.md"},  # not itself, nor the index pages
        "people/b.md": {"people/a.md", "topics/t.md"},  # an anchor and a URL ending in its path aside
    }


def test_backlinks_are_computed_once_per_site(site):
    first = backlinks.backlinks(site)
    assert site.derived["backlinks"] is first
    assert backlinks.backlinks(site) is first


def test_linked_pages_are_every_path_linked_to_pages_or_not(site):
    assert backlinks.linked_pages(site) == {"people/a.md", "people/b.md", "people/missing.md"}
    assert "backlinks" not in site.derived  # found without building the lists
