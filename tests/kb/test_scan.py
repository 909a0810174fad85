"""kb.scan: what one page's text holds (`scan_text`), the paths its links point to, how a page is
read, and a scan's round trip through the cache file and worker processes."""

import json
import pickle  # our own data, between our processes, as kb.site sends it

import pytest

from kb.anchors import HeadingRenderer
from kb.config import load_config
from kb.frontmatter import FrontMatter
from kb.markup import Link
from kb.scan import decode_entries, encode_entries, linked_paths, read_text, scan_text


@pytest.fixture
def renderer(make_site):
    """The heading renderer of a site with the real site's Markdown extensions."""
    return HeadingRenderer(load_config(make_site({"index.md": "x"})))


# --- scan_text ------------------------------------------------------------------------------------

#: A page with a heading of its own id, links of every kind, a footnote, a marker and TODOs.
PAGE = ("---\ntitle: Home\n---\n# Home {#top}\n\n## Second part\n\n"
        "[a](a.md#x) ![i](../i.png) [r][lbl] [e](https://e.org/x) [s](#top) TODO\n\n"
        "[lbl]: ../b.md\n\nNote.[^1] `TODO [c](code.md)`\n\n[^1]: A note.\n\n<!-- kb:backlinks -->\n")


def test_scan_text_finds_what_the_rules_need(renderer):
    scan = scan_text(PAGE, renderer, "people")
    assert not scan.empty
    assert scan.front_matter == FrontMatter(data={"title": "Home"}, text="title: Home\n", first_line=2,
                                            body_offset=20)
    assert scan.links == [
        Link("inline", "a.md#x", 55), Link("image", "../i.png", 68), Link("inline", "https://e.org/x", 91),
        Link("inline", "#top", 112), Link("reference", "lbl", 82), Link("definition", "../b.md", 131, tag="lbl"),
    ]  # nothing from the code span
    assert [PAGE[link.offset:link.offset + len(link.target)] for link in scan.links[:4]] == [
        "a.md#x", "../i.png", "https://e.org/x", "#top"]
    assert scan.ids == {"top", "second-part", "fn:1", "fnref:1"}
    assert scan.explicit_heading_ids == {"home": "top"}
    assert scan.reference_labels == {"lbl"} and scan.footnote_labels == {"1"}
    assert scan.footnote_refs == [("1", PAGE.index("[^1]"))]
    assert scan.markers == [("backlinks", "", PAGE.index("<!-- kb:"))]
    assert scan.todos == [PAGE.index("TODO")]  # the one in code is not a placeholder
    assert scan.bounds == [] and scan.html_tags == [] and not scan.raw_html
    # Local links resolved against the page's folder: no image, URL, anchor or reference use.
    assert scan.linked == {"people/a.md", "b.md"}
    assert len(scan.prose) == len(PAGE) and "Note." in scan.prose
    assert "Home" not in scan.prose and "a.md" not in scan.prose


def test_a_page_of_white_space_is_empty(renderer):
    scan = scan_text("  \n\n", renderer)
    assert scan.empty and scan.links == [] and scan.ids == frozenset() and scan.linked == frozenset()


@pytest.mark.parametrize(
    ("body", "raw_html"),
    [
        ("Plain *text* and a [link](a.md).", False),
        ("<b>bold</b>", True),
        ("<!-- a comment -->", True),
        ("`<b>` in code", True),  # the raw text is judged: an include could end the code span
        ("{: .wide }", False),
        ('{: onClick="x" }', True),  # an attribute list that sets an event handler
        ("<!-- kb:backlinks -->", False),  # a marker: filled by the build, judged then
        ("a < b", False),
    ],
)
def test_raw_html_is_any_tag_comment_or_event_attribute(renderer, body, raw_html):
    assert scan_text(f"# T\n\n{body}\n", renderer).raw_html is raw_html


# --- linked_paths ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("link", "folder", "paths"),
    [
        (Link("inline", "a.md#x", 0), "people", {"people/a.md"}),
        (Link("inline", "../topics/b.md", 0), "people", {"topics/b.md"}),
        (Link("definition", "c.md", 0, tag="c"), "", {"c.md"}),
        (Link("image", "i.png", 0), "", set()),
        (Link("reference", "lbl", 0), "", set()),
        (Link("inline", "https://e.org/a.md", 0), "", set()),
        (Link("inline", "#top", 0), "people", set()),
    ],
)
def test_linked_paths(link, folder, paths):
    assert linked_paths([link], folder) == paths


# --- read_text ------------------------------------------------------------------------------------


def test_read_text_drops_the_bom_and_normalises_newlines(tmp_path):
    path = tmp_path / "page.md"
    path.write_bytes("\ufeff# Café\r\nline\rend\n".encode())
    assert read_text(path) == "# Café\nline\nend\n"


def test_read_text_refuses_what_is_not_utf_8(tmp_path):
    path = tmp_path / "page.md"
    path.write_bytes("Caf\xe9".encode("latin-1"))
    with pytest.raises(UnicodeDecodeError):
        read_text(path)


# --- encode_entries, decode_entries, pickling -----------------------------------------------------


def test_a_page_scan_round_trips_through_the_cache_and_worker_processes(make_site):
    config = make_site({"index.md": "x"})
    text = ("---\ntitle: Home\ndate: 2011-02-03\n---\n# Home {#top}\n\n[a](a.md#x \"t\") ![i](i.png) [r][lbl] TODO\n\n"
            "[lbl]: <b.md>\n\n<a href=\"c.md\" name=\"n\">c</a>\n\n"
            "Note.[^1]\n\n[^1]: A note.\n\n<!-- kb:backlinks -->\n")
    scan = scan_text(text, HeadingRenderer(load_config(config)), "")
    scan.snippets = [["a.md", 3]]  # an attribute set beside the fields (kb.site does so)
    assert scan.links and scan.html_tags and scan.footnote_refs and scan.todos and scan.ids
    index, lines = encode_entries([("index.md", 5, 6, scan)])
    back = decode_entries(json.loads(json.dumps(index)), b"".join(lines), None)["index.md"]
    assert back[:2] == (5, 6)
    assert back[2] == scan and back[2].snippets == scan.snippets
    assert type(back[2].links[0]) is Link and type(back[2].ids) is frozenset
    copied = pickle.loads(pickle.dumps(scan))  # noqa: S301 - our own data, between our processes
    assert copied == scan and copied.snippets == scan.snippets
    # Written again without being read: the same bytes.
    unread = decode_entries(json.loads(json.dumps(index)), b"".join(lines), None)["index.md"][2]
    again, lines_again = encode_entries([("index.md", 5, 6, unread)])
    assert json.dumps(again) == json.dumps(index) and lines_again == lines
