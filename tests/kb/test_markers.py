"""kb.markers: static and site markers are filled; unknown ones are reported, never silently kept."""

from kb.check import check_config
from kb.markers import fill, find


def test_static_markers_are_filled_without_a_site():
    out = fill("# Schema\n\n<!-- kb:schema -->\n")
    assert "## Page types" in out and "| `ambassador_to` |" in out


def test_site_markers_are_left_without_a_site():
    assert fill("<!-- kb:index person -->\n") == "<!-- kb:index person -->\n"


def test_find_reports_names_arguments_and_offsets():
    assert find("x\n<!-- kb:index person -->\n<!-- kb:codes -->\n") == [("index", "person", 2), ("codes", "", 27)]


def test_unknown_marker_and_wrong_argument_are_reported(make_site):
    config = make_site({"index.md": "---\ntitle: Home\n---\n<!-- kb:nope -->\n<!-- kb:index people -->\n"})
    _, problems = check_config(config)
    assert [p.format(with_hint=False) for p in problems] == [
        "index.md:4:1: KB005 unknown marker 'kb:nope'",
        "index.md:5:1: KB005 marker 'kb:index' has a wrong argument 'people'",
    ]


def test_generated_headings_count_as_anchors(make_site):
    config = make_site({
        "about/schema.md": "---\ntitle: Schema\n---\n<!-- kb:schema -->\n",
        "index.md": "---\ntitle: Home\n---\n[fields](about/schema.md#person-fields)\n",
    })
    assert check_config(config)[1] == []
