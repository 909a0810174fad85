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
