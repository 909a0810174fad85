"""Generators of kb.timeline, kb.glossary, kb.positions, kb.backlinks, kb.sourcetext, on a small
fixture knowledge base (tests/cases/features/kb.yml)."""


import pytest
import yaml

from helpers import CASES, write_tree
from kb import backlinks, glossary, sections, sourcetext, timeline
from kb.build import BuildContext
from kb.check import check_config
from kb.problems import Severity

FIXTURE = yaml.safe_load((CASES / "features" / "kb.yml").read_text(encoding="utf-8"))


@pytest.fixture
def build(tmp_path):
    config = write_tree(tmp_path, FIXTURE["files"])
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "abbreviations.md").write_text(
        "*[NRC]: NATO–Russia Council\n*[WMD]: Weapons of mass destruction\n")
    text = config.read_text().replace(
        "markdown_extensions:\n",
        "markdown_extensions:\n- pymdownx.snippets:\n    base_path: [includes]\n    auto_append: [abbreviations.md]\n")
    config.write_text(text)
    context = BuildContext.for_config(config)
    assert [p.format() for p in context.problems if p.severity is Severity.ERROR] == []
    return context


def test_timeline_is_in_date_order_and_month_dates_sort_first(build):
    rows = [(e.sort_key, e.text) for e in timeline.entries(build.site)]
    assert rows == [
        ("2007-12-12", "Suspension"),
        ("2010-04-08", "Signing"),  # the treaty's own "signed" entry is told by this event
        ("2011-02-05", "Treaty enters into force"),
        ("2011-06-00", "June meeting"),
    ]


def test_timeline_table_links_and_cites(build):
    table = sections.timeline_markdown(build.site, "timeline.md")
    assert "| 8 April 2010 | [Signing](events/signing.md) | [¶2](sources/ivanov-2011.md#p2) |" in table


def test_glossary_links_terms_to_pages_by_alias(build):
    terms = {t.abbreviation: t.page for t in glossary.terms(build.site)}
    assert terms == {"NRC": "organisations/council.md", "WMD": None}


def test_positions_table_on_topic_and_section_on_holder(build):
    table = sections.topic_table(build.site, "topics/defence.md")
    # Front-matter text is escaped for Markdown (it renders the same, but cannot become markup).
    assert ('| [Rogozin](../people/rogozin.md) | One system with two keys\\. ("two key arrangement") | 2011 |'
            in table)
    assert "| Some Western analysts | Russia will give in\\. | — |" in table
    section = sections.holder_section(build.site, "people/rogozin.md")
    assert section.startswith("## Positions")
    assert "- **[Defence](../topics/defence.md)** (2011): One system with two keys\\." in section


def test_referenced_by_groups_linking_pages_by_type(build):
    index = backlinks.backlinks(build.site)
    assert index["people/rogozin.md"] == {"topics/defence.md", "organisations/council.md"}
    section = sections.referenced_by_html(build.site, "people/rogozin.md", index)
    assert section == (
        '<h2 id="referenced-by">Referenced by</h2>\n<ul>\n'
        '<li><strong>Organisations:</strong> <a href="../../organisations/council/">NATO–Russia Council</a></li>\n'
        '<li><strong>Topics:</strong> <a href="../../topics/defence/">Defence</a></li>\n</ul>'
    )


def test_page_timeline_lists_the_pages_related_entries(build):
    html = sections.page_timeline_html(build.site.pages["events/signing.md"], build.graph)
    assert html.startswith('<h2 id="timeline">Timeline</h2>')
    assert '<td>8 April 2010</td><td><a href="./">Signing</a></td>' in html
    assert '<a href="../../treaties/treaty/">Treaty enters into force</a>' in html


def test_positions_go_before_references_and_the_rest_after_rendering(build):
    out = build.page_markdown("people/rogozin.md", FIXTURE["files"]["people/rogozin.md"])
    assert out.index("## Positions") < out.index("## References")
    assert "Referenced by" not in out


def test_quotations_are_verified_against_the_source_text(tmp_path):
    files = dict(FIXTURE["files"])
    files["topics/defence.md"] = files["topics/defence.md"].replace('quote: "two key arrangement"',
                                                                    'quote: "three key arrangement"')
    config = write_tree(tmp_path, files)
    article = tmp_path / "article.txt"
    article.write_text(FIXTURE["article"], encoding="utf-8")
    _, problems = check_config(config, source_text=article)
    assert [p.format(with_hint=False) for p in problems if p.severity is Severity.ERROR] == [
        "topics/defence.md:8:1: KB113 the quotation of position 1 does not occur in ¶8"
    ]
    assert [p for p in check_config(config)[1] if p.severity is Severity.ERROR] == []  # no text: not checked


def test_source_text_is_split_into_numbered_paragraphs():
    paragraphs = sourcetext.paragraphs(FIXTURE["article"])
    assert sorted(paragraphs) == list(range(1, 16))
    assert paragraphs[8].startswith("Russia's ambassador to NATO, Dmitry Rogozin")
    assert sourcetext.quote_occurs('"two key arrangement."', paragraphs[8])  # curly and straight quotes fold
    assert not sourcetext.quote_occurs("“two key arrangement”", paragraphs[8])


def test_background_work_writes_the_redirects_and_makes_the_same_sections(build, tmp_path):
    """What the forked process makes is what the build would make page by page."""
    site_dir = tmp_path / "built"
    site_dir.mkdir()
    inline = {uri: build._make(uri) for uri in build.site.pages}
    build.start_background(site_dir)
    assert build._background is not None  # forked: this machine has fork
    assert build.finish_background() == inline
    redirects = build.generated_files()
    assert "organisations/nrc/index.html" in redirects
    assert {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")} == set(redirects)
    assert (site_dir / "organisations/nrc/index.html").read_text() == redirects["organisations/nrc/index.html"]
    exports = build.generated_sources()
    assert sorted(exports) == sorted(build.generated_sources_names()) == ["graph.json", "kb.json"]
    assert all((site_dir / name).read_text() == text for name, text in exports.items())
    assert (inline["people/rogozin.md"].infobox.startswith("<aside")
            and "Referenced by" in inline["people/rogozin.md"].sections)
    assert ('"@type": "Person"' in inline["people/rogozin.md"].json_ld
            or '"@type":"Person"' in inline["people/rogozin.md"].json_ld)
    assert inline["sources/ivanov-2011.md"].cited_by[8] == (
        '<p class="kb-cited-by"><em>Cited by:</em> <a href="../../topics/defence/">Defence</a>, '
        '<a href="../../organisations/council/">NATO–Russia Council</a>, '
        '<a href="../../people/rogozin/">Rogozin</a>.</p>')  # by title


def test_background_errors_reach_the_build(build, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    build.start_background(blocker)
    with pytest.raises(OSError):
        build.finish_background()
