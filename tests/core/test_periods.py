"""Quarters of the authority's financial year (Q1 is April to June), and periods not yet over."""

from datetime import date, datetime, timedelta

import pytest

from register.core import periods
from tests.helpers.values import at


def test_a_quarter_is_named_by_its_financial_year_and_shown_with_its_months():
    q2 = periods.quarter("2026-27-Q2")
    assert (q2.first, q2.last) == (date(2026, 7, 1), date(2026, 9, 30))
    assert q2.key == "2026-27-Q2" and q2.label == "Q2 2026-27 (July to September 2026)"
    assert q2.short == "Q2 2026-27 (Jul-Sep 2026)"
    q4 = periods.quarter("2026-27-Q4")
    assert (q4.first, q4.last, q4.label) == (date(2027, 1, 1), date(2027, 3, 31), "Q4 2026-27 (January to March 2027)")
    assert q4.previous().key == "2026-27-Q3" and periods.quarter("2026-27-Q1").previous().key == "2025-26-Q4"
    assert periods.quarter("1999-00-Q1").first == date(1999, 4, 1)


def test_the_day_a_quarter_begins_and_the_day_before():
    assert periods.quarter_of(date(2026, 3, 31)).key == "2025-26-Q4"
    assert periods.quarter_of(date(2026, 4, 1)).key == "2026-27-Q1"
    assert periods.quarter_of(date(2026, 12, 31)).key == "2026-27-Q3"
    assert periods.quarter_of(date(2027, 1, 1)).key == "2026-27-Q4"


def test_the_old_form_is_read_as_the_calendar_quarter_it_meant_with_a_note():
    assert periods.quarter("2026-Q2") == periods.quarter("2026-27-Q1")  # April to June 2026
    assert periods.quarter("2026-Q1") == periods.quarter("2025-26-Q4")  # January to March 2026
    assert periods.old_form("2026-Q2").startswith("Note: “2026-Q2” is the old way of writing a quarter")
    assert "this one is 2026-27-Q1, Q1 2026-27 (April to June 2026)" in periods.old_form("2026-Q2")
    assert periods.old_form("2026-27-Q1") == ""


@pytest.mark.parametrize("typed", ["2026-28-Q1", "2026-27-Q5", "Q2 2026"])
def test_a_quarter_that_cannot_be_read_says_how_to_write_it(typed):
    with pytest.raises(ValueError, match="for example 2026-27-Q2 for July to September 2026"):
        periods.quarter(typed)


def test_a_period_is_provisional_until_the_midnight_after_its_last_day_in_england():
    q2 = periods.quarter("2026-27-Q2")
    end = at("01/10/2026 00:00")  # BST: 23:00 UTC on 30 September
    assert q2.ends_at() == end
    assert q2.provisional(end - timedelta(seconds=1)) == "provisional: figures to 30/09/2026"
    assert q2.provisional(end) == ""
    assert q2.provisional(at("15/08/2026 10:00")) == "provisional: figures to 15/08/2026"
    assert isinstance(end, datetime)
