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


# --- Linear time: the rewritten scans find exactly what the simple patterns found -------------

import re  # noqa: E402
import time  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

#: The patterns the scanner used before it was made linear (each is quadratic on some input):
#: the reference the rewrites must agree with.
CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.S)
FOOTNOTE_DEF = re.compile(r"\[\^([^\]\n]+)\]:")
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
ATX_CLOSE = re.compile(r"(?<!\\)#+$")

#: Pieces that make the constructs and their near misses.
PIECES = ["[", "]", "(", ")", "!", "<", ">", "{", "}", "^", "`", "``", "```", "\\", "\n", "\n\n", " ", "\t",
          "a", "#", ":", "-", "*", "=", "|", "<!--", "-->", "    "]
markdownish = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=1500, deadline=None)
@given(markdownish)
def test_rewritten_scans_agree_with_the_simple_patterns(text):
    assert markup._mask_code_spans(text) == CODE_SPAN.sub(markup._blank, text)
    masked = markup.mask(text)
    assert markup._prose_linear("\n" + masked)[1:] == markup._NOT_PROSE.sub(markup._blank, "\n" + masked)[1:]
    assert markup.prose(masked) == markup._NOT_PROSE.sub(markup._blank, "\n" + masked)[1:]
    assert markup.footnote_references(masked) == [
        (m.group(1), m.start()) for m in FOOTNOTE_REF.finditer(masked) if not markup._escaped(masked, m.start())]
    assert markup.footnote_definitions(masked) == {
        m.group(1) for m in FOOTNOTE_DEF.finditer(masked) if markup._at_line_start(masked, m.start())}
    line = text.replace("\n", " ")
    assert markup._drop_closing_hashes(line) == ATX_CLOSE.sub("", line)


#: A megabyte of each input that made a pattern rescan the rest of its line or paragraph.
QUADRATIC = {
    "unclosed link URLs": "[](" * 350_000,
    "run of <": "<" * 1_000_000,
    "unclosed autolinks": "<http://a" * 110_000,
    "footnote references": "[^" * 500_000,
    "run of {": "{" * 1_000_000,
    "backtick runs of growing length": "".join("`" * i + " a " for i in range(1, 1400)),
    "heading with a run of hashes": "# a" + "#" * 1_000_000 + "x",
    "heading with a run of spaces": "# " + " " * 1_000_000 + "x",
    "mixed unclosed openers": "[a](<{[^!" * 110_000,
}


@pytest.mark.parametrize("text", QUADRATIC.values(), ids=QUADRATIC.keys())
def test_scans_are_linear_on_inputs_that_were_quadratic(text):
    started = time.perf_counter()
    masked = markup.mask(text)
    markup.links(masked)
    markup.prose(masked)
    markup.headings(text, masked)
    markup.footnote_references(masked)
    markup.footnote_definitions(masked)
    markup.attr_list_ids(masked, text)
    # Each took from seconds to minutes before; now well under a second (generous for CI).
    assert time.perf_counter() - started < 5


def test_autolinks_stop_at_a_less_than_sign_as_python_markdowns_do():
    assert [link.target for link in markup.links("<https://a.org/x<b>")] == []
    assert [link.target for link in markup.links("<https://a.org/x>")] == ["https://a.org/x"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["[", "]", ":", " ", "  ", "    ", "\n", "a", "<", ">", '"', "(", ")", "^", "\t"]),
                max_size=40).map("".join))
def test_reference_definitions_are_those_python_markdowns_pattern_finds(text):
    from markdown.blockprocessors import ReferenceProcessor

    expected = [m.span() for m in ReferenceProcessor.RE.finditer(text) if not m.group(1).startswith("^")]
    assert [m.span() for m in markup._definitions(text)] == expected
