"""kb.validate: golden cases in tests/cases/schema/ and tests/cases/files/; symbolic links; quotations
verified against the source text; kind_error, name_key, redirect_path_error."""

import os

import pytest

from features_kb import FIXTURE
from helpers import load_cases, run_case, write_tree
from kb.check import check_config
from kb.problems import Severity
from kb.schema import Kind
from kb.validate import kind_error, name_key, redirect_path_error


@pytest.mark.parametrize("case", load_cases("schema") + load_cases("files"))
def test_schema_cases(case, make_site):
    run_case(case, make_site)


def test_symlinks_are_reported_inside_and_outside(make_site, tmp_path):
    config = make_site({"index.md": "---\ntitle: Home\n---\n", "about/real.md": "---\ntitle: Real\n---\n"})
    outside = tmp_path / "secret.md"
    outside.write_text("secret")
    os.symlink(outside, tmp_path / "docs" / "about" / "leak.md")
    os.symlink(tmp_path / "docs" / "about" / "real.md", tmp_path / "docs" / "about" / "alias.md")
    _, problems = check_config(config)
    lines = [p.format() for p in problems]
    assert lines == [
        f"about/alias.md:1:1: KB003 symbolic link to '{tmp_path / 'docs/about/real.md'}' (inside the docs directory) "
        "(replace the link with a real file; the build would copy whatever it points to)",
        f"about/leak.md:1:1: KB003 symbolic link to '{outside}' (outside the docs directory) "
        "(replace the link with a real file; the build would copy whatever it points to)",
    ]


def test_quotations_are_verified_against_the_source_text(tmp_path):
    files = dict(FIXTURE["files"])
    files["topics/defence.md"] = files["topics/defence.md"].replace('quote: "two key arrangement"',
                                                                    'quote: "three key arrangement"')
    config = write_tree(tmp_path, files)
    article = tmp_path / "article.txt"
    article.write_text(FIXTURE["article"], encoding="utf-8")
    _, problems = check_config(config, source_text=article)
    assert [p.format(with_hint=False) for p in problems if p.severity is Severity.ERROR] == [
        "topics/defence.md:8:1: KB113 the quotation of position 1 does not occur in ¶8 of 'ivanov-2011'"
    ]
    assert [p for p in check_config(config)[1] if p.severity is Severity.ERROR] == []  # no text: not checked


@pytest.mark.parametrize(
    ("kind", "value", "error"),
    [
        # dates: ISO day, month or year; YAML dates and bare years
        (Kind.DATE, "2010-04-08", None),
        (Kind.DATE, "2010-04", None),
        (Kind.DATE, 2010, None),
        (Kind.DATE, "2010-13", "must be a date (YYYY-MM-DD, YYYY-MM or YYYY), not '2010-13'"),
        (Kind.DATE, "April 2010", "must be a date (YYYY-MM-DD, YYYY-MM or YYYY), not 'April 2010'"),
        # sentences end with a full stop and stay short
        (Kind.SENTENCE, "A thing.", None),
        (Kind.SENTENCE, "A thing", "must be one sentence ending with a full stop"),
        (Kind.SENTENCE, "x" * 300 + ".", "is 301 characters; keep it to one sentence of at most 300"),
        # lists of text
        (Kind.TEXT_LIST, ["a", "b"], None),
        (Kind.TEXT_LIST, "a", "must be a list, not a text"),
        (Kind.TEXT_LIST, ["a", ""], "must list non-empty text items"),
        (Kind.TEXT, {"a": 1}, "must be text, not a mapping"),
        (Kind.TEXT, "two\nlines", "must be on one line"),
        # impossible days, quoted (unquoted ones are found by the loader: KB117)
        (Kind.DATE, "2012-02-29", None),
        (Kind.DATE, "2011-02-29", "must be a real date: 2011-02-29 does not exist"),
        # theme keys: their values are checked by check_theme_keys on every page
        (Kind.CHOICE, "new", None),
        (Kind.CHOICE, ["new"], "must be a name, not ['new']"),
        (Kind.ICON, "material/home", None),
        (Kind.CHOICES, ["toc"], None),
        (Kind.CHOICES, "toc", "must be a list, not a text"),
        (Kind.FORBIDDEN, "main.html", "is not allowed in a page"),
    ],
)
def test_kind_error(kind, value, error):
    assert kind_error(kind, value) == error


@pytest.mark.parametrize(
    ("first", "second"),
    [("NATO–Russia Council", "nato - russia council"), ("Russia's", "Russias"), ("Russia’s", "RUSSIA'S"),
     ("New  START", "new-start"), ("Ｒｏｇｏｚｉｎ", "Rogozin"), ("Рогозин", "РОГОЗИН"), ("U.S.", "US")],
)
def test_names_that_differ_only_by_case_spacing_or_punctuation_are_one_name(first, second):
    assert name_key(first) == name_key(second)


@pytest.mark.parametrize(("first", "second"), [("Russia", "Prussia"), ("NATO", "NAT"), ("Рогозин", "Rogozin")])
def test_different_names_stay_different(first, second):
    assert name_key(first) != name_key(second)


def test_a_name_of_punctuation_only_is_not_empty():
    assert name_key("–") and name_key("–") != name_key("…")


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("people/old-name.md", None),
        ("index.md", None),
        ("/etc/x.md", "is absolute"),
        ("//host/x.md", "is absolute"),
        ("../x.md", "has a '..' segment"),
        ("people/../../x.md", "has a '..' segment"),
        ("people/./x.md", "has a '.' segment"),
        ("people//x.md", "has an empty segment ('//')"),
        ("people\\x.md", "has a backslash"),
        ("C:x.md", "has a scheme or a drive (':')"),
        ("javascript:alert(1).md", "has a scheme or a drive (':')"),
        ("x.md?y", "has a query or fragment ('?', '#')"),
        ("x.md#y", "has a query or fragment ('?', '#')"),
        ("%2e%2e/x.md", "has a percent escape"),
        (" x.md", "has white space around it"),
        ("people/x\x00.md", "has a control character"),
    ],
)
def test_redirect_path_error(path, error):
    assert redirect_path_error(path) == error
