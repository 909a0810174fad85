"""kb.sourcetext: the source article's text split into numbered paragraphs, and quotations found
in them however their quotes and spaces are typed."""

import pytest

from features_kb import FIXTURE
from kb import sourcetext

# --- paragraphs -----------------------------------------------------------------------------------


def test_source_text_is_split_into_numbered_paragraphs():
    paragraphs = sourcetext.paragraphs(FIXTURE["article"])
    assert sorted(paragraphs) == list(range(1, 16))
    assert paragraphs[8].startswith("Russia's ambassador to NATO, Dmitry Rogozin")
    assert sourcetext.quote_occurs('"two key arrangement."', paragraphs[8])  # curly and straight quotes fold
    assert not sourcetext.quote_occurs("“two key arrangement”", paragraphs[8])


def test_paragraphs_skip_the_title_blank_lines_credits_and_banners():
    text = ("The title\n\n  First paragraph.  \nSource: Reuters\n\nSecond paragraph.\n"
            "This website uses cookies to improve it\nAccept cookies\nAll rights reserved by X.\nThird.\n")
    assert sourcetext.paragraphs(text) == {1: "First paragraph.", 2: "Second paragraph.", 3: "Third."}


def test_a_text_of_only_a_title_has_no_paragraphs():
    assert sourcetext.paragraphs("The title\n\n") == {}
    assert sourcetext.paragraphs("") == {}


# --- normalize and quote_occurs -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("“two key” arrangement", '"two key" arrangement'),
        ("Russia’s ‘reset’", "Russia's 'reset'"),
        ("  many\t spaces\n and\u00a0lines ", "many spaces and lines"),
    ],
)
def test_normalize(text, normal):
    assert sourcetext.normalize(text) == normal


@pytest.mark.parametrize(
    ("quote", "occurs"),
    [
        ("two key arrangement", True),
        ("“two key  arrangement.”", True),
        ("two-key arrangement", False),
        ("Two key arrangement", False),  # case counts: word for word
        ("", True),
    ],
)
def test_quote_occurs(quote, occurs):
    assert sourcetext.quote_occurs(quote, 'Rogozin calls this a "two key arrangement."') is occurs


# --- load -----------------------------------------------------------------------------------------


def test_load_reads_a_utf_8_file_and_splits_it(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("Title\n\nÜber “one”.\n\nTwo.\n", encoding="utf-8")
    assert sourcetext.load(path) == sourcetext.load(str(path)) == {1: "Über “one”.", 2: "Two."}
