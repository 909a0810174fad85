"""kb.problems: every code is declared once with a severity and a summary (the codes page lists
them: test_docs.py), and a problem is printed, annotated and serialised safely."""

import ast
import inspect
import json
import re

import pytest

from kb import problems
from kb.problems import CODES, Problem, Severity, display_path, printable, to_json

# --- CODES ----------------------------------------------------------------------------------------


def declared_codes() -> list[str]:
    """The codes given, in source order, to the `Code(...)` entries of `CODES`: a code declared
    twice is listed twice here, where the dict keeps one of them."""
    for node in ast.parse(inspect.getsource(problems)).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "CODES":
            assert isinstance(node.value, ast.DictComp), "CODES is no longer a dict comprehension"
            calls = node.value.generators[0].iter
            assert isinstance(calls, ast.Tuple), "CODES is no longer built from a tuple"
            assert all(isinstance(c, ast.Call) and ast.unparse(c.func) == "Code" for c in calls.elts)
            return [ast.literal_eval(c.args[0]) for c in calls.elts]
    raise AssertionError("problems.py declares no CODES")


def test_every_code_is_declared_once_in_order():
    codes = declared_codes()
    assert sorted({c for c in codes if codes.count(c) > 1}) == []
    assert codes == list(CODES) == sorted(CODES)  # the codes page lists them in this order


@pytest.mark.parametrize("code", CODES.values(), ids=list(CODES))
def test_every_code_has_a_number_a_severity_and_a_summary(code):
    assert re.fullmatch(r"KB[0-5]\d\d", code.code)
    assert CODES[code.code] is code
    # Warnings are the editorial KB5xx codes; what stops every build is an error.
    assert (code.severity is Severity.WARNING) == code.code.startswith("KB5")
    assert not (code.stops_build and code.severity is Severity.WARNING)
    assert code.stops_build == (code.security or code.unbuildable)
    assert code.summary[0].isupper() and not code.summary.endswith(".") and "\n" not in code.summary


def test_the_codes_that_stop_every_build():
    assert [c for c, code in CODES.items() if code.unbuildable] == ["KB008", "KB212"]
    assert {"KB003", "KB006", "KB009", "KB301"} <= {c for c, code in CODES.items() if code.security}


# --- Problem --------------------------------------------------------------------------------------

LINK = Problem("people/a.md", 3, 5, "KB201", "link target 'x\x1b[31m' does not exist", "did you mean 'y'?")
ORPHAN = Problem("../includes/x.md", 1, 2, "KB501", "orphan\nforged line")


def test_a_problem_takes_its_severity_from_its_code():
    assert LINK.severity is Severity.ERROR and ORPHAN.severity is Severity.WARNING
    assert str(Severity.ERROR) == "error" and str(Severity.WARNING) == "warning"
    assert Problem("a.md", 1, 1, "KB003", "m").security and not LINK.security
    assert Problem("a.md", 1, 1, "KB008", "m").stops_build and not LINK.stops_build


def test_format_prints_place_code_message_and_hint_with_controls_escaped():
    assert LINK.format() == "people/a.md:3:5: KB201 link target 'x\\x1b[31m' does not exist (did you mean 'y'?)"
    assert LINK.format("docs/", with_hint=False) == (
        "docs/people/a.md:3:5: KB201 link target 'x\\x1b[31m' does not exist")
    assert ORPHAN.format() == "../includes/x.md:1:2: KB501 warning: orphan\\nforged line"
    assert ORPHAN.format("docs/") == "includes/x.md:1:2: KB501 warning: orphan\\nforged line"


def test_problems_sort_by_file_line_and_column():
    places = [("b.md", 1, 1), ("a.md", 2, 1), ("a.md", 1, 9)]
    found = sorted(Problem(file, line, col, "KB201", "m") for file, line, col in places)
    assert [(p.file, p.line, p.col) for p in found] == [("a.md", 1, 9), ("a.md", 2, 1), ("b.md", 1, 1)]


def test_github_annotation_escapes_the_message_and_the_file():
    assert ORPHAN.github_annotation("docs/") == "::warning file=includes/x.md,line=1,col=2::KB501 orphan%0Aforged line"
    assert Problem("a:b,c.md", 1, 1, "KB201", "50% done\r\nnext", "h").github_annotation() == (
        "::error file=a%3Ab%2Cc.md,line=1,col=1::KB201 50%25 done%0D%0Anext (h)")


def test_to_json_is_a_list_of_records_with_the_severity():
    assert json.loads(to_json([LINK, ORPHAN])) == [
        {"file": "people/a.md", "line": 3, "col": 5, "code": "KB201",
         "message": "link target 'x\x1b[31m' does not exist", "hint": "did you mean 'y'?", "severity": "error"},
        {"file": "../includes/x.md", "line": 1, "col": 2, "code": "KB501", "message": "orphan\nforged line",
         "hint": "", "severity": "warning"},
    ]
    assert to_json([]) == "[]"


# --- display_path and printable -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "file", "shown"),
    [
        ("", "a.md", "a.md"),
        ("docs/", "people/a.md", "docs/people/a.md"),
        ("", "../includes/x.md", "../includes/x.md"),
        ("docs/", "../includes/x.md", "includes/x.md"),  # an include, from the project root
        ("site/docs/", "../includes/x.md", "site/includes/x.md"),
    ],
)
def test_display_path(prefix, file, shown):
    assert display_path(prefix, file) == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain – text ¶", "plain – text ¶"),
        ("line\nbreak\rreturn\ttab", "line\\nbreak\\rreturn\\ttab"),
        ("\x1b[2J\x00\x7f\x9b", "\\x1b[2J\\x00\\x7f\\x9b"),
        ("a\u2028b\u2029c", "a\\u2028b\\u2029c"),  # line and paragraph separators
        ("\u202eevil\u2066x\u2069", "\\u202eevil\\u2066x\\u2069"),  # bidirectional overrides
    ],
)
def test_printable(text, shown):
    assert printable(text) == shown
