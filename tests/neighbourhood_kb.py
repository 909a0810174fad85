"""A small knowledge base of related entities (people, organisations; relations one way and
both ways, a long title, a page without relations), for the tests of an entity page's
neighbourhood (`kb.neighbourhood`) and of the map that draws it (`kb.connections`)."""

from __future__ import annotations

from pathlib import Path

from helpers import write_tree
from kb.config import load_config
from kb.relations import RelationGraph
from kb.site import Site


def person(name: str, relations: str = "") -> str:
    """A person's page, with `relations` (YAML lines under its front matter's end)."""
    return (f"---\ntitle: {name}\ndescription: A person.\nrole: Diplomat\nas_of: \"2011\"\ncountry: Russia\n"
            f"{relations}---\n# {name}\n")


def organisation(name: str, relations: str = "") -> str:
    """An organisation's page, with `relations` (YAML lines)."""
    return f"---\ntitle: {name}\ndescription: An organisation.\nkind: alliance\n{relations}---\n# {name}\n"


FILES = {
    "index.md": "---\ntitle: Home\n---\n# Home\n",
    "graph.md": "---\ntitle: Graph\n---\n# Graph\n",
    "people/rogozin.md": person("Dmitry Rogozin",
                                "relations:\n  ambassador_to:\n"
                                "    - {target: organisations/nato.md, scope: \"2008–2011\"}\n"
                                "  member_of: [organisations/council.md]\n"),
    "people/lavrov.md": person("Sergei Lavrov"),
    "organisations/nato.md": organisation("North Atlantic Treaty Organization, the alliance of twenty-eight",
                                          "relations:\n  borders: [organisations/russia.md]\n"),
    "organisations/russia.md": organisation("Russia", "relations:\n  borders: [organisations/nato.md]\n"),
    "organisations/council.md": organisation("NATO–Russia Council"),
}


def make_graph(tmp_path: Path) -> RelationGraph:
    """The relation graph of `FILES`, written under `tmp_path`."""
    return RelationGraph(Site(load_config(write_tree(tmp_path, FILES))))
