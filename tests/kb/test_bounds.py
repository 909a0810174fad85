"""kb.bounds: Markdown the build would take too long to render is reported where it starts, and
every pathological page is checked, and every page the bounds accept rendered, in bounded time.

Golden cases are in tests/cases/safety/bounds.yml; the inputs too large to write there are made
here. The times measured are printed by ``python scripts/bench.py --pathological``, not here.
"""

from __future__ import annotations

import time

import markdown
import pytest
from pathological import FRONT_MATTER, GENERATORS, largest_accepted, page, sized

from helpers import load_cases, run_case
from kb import bounds, markup
from kb.check import check_config
from kb.config import load_config

#: Generous limits, so that a loaded two-core machine does not make the tests flaky: the inputs
#: took minutes (or crashed) before the bounds, and take well under a second each now.
CHECK_SECONDS = 5.0
RENDER_SECONDS = 5.0


@pytest.mark.parametrize("case", [c for c in load_cases("safety") if c.id.startswith("bounds:")])
def test_bounds_cases(case, make_site):
    run_case(case, make_site)


def _found(text: str) -> list[tuple[int, int, str, str]]:
    """(line, column, code, message) of each bound a page exceeds."""
    lines = markup.Lines(text)
    start = len(FRONT_MATTER) if text.startswith(FRONT_MATTER) else 0
    return [(*lines.position(e[0]), e[1], e[2]) for e in bounds.find(text, markup.mask(text, start), start)]


def _codes(text: str) -> list[tuple[int, int, str]]:
    return [(line, col, code) for line, col, code, _ in _found(text)]


def test_issue_heading_of_20000_brackets_is_reported_fast(make_site):
    text = page("Intro.\n\n# " + "[" * 20_000 + "]" * 20_000 + "\n")
    config = make_site({"index.md": text})
    started = time.perf_counter()
    _, problems = check_config(config)
    elapsed = time.perf_counter() - started
    found = [p.format(with_hint=False) for p in problems if p.code.startswith("KB30")]
    assert found == [
        "index.md:6:1: KB304 line of 40,002 characters; lines may be at most 10,000",
        "index.md:6:3: KB304 too many nested or unclosed '[' or link '(' in this paragraph: the build would rescan "
        "the rest of it from each, too long to render",
        "index.md:6:35: KB304 brackets nested more than 32 deep: the build would take too long to render them",
    ]
    assert elapsed < CHECK_SECONDS


@pytest.mark.parametrize(
    ("limit", "make", "where", "code"),
    [
        (bounds.MAX_LINE, lambda n: "x" * n + "\n", (4, 1), "KB304"),
        (bounds.MAX_HEADINGS, lambda n: "".join(f"# h *{i}*\n\n" for i in range(n)),
         (4 + 2 * bounds.MAX_HEADINGS, 1), "KB304"),
        (bounds.MAX_FOOTNOTES, lambda n: "x[^a] " * (n - 1) + "\n\n[^a]: y\n", (6, 1), "KB304"),
        (bounds.MAX_ABBREVIATIONS, lambda n: "".join(f"*[A{i}]: x\n" for i in range(n)),
         (4 + bounds.MAX_ABBREVIATIONS, 1), "KB304"),
        (bounds.MAX_MARKDOWN_IN_HTML, lambda n: '<div markdown="1">\n\nx\n\n</div>\n\n' * n,
         (4 + 6 * bounds.MAX_MARKDOWN_IN_HTML, 1), "KB304"),
        (bounds.MAX_HIGHLIGHTED, lambda n: "```\nx\n```\n\n" * (n // 2) + "`#!python x`\n" * (n % 2 + n // 2),
         (4 + 4 * (bounds.MAX_HIGHLIGHTED // 2) + bounds.MAX_HIGHLIGHTED // 2, 1), "KB304"),
    ],
    ids=["line length", "headings", "footnotes", "abbreviations", "markdown attributes", "highlights"],
)
def test_counted_bounds_just_under_pass_and_just_over_are_reported(limit, make, where, code):
    assert _codes(page(make(limit))) == []
    assert _codes(page(make(limit + 1))) == [(*where, code)]


def test_page_size_is_reported_at_the_line_where_the_limit_falls():
    paragraph = "A sentence of ordinary prose, neither long nor strange.\n\n"
    under = page(paragraph * ((bounds.MAX_PAGE_BYTES - len(FRONT_MATTER)) // len(paragraph)))
    assert len(under.encode()) <= bounds.MAX_PAGE_BYTES
    assert _codes(under) == []
    over = under + paragraph
    ((line, col, code, message),) = _found(over)
    assert (code, col) == ("KB305", 1)
    assert line == markup.Lines(over).position(bounds.MAX_PAGE_BYTES)[0]
    assert message.startswith(f"page has {len(over.encode()):,} bytes, more than the 64 KiB")


def test_bracket_work_counts_unclosed_link_urls():
    # Each '[](' whose ')' never comes makes Python-Markdown rescan the rest of the paragraph.
    small = page("[](" * 500 + "\n")
    assert _codes(small) == []
    large = page("Intro.\n\n" + "[](" * 3000 + "\n")
    assert _codes(large) == [(6, 1, "KB304")]


def test_tags_left_open_in_code_still_count_for_the_parsers():
    # Code masks the '>' of each tag for the checker's parser: counted on the masked text too.
    text = page("<b `>` " * 17 + "\n")
    assert _codes(text) == [(4, 113, "KB304")]


def test_a_page_over_a_bound_is_neither_rendered_nor_parsed(make_site):
    body = "# Deep *heading* " + "[" * 40 + "]" * 40 + "\n\n<script>alert(1)</script>\n"
    config = make_site({"index.md": page(body)})
    _, problems = check_config(config)
    codes = {p.code for p in problems}
    assert "KB304" in codes  # the page is refused; its HTML is not parsed (KB301 is not reported)
    assert "KB301" not in codes


@pytest.mark.parametrize("name", list(GENERATORS))
def test_a_megabyte_of_pathological_markdown_is_checked_fast(name, make_site):
    config = make_site({"index.md": sized(GENERATORS[name], 1 << 20)})
    started = time.perf_counter()
    _, problems = check_config(config)
    elapsed = time.perf_counter() - started
    assert "KB305" in {p.code for p in problems}
    assert elapsed < CHECK_SECONDS, f"{name}: {elapsed:.1f} s"


@pytest.fixture(scope="module")
def render():
    from helpers import ROOT

    config = load_config(ROOT / "mkdocs.yml")
    extensions = dict(config.markdown_extensions)
    extensions.pop("pymdownx.snippets", None)

    def convert(text: str) -> str:
        return markdown.Markdown(extensions=list(extensions), extension_configs=extensions).convert(text)

    return convert


@pytest.mark.parametrize("name", list(GENERATORS))
def test_the_largest_accepted_page_renders_fast(name, render):
    text = largest_accepted(GENERATORS[name], bounds.MAX_PAGE_BYTES)
    assert _codes(text) == []
    started = time.perf_counter()
    render(text)
    elapsed = time.perf_counter() - started
    assert elapsed < RENDER_SECONDS, f"{name}: {len(text):,} characters took {elapsed:.1f} s"
