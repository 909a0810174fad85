"""kb.search: each entity's names, lead text and boost in Material's search index."""

from __future__ import annotations

import json

import pytest

from kb import search
from small_kb import make_site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return make_site(tmp_path_factory)


# --- search_fields --------------------------------------------------------------------------------


def test_search_fields_of_a_page_with_aliases(site):
    assert search.search_fields(site.pages["people/dmitry-rogozin.md"], None) == search.SearchFields(
        "dmitry rogozin olegovich r&amp;d &lt;x&gt;",  # each word once, escaped: the theme shows it as HTML
        "Also known as: Rogozin; Dmitry Olegovich Rogozin; R&amp;D &lt;x&gt;. ",
        1.0,
        # each name whole, as data (compared with the query, never shown): not escaped
        ("dmitry rogozin", "rogozin", "dmitry olegovich rogozin", "r&d x"),
    )


def test_search_fields_of_a_page_without_aliases(site):
    assert search.search_fields(site.pages["treaties/new-start.md"], None) == ("new start", "", 1.0, ("new start",))


def test_search_fields_boost_grows_with_the_pages_linking_in(site):
    page = site.pages["treaties/new-start.md"]
    boosts = [search.search_fields(page, None, {page.src_uri: set(map(str, range(n)))}).boost for n in (0, 1, 2, 10)]
    assert boosts == [1.0, 1.069, 1.11, 1.24]  # 1 + IMPORTANCE × ln(1 + n), IMPORTANCE = 0.1


def test_search_fields_split_names_with_the_index_separator(site):
    page = site.pages["organisations/nato.md"]
    assert search.search_fields(page, r"[\s]+").names == "nato north atlantic treaty organization"
    assert search.search_fields(page, r"[\s]+tr").names == "nato north atlantic eaty organization"


def test_search_fields_with_an_infobox_lead_with_its_text(site):
    box = '<aside class="kb-infobox"><dl><dt>Role</dt><dd>Ambassador &amp; <b>x</b></dd></dl></aside>'
    fields = search.search_fields(site.pages["people/dmitry-rogozin.md"], None, None, box)
    assert fields.lead == "Role: Ambassador &amp; x "


# --- apply_search_fields --------------------------------------------------------------------------


def test_apply_search_fields():
    entry = {"location": "x/", "text": "Body.", "boost": 2}
    search.apply_search_fields(entry, search.SearchFields("a b", "Lead. ", 1.5, ("a b", "b")))
    assert entry == {"location": "x/", "text": "Lead. Body.", "boost": 3.0, search.NAMES_FIELD: "a b",
                     search.NAME_KEYS_FIELD: ["a b", "b"]}
    bare = {"location": "y/"}
    search.apply_search_fields(bare, search.SearchFields("c", "", 2.0))
    assert bare == {"location": "y/", "names": "c", "text": "", "boost": 2.0, "name_keys": []}


# --- search_index_with_aliases --------------------------------------------------------------------

INDEX = {
    "config": {"separator": "[\\s\\-]+"},
    "docs": [
        {"location": "people/dmitry-rogozin/", "title": "Dmitry Rogozin", "text": "Body."},
        {"location": "people/dmitry-rogozin/#career", "title": "Career", "text": "C."},
        {"location": "", "title": "Home", "text": "H."},
        {"location": "organisations/nato/", "title": "NATO", "text": "N."},
    ],
}


def test_search_index_gives_each_entity_s_lead_entry_its_names(site):
    linked = {"organisations/nato.md": {"people/dmitry-rogozin.md"}}
    text = search.search_index_with_aliases(json.dumps(INDEX), site, linked)
    assert json.loads(text) == {"config": INDEX["config"], "docs": [
        {"location": "people/dmitry-rogozin/", "title": "Dmitry Rogozin",
         "text": "Also known as: Rogozin; Dmitry Olegovich Rogozin; R&amp;D &lt;x&gt;. Body.",
         "names": "dmitry rogozin olegovich r&amp;d &lt;x&gt;", "boost": 1.0,
         "name_keys": ["dmitry rogozin", "rogozin", "dmitry olegovich rogozin", "r&d x"]},
        INDEX["docs"][1],
        INDEX["docs"][2],  # plain pages are left as they are
        {"location": "organisations/nato/", "title": "NATO",
         "text": "Also known as: North Atlantic Treaty Organization. N.",
         "names": "nato north atlantic treaty organization", "boost": 1.069,
         "name_keys": ["nato", "north atlantic treaty organization"]},
    ]}
    assert "<" not in text and "&lt;x&gt;" not in text  # written as \u escapes too


def test_search_index_puts_the_infobox_text_before_the_lead(site):
    boxes = {"people/dmitry-rogozin.md": "<dl><dt>Role</dt><dd>Ambassador</dd></dl>"}
    docs = json.loads(search.search_index_with_aliases(json.dumps(INDEX), site, None, boxes))["docs"]
    assert docs[0]["text"] == "Role: Ambassador Body."


def test_a_source_gets_no_importance_boost(site):
    # Every page that cites a source links to it: that says what the page rests on, not what
    # readers search for.
    source = site.pages["sources/ivanov-2011.md"]
    assert search.search_fields(source, None, {source.src_uri: set(map(str, range(50)))}).boost == 1.0


def test_a_name_word_is_listed_once_even_with_brackets(site):
    # "(June 2011)" and "June 2011": the theme searches "2011" as a prefix, so "2011)" beside
    # "2011" would count twice in the page's names; a word with no bare twin stays as it is cut.
    page = site.pages["people/dmitry-rogozin.md"]
    saved = page.meta["aliases"]
    page.meta["aliases"] = ["Meeting (June 2011)", "June 2011 meeting", "“Quoted”"]
    try:
        assert search.search_fields(page, None).names == "dmitry rogozin meeting june 2011 “quoted”"
    finally:
        page.meta["aliases"] = saved


# --- fold, and the site's own separator -----------------------------------------------------------


@pytest.mark.parametrize(("word", "folded"), [
    ("sánchez", "sanchez"), ("zürich", "zurich"), ("łódź", "lodz"), ("straße", "strasse"), ("naïve", "naive"),
    ("nato", "nato"), ("рогозин", "рогозин"), ("йошкар", "йошкар"), ("ёлка", "ёлка"), ("2011", "2011"),
])
def test_fold_drops_latin_diacritics_and_keeps_other_scripts(word, folded):
    assert search.fold(word) == folded


def _site_separator() -> str:
    from helpers import ROOT
    from kb.config import load_config
    plugins = load_config(ROOT / "mkdocs.yml").raw["plugins"]
    return next(p["search"] for p in plugins if isinstance(p, dict) and "search" in p)["separator"]


@pytest.mark.parametrize(("name", "words"), [
    ("NATO–Russia Council", ["nato", "russia", "council"]),   # en dash, as titles are written
    ("NATO-Russia Council", ["nato", "russia", "council"]),   # hyphen, as readers type
    ("NATO—Russia ‑ x−y", ["nato", "russia", "x", "y"]),      # em dash, non-breaking hyphen, minus
    ("Russia’s ambassador", ["russia", "ambassador"]),  # typographic apostrophe, and the possessive
    ("Russia's ambassador", ["russia", "ambassador"]),  # typed apostrophe
    ("O’Neill d'Estaing", ["o", "neill", "d", "estaing"]),
    ("Treaty of Rome and the Council", ["treaty", "rome", "council"]),  # words every name shares
    ("Theatre Andean Torino", ["theatre", "andean", "torino"]),  # ...only as whole words
    ("“two key” «arrangement»", ["two", "key", "arrangement"]),
])
def test_the_sites_separator_cuts_typed_and_typographic_names_alike(name, words):
    import re
    assert [w for w in re.split(_site_separator(), name.casefold()) if w] == words


@pytest.mark.parametrize(("name", "key"), [
    ("NATO–Russia Council (NRC)", "nato russia council nrc"),
    ("NATO-Russia Council", "nato russia council"),           # typed as the title is written
    ("Russia’s suspension of the CFE Treaty", "russia suspension cfe treaty"),
    ("The North Atlantic Treaty (Washington, 1949)", "north atlantic treaty washington 1949"),
    ('Rossiyskaya Gazeta, "About the newspaper"', "rossiyskaya gazeta about newspaper"),
    ("Łódź, Sánchez", "lodz sanchez"),
    ("Совет Россия–НАТО", "совет россия нато"),
    ("U.S.", "u.s"),  # inner punctuation stays, as the index keeps it
    ("(the)", ""),
])
def test_name_key_is_the_name_as_the_index_cuts_it(name, key):
    assert search.name_key(name, _site_separator()) == key


def test_each_name_is_a_key_once(site):
    page = site.pages["people/dmitry-rogozin.md"]
    kept = page.meta["aliases"]
    page.meta["aliases"] = ["Rogozin", "ROGOZIN", "the", "Dmítry  Rogozín"]
    try:
        keys = search.search_fields(page, _site_separator()).keys
    finally:
        page.meta["aliases"] = kept
    assert keys == ("dmitry rogozin", "rogozin")


def test_names_hold_each_word_folded_too(site):
    page = site.pages["people/dmitry-rogozin.md"]
    kept = page.meta["aliases"]
    page.meta["aliases"] = ["Dmítry Rogozín", "Дмитрий Рогозин"]
    try:
        names = search.search_fields(page, _site_separator()).names.split()
    finally:
        page.meta["aliases"] = kept
    assert names == ["dmitry", "rogozin", "dmítry", "rogozín", "дмитрий", "рогозин"]
