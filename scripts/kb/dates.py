"""Dates as front matter gives them (a date, a year, a year and month) and as readers read them."""

from __future__ import annotations

import datetime
import re
from typing import Any

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def format_date(value: Any) -> str:
    """A front-matter date for readers.

    >>> format_date(datetime.date(2010, 4, 8)), format_date("2011-06"), format_date(2007), format_date("1963-13-01")
    ('8 April 2010', 'June 2011', '2007', '1963-13-01')
    """
    if isinstance(value, datetime.date):
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    text = str(value)
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if not m:
        return text
    year, month, day = m.group(1), int(m.group(2)), m.group(3)
    if not 1 <= month <= 12:
        return text  # an impossible date (the checker reports it): shown as written
    return f"{int(day)} {_MONTHS[month - 1]} {year}" if day else f"{_MONTHS[month - 1]} {year}"
