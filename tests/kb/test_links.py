"""kb.links: golden cases in tests/cases/links/."""

import pytest
from helpers import load_cases, run_case


@pytest.mark.parametrize("case", load_cases("links"))
def test_links(case, make_site):
    run_case(case, make_site)
