"""kb.positions: the position records of a site's topics, well-formed ones only, in page order."""

import pytest

from helpers import write_tree
from kb import positions
from kb.config import load_config
from kb.positions import Position
from kb.site import Site
from kb.sourceref import Cite

FILES = {
    "topics/a.md": """---
title: A
description: A.
positions:
  - holder: people/p.md
    summary: Yes.
    cite: ivanov-2011#8
    quote: q
    scope: 2011
  - holder: Some analysts
    summary: No.
    cite: true
  - holder: Others
    cite: "9"
  - just text
  - summary: no holder
  - holder: [a list]
---
# A
""",
    "topics/b.md": "---\ntitle: B\ndescription: B.\npositions: not a list\n---\n# B\n",
    "people/p.md": ("---\ntitle: P\ndescription: P.\nrole: R\nas_of: '2011'\ncountry: C\n"
                    "positions:\n  - holder: people/p.md\n    summary: On a person.\n---\n# P\n"),  # not a topic
    "topics/c.md": ("---\ntitle: C\ndescription: C.\npositions:\n"
                    "  - {holder: people/p.md, summary: Later., cite: ivanov-2011#2}\n---\n# C\n"),
}


@pytest.fixture
def site(make_site):
    return Site(load_config(make_site(FILES)))


def test_positions_are_the_well_formed_records_of_topics_in_page_order(site):
    assert [(p.topic, p.holder, p.summary, p.quote, p.scope) for p in positions.positions(site)] == [
        ("topics/a.md", "people/p.md", "Yes.", "q", "2011"),  # the scope as text
        ("topics/a.md", "Some analysts", "No.", "", ""),
        ("topics/a.md", "Others", "", "", ""),
        ("topics/c.md", "people/p.md", "Later.", "", ""),
    ]  # not text, nor a record without a holder (the checker reports them), nor on a page other than a topic


def test_a_position_s_cite_is_a_source_and_paragraph(site):
    assert [p.cite for p in positions.positions(site)] == [Cite("sources/ivanov-2011.md", 8), None, None,
                                                           Cite("sources/ivanov-2011.md", 2)]  # a cite, or None


def test_a_site_without_topics_has_no_positions(tmp_path):
    site = Site(load_config(write_tree(tmp_path, {"people/p.md": FILES["people/p.md"]})))
    assert positions.positions(site) == []


def test_the_holder_is_a_page_only_if_it_names_one():
    assert Position("topics/a.md", "people/p.md", "", None).holder_uri == "people/p.md"
    assert Position("topics/a.md", "Some Western analysts", "", None).holder_uri is None
