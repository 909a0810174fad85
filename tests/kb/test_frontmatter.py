"""kb.frontmatter: split as MkDocs splits, parse safely, and find lines of keys."""

from kb.frontmatter import parse


def test_no_front_matter():
    fm = parse("# Title\n")
    assert fm.data == {} and fm.error is None and fm.body_offset == 0


def test_body_offset_and_lines_of_keys():
    text = "---\ntitle: A\nrelations:\n  member_of:\n    - target: x.md\n---\n# A\n"
    fm = parse(text)
    assert text[fm.body_offset :] == "# A\n"
    assert fm.line_of("title") == 2
    assert fm.line_of("relations", "member_of") == 4
    assert fm.line_of_value("x.md", after_key="member_of") == 5


def test_dots_close_the_block_as_in_mkdocs():
    assert parse("---\ntitle: A\n...\nbody\n").data == {"title": "A"}


def test_unsafe_yaml_tags_are_errors_not_code():
    fm = parse("---\ntitle: !!python/object/apply:os.system [echo hi]\n---\n")
    assert fm.error is not None and fm.error[0] == "KB101"


# --- The strict loader: bounded, and what YAML lets pass noted at its line -------------------

import json
import time

import pytest

from kb import frontmatter


def _alias_bomb() -> str:
    """A "billion laughs" page of about 11 KB: ten levels of ten aliases each."""
    lines = ["---", "title: Bomb", "description: A topic.", "positions:", "  - holder: Someone",
             "    cite: ivanov-2011#8", '    summary: &a0 "' + "lol " * 2500 + '"']
    for level in range(1, 10):
        lines.append(f"  - holder: Someone\n    cite: ivanov-2011#8\n    summary: &a{level} ["
                     + ", ".join([f"*a{level - 1}"] * 10) + "]")
    lines += ["  - holder: Someone", "    cite: ivanov-2011#8", "    quote: [*a9, *a9, *a9, *a9, *a9, *a9, *a9, *a9]",
              "---", "# Bomb"]
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_quickly_with_its_line():
    text = _alias_bomb()
    assert 10_000 < len(text.encode()) < 12_000
    started = time.perf_counter()
    fm = parse(text)
    assert time.perf_counter() - started < 0.5
    assert fm.data == {}  # nothing was built
    assert fm.error is not None and fm.error[:3] == ("KB115", 7, 14)
    assert "anchor '&a0'" in fm.error[3]


@pytest.mark.parametrize(
    ("yaml_text", "where", "what"),
    [
        ("title: A\ndescription: *x\n", (3, 14), "alias '*x'"),
        ("title: &t A\n", (2, 8), "anchor '&t'"),
        ("search:\n  <<: {boost: 2}\n", (3, 3), "merge key '<<'"),
        ("a: [1, 2]\nb:\n  - &x {c: 1}\n", (4, 5), "anchor '&x'"),
    ],
)
def test_anchors_aliases_and_merge_keys_break_the_block(yaml_text, where, what):
    fm = parse(f"---\n{yaml_text}---\n")
    assert fm.data == {} and fm.error is not None
    assert (fm.error[0], fm.error[1], fm.error[2]) == ("KB115", *where)
    assert what in fm.error[3]


def test_a_value_that_starts_with_an_ampersand_is_an_anchor():
    fm = parse("---\ntitle: &amp more\n---\n")
    assert fm.error is not None and fm.error[:3] == ("KB115", 2, 8)


def test_ampersands_and_asterisks_in_text_are_not_anchors():
    fm = parse("---\ntitle: R&D * 2\ndescription: '*emphasis* & more'\n---\n")
    assert fm.error is None and fm.data == {"title": "R&D * 2", "description": "*emphasis* & more"}


def test_duplicate_keys_at_any_depth_are_noted_at_the_second():
    fm = parse("---\ntitle: A\nrelations:\n  member_of:\n    - target: x.md\n      target: y.md\n"
               "  member_of: []\ntitle: B\n---\n")
    assert fm.error is None
    assert fm.data["title"] == "B"  # the site uses the last one: hence the error
    assert [(code, line, col) for code, line, col, _, _ in fm.issues] == [
        ("KB116", 6, 7), ("KB116", 7, 3), ("KB116", 8, 1)]
    assert "first on line 2" in fm.issues[2][3]


def test_a_mapping_without_duplicates_has_no_issue():
    fm = parse("---\ntitle: A\nrelations:\n  about: [x.md]\n  member_of: [y.md]\n---\n")
    assert fm.error is None and fm.issues == ()


def test_impossible_dates_are_noted_and_kept_as_text():
    fm = parse("---\ntitle: A\ndate: 2011-02-30\nborn: 1963-13-01\nend: 2011-03-01\n---\n")
    assert fm.error is None
    assert fm.data["date"] == "2011-02-30" and fm.data["born"] == "1963-13-01"
    assert fm.data["title"] == "A" and str(fm.data["end"]) == "2011-03-01"
    assert [(code, line, col) for code, line, col, _, _ in fm.issues] == [("KB117", 3, 7), ("KB117", 4, 7)]


@pytest.mark.parametrize(
    "value",
    ["<script>", "a</b", "<!-- x", "<?xml", "<!DOCTYPE", "x &amp;", "x &#60;", "x &#x3c;", "x &lt", "x &lt b",
     "x &copy 2011", "'&nbsp;'", "x &foo;", '"\\x3cscript>"', '"\\u003cb>"'],
)
def test_markup_and_character_references_are_noted(value):
    fm = parse(f"---\nrelations:\n  about:\n    - scope: {value}\n---\n")
    assert fm.error is None
    assert [(code, line, col) for code, line, col, _, _ in fm.issues] == [("KB118", 4, 14)]
    assert "plain text" in fm.issues[0][4]


@pytest.mark.parametrize("value", ["a < b", "<3", "1 <= 2", "AT&T", "R&D", "`code`", "*emphasis*", "& more", "&"])
def test_plain_text_is_fine(value):
    fm = parse(f"---\ntitle: '{value}'\n---\n")
    assert fm.error is None and fm.issues == ()


@pytest.mark.parametrize(
    ("value", "char"),
    [('"\\0"', "U+0000"), ('"a\\rb"', "U+000D"), ('"\\x7f"', "U+007F"), ('"\\x85"', "U+0085"), ("\u2028x", None),
     ('"\\u2029"', "U+2029"), ('"\\u202e"', "U+202E"), ("a\u2066b", "U+2066"), ('"\\e[31m"', "U+001B")],
)
def test_control_and_bidirectional_characters_are_noted(value, char):
    fm = parse(f"---\ntitle: {value}\n---\n")
    if char is None:  # a raw line separator is a line break to YAML: not valid here
        assert fm.error is not None and fm.error[0] == "KB101"
        return
    assert [(code, line) for code, line, _, _, _ in fm.issues] == [("KB119", 2)]
    assert char in fm.issues[0][3]


def test_tabs_and_line_breaks_of_block_scalars_are_fine():
    fm = parse("---\ntitle: \"a\\tb\"\ndescription: >\n  One sentence\n  on two lines.\n---\n")
    assert fm.error is None and fm.issues == ()


def test_markup_in_a_key_is_noted_too():
    fm = parse("---\nsearch:\n  \"<b>\": 1\n---\n")
    assert [(code, line, col) for code, line, col, _, _ in fm.issues] == [("KB118", 3, 3)]


@pytest.mark.parametrize("tag", ["!!set {a}", "!!binary aGVsbG8=", "!!omap [a: 1]", "!!pairs [a: 1]"])
def test_tags_that_make_no_plain_data_are_refused(tag):
    fm = parse(f"---\ntitle: A\nx: {tag}\n---\n")
    assert fm.error is not None and fm.error[:2] == ("KB101", 3)


def test_unreadable_characters_are_reported_at_their_place():
    fm = parse("---\ntitle: A\ndescription: x\x01y\n---\n")
    assert fm.error is not None and fm.error[:3] == ("KB101", 3, 15)


def test_issues_are_plain_data():
    fm = parse("---\ntitle: <b>A</b>\ntitle: B\ndate: 2011-02-30\n---\n")
    assert len(fm.issues) == 3
    assert json.loads(json.dumps(fm.issues)) == [list(issue) for issue in fm.issues]


def test_locate_finds_keys_values_and_list_items():
    fm = parse("---\ntitle: A\nredirect_from:\n  - a.md\n  - b.md\nhide: [toc, x]\ntitle: B\n---\n")
    assert fm.locate("redirect_from", 1) == (5, 5)
    assert fm.locate("redirect_from", key=True) == (3, 1)
    assert fm.locate("hide", 1) == (6, 13)
    assert fm.locate("title") == (7, 8)  # the last of repeated keys, as in the data
    assert fm.locate("missing") == (2, 1)
    assert fm.locate("redirect_from", 9) == (4, 3)  # as far as the path exists: the list


def test_the_strict_loader_gives_the_same_data_as_the_safe_loader():
    import yaml

    text = ("title: A\ndescription: B.\naliases: [x, y]\nborn: 1963-12-21\nrelations:\n  about:\n"
            "    - target: a.md\n      cite: ivanov-2011#8\n      scope: '2011'\nn: 1.5\nflag: yes\nnothing: ~\n")
    data, issues = frontmatter.load(text)
    assert data == yaml.safe_load(text) and issues == []
