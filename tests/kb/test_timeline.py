"""kb.timeline: the dated entries of a site (sort keys, entries, grouping by page), and the two
writers that show them (the Timeline page's table, an entity page's Timeline section).

One group of tests per function; the writers are reached through `writers`, so that moving them
means changing one import.
"""

from __future__ import annotations

import datetime

import pytest

from kb import relations, timeline
from kb import sections as writers  # timeline_markdown, page_timeline_html
from kb.config import load_config
from kb.site import Site


def entity(title: str, fields: str, body: str = "") -> str:
    """An entity page's text: a title, a description, `fields` (YAML lines) and `body`."""
    return f"---\ntitle: {title}\ndescription: X.\n{fields}---\n# {title}\n\n{body}"


ABOUT_NEW_START = "relations:\n  about: [treaties/new-start.md]\n"
SOURCE = entity("The article", "author: A\npublisher: P\npublished: '2011'\ngenre: g\nparagraphs: '15'\n")

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


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from helpers import write_tree

    return Site(load_config(write_tree(tmp_path_factory.mktemp("timeline"), FILES)))


@pytest.fixture(scope="module")
def graph(site):
    return relations.RelationGraph(site)


# --- _sort_key ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "key"),
    [
        (datetime.date(2010, 4, 8), "2010-04-08"),  # YAML reads a full date as a date
        ("2010-04-08", "2010-04-08"),
        (2011, "2011-00-00"),  # and a year as a number
        ("2011", "2011-00-00"),
        ("2011-06", "2011-06-00"),  # so that June 2011 sorts before 1 June 2011
        ("2011-06-31", "2011-06-31"),  # impossible dates are the checker's business
        ("2011-6", None),
        ("June 2011", None),
        ("12011", None),
        ("", None),
        (None, None),
    ],
)
def test_sort_key(value, key):
    assert timeline._sort_key(value) == key


# --- entries --------------------------------------------------------------------------------------


def test_entries_are_every_dated_field_in_date_order(site):
    assert [(e.sort_key, e.date, e.text, e.src_uri, e.paragraphs) for e in timeline.entries(site)] == [
        ("1990-11-19", "19 November 1990", "CFE Treaty signed", "treaties/cfe.md", ()),
        ("2010-04-08", "8 April 2010", "Prague signing", "events/prague.md", (8, 9)),
        ("2010-11-20", "20 November 2010 – 21 November 2010", "Lisbon summit", "events/lisbon.md", ()),
        ("2010-12-00", "December 2010", "Ratification debate", "events/ratification.md", ()),
        ("2011-00-00", "2011", "Vague accord signed", "treaties/vague.md", ()),
        ("2011-02-05", "5 February 2011", "New START enters into force", "treaties/new-start.md", (3,)),
        ("2011-06-00", "June 2011", "A June meeting", "events/june.md", ()),
        ("2011-06-01", "1 June 2011", "A first of June meeting", "events/june1.md", ()),
    ]  # New START's signing is told by the Prague event of that day; malformed dates give nothing


def test_an_event_on_another_day_does_not_tell_a_signing(make_site):
    files = {
        "treaties/t.md": entity("T", "signed: 2010-04-08\n"),
        "events/e.md": entity("E", "date: 2010-04-09\nrelations:\n  about: [treaties/t.md]\n"),
        "events/f.md": entity("F", "date: 2010-04-08\n"),  # the same day, but not about the treaty
    }
    found = timeline.entries(Site(load_config(make_site(files))))
    assert [(e.sort_key, e.text) for e in found] == [("2010-04-08", "F"), ("2010-04-08", "T signed"),
                                                     ("2010-04-09", "E")]


def test_entries_of_one_day_sort_by_text(make_site):
    files = {f"events/{name}.md": entity(name, "date: 2010-04-08\n") for name in ("Zeta", "Alpha", "Mid")}
    assert [e.text for e in timeline.entries(Site(load_config(make_site(files))))] == ["Alpha", "Mid", "Zeta"]


def test_a_site_without_dated_pages_has_no_entries(make_site):
    assert timeline.entries(Site(load_config(make_site({"index.md": "# Home\n"})))) == []


# --- by_page --------------------------------------------------------------------------------------


def test_by_page_groups_entries_keeping_their_order(site):
    grouped = timeline.by_page(timeline.entries(site))
    assert {uri: [e.text for e in found] for uri, found in grouped.items()} == {
        "treaties/cfe.md": ["CFE Treaty signed"],
        "events/prague.md": ["Prague signing"],
        "events/lisbon.md": ["Lisbon summit"],
        "events/ratification.md": ["Ratification debate"],
        "treaties/vague.md": ["Vague accord signed"],
        "treaties/new-start.md": ["New START enters into force"],
        "events/june.md": ["A June meeting"],
        "events/june1.md": ["A first of June meeting"],
    }


def test_by_page_keeps_a_page_s_entries_together():
    first, second, other = (timeline.Entry(k, k, t, uri, ()) for k, t, uri in (
        ("2010-01-01", "a", "treaties/t.md"), ("2011-01-01", "b", "treaties/t.md"), ("2010-06-01", "c", "e.md")))
    assert timeline.by_page([first, other, second]) == {"treaties/t.md": [first, second], "e.md": [other]}
    assert timeline.by_page([]) == {}


# --- timeline_markdown (the Timeline page) --------------------------------------------------------


def test_timeline_markdown_is_a_table_linked_from_the_page(site):
    assert writers.timeline_markdown(site, "about/timeline.md") == (
        "| Date | What | Source |\n"
        "| --- | --- | --- |\n"
        "| 19 November 1990 | [CFE Treaty signed](../treaties/cfe.md) | background only |\n"
        "| 8 April 2010 | [Prague signing](../events/prague.md) | [¶8](../sources/ivanov-2011.md#p8), "
        "[¶9](../sources/ivanov-2011.md#p9) |\n"
        "| 20 November 2010 – 21 November 2010 | [Lisbon summit](../events/lisbon.md) | background only |\n"
        "| December 2010 | [Ratification debate](../events/ratification.md) | background only |\n"
        "| 2011 | [Vague accord signed](../treaties/vague.md) | background only |\n"
        "| 5 February 2011 | [New START enters into force](../treaties/new-start.md) | "
        "[¶3](../sources/ivanov-2011.md#p3) |\n"
        "| June 2011 | [A June meeting](../events/june.md) | background only |\n"
        "| 1 June 2011 | [A first of June meeting](../events/june1.md) | background only |\n"
    )


def test_timeline_markdown_links_relative_to_where_it_is_placed(site):
    assert "| [CFE Treaty signed](treaties/cfe.md) |" in writers.timeline_markdown(site, "index.md")


def test_timeline_markdown_of_a_site_without_dates_is_empty(make_site):
    assert writers.timeline_markdown(Site(load_config(make_site({"index.md": "# Home\n"}))), "index.md") == ""


# --- page_timeline_html (an entity page's section) ------------------------------------------------

SECTION_HEAD = (
    '<h2 id="timeline">Timeline</h2>\n'
    "<p>Dated entries for this page and the pages related to it.</p>\n"
    "<table><thead><tr><th>Date</th><th>What</th><th>Source</th></tr></thead><tbody>\n"
)


def test_a_page_s_timeline_has_its_entries_and_those_of_related_pages(site, graph):
    assert str(writers.page_timeline_html(site.pages["treaties/new-start.md"], graph)) == SECTION_HEAD + (
        '<tr><td>8 April 2010</td><td><a href="../../events/prague/">Prague signing</a></td>'
        '<td><a class="kb-cite" href="../../sources/ivanov-2011/#p8">¶8</a>, '
        '<a class="kb-cite" href="../../sources/ivanov-2011/#p9">¶9</a></td></tr>\n'
        '<tr><td>December 2010</td><td><a href="../../events/ratification/">Ratification debate</a></td>'
        "<td>background only</td></tr>\n"
        '<tr><td>5 February 2011</td><td><a href="./">New START enters into force</a></td>'
        '<td><a class="kb-cite" href="../../sources/ivanov-2011/#p3">¶3</a></td></tr>\n'
        "</tbody></table>"
    )


def test_an_event_s_timeline_has_the_treaty_it_is_about(site, graph):
    html = str(writers.page_timeline_html(site.pages["events/prague.md"], graph))
    assert html.count("<tr><td>") == 2  # not the other event about the same treaty: related pages only
    assert '<tr><td>8 April 2010</td><td><a href="./">Prague signing</a></td>' in html
    assert '<tr><td>5 February 2011</td><td><a href="../../treaties/new-start/">New START enters into force</a>' in html


def test_a_page_without_dated_relations_has_no_timeline(site, graph):
    assert writers.page_timeline_html(site.pages["people/a.md"], graph) == ""
    assert writers.page_timeline_html(site.pages["events/lisbon.md"], graph).count("<tr><td>") == 1


def test_the_index_given_is_used_as_it_is(site, graph):
    cfe = timeline.entries(site)[0]
    html = str(writers.page_timeline_html(site.pages["people/a.md"], graph, {"people/a.md": [cfe]}))
    assert '<tr><td>19 November 1990</td><td><a href="../../treaties/cfe/">CFE Treaty signed</a></td>' in html
