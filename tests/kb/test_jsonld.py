"""kb.jsonld: the schema.org description of each entity page, and its escaping."""

from __future__ import annotations

import json

import pytest

from kb import jsonld
from kb.relations import RelationGraph
from small_kb import SITE_URL, make_site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return make_site(tmp_path_factory)


@pytest.fixture(scope="module")
def graph(site):
    return RelationGraph(site)


# --- json_ld_data and json_ld ---------------------------------------------------------------------

#: What a page that cites the source says of it (`citation`, `isBasedOn`).
CITES = {"citation": [{"@type": "CreativeWork", "@id": "https://kb.example/sources/ivanov-2011/",
                       "name": "The article"}],
         "isBasedOn": ["https://kb.example/sources/ivanov-2011/"]}


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
            **CITES, "relatedLink": ["https://kb.example/organisations/nato/"]}),
        ("events/summit.md", {
            **common("events/summit", "Event", "Lisbon summit", "A summit."),
            "startDate": "2010-11-20", "endDate": "2010-11-21"}),  # it cites nothing
        ("events/signing.md", {
            **common("events/signing", "Event", "Prague signing", "The signing."),
            "startDate": "2010-04-08", "location": {"@type": "Place", "name": "Prague"}, **CITES,
            "relatedLink": ["https://kb.example/treaties/new-start/"]}),
        ("treaties/new-start.md", {
            **common("treaties/new-start", "Legislation", "New START", "A treaty."),
            "legislationDate": "2010-04-08", "legislationLegalForce": "In force"}),
        ("organisations/nato.md", {
            **common("organisations/nato", "Organization", "NATO", "An alliance."),
            "alternateName": ["North Atlantic Treaty Organization"], "foundingDate": "1949-04-04", **CITES}),
        ("places/kaliningrad.md", {
            **common("places/kaliningrad", "Place", "Kaliningrad", "An exclave."),
            "containedInPlace": {"@type": "Place", "name": "Russia"}}),
        ("sources/ivanov-2011.md", {
            **common("sources/ivanov-2011", "CreativeWork", "The article", "The source."),
            "author": {"@type": "Thing", "name": "Eugene Ivanov"},
            "publisher": {"@type": "Organization", "name": "Rossiyskaya Gazeta"}, "genre": "commentary",
            "datePublished": "early 2011", "license": "all rights reserved"}),
        ("topics/missile-defence.md", {
            **common("topics/missile-defence", "Article", "Missile defence", "A topic."), **CITES}),  # positions
    ],
)
def test_json_ld_data(site, graph, src_uri, expected):
    assert jsonld.json_ld_data(site.pages[src_uri], SITE_URL, graph) == expected


def test_json_ld_data_with_a_site_url_without_its_slash(site, graph):
    data = jsonld.json_ld_data(site.pages["organisations/nato.md"], "https://kb.example/kb", graph)
    assert (data["url"], data["isBasedOn"]) == ("https://kb.example/kb/organisations/nato/",
                                                ["https://kb.example/kb/sources/ivanov-2011/"])


def test_json_ld_is_a_script_whose_json_holds_no_markup(site, graph):
    element = str(jsonld.json_ld(site.pages["people/dmitry-rogozin.md"], SITE_URL, graph))
    start, end = '<script type="application/ld+json">', "</script>"
    assert element.startswith(start) and element.endswith(end) and element.count("<") == 2
    assert '"R\\u0026D \\u003cx\\u003e"' in element
    body = element[len(start):-len(end)]
    assert json.loads(body) == jsonld.json_ld_data(site.pages["people/dmitry-rogozin.md"], SITE_URL, graph)
