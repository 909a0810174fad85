"""kb.check, the runner: the rule registry, every page's problems reported at once in one stable
order, serial and parallel runs equal, and check_config's options (the rules themselves have their
own tests and golden cases)."""

from __future__ import annotations

import inspect
import multiprocessing

import pytest

from kb import check
from kb.config import load_config
from kb.problems import Problem
from kb.site import Site

#: A site with problems on several pages, several on some, found by different rules.
BROKEN = {
    "index.md": "---\ntitle: Home\n---\n# Home\n\n[a](missing.md) and [b](about/nope.md#x)\n\nTODO: write\n",
    "about/a.md": "---\ntitle: [unclosed\n---\n# A\n",
    "about/b.md": "---\ntitle: B\nunknown: 1\n---\n# B\n\n<script>alert(1)</script>\n[c](../index.md#nowhere)\n",
    "about/c.md": "---\ntitle: C\n---\n# C\n",
    "people/x.md": "---\ntitle: X\n---\n# X\n",
    "misc/y.md": "---\ntitle: Y\n---\n",
    "bad.md": b"\xff\xfe",
}

#: Every problem of BROKEN, in the order the checker reports them (without hints).
BROKEN_PROBLEMS = [
    "about/a.md:3:1: KB101 front matter is not valid YAML: did not find expected ',' or ']'",
    "about/b.md:3:1: KB105 unknown field 'unknown' for a plain page",
    "about/b.md:7:1: KB301 <script> is not allowed in pages",
    "about/b.md:8:5: KB206 anchor '#nowhere' does not exist on 'index.md'",
    "bad.md:1:1: KB001 file is not valid UTF-8 (byte 0xff)",
    "index.md:6:5: KB201 link target 'missing.md' does not exist",
    "index.md:6:25: KB201 link target 'about/nope.md' does not exist",
    "index.md:8:1: KB402 placeholder TODO left in the text",
    "misc/y.md:1:1: KB004 'misc/y.md' is not in a type folder, so it has no page type",
    "people/x.md:1:1: KB401 entity page does not cite any source",
    "people/x.md:1:1: KB501 warning: no other page links to this page (an orphan)",
    "people/x.md:2:1: KB104 required field 'as_of' is missing for a person page",
    "people/x.md:2:1: KB104 required field 'description' is missing for a person page",
    "people/x.md:2:1: KB104 required field 'role' is missing for a person page",
]


def formatted(problems: list[Problem]) -> list[str]:
    """Problems as the checker prints them, without hints."""
    return [p.format(with_hint=False) for p in problems]


# --- The registry: PAGE_RULES and SITE_RULES -----------------------------------------------------


def test_no_rule_is_registered_twice():
    rules = [*check.PAGE_RULES, *check.SITE_RULES]
    names = [f"{rule.__module__}.{rule.__name__}" for rule in rules]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


def test_rules_take_a_page_and_the_site_or_the_site():
    assert [name for name, rule in ((r.__name__, r) for r in check.PAGE_RULES)
            if list(inspect.signature(rule).parameters)[:2] != ["page", "site"]] == []
    assert [name for name, rule in ((r.__name__, r) for r in check.SITE_RULES)
            if list(inspect.signature(rule).parameters) != ["site"]] == []


def test_every_rule_of_the_rule_modules_is_registered():
    """A `check_*` function with a rule's signature, in a module that holds rules, is in a registry
    (a rule written and never registered would check nothing)."""
    registered = {*check.PAGE_RULES, *check.SITE_RULES}
    modules = {inspect.getmodule(rule) for rule in registered}
    forgotten = []
    for module in modules:
        for name, func in vars(module).items():
            if not (name.startswith("check_") and inspect.isfunction(func) and func.__module__ == module.__name__):
                continue
            if list(inspect.signature(func).parameters) in (["page", "site"], ["site"]) and func not in registered:
                forgotten.append(f"{module.__name__}.{name}")
    assert forgotten == []


# --- check_files ----------------------------------------------------------------------------------


def test_check_files_reports_symbolic_links_and_unreadable_files(make_site):
    config = make_site({"index.md": "# Home\n", "bad.md": b"ok\n\xe9", "about/real.md": "# R\n"})
    outside = config.parent / "outside.md"
    outside.write_text("# O\n", encoding="utf-8")
    docs = config.parent / "docs"
    (docs / "about" / "in.md").symlink_to(docs / "about" / "real.md")
    (docs / "out.md").symlink_to(outside)
    problems = list(check.check_files(Site(load_config(config))))
    real = docs.resolve() / "about" / "real.md"
    assert [(p.file, p.line, p.col, p.code, p.message) for p in problems] == [
        ("about/in.md", 1, 1, "KB003", f"symbolic link to '{real}' (inside the docs directory)"),
        ("out.md", 1, 1, "KB003", f"symbolic link to '{outside.resolve()}' (outside the docs directory)"),
        ("bad.md", 2, 1, "KB001", "file is not valid UTF-8 (byte 0xe9)"),
    ]


# --- check_site: every page, every problem, one order --------------------------------------------


def test_every_problem_of_every_page_is_reported_sorted(make_site):
    site, problems = check.check_config(make_site(BROKEN), workers=1)
    assert formatted(problems) == BROKEN_PROBLEMS
    assert problems == sorted(problems)
    assert site.derived["pages_checked"] == list(site.pages)


def fake_rule(page, site):
    """A page rule that finds one problem on every page, twice, and another on the home page."""
    yield Problem(page.src_uri, 1, 1, "KB402", "first")
    yield Problem(page.src_uri, 1, 1, "KB402", "first")
    if page.src_uri == "index.md":
        yield Problem(page.src_uri, 1, 1, "KB401", "second")


def test_each_rule_runs_on_every_page_and_a_problem_is_reported_once(make_site, monkeypatch):
    config = make_site({"index.md": "# H\n", "about/b.md": "# B\n", "about/a.md": "# A\n"})
    monkeypatch.setattr(check, "PAGE_RULES", (fake_rule,))
    monkeypatch.setattr(check, "SITE_RULES", ())
    _, problems = check.check_config(config, workers=1)
    assert [(p.file, p.code, p.message) for p in problems] == [
        ("about/a.md", "KB402", "first"), ("about/b.md", "KB402", "first"),
        ("index.md", "KB401", "second"), ("index.md", "KB402", "first"),
    ]


def test_site_rules_run_once_each(make_site, monkeypatch):
    calls = []

    def site_rule(site):
        calls.append(len(site.pages))
        yield Problem("index.md", 2, 1, "KB501", "site-wide")

    monkeypatch.setattr(check, "PAGE_RULES", ())
    monkeypatch.setattr(check, "SITE_RULES", (site_rule,))
    site = Site(load_config(make_site({"index.md": "# H\n", "about/a.md": "# A\n"})))
    problems = check.check_site(site, workers=1)
    assert (calls, formatted(problems)) == ([2], ["index.md:2:1: KB501 warning: site-wide"])
    assert site.derived["pages_checked"] == ["about/a.md", "index.md"]


@pytest.fixture
def fork_calls(monkeypatch):
    """The start methods asked of multiprocessing while the test runs (a fork per parallel run)."""
    calls: list[str | None] = []
    real = multiprocessing.get_context

    def spy(method=None):
        calls.append(method)
        return real(method)

    monkeypatch.setattr(multiprocessing, "get_context", spy)
    return calls


def test_parallel_and_serial_runs_report_the_same(make_site, monkeypatch, fork_calls):
    config = make_site(BROKEN)
    serial = check.check_config(config, workers=1)[1]
    assert fork_calls == []
    monkeypatch.setattr(check, "PARALLEL_FROM", 2)
    parallel = check.check_config(config, workers=3)[1]
    assert fork_calls == ["fork"]
    assert parallel == serial and formatted(parallel) == BROKEN_PROBLEMS


def test_parallel_runs_keep_every_page_s_problems(make_site, monkeypatch, fork_calls):
    files = {f"about/p{n:02d}.md": f"# P{n}\n" for n in range(30)}
    monkeypatch.setattr(check, "PAGE_RULES", (fake_rule,))
    monkeypatch.setattr(check, "SITE_RULES", ())
    monkeypatch.setattr(check, "PARALLEL_FROM", 2)
    _, problems = check.check_config(make_site(files), workers=4)
    assert fork_calls == ["fork"]
    assert [p.file for p in problems] == sorted(files)


def test_one_pattern_for_all_names_finds_what_one_per_name_finds(make_site, monkeypatch):
    files = {
        "index.md": "---\ntitle: Home\n---\n# Home\n\nDmitry Rogozin spoke.\n",
        "people/rogozin.md": "---\ntitle: Dmitry Rogozin\naliases: [Rogozin]\n---\n# R\n\nNATO went. About NATO.\n",
        "organisations/nato.md": "---\ntitle: NATO\n---\n# N\n\nWith Rogozin, not [NATO](../index.md).\n",
    }
    config = make_site(files)
    one_by_one = check.check_config(config, workers=1)[1]
    monkeypatch.setattr(check, "MENTION_PATTERN_FROM", 1)
    together = check.check_config(config, workers=1)[1]
    assert together == one_by_one
    assert [p.format(with_hint=False) for p in together if p.code == "KB502"] == [
        "organisations/nato.md:6:6: KB502 warning: 'Dmitry Rogozin' is mentioned but not linked",
        "people/rogozin.md:7:1: KB502 warning: 'NATO' is mentioned but not linked",
    ]  # plain pages (index.md) are not asked to link what they name


# --- check_config ---------------------------------------------------------------------------------

QUOTING = {
    "sources/ivanov-2011.md": (
        "---\ntitle: The article\ndescription: A commentary.\nauthor: A\npublished: '2011'\nkind: commentary\n"
        "licence: all rights reserved\nparagraphs: '1-2'\ntext: article.txt\n---\n# A\n## ¶1 {#p1}\n## ¶2 {#p2}\n"
    ),
    "topics/t.md": (
        "---\ntitle: T\ndescription: A topic.\npositions:\n"
        "  - holder: Some analysts\n    summary: They argue.\n    cite: ivanov-2011#1\n    quote: a shield for Europe\n"
        "  - holder: Others\n    summary: They doubt.\n    cite: ivanov-2011#2\n    quote: no such words\n"
        "---\n# T\n"
    ),
}


def test_quotations_are_verified_only_with_the_source_text(make_site):
    config = make_site(QUOTING)
    article = config.parent / "article.txt"
    article.write_text("The title\nSource: x\nWe want a shield for Europe.\nNobody doubts.\n", encoding="utf-8")
    without_site, without = check.check_config(config, workers=1)
    with_site, found = check.check_config(config, workers=1, source_text=article)
    assert without_site.source_texts is None and [p for p in without if p.code == "KB113"] == []
    texts = {"sources/ivanov-2011.md": {1: "We want a shield for Europe.", 2: "Nobody doubts."}}
    assert with_site.source_texts == texts
    assert [p.format() for p in found if p.code == "KB113"] == [
        "topics/t.md:12:1: KB113 the quotation of position 2 does not occur in ¶2 of 'ivanov-2011' "
        "(copy the words exactly as the source has them, or paraphrase in 'summary')",
    ]


def test_with_the_cache_a_second_run_checks_nothing_and_reports_the_same(make_site):
    config = make_site(BROKEN)
    first_site, first = check.check_config(config, use_cache=True, workers=1)
    again_site, again = check.check_config(config, use_cache=True, workers=1)
    assert (config.parent / ".cache").is_dir()
    assert first_site.derived["pages_checked"] == list(first_site.pages)
    assert again_site.derived["pages_checked"] == []
    assert formatted(again) == formatted(first) == BROKEN_PROBLEMS
