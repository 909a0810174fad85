"""kb.config: mkdocs.yml read without MkDocs, on edge-case files (one group of tests per function
or property; each writes its own small mkdocs.yml)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from markdown.extensions import toc

from kb import config


@pytest.fixture
def load(tmp_path: Path):
    """Write a mkdocs.yml with `text` (dedented) and load it."""

    def load(text: str) -> config.SiteConfig:
        path = tmp_path / "mkdocs.yml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return config.load_config(path)

    return load


def error_of(load, text: str, tmp_path: Path) -> str:
    """The ConfigError message `load` raises for `text`, with the folder written as <root>."""
    with pytest.raises(config.ConfigError) as caught:
        load(text)
    return str(caught.value).replace(str(tmp_path.resolve()), "<root>")


# --- load_config: defaults and settings ---------------------------------------------------------


def test_an_empty_file_gives_mkdocs_defaults(load, tmp_path):
    loaded = load("")
    assert loaded.config_file == tmp_path.resolve() / "mkdocs.yml"
    assert loaded.docs_dir == tmp_path.resolve() / "docs"
    assert loaded.use_directory_urls is True
    assert loaded.markdown_extensions == {}
    assert loaded.raw == {}


def test_docs_dir_and_url_style_are_read(load, tmp_path):
    loaded = load("docs_dir: content/../pages\nuse_directory_urls: false\n")
    assert loaded.docs_dir == tmp_path.resolve() / "pages"
    assert loaded.use_directory_urls is False


def test_markdown_extensions_become_a_mapping_of_options(load):
    loaded = load("""
        markdown_extensions:
          - admonition
          - footnotes: null
          - toc:
              permalink: true
              toc_depth: 3
          - {attr_list: {}, def_list: {}}
    """)
    assert loaded.markdown_extensions == {
        "admonition": {}, "footnotes": {}, "toc": {"permalink": True, "toc_depth": 3}, "attr_list": {}, "def_list": {},
    }


def test_raw_keeps_every_key(load):
    assert load("site_name: KB\nextra: {status: {beta: Beta}}\n").raw == {
        "site_name": "KB", "extra": {"status": {"beta": "Beta"}},
    }


# --- load_config: errors ------------------------------------------------------------------------


def test_a_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(config.ConfigError) as caught:
        config.load_config(tmp_path / "nope.yml")
    assert str(caught.value) == f"cannot read {tmp_path.resolve() / 'nope.yml'}: No such file or directory"


def test_invalid_yaml_is_a_config_error(load, tmp_path):
    assert error_of(load, "site_name: [unclosed\n", tmp_path).startswith(
        "<root>/mkdocs.yml: not valid YAML: while parsing a flow sequence")


def test_a_top_level_list_is_a_config_error(load, tmp_path):
    assert error_of(load, "- a\n- b\n", tmp_path) == "<root>/mkdocs.yml: expected a mapping at the top level"


def test_python_names_outside_the_trusted_modules_are_refused(load, tmp_path):
    assert error_of(load, "x: !!python/name:os.system\n", tmp_path) == (
        "<root>/mkdocs.yml: mkdocs.yml names 'os.system'; only markdown., pymdownx., material. are trusted")
    assert "names 'subprocess.run'; only" in error_of(
        load, "x: !!python/object/apply:subprocess.run [[touch, pwned]]\n", tmp_path)
    assert not (tmp_path / "pwned").exists()


def test_a_trusted_name_that_does_not_exist_is_a_config_error(load, tmp_path):
    assert error_of(load, "x: !!python/name:markdown.nosuch\n", tmp_path) == (
        "<root>/mkdocs.yml: mkdocs.yml names 'markdown.nosuch', which cannot be imported: "
        "module 'markdown' has no attribute 'nosuch'")


# --- load_config: YAML tags ---------------------------------------------------------------------


def test_python_name_gives_the_object(load):
    assert load("x: !!python/name:markdown.extensions.toc.slugify\n").raw["x"] is toc.slugify


@pytest.mark.parametrize("node", ["{kwds: {case: lower}}", "{args: [], kwds: {case: lower}}"])
def test_python_object_apply_calls_with_keywords(load, node):
    func = load(f"x: !!python/object/apply:pymdownx.slugs.slugify {node}\n").raw["x"]
    assert func("Hello World", "-") == "hello-world"


def test_python_object_apply_calls_with_a_sequence(load):
    assert load("x: !!python/object/apply:markdown.extensions.toc.slugify ['A B', '_']\n").raw["x"] == "a_b"


def test_env_takes_the_first_variable_set_parsed_as_yaml(load, monkeypatch):
    monkeypatch.delenv("KB_TEST_UNSET", raising=False)
    monkeypatch.setenv("KB_TEST_SET", "false")
    monkeypatch.setenv("KB_TEST_LIST", "[1, 2]")
    loaded = load("""
        use_directory_urls: !ENV [KB_TEST_UNSET, KB_TEST_SET, true]
        a: !ENV KB_TEST_LIST
        b: !ENV [KB_TEST_UNSET, fallback]
        c: !ENV KB_TEST_UNSET
        d: !ENV [KB_TEST_UNSET]
    """)
    assert loaded.use_directory_urls is False
    assert (loaded.raw["a"], loaded.raw["b"], loaded.raw["c"], loaded.raw["d"]) == ([1, 2], "fallback", None, None)


# --- SiteConfig.root ----------------------------------------------------------------------------


def test_root_is_the_folder_of_mkdocs_yml(load, tmp_path):
    assert load("docs_dir: elsewhere\n").root == tmp_path.resolve()


# --- SiteConfig.slugify, toc_separator, footnote_separator --------------------------------------


def test_slugify_and_separators_default_to_python_markdowns(load):
    loaded = load("markdown_extensions: [toc, footnotes]\n")
    assert loaded.slugify is toc.slugify
    assert (loaded.toc_separator, loaded.footnote_separator) == ("-", ":")
    assert loaded.slugify("Rogozin’s NATO Years", loaded.toc_separator) == "rogozins-nato-years"


def test_slugify_and_separators_follow_the_config(load):
    loaded = load("""
        markdown_extensions:
          - toc:
              separator: _
              slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}
          - footnotes:
              SEPARATOR: "-"
    """)
    assert (loaded.toc_separator, loaded.footnote_separator) == ("_", "-")
    assert loaded.slugify("Привет Мир", loaded.toc_separator) == "привет_мир"  # unicode kept, unlike the default


# --- SiteConfig.theme_dirs ----------------------------------------------------------------------


def test_theme_dirs_are_custom_dir_then_materials_templates(load, tmp_path):
    dirs = load("theme:\n  name: material\n  custom_dir: overrides\n").theme_dirs
    assert dirs[0] == tmp_path.resolve() / "overrides"
    assert len(dirs) == 2 and dirs[1].parts[-2:] == ("material", "templates") and (dirs[1] / "main.html").is_file()


@pytest.mark.parametrize("text", ["", "theme: mkdocs\n", "theme: {name: readthedocs}\n"])
def test_theme_dirs_are_empty_for_other_themes(load, text):
    assert load(text).theme_dirs == []


# --- SiteConfig.snippet_files -------------------------------------------------------------------


def test_snippet_files_are_found_on_the_first_base_path_that_has_them(load, tmp_path):
    for name in ("a/abbr.md", "b/abbr.md", "b/links.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    loaded = load("""
        markdown_extensions:
          - pymdownx.snippets:
              base_path: [a, b]
              auto_append: [abbr.md, links.md, missing.md]
    """)
    assert loaded.snippet_files("auto_append") == [tmp_path / "a/abbr.md", tmp_path / "b/links.md"]
    assert loaded.snippet_files("other_option") == []


def test_snippet_files_with_one_base_path_as_text_and_without_snippets(load, tmp_path):
    (tmp_path / "inc").mkdir()
    (tmp_path / "inc" / "abbr.md").write_text("x\n", encoding="utf-8")
    one = load("markdown_extensions: [{pymdownx.snippets: {base_path: inc, auto_append: [abbr.md]}}]\n")
    assert one.snippet_files("auto_append") == [tmp_path / "inc" / "abbr.md"]
    assert load("markdown_extensions: [toc]\n").snippet_files("auto_append") == []


# --- SiteConfig.is_excluded and is_draft --------------------------------------------------------

EXCLUDING = """
exclude_docs: |
  scratch/
  *.tmp
  !keep.tmp
draft_docs: wip-*.md
"""


@pytest.mark.parametrize(
    ("src_uri", "excluded", "draft"),
    [
        ("index.md", False, False),
        (".hidden.md", True, False),  # MkDocs' defaults: dot files
        ("people/.notes.md", True, False),
        ("templates/x.html", True, False),  # and /templates/ at the top only
        ("people/templates/x.html", False, False),
        ("scratch/a.md", True, False),
        ("people/scratch/a.md", True, False),  # a pattern without a leading slash matches at any depth
        ("a.tmp", True, False),
        ("keep.tmp", False, False),  # negated
        ("wip-a.md", False, True),
        ("people/wip-b.md", False, True),
        ("people/wip.md", False, False),
    ],
)
def test_is_excluded_and_is_draft(load, src_uri, excluded, draft):
    loaded = load(EXCLUDING)
    assert (loaded.is_excluded(src_uri), loaded.is_draft(src_uri)) == (excluded, draft)


def test_exclude_docs_as_a_list_adds_to_the_defaults(load):
    loaded = load("exclude_docs: [drafts/, '*.bak']\n")
    assert [loaded.is_excluded(u) for u in ("drafts/a.md", "a.bak", ".x", "templates/t.html", "a.md")] == [
        True, True, True, True, False]
    assert loaded.is_draft("drafts/a.md") is False


def test_without_patterns_only_the_defaults_exclude(load):
    loaded = load("")
    assert [loaded.is_excluded(u) for u in (".git/x", "templates/t.html", "a.tmp", "scratch/a.md")] == [
        True, True, False, False]
    assert loaded.is_draft("wip-a.md") is False
