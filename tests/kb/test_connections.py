"""kb.connections: the "Connections" map of an entity page's relations, both ways, as links."""

import pytest
from bs4 import BeautifulSoup

from helpers import write_tree
from kb.config import load_config
from kb.connections import PER_SIDE, neighbourhood_html
from kb.relations import RelationGraph
from kb.site import Site
from neighbourhood_kb import FILES, make_graph, person


@pytest.fixture
def graph(tmp_path):
    return make_graph(tmp_path)


def _map(graph, uri):
    return BeautifulSoup(neighbourhood_html(graph.site.pages[uri], graph), "html.parser")


def test_each_node_links_to_its_page_and_says_the_relation_in_full(graph):
    soup = _map(graph, "people/rogozin.md")
    assert soup.h2["id"] == "connections"
    nodes = soup.select("svg a")
    # xlink:href: the theme's instant navigation would try to rewrite an SVG link's href and fail.
    assert [a["xlink:href"] for a in nodes] == ["../../organisations/council/", "../../organisations/nato/"]
    assert not soup.select("svg a[href]")
    # Its name (and tooltip) starts with the name shown, then says the relation in its direction.
    assert nodes[1].title.get_text() == (
        "North Atlantic Treaty Organization, the alliance of twenty-eight: Dmitry Rogozin "
        "ambassador to North Atlantic Treaty Organization, the alliance of twenty-eight (2008–2011)")
    # A long title is cut short on the map.
    texts = [t.get_text() for t in nodes[1].find_all("text")]
    assert texts == ["North Atlantic Treaty Organiz…", "ambassador to (2008–2011)"]
    assert "kb-nb--organization" in nodes[1]["class"]
    left = _map(graph, "organisations/nato.md").select("svg a")
    assert left[0].title.get_text() == ("Dmitry Rogozin ambassador to North Atlantic Treaty Organization, the alliance "
                                        "of twenty-eight (2008–2011)")
    # Every arrow points at the neighbour (right side) and carries the arrowhead.
    assert len(soup.select('path.kb-nb__edge[marker-end="url(#kb-nb-arrow)"]')) == 2
    assert soup.figcaption.a["href"] == "../../graph/"


def test_a_page_without_relations_has_no_map(graph):
    assert neighbourhood_html(graph.site.pages["people/lavrov.md"], graph) == ""


def test_many_neighbours_are_counted_not_drawn(tmp_path):
    files = dict(FILES)
    for i in range(PER_SIDE + 3):
        files[f"people/p{i:02d}.md"] = person(f"Person {i:02d}",
                                              "relations:\n  member_of: [organisations/council.md]\n")
    graph = RelationGraph(Site(load_config(write_tree(tmp_path, files))))
    soup = _map(graph, "organisations/council.md")
    assert len(soup.select("svg a")) == PER_SIDE
    assert "4 more are listed in the infobox" in soup.figcaption.get_text()  # 16 members, 12 drawn
    height = int(soup.svg["height"])
    assert all(0 < float(c["cy"]) < height for c in soup.select("circle"))
