"""kb.timeline: the dated entries of a site (sort keys, entries, grouping by page); the writers
that show them (the Timeline page's table, an entity page's Timeline section) are tested in
test_sections.py.

One group of tests per function.
"""

from __future__ import annotations

import datetime

import pytest

from features_kb import build_context
from kb import timeline
from kb.config import load_config
from kb.site import Site
from timeline_kb import entity
from timeline_kb import make_site as make_dated_site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return make_dated_site(tmp_path_factory)


@pytest.fixture
def build(tmp_path):
    return build_context(tmp_path)


# --- _sort_key ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "key"),
    [
        (datetime.date(2010, 4, 8), "2010-04-08"),  # YAML reads a full date as a date
        ("2010-04-08", "2010-04-08"),
        (2011, "2011-00-00"),  # and a year as a number
        ("2011", "2011-00-00"),
        ("2011-06", "2011-06-00"),  # so that June 2011 sorts before 1 June 2011
        ("2011-06-31", "2011-06-31"),  # impossible dates are the checker's business
        ("2011-6", None),
        ("June 2011", None),
        ("12011", None),
        ("", None),
        (None, None),
    ],
)
def test_sort_key(value, key):
    assert timeline._sort_key(value) == key


# --- entries --------------------------------------------------------------------------------------


def test_entries_are_every_dated_field_in_date_order(site):
    assert [(e.sort_key, e.date, e.text, e.src_uri, tuple(str(c) for c in e.cites))
            for e in timeline.entries(site)] == [
        ("1990-11-19", "19 November 1990", "CFE Treaty signed", "treaties/cfe.md", ()),
        ("2010-04-08", "8 April 2010", "Prague signing", "events/prague.md", ("ivanov-2011#8", "ivanov-2011#9")),
        ("2010-11-20", "20 November 2010 – 21 November 2010", "Lisbon summit", "events/lisbon.md", ()),
        ("2010-12-00", "December 2010", "Ratification debate", "events/ratification.md", ()),
        ("2011-00-00", "2011", "Vague accord signed", "treaties/vague.md", ()),
        ("2011-02-05", "5 February 2011", "New START enters into force", "treaties/new-start.md", ("ivanov-2011#3",)),
        ("2011-06-00", "June 2011", "A June meeting", "events/june.md", ()),
        ("2011-06-01", "1 June 2011", "A first of June meeting", "events/june1.md", ()),
    ]  # New START's signing is told by the Prague event of that day; malformed dates give nothing


def test_an_event_on_another_day_does_not_tell_a_signing(make_site):
    files = {
        "treaties/t.md": entity("T", "signed: 2010-04-08\n"),
        "events/e.md": entity("E", "date: 2010-04-09\nrelations:\n  about: [treaties/t.md]\n"),
        "events/f.md": entity("F", "date: 2010-04-08\n"),  # the same day, but not about the treaty
    }
    found = timeline.entries(Site(load_config(make_site(files))))
    assert [(e.sort_key, e.text) for e in found] == [("2010-04-08", "F"), ("2010-04-08", "T signed"),
                                                     ("2010-04-09", "E")]


def test_entries_of_one_day_sort_by_text(make_site):
    files = {f"events/{name}.md": entity(name, "date: 2010-04-08\n") for name in ("Zeta", "Alpha", "Mid")}
    assert [e.text for e in timeline.entries(Site(load_config(make_site(files))))] == ["Alpha", "Mid", "Zeta"]


def test_a_site_without_dated_pages_has_no_entries(make_site):
    assert timeline.entries(Site(load_config(make_site({"index.md": "# Home\n"})))) == []


def test_timeline_is_in_date_order_and_month_dates_sort_first(build):
    rows = [(e.sort_key, e.text) for e in timeline.entries(build.site)]
    assert rows == [
        ("2007-12-12", "Suspension"),
        ("2010-04-08", "Signing"),  # the treaty's own "signed" entry is told by this event
        ("2011-02-05", "Treaty enters into force"),
        ("2011-06-00", "June meeting"),
    ]


# --- by_page --------------------------------------------------------------------------------------


def test_by_page_groups_entries_keeping_their_order(site):
    grouped = timeline.by_page(timeline.entries(site))
    assert {uri: [e.text for e in found] for uri, found in grouped.items()} == {
        "treaties/cfe.md": ["CFE Treaty signed"],
        "events/prague.md": ["Prague signing"],
        "events/lisbon.md": ["Lisbon summit"],
        "events/ratification.md": ["Ratification debate"],
        "treaties/vague.md": ["Vague accord signed"],
        "treaties/new-start.md": ["New START enters into force"],
        "events/june.md": ["A June meeting"],
        "events/june1.md": ["A first of June meeting"],
    }


def test_by_page_keeps_a_page_s_entries_together():
    first, second, other = (timeline.Entry(k, k, t, uri, ()) for k, t, uri in (
        ("2010-01-01", "a", "treaties/t.md"), ("2011-01-01", "b", "treaties/t.md"), ("2010-06-01", "c", "e.md")))
    assert timeline.by_page([first, other, second]) == {"treaties/t.md": [first, second], "e.md": [other]}
    assert timeline.by_page([]) == {}
