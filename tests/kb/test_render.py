"""kb.render and kb.relations: infoboxes, relations seen from both ends, index pages."""

import datetime

import pytest
from helpers import write_tree
from kb.build import BuildContext
from kb.problems import Severity
from kb.render import format_date, link

SOURCE = """---
title: The article
description: The source.
author: A
publisher: P
published: "2011"
genre: commentary
paragraphs: "15"
---
# The article
## ¶8 {#p8}
"""

FILES = {
    "sources/ivanov-2011.md": SOURCE,
    "people/dmitry-rogozin.md": """---
title: Dmitry Rogozin
description: An ambassador.
aliases: [Rogozin]
role: Ambassador to NATO
as_of: 2008–2011
country: Russia
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
kind: military alliance
founded: 1949-04-04
---
# NATO

[¶8](../sources/ivanov-2011.md#p8)
""",
    "people/index.md": "---\ntitle: People\n---\n# People\n\n<!-- kb:index person -->\n",
}


@pytest.fixture
def build(tmp_path):
    return BuildContext.for_config(write_tree(tmp_path, FILES))


def test_infobox_shows_fields_aliases_and_outgoing_relation(build):
    out = build.page_markdown("people/dmitry-rogozin.md", FILES["people/dmitry-rogozin.md"])
    head, box = out.split("# Dmitry Rogozin\n\n", 1)
    assert box.startswith('<aside class="kb-infobox" markdown aria-label="Person facts">')
    assert "Role (2008–2011)\n:   Ambassador to NATO" in box
    assert "Also known as\n:   Rogozin" in box
    assert ("Ambassador to\n:   [NATO](../organisations/nato.md) (2008–2011) "
            "[¶8](../sources/ivanov-2011.md#p8){ .kb-cite") in box
    assert [p for p in build.problems if p.severity is Severity.ERROR] == []


def test_incoming_relation_is_shown_under_the_inverse_label(build):
    out = build.page_markdown("organisations/nato.md", FILES["organisations/nato.md"])
    assert "Ambassadors\n:   [Dmitry Rogozin](../people/dmitry-rogozin.md) (2008–2011)" in out
    assert "Founded\n:   4 April 1949" in out


def test_type_index_lists_every_page_with_its_summary(build):
    out = build.page_markdown("people/index.md", FILES["people/index.md"])
    assert out.endswith("- **[Dmitry Rogozin](dmitry-rogozin.md)**: An ambassador.\n\n")
    assert "kb:index" not in out


def test_plain_pages_get_no_infobox(build):
    assert build.page_markdown("people/index.md", "# People\n") == "# People\n"


@pytest.mark.parametrize(
    ("value", "text"),
    [(datetime.date(2010, 11, 20), "20 November 2010"), ("2011-06", "June 2011"), (2007, "2007"), ("early 2011", "early 2011")],
)
def test_format_date(value, text):
    assert format_date(value) == text


def test_link_is_relative_to_the_linking_page():
    assert link("people/a.md", "organisations/nato.md", "NATO [x]") == "[NATO \\[x\\]](../organisations/nato.md)"
    assert link("index.md", "people/a.md", "A", "p1") == "[A](people/a.md#p1)"


def test_source_paragraphs_list_the_pages_that_cite_them(build):
    out = build.page_markdown("sources/ivanov-2011.md", SOURCE)
    assert "## ¶8 {#p8}\n\n*Cited by:* [Dmitry Rogozin](../people/dmitry-rogozin.md), [NATO](../organisations/nato.md).\n" in out
