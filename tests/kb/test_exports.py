"""kb.exports: kb.json (checked against its own JSON Schema) and graph.json, on a small knowledge
base (tests/small_kb.py). The built site's exports are tested in tests/site/test_exports.py."""

from __future__ import annotations

import datetime
import json

import jsonschema
import pytest

from kb import exports, schema
from kb.relations import RelationGraph
from small_kb import make_site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return make_site(tmp_path_factory)


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
                                      "published": "early 2011", "kind": "commentary",
                                      "licence": "all rights reserved", "paragraphs": "8-9"},
                            "cites": []},
    "topics/missile-defence": {"type": "topic", "title": "Missile defence", "summary": "A topic.", "aliases": [],
                               "tags": [], "url": "topics/missile-defence/", "facts": {},
                               "cites": [{"source": "sources/ivanov-2011", "paragraph": 8},
                                         {"source": "sources/ivanov-2011", "paragraph": 9}]},  # its positions
    "treaties/new-start": {"type": "treaty", "title": "New START", "summary": "A treaty.", "aliases": [], "tags": [],
                           "url": "treaties/new-start/",
                           "facts": {"signed": "2010-04-08", "parties": ["United States", "Russia"],
                                     "in_force": "2011-02", "treaty_status": "In force"},
                           "cites": []},
}


def test_kb_json_holds_every_entity_sorted_by_id(site, graph):
    data = json.loads(exports.kb_json(site, graph))
    assert data["version"] == exports.KB_JSON_VERSION == 2
    assert [e["id"] for e in data["entities"]] == sorted(ENTITIES)  # plain pages (index.md) are not entities
    assert {e.pop("id"): e for e in data["entities"]} == ENTITIES


def test_kb_json_holds_every_relation_and_position(site, graph):
    data = json.loads(exports.kb_json(site, graph))
    assert data["relations"] == [
        {"source": "events/signing", "relation": "about", "target": "treaties/new-start", "scope": None, "cite": None},
        {"source": "people/dmitry-rogozin", "relation": "ambassador_to", "target": "organisations/nato",
         "scope": "2008–2011", "cite": {"source": "sources/ivanov-2011", "paragraph": 8}},
    ]
    assert data["positions"] == [
        {"topic": "topics/missile-defence", "holder": "people/dmitry-rogozin", "holder_text": None,
         "summary": "Wants a joint system.", "cite": {"source": "sources/ivanov-2011", "paragraph": 8},
         "quote": "two key arrangement", "scope": "2011"},
        {"topic": "topics/missile-defence", "holder": None, "holder_text": "Some analysts", "summary": "Doubt it.",
         "cite": {"source": "sources/ivanov-2011", "paragraph": 9}, "quote": None, "scope": None},
    ]


def test_kb_json_lists_every_source_with_its_record(site, graph):
    assert json.loads(exports.kb_json(site, graph))["sources"] == [
        {"id": "sources/ivanov-2011", "title": "The article", "author": "Eugene Ivanov",
         "publisher": "Rossiyskaya Gazeta", "published": "early 2011", "kind": "commentary", "url": None,
         "identifier": None, "licence": "all rights reserved", "paragraphs": [8, 9], "complete": None,
         "numbering": None},
    ]


def test_kb_json_gives_each_timeline_entry_the_paragraphs_it_rests_on(site, graph):
    timeline = json.loads(exports.kb_json(site, graph))["timeline"]
    assert [(e["date"], e["page"]) for e in timeline] == [
        ("2010-04-08", "events/signing"), ("2010-11-20", "events/summit"), ("2011-02-00", "treaties/new-start")]
    assert timeline[0]["cites"] == [{"source": "sources/ivanov-2011", "paragraph": 9}]


def test_kb_json_is_valid_against_its_schema(site, graph):
    jsonschema.validate(json.loads(exports.kb_json(site, graph)), exports.KB_JSON_SCHEMA)


def test_kb_json_text_keeps_letters_and_escapes_markup(site, graph):
    text = exports.kb_json(site, graph)
    assert text.startswith('{\n "version": 2,\n "sources": [\n  {\n   "id": "sources/ivanov-2011",\n')
    assert text.endswith("}\n")
    assert '"as_of": "2008–2011"' in text  # not \u2013
    assert '"R\\u0026D \\u003cx\\u003e"' in text and "<x>" not in text  # no markup, even read as HTML


# --- KB_JSON_SCHEMA and schema_markdown -----------------------------------------------------------


def test_the_schema_lists_every_page_type_and_relation():
    items = {name: part["items"] for name, part in exports.KB_JSON_SCHEMA["properties"].items() if "items" in part}
    assert items["entities"]["properties"]["type"]["enum"] == sorted(schema.PAGE_TYPES)
    assert items["relations"]["properties"]["relation"]["enum"] == sorted(schema.RELATIONS)
    assert exports.KB_JSON_SCHEMA["properties"]["version"] == {"const": 2, "description": "Format version."}


def test_the_schema_rejects_what_kb_json_never_holds(site, graph):
    data = json.loads(exports.kb_json(site, graph))
    for broken in ({**data, "extra": 1}, {**data, "version": 1},
                   {**data, "positions": [{**data["positions"][0], "cite": 8}]},
                   {**data, "relations": [{**data["relations"][0], "relation": "likes"}]}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, exports.KB_JSON_SCHEMA)


def test_schema_markdown_documents_every_key():
    text = exports.schema_markdown()
    assert text.startswith("### `version`\n\nFormat version.\n\n"
                           "### `sources`\n\nEvery source: the documents the knowledge base rests on.\n\n"
                           "Each item has:\n")
    assert "| `id` | string | The page's path without .md, e.g. people/dmitry-rogozin. |" in text
    assert "| `scope` | string or null | When it held, e.g. 2008–2011. |" in text
    assert "| `cite` | object or null | The source (and paragraph) that supports it. |" in text
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
