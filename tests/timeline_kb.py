"""A small knowledge base of dated pages: events and treaties dated every way front matter
allows, and a few pages that give no timeline entry; `make_site`, from which the timeline's tests
(data and writers) make their module-scoped fixtures."""

from __future__ import annotations

import pytest

from helpers import write_tree
from kb.config import load_config
from kb.site import Site


def entity(title: str, fields: str, body: str = "") -> str:
    """An entity page's text: a title, a description, `fields` (YAML lines) and `body`."""
    return f"---\ntitle: {title}\ndescription: X.\n{fields}---\n# {title}\n\n{body}"


ABOUT_NEW_START = "relations:\n  about: [treaties/new-start.md]\n"
SOURCE = entity("The article", "author: A\npublisher: P\npublished: '2011'\nkind: commentary\n"
                "licence: all rights reserved\nparagraphs: '1-15'\n")

#: Events and treaties dated every way front matter allows, and a few pages that give no entry.
FILES = {
    "sources/ivanov-2011.md": SOURCE,
    "treaties/new-start.md": entity("New START", "signed: 2010-04-08\nin_force: 2011-02-05\n",
                                    "[¶3](../sources/ivanov-2011.md#p3)\n"),
    "treaties/cfe.md": entity("CFE Treaty", "signed: 1990-11-19\n"),
    "treaties/vague.md": entity("Vague accord", "signed: 2011\nin_force: sometime\n"),
    "events/prague.md": entity("Prague signing", f"date: 2010-04-08\n{ABOUT_NEW_START}",
                               "See [¶9](../sources/ivanov-2011.md#p9).[^a]\n\n"
                               "[^a]: [¶8](../sources/ivanov-2011.md#p8)\n"),
    "events/ratification.md": entity("Ratification debate", f"date: 2010-12\n{ABOUT_NEW_START}"),
    "events/lisbon.md": entity("Lisbon summit", "date: 2010-11-20\nend: 2010-11-21\n"),
    "events/june.md": entity("A June meeting", "date: 2011-06\n"),
    "events/june1.md": entity("A first of June meeting", "date: 2011-06-01\n"),
    "events/undated.md": entity("Some day", "date: soon\n"),
    "people/a.md": entity("A", "date: 2010-01-01\n"),  # not a dated field of a person
    "index.md": "---\ntitle: Home\ndate: 2009-01-01\n---\n# Home\n",
}


def make_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The dated knowledge base's site model, written in a fresh folder."""
    return Site(load_config(write_tree(tmp_path_factory.mktemp("timeline"), FILES)))
