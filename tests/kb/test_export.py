"""The machine-readable exports (what was kb.export): kb.json and its schema, graph.json, JSON-LD,
alias redirects and their pages, and the search index's name fields.

One group of tests per function, each module imported once below: when a function moves, its
group follows by changing one import. The built site's exports are tested in tests/site.
"""

from __future__ import annotations

import datetime
import json

import jsonschema
import pytest

from kb import aliases  # alias_redirects
from kb import exports  # KB_JSON_SCHEMA, schema_markdown, json_value, kb_json, graph_json
from kb import jsonld  # json_ld_data, json_ld
from kb import render as redirects  # redirect_html
from kb import schema, search  # search: search_fields, apply_search_fields, search_index_with_aliases
from kb.config import load_config
from kb.relations import RelationGraph
from kb.site import Site

SOURCE = """---
title: The article
description: The source.
author: Eugene Ivanov
publisher: Rossiyskaya Gazeta
published: early 2011
genre: commentary
paragraphs: "15"
---
# The article
## ¶8 {#p8}
## ¶9 {#p9}
"""

#: One entity of each type, with aliases, an old path, relations, citations and positions.
FILES = {
    "sources/ivanov-2011.md": SOURCE,
    "people/dmitry-rogozin.md": """---
title: Dmitry Rogozin
description: An ambassador.
aliases: [Rogozin, "Dmitry Olegovich Rogozin", "R&D <x>"]
redirect_from: [people/rogozin-old.md]
tags: [diplomacy]
role: Ambassador to NATO
as_of: 2008–2011
country: Russia
born: 1963-12-21
relations:
  ambassador_to:
    - target: organisations/nato.md
      scope: 2008–2011
      cite: 8
---
# Dmitry Rogozin

Text.[^p8]

[^p8]: [¶8](../sources/ivanov-2011.md#p8)
""",
    "organisations/nato.md": """---
title: NATO
description: An alliance.
aliases: [North Atlantic Treaty Organization]
kind: military alliance
founded: 1949-04-04
---
# NATO

[¶9](../sources/ivanov-2011.md#p9) and [¶8](../sources/ivanov-2011.md#p8)
""",
    "treaties/new-start.md": """---
title: New START
description: A treaty.
signed: 2010-04-08
parties: [United States, Russia]
in_force: 2011-02
treaty_status: In force
---
# New START
""",
    "events/signing.md": """---
title: Prague signing
description: The signing.
date: 2010-04-08
location: Prague
relations:
  about: [treaties/new-start.md]
---
# Signing
[¶9](../sources/ivanov-2011.md#p9)
""",
    "events/summit.md": "---\ntitle: Lisbon summit\ndescription: A summit.\ndate: 2010-11-20\nend: 2010-11-21\n---\n# S\n",
    "places/kaliningrad.md": "---\ntitle: Kaliningrad\ndescription: An exclave.\nkind: exclave\ncountry: Russia\n---\n# K\n",
    "topics/missile-defence.md": """---
title: Missile defence
description: A topic.
positions:
  - holder: people/dmitry-rogozin.md
    summary: Wants a joint system.
    cite: 8
    quote: two key arrangement
    scope: "2011"
  - holder: Some analysts
    summary: Doubt it.
    cite: 9
---
# Missile defence
""",
    "index.md": "---\ntitle: Home\naliases: [Start]\n---\n# Home\n",
}

SITE_URL = "https://kb.example/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from helpers import write_tree

    return Site(load_config(write_tree(tmp_path_factory.mktemp("export"), FILES)))


@pytest.fixture(scope="module")
def graph(site):
    return RelationGraph(site)


# --- json_value -----------------------------------------------------------------------------------


def test_json_value_writes_dates_as_iso_strings_at_any_depth():
    value = {1: [datetime.date(2010, 4, 8), {"d": datetime.date(2011, 1, 2)}], "s": "x", "n": None}
    assert exports.json_value(value) == {"1": ["2010-04-08", {"d": "2011-01-02"}], "s": "x", "n": None}


# --- kb_json --------------------------------------------------------------------------------------

#: Every entity of FILES as kb.json gives it, by id (in kb.json: sorted by id).
ENTITIES = {
    "events/signing": {"type": "event", "title": "Prague signing", "summary": "The signing.", "aliases": [],
                       "tags": [], "url": "events/signing/", "facts": {"date": "2010-04-08", "location": "Prague"},
                       "cites": [{"source": "sources/ivanov-2011", "paragraph": 9}]},
    "events/summit": {"type": "event", "title": "Lisbon summit", "summary": "A summit.", "aliases": [], "tags": [],
                      "url": "events/summit/", "facts": {"date": "2010-11-20", "end": "2010-11-21"}, "cites": []},
    "organisations/nato": {"type": "organization", "title": "NATO", "summary": "An alliance.",
                           "aliases": ["North Atlantic Treaty Organization"], "tags": [], "url": "organisations/nato/",
                           "facts": {"kind": "military alliance", "founded": "1949-04-04"},
                           "cites": [{"source": "sources/ivanov-2011", "paragraph": 8},
                                     {"source": "sources/ivanov-2011", "paragraph": 9}]},
    "people/dmitry-rogozin": {"type": "person", "title": "Dmitry Rogozin", "summary": "An ambassador.",
                              "aliases": ["Rogozin", "Dmitry Olegovich Rogozin", "R&D <x>"], "tags": ["diplomacy"],
                              "url": "people/dmitry-rogozin/",
                              "facts": {"role": "Ambassador to NATO", "as_of": "2008–2011", "country": "Russia",
                                        "born": "1963-12-21"},
                              "cites": [{"source": "sources/ivanov-2011", "paragraph": 8}]},
    "places/kaliningrad": {"type": "place", "title": "Kaliningrad", "summary": "An exclave.", "aliases": [],
                           "tags": [], "url": "places/kaliningrad/", "facts": {"kind": "exclave", "country": "Russia"},
                           "cites": []},
    "sources/ivanov-2011": {"type": "source", "title": "The article", "summary": "The source.", "aliases": [],
                            "tags": [], "url": "sources/ivanov-2011/",
                            "facts": {"author": "Eugene Ivanov", "publisher": "Rossiyskaya Gazeta",
                                      "published": "early 2011", "genre": "commentary", "paragraphs": "15"},
                            "cites": []},
    "topics/missile-defence": {"type": "topic", "title": "Missile defence", "summary": "A topic.", "aliases": [],
                               "tags": [], "url": "topics/missile-defence/", "facts": {}, "cites": []},
    "treaties/new-start": {"type": "treaty", "title": "New START", "summary": "A treaty.", "aliases": [], "tags": [],
                           "url": "treaties/new-start/",
                           "facts": {"signed": "2010-04-08", "parties": ["United States", "Russia"],
                                     "in_force": "2011-02", "treaty_status": "In force"},
                           "cites": []},
}


def test_kb_json_holds_every_entity_sorted_by_id(site, graph):
    data = json.loads(exports.kb_json(site, graph))
    assert data["version"] == exports.KB_JSON_VERSION == 1
    assert [e["id"] for e in data["entities"]] == sorted(ENTITIES)  # plain pages (index.md) are not entities
    assert {e.pop("id"): e for e in data["entities"]} == ENTITIES


def test_kb_json_holds_every_relation_and_position(site, graph):
    data = json.loads(exports.kb_json(site, graph))
    assert data["relations"] == [
        {"source": "events/signing", "relation": "about", "target": "treaties/new-start", "scope": None, "cite": None},
        {"source": "people/dmitry-rogozin", "relation": "ambassador_to", "target": "organisations/nato",
         "scope": "2008–2011", "cite": 8},
    ]
    assert data["positions"] == [
        {"topic": "topics/missile-defence", "holder": "people/dmitry-rogozin", "holder_text": None,
         "summary": "Wants a joint system.", "cite": 8, "quote": "two key arrangement", "scope": "2011"},
        {"topic": "topics/missile-defence", "holder": None, "holder_text": "Some analysts", "summary": "Doubt it.",
         "cite": 9, "quote": None, "scope": None},
    ]


def test_kb_json_is_valid_against_its_schema(site, graph):
    jsonschema.validate(json.loads(exports.kb_json(site, graph)), exports.KB_JSON_SCHEMA)


def test_kb_json_text_keeps_letters_and_escapes_markup(site, graph):
    text = exports.kb_json(site, graph)
    assert text.startswith('{\n "version": 1,\n "entities": [\n  {\n   "id": "events/signing",\n')
    assert text.endswith("}\n")
    assert '"as_of": "2008–2011"' in text  # not \u2013
    assert '"R\\u0026D \\u003cx\\u003e"' in text and "<x>" not in text  # no markup, even read as HTML


# --- KB_JSON_SCHEMA and schema_markdown -----------------------------------------------------------


def test_the_schema_lists_every_page_type_and_relation():
    items = {name: part["items"] for name, part in exports.KB_JSON_SCHEMA["properties"].items() if "items" in part}
    assert items["entities"]["properties"]["type"]["enum"] == sorted(schema.PAGE_TYPES)
    assert items["relations"]["properties"]["relation"]["enum"] == sorted(schema.RELATIONS)
    assert exports.KB_JSON_SCHEMA["properties"]["version"] == {"const": 1, "description": "Format version."}


def test_the_schema_rejects_what_kb_json_never_holds(site, graph):
    data = json.loads(exports.kb_json(site, graph))
    for broken in ({**data, "extra": 1}, {**data, "version": 2},
                   {**data, "relations": [{**data["relations"][0], "relation": "likes"}]}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, exports.KB_JSON_SCHEMA)


def test_schema_markdown_documents_every_key():
    text = exports.schema_markdown()
    assert text.startswith("### `version`\n\nFormat version.\n\n### `entities`\n\nEvery entity page.\n\nEach item has:\n")
    assert "| `id` | string | The page's path without .md, e.g. people/dmitry-rogozin. |" in text
    assert "| `scope` | string or null | When it held, e.g. 2008–2011. |" in text
    assert "| `cite` | integer or null | The source paragraph that supports it. |" in text
    types = ", ".join(f"`{t}`" for t in sorted(schema.PAGE_TYPES))
    assert f"| `type` | one of {types} | The page type. |" in text
    for part in exports.KB_JSON_SCHEMA["properties"].values():
        for key in part.get("items", {}).get("properties", {}):
            assert f"| `{key}` |" in text


# --- graph_json -----------------------------------------------------------------------------------


def test_graph_json_has_the_entities_and_labelled_edges(site, graph):
    nodes = [{"id": uri, "label": e["title"], "type": e["type"], "url": e["url"]} for uri, e in ENTITIES.items()]
    edges = [{"source": "events/signing", "target": "treaties/new-start", "label": "About"},
             {"source": "people/dmitry-rogozin", "target": "organisations/nato", "label": "Ambassador to"}]
    text = exports.graph_json(site, graph)
    assert json.loads(text) == {"nodes": nodes, "edges": edges}
    assert text.startswith('{"nodes":[{"id":"events/signing","label":"Prague signing",') and text.endswith("]}\n")


# --- json_ld_data and json_ld ---------------------------------------------------------------------

PRIMARY = {"@type": "CreativeWork", "@id": "https://kb.example/sources/ivanov-2011/"}


def common(uri: str, schema_org: str, name: str, description: str) -> dict:
    """The keys every entity's JSON-LD starts with."""
    url = f"https://kb.example/{uri}/"
    return {"@context": "https://schema.org", "@type": schema_org, "@id": url, "name": name, "url": url,
            "description": description}


@pytest.mark.parametrize(
    ("src_uri", "expected"),
    [
        ("people/dmitry-rogozin.md", {
            **common("people/dmitry-rogozin", "Person", "Dmitry Rogozin", "An ambassador."),
            "alternateName": ["Rogozin", "Dmitry Olegovich Rogozin", "R&D <x>"],
            "jobTitle": "Ambassador to NATO (2008–2011)", "nationality": {"@type": "Country", "name": "Russia"},
            "subjectOf": PRIMARY, "relatedLink": ["https://kb.example/organisations/nato/"]}),
        ("events/summit.md", {
            **common("events/summit", "Event", "Lisbon summit", "A summit."),
            "startDate": "2010-11-20", "endDate": "2010-11-21", "subjectOf": PRIMARY}),
        ("events/signing.md", {
            **common("events/signing", "Event", "Prague signing", "The signing."),
            "startDate": "2010-04-08", "location": {"@type": "Place", "name": "Prague"}, "subjectOf": PRIMARY,
            "relatedLink": ["https://kb.example/treaties/new-start/"]}),
        ("treaties/new-start.md", {
            **common("treaties/new-start", "Legislation", "New START", "A treaty."),
            "legislationDate": "2010-04-08", "legislationLegalForce": "In force", "subjectOf": PRIMARY}),
        ("organisations/nato.md", {
            **common("organisations/nato", "Organization", "NATO", "An alliance."),
            "alternateName": ["North Atlantic Treaty Organization"], "foundingDate": "1949-04-04",
            "subjectOf": PRIMARY}),
        ("places/kaliningrad.md", {
            **common("places/kaliningrad", "Place", "Kaliningrad", "An exclave."),
            "containedInPlace": {"@type": "Place", "name": "Russia"}, "subjectOf": PRIMARY}),
        ("sources/ivanov-2011.md", {
            **common("sources/ivanov-2011", "CreativeWork", "The article", "The source."),
            "author": {"@type": "Person", "name": "Eugene Ivanov"},
            "publisher": {"@type": "Organization", "name": "Rossiyskaya Gazeta"}, "genre": "commentary"}),
        ("topics/missile-defence.md", {
            **common("topics/missile-defence", "Article", "Missile defence", "A topic."), "subjectOf": PRIMARY}),
    ],
)
def test_json_ld_data(site, graph, src_uri, expected):
    assert jsonld.json_ld_data(site.pages[src_uri], SITE_URL, graph) == expected


def test_json_ld_data_with_a_site_url_without_its_slash(site, graph):
    data = jsonld.json_ld_data(site.pages["organisations/nato.md"], "https://kb.example/kb", graph)
    assert (data["url"], data["subjectOf"]["@id"]) == ("https://kb.example/kb/organisations/nato/",
                                                       "https://kb.example/kb/sources/ivanov-2011/")


def test_json_ld_is_a_script_whose_json_holds_no_markup(site, graph):
    element = str(jsonld.json_ld(site.pages["people/dmitry-rogozin.md"], SITE_URL, graph))
    start, end = '<script type="application/ld+json">', "</script>"
    assert element.startswith(start) and element.endswith(end) and element.count("<") == 2
    assert '"R\\u0026D \\u003cx\\u003e"' in element
    body = element[len(start):-len(end)]
    assert json.loads(body) == jsonld.json_ld_data(site.pages["people/dmitry-rogozin.md"], SITE_URL, graph)


# --- alias_redirects ------------------------------------------------------------------------------


def test_alias_redirects_one_per_alias_and_old_path(site):
    assert aliases.alias_redirects(site) == {
        "organisations/north-atlantic-treaty-organization/": "organisations/nato/",
        "people/dmitry-olegovich-rogozin/": "people/dmitry-rogozin/",
        "people/r-d-x/": "people/dmitry-rogozin/",
        "people/rogozin-old/": "people/dmitry-rogozin/",
        "people/rogozin/": "people/dmitry-rogozin/",
    }  # not for plain pages (index.md's alias)


def test_alias_redirects_skip_urls_taken_or_claimed_twice(make_site):
    files = {
        "people/a.md": "---\ntitle: A\naliases: [Smith, B, Ay, '---']\nredirect_from: [people/old.md, img/x.png]\n---\n",
        "people/b.md": "---\ntitle: B\naliases: [Smith]\nredirect_from: [people/old.md]\n---\n",
        "people/c.md": "---\ntitle: C\naliases: [Ay]\n---\n",
    }
    site = Site(load_config(make_site(files, {"use_directory_urls": False})))
    assert aliases.alias_redirects(site) == {}  # Smith, Ay, old: claimed twice; B: a page; '---': no slug
    site = Site(load_config(make_site({"people/a.md": files["people/a.md"]})))
    assert aliases.alias_redirects(site) == {"people/ay/": "people/a/", "people/old/": "people/a/",
                                             "people/smith/": "people/a/"}


# --- redirect_html --------------------------------------------------------------------------------


def redirect_page(url: str) -> str:
    """The redirect page to `url`, as it is written."""
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">\n"
        f'<title>Redirecting…</title>\n<link rel="canonical" href="{url}">\n'
        f'<meta http-equiv="refresh" content="0; url={url}">\n<meta name="robots" content="noindex">\n'
        f'</head>\n<body>\n<p>This page has moved to <a href="{url}">{url}</a>.</p>\n</body>\n</html>\n'
    )


@pytest.mark.parametrize(
    ("from_url", "to_url", "href"),
    [
        ("people/rogozin/", "people/dmitry-rogozin/", "../dmitry-rogozin/"),
        ("rogozin/", "people/dmitry-rogozin/", "../people/dmitry-rogozin/"),
        ("people/rogozin.html", "people/dmitry-rogozin.html", "dmitry-rogozin.html"),
        ("people/old/", "index.html", "../../index.html"),
        ("people/r/", "people/d é/", "../d%20%C3%A9/"),  # percent-encoded
        ("people/r/", 'people/a"><script>/', "../a%22%3E%3Cscript%3E/"),
    ],
)
def test_redirect_html(from_url, to_url, href):
    assert redirects.redirect_html(from_url, to_url) == redirect_page(href)


# --- search_fields --------------------------------------------------------------------------------


def test_search_fields_of_a_page_with_aliases(site):
    assert search.search_fields(site.pages["people/dmitry-rogozin.md"], None) == search.SearchFields(
        "dmitry rogozin olegovich r&amp;d &lt;x&gt;",  # each word once, escaped: the theme shows it as HTML
        "Also known as: Rogozin; Dmitry Olegovich Rogozin; R&amp;D &lt;x&gt;. ",
        1.0,
    )


def test_search_fields_of_a_page_without_aliases(site):
    assert search.search_fields(site.pages["treaties/new-start.md"], None) == ("new start", "", 1.0)


def test_search_fields_boost_grows_with_the_pages_linking_in(site):
    page = site.pages["treaties/new-start.md"]
    boosts = [search.search_fields(page, None, {page.src_uri: set(map(str, range(n)))}).boost for n in (0, 1, 2, 10)]
    assert boosts == [1.0, 1.693, 2.099, 3.398]


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
    search.apply_search_fields(entry, search.SearchFields("a b", "Lead. ", 1.5))
    assert entry == {"location": "x/", "text": "Lead. Body.", "boost": 3.0, search.NAMES_FIELD: "a b"}
    bare = {"location": "y/"}
    search.apply_search_fields(bare, search.SearchFields("c", "", 2.0))
    assert bare == {"location": "y/", "names": "c", "text": "", "boost": 2.0}


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
         "names": "dmitry rogozin olegovich r&amp;d &lt;x&gt;", "boost": 1.0},
        INDEX["docs"][1],
        INDEX["docs"][2],  # plain pages are left as they are
        {"location": "organisations/nato/", "title": "NATO", "text": "Also known as: North Atlantic Treaty Organization. N.",
         "names": "nato north atlantic treaty organization", "boost": 1.693},
    ]}
    assert "<" not in text and "&lt;x&gt;" not in text  # written as \u escapes too


def test_search_index_puts_the_infobox_text_before_the_lead(site):
    boxes = {"people/dmitry-rogozin.md": "<dl><dt>Role</dt><dd>Ambassador</dd></dl>"}
    docs = json.loads(search.search_index_with_aliases(json.dumps(INDEX), site, None, boxes))["docs"]
    assert docs[0]["text"] == "Role: Ambassador Body."
