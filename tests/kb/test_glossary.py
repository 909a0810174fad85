"""kb.glossary: the abbreviations of the auto-appended snippet, each matched to its entity page."""

import pytest

from features_kb import build_context
from helpers import write_tree
from kb import glossary
from kb.config import load_config
from kb.site import Site


@pytest.fixture
def build(tmp_path):
    return build_context(tmp_path)


# --- read_abbreviations ---------------------------------------------------------------------------


def test_read_abbreviations_reads_definitions_in_file_order(tmp_path):
    path = tmp_path / "abbreviations.md"
    path.write_text("Intro\n*[EU]:  European Union  \n*[NRC]: NATO–Russia Council\nnot *[X]: y\n"
                    "*[A B]:\tTwo words\n*[E]:\n", encoding="utf-8")
    assert glossary.read_abbreviations(path) == [
        ("EU", "European Union"), ("NRC", "NATO–Russia Council"), ("A B", "Two words")]


# --- terms ----------------------------------------------------------------------------------------


def test_glossary_links_terms_to_pages_by_alias(build):
    terms = {t.abbreviation: t.page for t in glossary.terms(build.site)}
    assert terms == {"NRC": "organisations/council.md", "WMD": None}


ENTITIES = {
    "organisations/eu.md": "---\ntitle: European Union\ndescription: X.\nkind: union\n---\n# EU\n",
    "organisations/nrc.md": "---\ntitle: Council\ndescription: X.\nkind: council\naliases: [nrc]\n---\n# C\n",
    "about/abm.md": "---\ntitle: ABM\n---\n# ABM\n",  # a plain page: never a term's page
}


def test_terms_match_by_title_alias_or_meaning_in_any_case(tmp_path):
    snippets = {"base_path": ["includes"], "auto_append": ["abbreviations.md", "other.md"]}
    config = write_tree(tmp_path, ENTITIES, {"markdown_extensions": [{"pymdownx.snippets": snippets}]})
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "abbreviations.md").write_text(
        "*[NRC]: NATO–Russia Council\n*[EU]: European Union\n*[abm]: Anti-ballistic missile\n*[ABM]: x\n",
        encoding="utf-8")
    (tmp_path / "includes" / "other.md").write_text("*[ZZ]: Another snippet's\n", encoding="utf-8")
    assert glossary.terms(Site(load_config(config))) == [
        glossary.Term("abm", "Anti-ballistic missile", None),
        glossary.Term("ABM", "x", None),
        glossary.Term("EU", "European Union", "organisations/eu.md"),  # by meaning: the page's title
        glossary.Term("NRC", "NATO–Russia Council", "organisations/nrc.md"),  # by alias, in any case
    ]  # sorted by abbreviation in any case; only the abbreviations file counts


def test_a_site_without_the_abbreviations_snippet_has_no_terms(tmp_path):
    assert glossary.terms(Site(load_config(write_tree(tmp_path, ENTITIES)))) == []
