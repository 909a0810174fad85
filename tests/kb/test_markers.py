"""kb.markers: the syntax of markers and their names; unknown ones are reported, never silently kept."""

import pytest

from kb.check import check_config
from kb.markers import find, valid_argument


def test_find_reports_names_arguments_and_offsets():
    assert find("x\n<!-- kb:index person -->\n<!-- kb:codes -->\n") == [("index", "person", 2), ("codes", "", 27)]


def test_unknown_marker_and_wrong_argument_are_reported(make_site):
    config = make_site({"index.md": "---\ntitle: Home\n---\n<!-- kb:nope -->\n<!-- kb:index people -->\n",
                        "about/index.md": "---\ntitle: About\n---\nAbout.\n"})  # a knowledge base (about/)
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


@pytest.mark.parametrize(("name", "argument", "valid"), [
    ("index", "person", True), ("index", "people", False), ("index", "", False),
    ("schema", "", True), ("schema", "x", False), ("timeline", "", True),
])
def test_which_arguments_a_marker_takes(name, argument, valid):
    assert valid_argument(name, argument) is valid
