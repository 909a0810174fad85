"""kb.markup: masking keeps offsets, and the scanner finds what Python-Markdown would."""

import pytest
from kb import markup


def test_mask_keeps_length_and_newlines():
    text = "a `code` b\n```\n[x](y)\n```\n<!-- c -->\n"
    masked = markup.mask(text)
    assert len(masked) == len(text)
    assert masked.count("\n") == text.count("\n")
    assert "[x](y)" not in masked and "code" not in masked and "<!--" not in masked


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        # inline links, images, titles, angle brackets, nested image in a link
        ("[a](b.md)", ["b.md"]),
        ('[a](b.md "title") ![i](p.png)', ["b.md", "p.png"]),
        ("[a](<with space.md>)", ["with space.md"]),
        ("[![i](p.png)](b.md)", ["b.md", "p.png"]),
        ("[a](b_(c).md)", ["b_(c).md"]),
        # escaped brackets are text
        ("\\[a](b.md)", []),
        # reference definitions are links too
        ("[r]: b.md\n", ["b.md"]),
    ],
)
def test_links(text, targets):
    found = [link.target for link in markup.links(markup.mask(text)) if link.kind != "reference"]
    assert sorted(found) == sorted(targets)


def test_image_kind_and_offsets():
    text = "x ![i](p.png) [a](b.md)"
    found = markup.links(text)
    assert [(link.kind, link.target, text[link.offset : link.offset + len(link.target)]) for link in found] == [
        ("image", "p.png", "p.png"),
        ("inline", "b.md", "b.md"),
    ]


def test_lines_position():
    lines = markup.Lines("ab\ncd\n")
    assert lines.position(0) == (1, 1)
    assert lines.position(4) == (2, 2)


def test_html_tags_survive_bogus_declarations():
    text = "<![ not a declaration <a href='x'>"
    tags = markup.html_tags(text)
    assert [(t.name, t.get("href")) for t in tags] == [("a", "x")]
