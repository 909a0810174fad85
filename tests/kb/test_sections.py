"""kb.sections: the generated sections of pages, each writer on known data: "Referenced by", the
glossary table, who argues what (a topic's table, a holder's section), the timeline (the Timeline
page's table, an entity page's Timeline section).

The features knowledge base (tests/features_kb.py) is built as the build builds it; the dated one
(tests/timeline_kb.py) holds every way of dating a page.
"""

from __future__ import annotations

import pytest

from features_kb import build_context
from kb import backlinks, relations, sections, timeline
from kb.config import load_config
from kb.positions import Position
from kb.site import Site
from timeline_kb import make_site as make_dated_site


@pytest.fixture
def build(tmp_path):
    return build_context(tmp_path)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return make_dated_site(tmp_path_factory)


@pytest.fixture(scope="module")
def graph(site):
    return relations.RelationGraph(site)


# --- referenced_by_html ---------------------------------------------------------------------------


def test_referenced_by_groups_linking_pages_by_type(build):
    index = backlinks.backlinks(build.site)
    assert index["people/rogozin.md"] == {"topics/defence.md", "organisations/council.md"}
    section = sections.referenced_by_html(build.site, "people/rogozin.md", index)
    assert section == (
        '<h2 id="referenced-by">Referenced by</h2>\n<ul>\n'
        '<li><strong>Organisations:</strong> <a href="../../organisations/council/">NATO–Russia Council</a></li>\n'
        '<li><strong>Topics:</strong> <a href="../../topics/defence/">Defence</a></li>\n</ul>'
    )


def test_a_page_nobody_links_to_is_referenced_by_nothing(build):
    index = backlinks.backlinks(build.site)
    assert sections.referenced_by_html(build.site, "events/signing.md", index) == ""
    assert sections.referenced_by_html(build.site, "people/rogozin.md", {}) == ""


# --- glossary_markdown ----------------------------------------------------------------------------


def test_glossary_markdown_links_each_term_to_its_page(build):
    assert sections.glossary_markdown(build.site, "about/glossary.md") == (
        "| Abbreviation | Meaning | Page |\n"
        "| --- | --- | --- |\n"
        "| NRC | NATO–Russia Council | [NATO–Russia Council](../organisations/council.md) |\n"
        "| WMD | Weapons of mass destruction | — |\n"
    )
    assert "| [NATO–Russia Council](organisations/council.md) |" in sections.glossary_markdown(build.site, "index.md")


# --- topic_table and holder_section ---------------------------------------------------------------


def test_positions_table_on_topic_and_section_on_holder(build):
    table = sections.topic_table(build.site, "topics/defence.md")
    # Front-matter text is escaped for Markdown (it renders the same, but cannot become markup).
    assert ('| [Rogozin](../people/rogozin.md) | One system with two keys\\. ("two key arrangement") | 2011 |'
            in table)
    assert "| Some Western analysts | Russia will give in\\. | — |" in table
    section = sections.holder_section(build.site, "people/rogozin.md")
    assert section.startswith("## Positions")
    assert "- **[Defence](../topics/defence.md)** (2011): One system with two keys\\." in section


def test_topic_table_is_a_headed_table_with_cited_rows(build):
    assert sections.topic_table(build.site, "topics/defence.md") == (
        "## Who argues what\n\n"
        "The positions the article reports on this topic, each attributed to its holder.\n\n"
        "| Who | Position | When | Source |\n"
        "| --- | --- | --- | --- |\n"
        '| [Rogozin](../people/rogozin.md) | One system with two keys\\. ("two key arrangement") | 2011 | '
        "[¶8](../sources/ivanov-2011.md#p8){ .kb-cite } |\n"
        "| Some Western analysts | Russia will give in\\. | — | [¶13](../sources/ivanov-2011.md#p13){ .kb-cite } |\n"
    )


def test_positions_sections_of_pages_without_positions_are_empty(build):
    assert sections.topic_table(build.site, "people/rogozin.md") == ""
    assert sections.holder_section(build.site, "organisations/council.md") == ""


def test_the_rows_given_are_used_as_they_are(build):
    assert sections.topic_table(build.site, "topics/defence.md", []) == ""
    assert sections.holder_section(build.site, "people/rogozin.md", []) == ""
    stated = Position("topics/defence.md", "people/rogozin.md", "Stated.", None)
    assert sections.holder_section(build.site, "people/rogozin.md", [stated]).endswith(
        "\n\n- **[Defence](../topics/defence.md)**: Stated\\.")

# --- timeline_markdown (the Timeline page) --------------------------------------------------------


def test_timeline_table_links_and_cites(build):
    table = sections.timeline_markdown(build.site, "timeline.md")
    assert "| 8 April 2010 | [Signing](events/signing.md) | [¶2](sources/ivanov-2011.md#p2) |" in table


def test_timeline_markdown_is_a_table_linked_from_the_page(site):
    assert sections.timeline_markdown(site, "about/timeline.md") == (
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
    assert "| [CFE Treaty signed](treaties/cfe.md) |" in sections.timeline_markdown(site, "index.md")


def test_timeline_markdown_of_a_site_without_dates_is_empty(make_site):
    assert sections.timeline_markdown(Site(load_config(make_site({"index.md": "# Home\n"}))), "index.md") == ""


# --- page_timeline_html (an entity page's section) ------------------------------------------------


def test_page_timeline_lists_the_pages_related_entries(build):
    html = sections.page_timeline_html(build.site.pages["events/signing.md"], build.graph)
    assert html.startswith('<h2 id="timeline">Timeline</h2>')
    assert '<td>8 April 2010</td><td><a href="./">Signing</a></td>' in html
    assert '<a href="../../treaties/treaty/">Treaty enters into force</a>' in html


SECTION_HEAD = (
    '<h2 id="timeline">Timeline</h2>\n'
    "<p>Dated entries for this page and the pages related to it.</p>\n"
    "<table><thead><tr><th>Date</th><th>What</th><th>Source</th></tr></thead><tbody>\n"
)


def test_a_page_s_timeline_has_its_entries_and_those_of_related_pages(site, graph):
    assert str(sections.page_timeline_html(site.pages["treaties/new-start.md"], graph)) == SECTION_HEAD + (
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
    html = str(sections.page_timeline_html(site.pages["events/prague.md"], graph))
    assert html.count("<tr><td>") == 2  # not the other event about the same treaty: related pages only
    assert '<tr><td>8 April 2010</td><td><a href="./">Prague signing</a></td>' in html
    assert '<tr><td>5 February 2011</td><td><a href="../../treaties/new-start/">New START enters into force</a>' in html


def test_a_page_without_dated_relations_has_no_timeline(site, graph):
    assert sections.page_timeline_html(site.pages["people/a.md"], graph) == ""
    assert sections.page_timeline_html(site.pages["events/lisbon.md"], graph).count("<tr><td>") == 1


def test_the_index_given_is_used_as_it_is(site, graph):
    cfe = timeline.entries(site)[0]
    html = str(sections.page_timeline_html(site.pages["people/a.md"], graph, {"people/a.md": [cfe]}))
    assert '<tr><td>19 November 1990</td><td><a href="../../treaties/cfe/">CFE Treaty signed</a></td>' in html
