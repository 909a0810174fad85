"""kb.site: the Site model (files walked, published, excluded and draft; pages; URLs and the
lookups), the include files snippets can name, the snippet inclusions kept with each page's scan,
the shape digest, and the file-name rules (KB007, KB210; golden cases in tests/cases/files/names.yml)."""

from __future__ import annotations

import unicodedata

import pytest

from kb.check import check_config
from kb.config import load_config
from kb.site import Site, shape_digest
from kb.validate import check_file_names

SNIPPETS = {"markdown_extensions": [{"pymdownx.snippets": {"base_path": ["includes"], "auto_append": ["a.md"]}}]}


def test_includes_are_listed_by_their_path_from_the_docs_directory(make_site):
    config = make_site({"index.md": "---\ntitle: Home\n---\n", "../includes/a.md": "*[EU]: European Union\n",
                        "../includes/deep/b.txt": "text\n"}, SNIPPETS)
    site = Site(load_config(config))
    assert sorted(site.includes) == ["../includes/a.md", "../includes/deep/b.txt"]
    assert site.includes["../includes/a.md"].abs_path == config.parent / "includes" / "a.md"
    assert "../includes/a.md" not in site.files and "../includes/a.md" not in site.pages


def test_no_includes_without_snippets(make_site):
    site = Site(load_config(make_site({"index.md": "---\ntitle: Home\n---\n--8<-- \"x.md\"\n"})))
    assert site.snippets is None and site.includes == {}
    assert [p for p in check_config(site.config.config_file)[1] if p.code in ("KB008", "KB009")] == []


def test_inclusions_are_kept_with_the_scan_and_survive_the_cache(make_site):
    config = make_site({"index.md": '---\ntitle: Home\n---\n--8<-- "a.md"\n', "about/plain.md": "---\ntitle: P\n---\n",
                        "../includes/a.md": "Text\n"}, SNIPPETS)
    for _ in range(2):  # the second run reads the scans from the cache
        site, problems = check_config(config, use_cache=True)
        assert site.pages["index.md"].scan.snippets == [[28, "a.md"]]
        assert "snippets" not in site.pages["about/plain.md"].scan.__dict__
        assert not [p for p in problems if p.code in ("KB008", "KB009")]


def test_names_that_differ_only_in_case_or_normalisation_collide(make_site):
    composed, decomposed = "caf\u00e9.md", unicodedata.normalize("NFD", "caf\u00e9.md")
    config = make_site({f"about/{composed}": "---\ntitle: A\n---\n", f"about/{decomposed}": "---\ntitle: B\n---\n",
                        "about/Straße.md": "---\ntitle: C\n---\n", "about/STRASSE.md": "---\ntitle: D\n---\n",
                        "about/other.md": "---\ntitle: E\n---\n"})
    problems = list(check_file_names(Site(load_config(config))))
    assert sorted((p.file, p.line, p.col, p.code) for p in problems) == sorted([
        (f"about/{composed}", 1, 1, "KB007"), (f"about/{decomposed}", 1, 1, "KB007"),
        ("about/Straße.md", 1, 1, "KB007"), ("about/STRASSE.md", 1, 1, "KB007"),
    ])


def test_include_names_are_checked_too(make_site):
    config = make_site({"index.md": "---\ntitle: Home\n---\n", "../includes/a.md": "x\n",
                        "../includes/b\x1b.md": "x\n", "../includes/A.md": "y\n"}, SNIPPETS)
    problems = sorted((p.file, p.code) for p in check_file_names(Site(load_config(config))))
    assert problems == [("../includes/A.md", "KB007"), ("../includes/a.md", "KB007"),
                        ("../includes/b\x1b.md", "KB210")]


def test_an_include_inside_the_docs_directory_does_not_collide_with_itself(make_site):
    config = make_site({"index.md": "---\ntitle: Home\n---\n", "snippets/a.md": "x\n"},
                       {"markdown_extensions": [{"pymdownx.snippets": {"base_path": ["docs/snippets"]}}]})
    site = Site(load_config(config))
    assert list(site.includes) == ["snippets/a.md"] and "snippets/a.md" in site.files
    assert list(check_file_names(site)) == []


def test_url_occupant_is_a_file_at_or_on_the_way_to_a_url(make_site):
    """One rule for the checker (KB125) and the build (alias redirects): a redirect may not land on
    a published file, nor below one; a folder that only holds pages is free."""

    site = Site(load_config(make_site({"index.md": "# Home\n", "people/index.md": "# People\n",
                                       "people/a.md": "# A\n", "data.json": "{}"})))
    assert site.url_occupant("people/old/") is None  # beside people/index.md: free
    assert site.url_occupant("people/a/") == "people/a.md"
    assert site.url_occupant("People/A/") == "people/a.md"  # case-insensitive hosts
    assert site.url_occupant("data.json/") == "data.json"  # a file cannot be a folder too
    assert site.url_occupant("data.json/x/") == "data.json"


# --- The Site model: walking the docs directory ---------------------------------------------------

#: A docs tree with a file of every sort: pages, assets, excluded (exclude_docs and MkDocs' defaults),
#: drafts (draft_docs: pages only), an empty page, a page that is not UTF-8, one with a BOM and CRLFs.
TREE = {
    "index.md": "---\ntitle: Home\n---\n# Home\n",
    "about/index.md": "---\ntitle: About\n---\n# About\n",
    "about/Team.md": "---\ntitle: Team\n---\n# Team\n\nText [x](../index.md).\n",
    "about/wip-notes.md": "---\ntitle: Notes\n---\n",
    "about/wip-photo.png": "png",
    "scratch/notes.md": "# notes\n",
    ".hidden.md": "# h\n",
    "templates/t.html": "<p>",
    "img/logo.png": "png",
    "people/a.md": "---\ntitle: [not, text]\n---\n",
    "people/empty.md": "  \n\n",
    "latin.md": b"---\ntitle: Caf\xe9\n---\n",
    "bom.md": b"\xef\xbb\xbf---\r\ntitle: BOM\r\n---\r\n# Heading one\r\n\r\nText.\r\n",
}
EXCLUDING = {"exclude_docs": "scratch/\n", "draft_docs": "wip-*\n"}
TREE_UNREADABLE = ("KB001", 2, 11, "file is not valid UTF-8 (byte 0xe9)", "save the file as UTF-8 in your editor")


@pytest.fixture
def tree_site(make_site):
    """The Site of TREE, with a symbolic link (about/link.md -> index.md) added."""
    config = make_site(TREE, EXCLUDING)
    (config.parent / "docs" / "about" / "link.md").symlink_to(config.parent / "docs" / "index.md")
    return Site(load_config(config))


def test_every_file_is_listed_in_path_order_then_the_generated_ones(tree_site):
    assert list(tree_site.files) == [
        ".hidden.md", "about/Team.md", "about/index.md", "about/link.md", "about/wip-notes.md",
        "about/wip-photo.png", "bom.md", "img/logo.png", "index.md", "latin.md", "people/a.md", "people/empty.md",
        "scratch/notes.md", "templates/t.html", "kb.json", "graph.json",
    ]
    docs = tree_site.config.docs_dir
    assert tree_site.files["about/Team.md"].abs_path == docs / "about" / "Team.md"
    assert tree_site.files["kb.json"].abs_path == docs / "kb.json" and not tree_site.files["kb.json"].abs_path.exists()


def test_each_file_is_published_excluded_draft_generated_or_a_link(tree_site):
    flags = {uri: (f.is_page, f.published, f.excluded, f.draft, f.generated, f.is_symlink)
             for uri, f in tree_site.files.items()}
    # (page, published, excluded, draft, generated, symlink)
    assert {uri: flag for uri, flag in flags.items() if flag != (True, True, False, False, False, False)} == {
        ".hidden.md": (True, False, True, False, False, False),  # MkDocs' default: dot files
        "about/link.md": (True, True, False, False, False, True),
        "about/wip-notes.md": (True, False, False, True, False, False),
        "about/wip-photo.png": (False, True, False, False, False, False),  # draft_docs applies to pages only
        "img/logo.png": (False, True, False, False, False, False),
        "scratch/notes.md": (True, False, True, False, False, False),
        "templates/t.html": (False, False, True, False, False, False),  # MkDocs' default: /templates/
        "kb.json": (False, True, False, False, True, False),
        "graph.json": (False, True, False, False, True, False),
    }


def test_pages_are_the_readable_markdown_files_not_excluded_nor_links(tree_site):
    assert list(tree_site.pages) == [
        "about/Team.md", "about/index.md", "about/wip-notes.md", "bom.md", "index.md", "people/a.md", "people/empty.md",
    ]
    assert [p.src_uri for p in tree_site.iter_pages()] == list(tree_site.pages)
    assert tree_site.unreadable == {"latin.md": TREE_UNREADABLE}


def test_a_page_knows_its_folder_type_title_and_text(tree_site):
    team, bom, odd, empty = (tree_site.pages[u] for u in ("about/Team.md", "bom.md", "people/a.md", "people/empty.md"))
    assert (team.folder, team.type, team.title, team.is_entity, team.empty) == ("about", "page", "Team", False, False)
    assert (bom.folder, bom.meta, bom.ids) == ("", {"title": "BOM"}, frozenset({"heading-one"}))
    assert bom.position(30) == (4, 12)  # offsets count in the text without its BOM, with LF line ends
    assert [link.target for link in team.links] == ["../index.md"]
    assert (odd.type, odd.is_entity, odd.title, odd.meta) == ("person", True, "", {"title": ["not", "text"]})
    assert (empty.empty, empty.meta) == (True, {})


def test_pages_scanned_in_worker_processes_are_the_same(make_site, monkeypatch):
    import multiprocessing

    from kb import site as site_module

    parts = {f"about/p{n}.md": f"---\ntitle: P{n}\n---\n# Part {n}\n\n[x](p{n + 1}.md)\n" for n in range(12)}
    config = load_config(make_site({**TREE, **parts}, EXCLUDING))
    serial = Site(config, workers=1)
    forks = []
    real = multiprocessing.get_context
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: forks.append(method) or real(method))
    monkeypatch.setattr(site_module, "PARALLEL_FROM", 2)
    parallel = Site(config, workers=3)
    assert forks == ["fork"]

    def summary(site):
        return {uri: (p.meta, sorted(p.ids), [link.target for link in p.links]) for uri, p in site.pages.items()}

    assert summary(parallel) == summary(serial) and len(serial.pages) == 19
    assert parallel.unreadable == serial.unreadable == {"latin.md": TREE_UNREADABLE}


# --- The Site model: lookups ----------------------------------------------------------------------


def test_folders_are_every_folder_that_holds_a_file(tree_site):
    assert tree_site.folders == {"", "about", "img", "people", "scratch", "templates"}


def test_lower_paths_map_each_lower_cased_path_to_the_file(tree_site):
    assert tree_site.lower_paths["about/team.md"] == "about/Team.md"
    assert tree_site.lower_paths["index.md"] == "index.md"
    assert len(tree_site.lower_paths) == len(tree_site.files)


def test_the_suggester_knows_only_published_files(tree_site):
    assert sorted(tree_site.suggester.paths) == [
        "about/Team.md", "about/index.md", "about/link.md", "about/wip-photo.png", "bom.md", "graph.json",
        "img/logo.png", "index.md", "kb.json", "latin.md", "people/a.md", "people/empty.md",
    ]
    assert tree_site.suggester.nearest("about/tem.md") == "about/Team.md"


def test_prepare_shared_builds_the_lookup_tables(tree_site):
    assert not {"lower_paths", "folders", "suggester"} & set(vars(tree_site))
    tree_site.prepare_shared()
    assert {"lower_paths", "folders", "suggester"} <= set(vars(tree_site))


def test_url_of_follows_the_url_style(make_site):
    for directory_urls, expected in ((True, ["about/Team/", "about/", "", "img/logo.png"]),
                                     (False, ["about/Team.html", "about/", "", "img/logo.png"])):
        site = Site(load_config(make_site({"index.md": "# Home\n"}, {"use_directory_urls": directory_urls})))
        assert [site.url_of(u) for u in ("about/Team.md", "about/index.md", "index.md", "img/logo.png")] == expected


def test_file_urls_are_the_published_files_with_their_index_html_form(tree_site):
    assert tree_site.file_urls == {
        "about/Team/": "about/Team.md", "about/Team/index.html": "about/Team.md",
        "about/": "about/index.md", "about/index.html": "about/index.md",
        "about/wip-photo.png": "about/wip-photo.png",
        "bom/": "bom.md", "bom/index.html": "bom.md",
        "img/logo.png": "img/logo.png",
        "": "index.md", "index.html": "index.md",
        "latin/": "latin.md", "latin/index.html": "latin.md",  # unreadable, but MkDocs would still publish it
        "people/a/": "people/a.md", "people/a/index.html": "people/a.md",
        "people/empty/": "people/empty.md", "people/empty/index.html": "people/empty.md",
        "kb.json": "kb.json", "graph.json": "graph.json",
    }


def test_file_urls_without_directory_urls(make_site):
    site = Site(load_config(make_site({"index.md": "# H\n", "about/index.md": "# A\n", "about/t.md": "# T\n"},
                                      {"use_directory_urls": False})))
    assert site.file_urls == {"about/index.html": "about/index.md", "about/": "about/index.md",
                              "about/t.html": "about/t.md", "index.html": "index.md", "": "index.md",
                              "kb.json": "kb.json", "graph.json": "graph.json"}


def test_url_occupant_ignores_files_that_are_not_published(tree_site):
    assert tree_site.url_occupant("scratch/notes/") is None  # excluded
    assert tree_site.url_occupant("about/wip-notes/") is None  # a draft
    assert tree_site.url_occupant("about/link/") is None  # a symbolic link is not copied
    assert tree_site.url_occupant("kb.json/") == "kb.json"  # generated by the build
    assert tree_site.url_occupant("ABOUT/team/") == "about/Team.md"
    assert tree_site.url_occupant("img/logo.png/x/") == "img/logo.png"


def test_an_include_that_is_a_symbolic_link_is_listed_as_one(make_site):
    config = make_site({"index.md": "---\ntitle: Home\n---\n", "../includes/a.md": "x\n"}, SNIPPETS)
    (config.parent / "includes" / "b.md").symlink_to(config.parent / "includes" / "a.md")
    site = Site(load_config(config))
    assert {uri: f.is_symlink for uri, f in site.includes.items()} == {"../includes/a.md": False,
                                                                      "../includes/b.md": True}


# --- check_file_names: the messages ---------------------------------------------------------------


def test_characters_no_file_name_may_hold_are_named(make_site):
    config = make_site({"index.md": "---\ntitle: H\n---\n", "about/a<b>.md": "x", 'about/q"\u202e.png': "x",
                        "About/x.md": "x", "about/y.md": "x"})
    assert [p.format() for p in check_file_names(Site(load_config(config)))] == [
        "about/a<b>.md:1:1: KB210 file name holds '<', '>', which no file name may hold "
        "(rename the file without them (letters, digits, '-', '_' and '.' are safe))",
        "about/q\"\\u202e.png:1:1: KB210 file name holds '\"', '\\u202e', which no file name may hold "
        "(rename the file without them (letters, digits, '-', '_' and '.' are safe))",
    ]  # (About/ and about/ hold no two files of one name: no KB007)


def test_case_collisions_name_each_other(make_site):
    config = make_site({"index.md": "---\ntitle: H\n---\n", "about/a.md": "x", "about/A.md": "x", "about/B.md": "x"})
    assert [p.format(with_hint=False) for p in check_file_names(Site(load_config(config)))] == [
        "about/A.md:1:1: KB007 file name differs from 'about/a.md' only in letter case",
        "about/a.md:1:1: KB007 file name differs from 'about/A.md' only in letter case",
    ]


# --- shape_digest ---------------------------------------------------------------------------------


def test_the_shape_digest_changes_with_names_and_files_not_with_text(make_site):
    def digest(files):
        return shape_digest(Site(load_config(make_site(files))))

    base = {"index.md": "---\ntitle: Home\n---\nText.\n", "people/a.md": "---\ntitle: A\naliases: [Ay]\n---\n"}
    first = digest(base)
    assert len(first) == 64 and digest(base) == first
    assert digest({**base, "index.md": "---\ntitle: Home\n---\nOther text.\n"}) == first
    assert digest({**base, "index.md": "---\ntitle: Home\ndescription: New.\n---\nText.\n"}) == first
    changed = [
        digest({**base, "index.md": "---\ntitle: Start\n---\nText.\n"}),
        digest({**base, "people/a.md": "---\ntitle: A\naliases: [Bee]\n---\n"}),
        digest({**base, "people/a.md": "---\ntitle: A\naliases: [Ay]\nredirect_from: [people/b.md]\n---\n"}),
        digest({**base, "img/x.png": "png"}),
    ]
    assert first not in changed and len(set(changed)) == len(changed)
