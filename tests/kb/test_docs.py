"""kb.docs: the documentation pages generated from code (the content schema, the problem codes)
list all of it, in tables of a known shape."""

from kb import docs, schema
from kb.problems import CODES

# --- schema_markdown ------------------------------------------------------------------------------


def test_schema_page_documents_every_type_field_and_relation():
    text = docs.schema_markdown()
    for page_type in schema.PAGE_TYPES.values():
        assert f"`{page_type.folder}/`" in text
        for field in page_type.fields:
            assert f"| `{field.name}` |" in text
    for relation in schema.RELATIONS.values():
        assert f"| `{relation.name}` | {relation.label} | {relation.inverse} |" in text


def test_schema_page_documents_the_keys_the_theme_reads():
    text = docs.schema_markdown()
    for field in schema.THEME_FIELDS:
        assert f"| `{field.name}` |" in text
    for value in (*schema.HIDE_VALUES, *schema.THEME_STATUSES):
        assert f"``{value}``" in text
    assert "| `template` | not allowed |" in text
    assert f"at most {schema.MAX_ALIASES}" in text and f"at most {schema.MAX_REDIRECTS}" in text


def test_schema_page_has_a_section_per_part_of_the_schema():
    headings = [line for line in docs.schema_markdown().splitlines() if line.startswith("#")]
    assert headings == [
        "## Fields every entity page has", "## Page types",
        *[f"### {page_type.label} fields" for page_type in schema.PAGE_TYPES.values()],
        "## Plain pages", "## Positions", "## Tags", "## Relations",
    ]


def test_schema_page_rows_say_kind_requirement_meaning_and_example():
    lines = docs.schema_markdown().splitlines()
    assert "| Person (`person`) | `people/` | A person the article names or relies on. | Person |" in lines
    assert "| `member_of` | Member of | Members | organization, person | organization |" in lines
    assert "| `relations` | relations | no | Typed links to other entities; see the relation vocabulary below. " \
           "| see below |" in lines
    assert any(line.startswith("| `title` | text | yes | The page's name") and line.endswith("| `Dmitry Rogozin` |")
               for line in lines)


def test_schema_page_lists_every_plain_field_position_key_and_tag():
    text = docs.schema_markdown()
    for field in schema.fields_for(schema.PLAIN).values():
        assert f"| `{field.name}` |" in text
    for key, (required, _) in schema.POSITION_KEYS.items():
        assert f"| `{key}` | {'yes' if required else 'no'} |" in text
    assert ", ".join(f"`{tag}`" for tag in sorted(schema.TAG_VOCABULARY)) in text


# --- codes_markdown -------------------------------------------------------------------------------


def test_codes_page_lists_every_code():
    text = docs.codes_markdown()
    from kb.problems import CODES

    for code in CODES:
        assert f"| {code} " in text


def test_codes_page_has_one_row_per_code_with_an_anchor_severity_and_what_stops_the_build():
    rows = docs.codes_markdown().splitlines()
    assert rows[:2] == ["| Code | Severity | Stops every build | Problem |", "| --- | --- | --- | --- |"]
    assert [row.split(" ")[1] for row in rows[2:]] == list(CODES)
    assert "| KB003 {#kb003} | error | yes (unsafe) | Symbolic link inside the docs directory |" in rows
    assert "| KB008 {#kb008} | error | yes (cannot be built) | Snippet file or block that does not exist |" in rows
    assert "| KB501 {#kb501} | warning | — | Entity page that no other page links to (orphan) |" in rows
