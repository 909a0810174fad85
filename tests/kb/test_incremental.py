"""kb.incremental: after any edit, a warm run (problems kept per page) reports exactly what a cold
run reports, while re-checking only the pages the edit can affect."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml

from helpers import CASES
from kb.check import PAGE_RULES, check_config
from kb.incremental import RecordingPages, stale_rules

BASE = yaml.safe_load((CASES / "features" / "kb.yml").read_text(encoding="utf-8"))["files"]
BASE = {**BASE, "people/lavrov.md": (
    "---\ntitle: Sergei Lavrov\ndescription: A minister.\nrole: Minister\nas_of: \"2011\"\ncountry: Russia\n---\n"
    "# Sergei Lavrov\n\nHe met [Rogozin](rogozin.md#rogozin) and [the council](../organisations/council.md).[^p2]\n\n"
    "[^p2]: [¶2](../sources/ivanov-2011.md#p2)\n")}


def _edit(path: Path, text: str | None) -> None:
    """Write (or delete, for None) a file, moving its mtime on so the change is always seen."""
    if text is None:
        path.unlink()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    old = path.stat().st_mtime_ns if path.exists() else time.time_ns()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(old + 10**9, old + 10**9))


def _run(config: Path, use_cache: bool) -> tuple[list[str], set[str]]:
    site, problems = check_config(config, use_cache=use_cache, workers=1)
    return [p.format() for p in problems], set(site.derived["pages_checked"])


#: (what the edit does, {path: new text or None to delete}, pages that must be checked again or None
#: for every page, pages that must come from the cache).
EDITS = [
    ("nothing changes", {}, set(), {"people/lavrov.md", "people/rogozin.md"}),
    # Lavrov links to an anchor of Rogozin's page and the topic names him as a position's
    # holder: both are checked again. The council links to his page without an anchor, which
    # only needs the page to exist: it comes from the cache.
    ("prose of a linked page", {"people/rogozin.md": BASE["people/rogozin.md"].replace("He spoke.", "He spoke twice.")},
     {"people/rogozin.md", "people/lavrov.md", "topics/defence.md"}, {"events/signing.md", "organisations/council.md"}),
    ("its heading, so an anchor breaks",
     {"people/rogozin.md": BASE["people/rogozin.md"].replace("# Rogozin", "# Dmitry Rogozin")},
     {"people/rogozin.md", "people/lavrov.md", "topics/defence.md"}, {"events/signing.md", "organisations/council.md"}),
    ("a link fixed", {"people/lavrov.md": BASE["people/lavrov.md"].replace("#rogozin", "#dmitry-rogozin")},
     {"people/lavrov.md"}, {"people/rogozin.md", "organisations/council.md"}),
    ("a paragraph of the source removed",
     {"sources/ivanov-2011.md": BASE["sources/ivanov-2011.md"].replace("## ¶2 {#p2}\n", "")},
     None, set()),  # every page cites the source
    ("an alias added: unlinked mentions change", {"events/meeting.md": BASE["events/meeting.md"].replace(
        "date: 2011-06\n", "date: 2011-06\naliases: [Spoke]\n")}, None, set()),
    ("a page deleted", {"organisations/council.md": None}, None, set()),
    ("a relation to a missing page", {"events/suspension.md": BASE["events/suspension.md"].replace(
        "date: 2007-12-12\n", "date: 2007-12-12\nrelations:\n  about: [treaties/cfe.md]\n")},
     {"events/suspension.md"}, {"events/meeting.md"}),
    ("the missing page created", {"treaties/cfe.md": BASE["treaties/treaty.md"].replace("title: Treaty", "title: CFE")},
     None, set()),
    ("a page restored", {"organisations/council.md": BASE["organisations/council.md"]}, None, set()),
]


def test_each_edit_gives_the_cold_result_and_rechecks_only_what_it_affects(make_site):
    config = make_site(BASE)
    root = config.parent / "docs"
    assert _run(config, use_cache=True)[1] == set(BASE)  # the first run checks everything
    seen_problems = set()
    for name, changes, rechecked, kept in EDITS:
        for path, text in changes.items():
            _edit(root / path, text)
        warm, checked = _run(config, use_cache=True)
        cold, _ = _run(config, use_cache=False)
        assert warm == cold, name
        seen_problems.update(warm)
        if rechecked is None:
            assert checked == {p.relative_to(root).as_posix() for p in root.rglob("*.md")}, name
        else:
            assert checked == rechecked, name
        assert not checked & kept, name
        assert _run(config, use_cache=True)[1] == set(), f"{name}: a second run must check nothing"
    # The edits did make problems appear and go (or the comparison above proves little).
    assert any("KB206 anchor '#rogozin'" in p for p in seen_problems)
    assert any("KB111 cites ¶2" in p or "KB206 anchor '#p2'" in p for p in seen_problems)
    assert any("KB109 'about' target 'treaties/cfe.md' does not exist" in p for p in seen_problems)
    assert any("KB502" in p for p in seen_problems)


def test_the_pages_checked_again_are_those_named(make_site):
    """The sets in EDITS are exact: check which pages were taken from the cache."""
    config = make_site(BASE)
    root = config.parent / "docs"
    _run(config, use_cache=True)
    name, changes, rechecked, kept = EDITS[1]
    for path, text in changes.items():
        _edit(root / path, text)
    from kb.cache import ScanCache, cache_key, default_cache_path
    from kb.config import load_config
    from kb.site import Site, shape_digest

    site_config = load_config(config)
    cache = ScanCache(default_cache_path(site_config), cache_key(site_config))
    site = Site(site_config, cache=cache)
    shape = shape_digest(site)
    stale = {uri for uri in site.pages
             if stale_rules(cache.results.get(uri), uri, shape, site.stamps, len(PAGE_RULES)) != []}
    assert stale == rechecked
    assert not stale & kept
    # The edited page runs every rule; a page linking to it only the rules that looked it up.
    assert stale_rules(cache.results.get("people/rogozin.md"), "people/rogozin.md", shape, site.stamps,
                       len(PAGE_RULES)) is None
    rerun = {PAGE_RULES[i].__name__ for i in stale_rules(cache.results["people/lavrov.md"], "people/lavrov.md", shape,
                                                          site.stamps, len(PAGE_RULES))}
    assert rerun == {"check_links"}


def test_recording_pages_notes_lookups_and_walks():
    pages = RecordingPages({"a.md": 1, "b.md": 2})
    pages.start()
    assert pages.get("a.md") == 1 and "c.md" not in pages and pages["b.md"] == 2
    assert pages.looked_up == {"a.md", "b.md", "c.md"}
    assert sorted(pages) == ["a.md", "b.md"]  # walking the paths alone depends on the shape only
    assert pages.looked_up == {"a.md", "b.md", "c.md"}
    pages.start()
    list(pages.values())
    assert pages.looked_up is None  # every page: checked again on every run
    with pytest.raises(KeyError):
        pages.start() or pages["x.md"]


def test_the_url_style_is_part_of_what_every_page_depends_on(make_site):
    """The offline build turns directory URLs off without changing mkdocs.yml."""
    config = make_site({"index.md": "---\ntitle: Home\n---\n[a](about/)\n",
                        "about/index.md": "---\ntitle: About\n---\n"})
    from kb.build import BuildContext

    first = BuildContext.for_config(config, use_cache=True)  # checks every page, fills the cache
    again = BuildContext.for_config(config, use_directory_urls=False, use_cache=True)
    assert again.site.derived["pages_checked"] == list(again.site.pages)
    assert BuildContext.for_config(config, use_directory_urls=False, use_cache=True).site.derived["pages_checked"] == []
    cold = BuildContext.for_config(config, use_directory_urls=False)
    assert again.problems == cold.problems
    assert first.site.derived["pages_checked"] == list(first.site.pages)


@pytest.mark.parametrize("first, second", [
    ("title: 2011-01-01", "title: '2011-01-01'"),  # a date, then text that reads the same
    ("aliases: [1]", "aliases: ['1']"),
    ("aliases: {1: a}", "aliases: {'1': a}"),
    ("aliases: [" + "[" * 600 + "]" * 600 + "]", "aliases: [" + "[" * 599 + "]" * 599 + "]"),  # too deep to walk
])
def test_the_shape_digest_tells_values_of_any_type_apart(make_site, first, second):
    from kb.config import load_config
    from kb.site import Site, shape_digest

    digests = []
    for line in (first, second, first):
        config = make_site({"index.md": f"---\n{line}\n---\n# Home\n"})
        digests.append(shape_digest(Site(load_config(config))))
    assert digests[0] != digests[1] and digests[0] == digests[2]


def test_results_round_trip_through_the_cache_file(make_site):
    """What a warm run reads back is what the cold run kept, rule by rule (`stale_rules` agrees)."""
    import json

    from kb.cache import ScanCache, cache_key, default_cache_path
    from kb.config import load_config
    from kb.incremental import decode_results, encode_results

    config = make_site(BASE)
    _run(config, use_cache=True)
    for path, text in EDITS[2][1].items():  # an anchor breaks: a problem to keep
        _edit(config.parent / "docs" / path, text)
    assert any("KB206" in problem for problem in _run(config, use_cache=True)[0])
    site_config = load_config(config)
    cache = ScanCache(default_cache_path(site_config), cache_key(site_config))
    assert set(cache.results) == set(BASE)
    assert any(rule.problems for result in cache.results.values() for rule in result.rules)
    assert any(rule.depends for result in cache.results.values() for rule in result.rules)
    assert decode_results(json.loads(json.dumps(encode_results(cache.results)))) == cache.results


def test_an_edited_snippet_rechecks_the_anchors_it_gives(make_site, tmp_path):
    """A heading a snippet brings is an anchor of the page that includes it: when the snippet
    changes, a warm run sees what a cold run sees."""
    config = make_site({"index.md": "---\ntitle: Home\n---\n[a](about/a.md#from-snippet)\n",
                        "about/a.md": '---\ntitle: A\n---\n--8<-- "part.md"\n'},
                       {"markdown_extensions": ["toc", {"pymdownx.snippets": {"base_path": ["includes"]}}]})
    (tmp_path / "includes").mkdir()
    part = tmp_path / "includes" / "part.md"
    part.write_text("## From snippet\n")
    assert [p.code for p in check_config(config, use_cache=True)[1]] == []
    part.write_text("## Renamed\n")
    os.utime(part, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    warm = check_config(config, use_cache=True)[1]
    assert [(p.file, p.code) for p in warm] == [("index.md", "KB206")]
    assert warm == check_config(config)[1]
