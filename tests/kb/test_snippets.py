"""kb.snippets: inclusions found as pymdownx.snippets finds them, and the real site's settings
(the rules on include files and inclusions are tested in test_inclusions.py)."""

from __future__ import annotations

import time

from kb.snippets import UNCLOSED, Inclusion, find
from real_snippets import REAL


def test_real_settings_are_the_ones_the_cases_use():
    assert REAL == {"base_path": ["includes"], "restrict_base_path": True, "check_paths": True,
                    "auto_append": ["abbreviations.md"]}


# --- Finding inclusions -------------------------------------------------------------------------


def test_find_every_notation_with_the_offset_of_the_path():
    text = (
        '--8<-- "a.md"\n'          # 0
        "  -8<- 'b.md:3:5'\n"       # 14
        ';--8<-- "escaped.md"\n'    # 32
        "--8<--\n"                  # 53
        "c.md:sec\n"                # 60
        ";commented.md\n"           # 69
        '--8<-- "dropped-in-block.md"\n'
        "\n"
        "--8<--\n"
        '--8<-- "d.md" trailing\n'  # not a marker: text after the quote
    )
    found = find(text)
    assert found == [Inclusion(8, "a.md"), Inclusion(22, "b.md:3:5"), Inclusion(60, "c.md:sec")]
    assert [text[i:i + len(spec)] for i, spec in found] == ["a.md", "b.md:3:5", "c.md:sec"]


def test_find_skips_front_matter_and_costs_nothing_without_a_marker():
    text = '---\ntitle: x\nnote: --8<-- "a.md"\n---\n--8<-- "b.md"\n'
    assert find(text, text.index("--8<-- \"b")) == [Inclusion(text.index("b.md"), "b.md")]
    assert find("plain text\n" * 10) == []


def test_find_reports_an_unclosed_block_once_at_its_marker():
    text = "Text\n--8<--\nnot a file\nnor this\n"
    assert find(text) == [Inclusion(5, UNCLOSED)]


def test_find_is_linear():
    text = '--8<-- "a.md"\n' * 50_000 + "--8<--\n" + "x\n" * 50_000 + "--8<--\n"
    started = time.perf_counter()
    assert len(find(text)) == 100_000
    assert time.perf_counter() - started < 1.0
