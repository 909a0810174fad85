"""kb.relations: the relation edges a page's front matter declares, and a site's graph of them,
indexed from both ends."""

import pytest

from helpers import write_tree
from kb import relations, schema
from kb.config import load_config
from kb.relations import Edge
from kb.site import Site
from kb.sourceref import Cite
from neighbourhood_kb import make_graph, organisation

# --- edges_of -------------------------------------------------------------------------------------


def test_edges_of_reads_every_valid_entry_shape():
    meta = {"relations": {
        "member_of": ["o.md", {"target": "p.md", "scope": 2011}, {"scope": "no target"}, 5],
        "nonsense": ["x.md"],
        "ambassador_to": "n.md",
    }}
    assert relations.edges_of("a.md", meta) == [
        Edge("a.md", "member_of", "o.md"),
        Edge("a.md", "member_of", "p.md", "2011"),  # the scope as text
        Edge("a.md", "ambassador_to", "n.md"),  # one target without a list
    ]  # entries without a target, and unknown relations, are the checker's to report


def test_an_edge_s_cite_is_a_source_and_paragraph():
    meta = {"relations": {"member_of": [{"target": "p.md", "cite": "ivanov-2011#8"}, {"target": "q.md", "cite": True},
                                        {"target": "r.md", "cite": "8"}]}}
    assert [edge.cite for edge in relations.edges_of("a.md", meta)] == [Cite("sources/ivanov-2011.md", 8), None,
                                                                        None]  # a cite, not a boolean nor a bare number


@pytest.mark.parametrize("meta", [{}, {"relations": ["member_of"]}, {"relations": None}, {"relations": {}}])
def test_edges_of_front_matter_without_relations_is_empty(meta):
    assert relations.edges_of("a.md", meta) == []


def test_an_edge_s_spec_is_its_relation_in_the_vocabulary():
    assert Edge("a.md", "member_of", "b.md").spec is schema.RELATIONS["member_of"]
    assert Edge("a.md", "member_of", "b.md").spec.inverse == "Members"


# --- RelationGraph --------------------------------------------------------------------------------


def test_the_graph_indexes_every_edge_by_source_and_by_target(tmp_path):
    graph = make_graph(tmp_path)
    assert graph.edges == [
        Edge("organisations/nato.md", "borders", "organisations/russia.md"),
        Edge("organisations/russia.md", "borders", "organisations/nato.md"),
        Edge("people/rogozin.md", "ambassador_to", "organisations/nato.md", "2008–2011"),
        Edge("people/rogozin.md", "member_of", "organisations/council.md"),
    ]
    assert graph.outgoing["people/rogozin.md"] == graph.edges[2:]
    assert graph.incoming["organisations/nato.md"] == [graph.edges[1], graph.edges[2]]  # in page order
    assert sorted(graph.incoming) == ["organisations/council.md", "organisations/nato.md", "organisations/russia.md"]
    assert "people/lavrov.md" not in graph.outgoing and "people/lavrov.md" not in graph.incoming


def test_the_graph_keeps_only_edges_between_entities_to_existing_pages(tmp_path):
    files = {
        "organisations/a.md": organisation("A", "relations:\n  borders: [organisations/b.md, organisations/gone.md]\n"),
        "organisations/b.md": organisation("B"),
        "about/x.md": "---\ntitle: X\nrelations:\n  borders: [organisations/b.md]\n---\n# X\n",  # not an entity
    }
    graph = relations.RelationGraph(Site(load_config(write_tree(tmp_path, files))))
    assert graph.edges == [Edge("organisations/a.md", "borders", "organisations/b.md")]
    assert dict(graph.incoming) == {"organisations/b.md": graph.edges}
