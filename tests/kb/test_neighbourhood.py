"""kb.neighbourhood: an entity page's relations, both ways (the map that draws them is tested in
test_connections.py)."""

import pytest

from kb.neighbourhood import neighbours
from neighbourhood_kb import make_graph


@pytest.fixture
def graph(tmp_path):
    return make_graph(tmp_path)


def test_incoming_relations_are_on_the_left_outgoing_on_the_right(graph):
    left, right = neighbours(graph.site.pages["organisations/nato.md"], graph)
    assert [(n.uri, n.relations) for n in left] == [
        ("people/rogozin.md", [("ambassador to", "2008–2011")]),
        ("organisations/russia.md", [("borders", "")]),  # people first, then organisations
    ]
    # Related both ways: on both sides.
    assert [(n.uri, n.relations) for n in right] == [("organisations/russia.md", [("borders", "")])]
