"""kb.schema and kb.docs: the schema is self-consistent, and its page documents all of it."""

import pytest

from kb import docs, schema


def test_every_relation_names_real_types():
    for relation in schema.RELATIONS.values():
        assert relation.domain <= schema.ENTITY_TYPES, relation.name
        assert relation.range <= schema.ENTITY_TYPES, relation.name
        assert relation.label and relation.inverse


def test_folders_and_type_names_are_unique():
    folders = [t.folder for t in schema.PAGE_TYPES.values()]
    assert len(folders) == len(set(folders))
    assert not set(folders) & schema.PLAIN_FOLDERS


@pytest.mark.parametrize("page_type", [*schema.PAGE_TYPES, schema.PLAIN])
def test_every_type_has_title_and_unique_fields(page_type):
    fields = schema.fields_for(page_type)
    assert fields["title"].required
    assert "type" not in fields  # the folder is the only source of a page's type


@pytest.mark.parametrize(
    ("path", "page_type"),
    [("people/x.md", "person"), ("treaties/x.md", "treaty"), ("index.md", "page"), ("about/x.md", "page"),
     ("people/index.md", "page"), ("people/sub/x.md", None), ("misc/x.md", None)],
)
def test_type_of(path, page_type):
    assert schema.type_of(path) == page_type


def test_schema_page_documents_every_type_field_and_relation():
    text = docs.schema_markdown()
    for page_type in schema.PAGE_TYPES.values():
        assert f"`{page_type.folder}/`" in text
        for field in page_type.fields:
            assert f"| `{field.name}` |" in text
    for relation in schema.RELATIONS.values():
        assert f"| `{relation.name}` | {relation.label} | {relation.inverse} |" in text


def test_codes_page_lists_every_code():
    text = docs.codes_markdown()
    from kb.problems import CODES

    for code in CODES:
        assert f"| {code} " in text


def test_schema_page_documents_the_keys_the_theme_reads():
    text = docs.schema_markdown()
    for field in schema.THEME_FIELDS:
        assert f"| `{field.name}` |" in text
    for value in (*schema.HIDE_VALUES, *schema.THEME_STATUSES):
        assert f"``{value}``" in text
    assert "| `template` | not allowed |" in text
    assert f"at most {schema.MAX_ALIASES}" in text and f"at most {schema.MAX_REDIRECTS}" in text


def test_kinds_are_distinct():
    assert len({kind.value for kind in schema.Kind}) == len(schema.Kind)


def test_choice_fields_list_their_choices():
    for field in schema.fields_for(schema.PLAIN).values():
        assert bool(field.choices) == (field.kind in (schema.Kind.CHOICE, schema.Kind.CHOICES)), field.name
