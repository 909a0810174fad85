"""kb.sourceref: how front matter names a source and paragraph, and a source's paragraph ranges."""

import pytest

from kb.sourceref import Cite, parse_cite, parse_paragraphs


@pytest.mark.parametrize(("value", "expected"), [
    ("ivanov-2011#8", Cite("sources/ivanov-2011.md", 8)),
    (" obama-2009-remarks#4 ", Cite("sources/obama-2009-remarks.md", 4)),
    ("nato-member-countries", Cite("sources/nato-member-countries.md", None)),
    ("a#0", Cite("sources/a.md", 0)),
    (8, None), (True, None), (None, None), (["x#1"], None),
    ("ivanov-2011#", None), ("#8", None), ("Ivanov-2011#8", None), ("../people/x#1", None),
    ("ivanov-2011#p8", None), ("8", None), ("2011#8", None), ("ivanov-2011#1234567", None), ("a-#1", None),
    ("-a#1", None),
])
def test_parse_cite(value, expected):
    assert parse_cite(value) == expected


def test_a_cite_reads_back_as_written():
    assert str(Cite("sources/ivanov-2011.md", 8)) == "ivanov-2011#8"
    assert str(Cite("sources/nato-member-countries.md")) == "nato-member-countries"
    assert Cite("sources/ivanov-2011.md", 8).name == "ivanov-2011"


@pytest.mark.parametrize(("value", "expected"), [
    ("1-15", list(range(1, 16))), ("1, 2", [1, 2]), ("1–3, 5", [1, 2, 3, 5]), (" 4 ", [4]), (7, [7]),
    ("0-2", None), ("3-1", None), ("1, 1", None), ("1-3, 2", None), ("a", None), ("", None), (None, None),
    (True, None), ("1-20000", None), ("1;2", None),
])
def test_parse_paragraphs(value, expected):
    assert parse_paragraphs(value) == expected
