"""The built site's exports: kb.json valid against its schema, JSON-LD on every entity page,
alias redirects, searchable aliases, and byte-identical output from two builds."""

import filecmp
import json

import jsonschema
import pytest
from bs4 import BeautifulSoup

from helpers import ROOT, mkdocs_build
from kb import schema
from kb.config import load_config
from kb.exports import KB_JSON_SCHEMA
from kb.relations import RelationGraph
from kb.site import Site
from kb.urls import page_url

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site():
    return Site(load_config(ROOT / "mkdocs.yml"))


def test_kb_json_is_valid_and_complete(built_site, site):
    data = json.loads((built_site / "kb.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, KB_JSON_SCHEMA)
    entities = {p.src_uri[:-3] for p in site.iter_pages() if p.type in schema.ENTITY_TYPES}
    assert {e["id"] for e in data["entities"]} == entities
    assert len(data["relations"]) == len(RelationGraph(site).edges)
    assert len(data["positions"]) >= 20
    rogozin = next(e for e in data["entities"] if e["id"] == "people/dmitry-rogozin")
    assert {"source": "sources/ivanov-2011", "paragraph": 8} in rogozin["cites"]


def test_every_entity_page_has_valid_json_ld(built_site, site):
    for page in site.iter_pages():
        soup = BeautifulSoup((built_site / page_url(page.src_uri) / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
        scripts = soup.select('head script[type="application/ld+json"]')
        if page.type not in schema.ENTITY_TYPES:
            assert scripts == [], page.src_uri
            continue
        assert len(scripts) == 1, page.src_uri
        data = json.loads(scripts[0].string)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == schema.PAGE_TYPES[page.type].schema_org
        assert data["name"] == page.title


def test_aliases_redirect_to_their_page(built_site):
    html = (built_site / "people" / "rogozin" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../dmitry-rogozin/">' in html
    assert (built_site / "treaties" / "cfe" / "index.html").is_file()


def test_aliases_are_searchable(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entry = next(d for d in index["docs"] if d["location"] == "treaties/cfe-treaty/")
    assert "cfe" in entry["names"].split()
    assert index["config"]["fields"]["names"] == {"boost": 1000000}


def test_two_builds_are_byte_identical(built_site, tmp_path):
    again = tmp_path / "again"
    result = mkdocs_build(ROOT / "mkdocs.yml", again)
    assert result.returncode == 0, result.stderr
    comparison = filecmp.dircmp(built_site, again)
    differing = []

    def walk(cmp, prefix=""):
        differing.extend(prefix + name for name in cmp.diff_files + cmp.left_only + cmp.right_only + cmp.funny_files)
        for name, sub in cmp.subdirs.items():
            walk(sub, prefix + name + "/")

    walk(comparison)
    # dircmp compares by size and time first; compare every file's bytes to be sure.
    for path in built_site.rglob("*"):
        if path.is_file() and path.read_bytes() != (again / path.relative_to(built_site)).read_bytes():
            differing.append(str(path.relative_to(built_site)))
    details = ""
    for name in sorted(set(differing))[:1]:
        a, b = built_site / name, again / name
        if a.is_file() and b.is_file():
            import difflib

            details = "\n".join(difflib.unified_diff(a.read_text(errors="replace").splitlines(),
                                                     b.read_text(errors="replace").splitlines(),
                                                     lineterm="", n=1))[:3000]
    assert sorted(set(differing)) == [], details
