"""kb.schema: the schema is self-consistent (its documentation page is tested in test_docs.py)."""

import ast
import inspect

import pytest

from kb import schema


def test_every_relation_names_real_types():
    for relation in schema.RELATIONS.values():
        assert relation.domain <= schema.ENTITY_TYPES, relation.name
        assert relation.range <= schema.ENTITY_TYPES, relation.name
        assert relation.label and relation.inverse


def test_folders_are_unique():
    folders = [t.folder for t in schema.PAGE_TYPES.values()]
    assert len(folders) == len(set(folders))
    assert not set(folders) & schema.PLAIN_FOLDERS


def declared_names(table: str, constructor: str) -> list[str]:
    """The names given, in source order, to the entries of a table schema.py builds as
    ``{x.name: x for x in (Constructor("name", ...), ...)}``: a name declared twice is listed
    twice here, where the dict keeps one of them."""
    tree = ast.parse(inspect.getsource(schema))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == table:
            assert isinstance(node.value, ast.DictComp), f"{table} is no longer a dict comprehension"
            calls = node.value.generators[0].iter
            assert isinstance(calls, ast.Tuple), f"{table} is no longer built from a tuple"
            assert all(isinstance(c, ast.Call) and ast.unparse(c.func) == constructor for c in calls.elts)
            return [ast.literal_eval(c.args[0]) for c in calls.elts]
    raise AssertionError(f"schema.py declares no {table}")


@pytest.mark.parametrize(("table", "constructor"), [("PAGE_TYPES", "PageType"), ("RELATIONS", "_rel")])
def test_type_and_relation_names_are_declared_once(table, constructor):
    names = declared_names(table, constructor)
    twice = sorted({n for n in names if names.count(n) > 1})
    assert not twice, f"declared twice in {table}: {twice}"
    assert names == list(getattr(schema, table))


@pytest.mark.parametrize("page_type", [*schema.PAGE_TYPES, schema.PLAIN])
def test_every_type_has_a_required_title_and_no_type_field(page_type):
    fields = schema.fields_for(page_type)
    assert fields["title"].required
    assert "type" not in fields  # the folder is the only source of a page's type


def declared_fields(page_type: str) -> tuple[schema.Field, ...]:
    """The fields a page type is declared with, in the order `fields_for` merges them (a field
    declared twice is here twice, where `fields_for` keeps the last)."""
    if page_type == schema.PLAIN:
        return (schema.TITLE, schema.DESCRIPTION, schema.ALIASES, schema.TAGS, *schema.THEME_FIELDS)
    return (*schema.COMMON_FIELDS, *schema.PAGE_TYPES[page_type].fields, schema.RELATIONS_FIELD, schema.SEARCH)


@pytest.mark.parametrize("page_type", [*schema.PAGE_TYPES, schema.PLAIN])
def test_field_names_are_unique_per_type_as_declared(page_type):
    names = [f.name for f in declared_fields(page_type)]
    twice = sorted({n for n in names if names.count(n) > 1})
    assert not twice, f"declared twice: {twice}"
    assert list(schema.fields_for(page_type)) == names  # and fields_for gives exactly those, in that order


@pytest.mark.parametrize(
    ("path", "page_type"),
    [("people/x.md", "person"), ("treaties/x.md", "treaty"), ("index.md", "page"), ("about/x.md", "page"),
     ("people/index.md", "page"), ("people/sub/x.md", None), ("misc/x.md", None)],
)
def test_type_of(path, page_type):
    assert schema.type_of(path) == page_type


def test_kinds_are_distinct():
    assert len({kind.value for kind in schema.Kind}) == len(schema.Kind)


def test_choice_fields_list_their_choices():
    for field in schema.fields_for(schema.PLAIN).values():
        assert bool(field.choices) == (field.kind in (schema.Kind.CHOICE, schema.Kind.CHOICES)), field.name
