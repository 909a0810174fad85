"""kb.dates: front-matter dates as readers read them."""

import datetime

import pytest

from kb.dates import format_date


@pytest.mark.parametrize(
    ("value", "text"),
    [(datetime.date(2010, 11, 20), "20 November 2010"), ("2011-06", "June 2011"), (2007, "2007"),
     ("early 2011", "early 2011"), ("1963-13-01", "1963-13-01"), ("2011-02", "February 2011")],
)
def test_format_date(value, text):
    assert format_date(value) == text
