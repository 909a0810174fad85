"""kb.generated: what fills each marker; the names the syntax layer knows are exactly those filled."""

from kb import generated, markers


def test_static_markers_are_filled_without_a_site():
    out = generated.fill("# Schema\n\n<!-- kb:schema -->\n")
    assert "## Page types" in out and "| `ambassador_to` |" in out


def test_site_markers_are_left_without_a_site():
    assert generated.fill("<!-- kb:index person -->\n") == "<!-- kb:index person -->\n"


def test_fill_static_leaves_site_markers_and_unknown_ones():
    text = "<!-- kb:codes -->\n<!-- kb:timeline -->\n<!-- kb:nope -->\n"
    out = generated.fill_static(text)
    assert "KB401" in out and out.endswith("<!-- kb:timeline -->\n<!-- kb:nope -->\n")


def test_every_marker_name_has_a_filler_and_every_filler_a_name():
    assert tuple(generated.STATIC) == markers.STATIC_NAMES
    assert tuple(generated.SITE) == markers.SITE_NAMES
