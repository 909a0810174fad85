"""kb.safety: golden cases in tests/cases/safety/, and the scheme rule."""

import pytest

from helpers import load_cases, run_case
from kb.safety import unsafe_scheme


@pytest.mark.parametrize("case", load_cases("safety"))
def test_safety(case, make_site):
    run_case(case, make_site)


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:alert(1)", "javascript:"),
        ("  JAVASCRIPT:x", "javascript:"),
        ("java\nscript:x", "javascript:"),
        ("&#x6A;avascript:x", "javascript:"),
        ("java\x00script:x", "javascript:"),
        ("data:text/html,<b>", "data:"),
        ("VBScript:x", "vbscript:"),
        ("https://example.org/javascript:x", None),
        ("people/data.md", None),
        ("#javascript", None),
    ],
)
def test_unsafe_scheme(url, scheme):
    assert unsafe_scheme(url) == scheme
