from datetime import UTC, date, datetime, time, timedelta

import pytest

from register.core import timescales
from register.core.sqlite import sqlite3
from tests.helpers.values import at


def test_dates_typed_either_way():
    assert timescales.parse_date("29/02/2024") == date(2024, 2, 29)
    assert timescales.parse_date("2024-02-29") == date(2024, 2, 29)
    assert timescales.parse_date(" 1/3/2025 ") == date(2025, 3, 1)


@pytest.mark.parametrize("text", ["29/02/2025", "31/04/2026", "2026-13-01", "yesterday", ""])
def test_impossible_dates_are_refused_in_words(text):
    with pytest.raises(ValueError, match="date"):
        timescales.parse_date(text)


@pytest.mark.parametrize("text", ["24:00", "12:60", "noon", "7"])
def test_impossible_times_are_refused(text):
    with pytest.raises(ValueError, match="HH:MM"):
        timescales.parse_time(text)


def test_stored_dates_and_instants_read_and_write_with_nothing_recorded_passing_through():
    # 01:30 on the night the clocks go back in England is 00:30 UTC, and is stored as UTC.
    first_of_the_repeated_hour = at("25/10/2026 01:30 BST")
    assert timescales.instant_to_text(first_of_the_repeated_hour) == "2026-10-25T00:30:00Z"
    assert timescales.instant_from_text("2026-10-25T00:30:00Z") == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert timescales.instant_from_text("2026-10-25T00:30:00Z").tzinfo is UTC
    assert timescales.date_to_text(date(2024, 2, 29)) == "2024-02-29"
    assert timescales.date_from_text("2024-02-29") == date(2024, 2, 29)
    assert timescales.instant_to_text(None) is None
    assert timescales.instant_from_text(None) is None
    assert timescales.date_to_text(None) is None
    assert timescales.date_from_text(None) is None
    with pytest.raises(ValueError, match="time zone"):
        timescales.instant_to_text(datetime(2026, 10, 25, 1, 30))
    with pytest.raises(ValueError):
        timescales.date_from_text("25/10/2026")


def test_wall_clock_to_utc_in_summer_and_winter():
    assert timescales.local_instant(date(2026, 7, 1), time(12, 0)) == datetime(2026, 7, 1, 11, 0, tzinfo=UTC)
    assert timescales.local_instant(date(2026, 12, 1), time(12, 0)) == datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


# Worked by hand: on Sunday 29 March 2026 England's clocks went from 01:00 GMT (01:00 UTC) to 02:00 BST,
# so 00:59 is 00:59 UTC, 01:00-01:59 never happened, and 02:00 is 01:00 UTC.
def test_the_hour_lost_when_clocks_go_forward_is_refused_at_its_edges():
    spring = date(2026, 3, 29)
    assert timescales.local_instant(spring, time(0, 59)) == datetime(2026, 3, 29, 0, 59, tzinfo=UTC)
    for lost in (time(1, 0), time(1, 30), time(1, 59)):
        with pytest.raises(ValueError, match=r"did not happen in England: the clocks went forward from 01:00 to 02:00"):
            timescales.local_instant(spring, lost)
    assert timescales.local_instant(spring, time(2, 0)) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)


# Worked by hand: on Sunday 25 October 2026 the clocks went from 02:00 BST (01:00 UTC) back to 01:00 GMT, so
# 00:59 is only 23:59 UTC the day before, 01:00-01:59 happened first in BST (00:00-00:59 UTC) and again in
# GMT (01:00-01:59 UTC), and 02:00 is only 02:00 UTC.
def test_the_repeated_hour_in_october_is_asked_for_and_either_can_be_said():
    autumn = date(2026, 10, 25)
    assert timescales.local_instant(autumn, time(0, 59)) == datetime(2026, 10, 24, 23, 59, tzinfo=UTC)
    for minute, first in ((time(1, 0), datetime(2026, 10, 25, 0, 0, tzinfo=UTC)), (time(1, 59), None)):
        with pytest.raises(timescales.RepeatedTime, match="happened twice") as caught:
            timescales.local_instant(autumn, minute)
        if first:
            assert caught.value.first == first and caught.value.second == datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
    assert timescales.local_instant(autumn, time(1, 59), "BST") == datetime(2026, 10, 25, 0, 59, tzinfo=UTC)
    assert timescales.local_instant(autumn, time(1, 0), "GMT") == datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
    assert timescales.local_instant(autumn, time(2, 0)) == datetime(2026, 10, 25, 2, 0, tzinfo=UTC)
    assert (
        timescales.zone_of(at("25/10/2026 01:30 BST")) == "BST"
        and timescales.zone_of(at("25/10/2026 01:30 GMT")) == "GMT"
    )
    assert timescales.show_instant(at("25/10/2026 01:30 GMT")) == "25/10/2026 01:30 GMT"
    assert timescales.show_instant(at("25/10/2026 02:00")) == "25/10/2026 02:00"


def test_times_with_seconds_as_spreadsheets_write_them():
    assert timescales.parse_time("9:05:00") == time(9, 5) and timescales.parse_time("23:59:59") == time(23, 59, 59)


def test_stored_text_round_trips():
    instant = at("29/03/2026 00:30")
    assert timescales.to_text(instant) == "2026-03-29T00:30:00Z"
    assert timescales.from_text("2026-03-29T00:30:00Z") == instant


def test_interview_due_72_elapsed_hours_across_spring_clock_change():
    returned = at("28/03/2026 10:00")  # GMT
    due = timescales.interview_due_at(returned)
    # 72 real hours later the wall clock has moved an hour forward.
    assert timescales.show_instant(due) == "31/03/2026 11:00"


def test_interview_due_72_elapsed_hours_across_autumn_clock_change():
    returned = at("24/10/2026 10:00")  # BST
    assert timescales.show_instant(timescales.interview_due_at(returned)) == "27/10/2026 09:00"


def test_interview_due_across_midnight_and_leap_day():
    assert timescales.show_instant(timescales.interview_due_at(at("27/02/2024 23:59"))) == "01/03/2024 23:59"
    assert timescales.show_instant(timescales.interview_due_at(at("27/02/2026 23:59"))) == "02/03/2026 23:59"


def test_leap_day_birthdays_fall_on_first_of_march():
    born = date(2008, 2, 29)
    assert timescales.birthday(born, 18) == date(2026, 3, 1)
    assert timescales.birthday(born, 16) == date(2024, 2, 29)


def test_durations_read_naturally():
    assert timescales.show_duration(at("02/01/2026 12:30") - at("01/01/2026 10:00")) == "1 d 2 h"
    assert timescales.show_duration(at("01/01/2026 12:05") - at("01/01/2026 10:00")) == "2 h 05 min"


# ---- working days -------------------------------------------------------------


@pytest.mark.parametrize(
    ("notified", "due", "why"),
    [
        (date(2026, 3, 30), date(2026, 4, 10), "Good Friday 3/4 and Easter Monday 6/4 are not working days"),
        (date(2026, 12, 21), date(2027, 1, 4), "25/12, Boxing Day's substitute 28/12 and 1/1 skipped"),
        (date(2021, 12, 23), date(2022, 1, 6), "Christmas 2021 fell at a weekend: 27/12, 28/12 and 3/1 substitute"),
        (date(2022, 9, 14), date(2022, 9, 26), "the Queen's state funeral, 19/9/2022"),
        (date(2023, 5, 3), date(2023, 5, 15), "the coronation bank holiday 8/5/2023 (and 1/5 before)"),
        (date(2026, 11, 27), date(2026, 12, 8), "a Friday: two weekends"),
    ],
)
def test_seven_working_days(notified, due, why):
    assert timescales.add_working_days(notified, 7) == due, why


def test_working_day_basics():
    assert not timescales.is_working_day(date(2026, 12, 25))
    assert not timescales.is_working_day(date(2026, 4, 3))  # Good Friday
    assert not timescales.is_working_day(date(2026, 11, 28))  # Saturday
    assert timescales.is_working_day(date(2026, 11, 27))


# ---- school days --------------------------------------------------------------

CALENDAR = timescales.SchoolCalendar(
    terms=((date(2026, 9, 3), date(2026, 10, 23)), (date(2026, 11, 2), date(2026, 12, 18))),
    closures=frozenset({date(2026, 11, 2)}),  # a training day
)


def test_school_days_at_term_edges():
    assert CALENDAR.school_days(date(2026, 9, 1), date(2026, 9, 4)) == 2  # term starts Thursday 3rd
    assert CALENDAR.school_days(date(2026, 10, 19), date(2026, 11, 3)) == 6  # half term and training day skipped
    assert CALENDAR.school_days(date(2026, 12, 14), date(2027, 1, 8)) == 5  # term ends Friday 18th
    assert not CALENDAR.any_school_day(date(2026, 10, 24), date(2026, 11, 2))  # half term, then training day
    assert CALENDAR.any_school_day(date(2026, 10, 24), date(2026, 11, 3))


def test_ten_and_twenty_school_days():
    assert CALENDAR.school_days(date(2026, 9, 3), date(2026, 9, 16)) == 10
    assert CALENDAR.school_days(date(2026, 9, 3), date(2026, 9, 30)) == 20


def test_bank_holiday_in_term_is_not_a_school_day():
    calendar = timescales.SchoolCalendar(terms=((date(2027, 4, 19), date(2027, 5, 28)),))
    assert date(2027, 5, 3) not in calendar.days  # early May bank holiday
    assert calendar.school_days(date(2027, 5, 3), date(2027, 5, 7)) == 4


# ---- compulsory school age ------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "begins", "ends"),
    [
        (date(2020, 1, 15), date(2025, 3, 31), date(2036, 6, 27)),
        (date(2020, 3, 31), date(2025, 3, 31), date(2036, 6, 27)),  # fifth birthday on a prescribed day
        (date(2020, 9, 1), date(2025, 12, 31), date(2037, 6, 26)),  # turns 16 in September: the next June
        (date(2020, 7, 10), date(2025, 8, 31), date(2036, 6, 27)),  # turns 16 in July: leaves that June
        (date(2012, 2, 29), date(2017, 3, 31), date(2028, 6, 30)),  # leap day
    ],
)
def test_compulsory_school_age(born, begins, ends):
    assert timescales.compulsory_school_age(born) == (begins, ends)


SECOND = timedelta(seconds=1)


def test_a_deadline_is_met_at_its_very_instant_and_missed_a_second_later():
    due = timescales.interview_due_at(at("27/03/2026 12:00"))  # GMT; 72 h on is 13:00 BST on 30/03
    assert timescales.show_instant(due) == "30/03/2026 13:00"
    assert [timescales.in_time(due + step, due) for step in (-SECOND, timedelta(0), SECOND)] == [True, True, False]
    assert [timescales.overdue(due, due + step) for step in (-SECOND, timedelta(0), SECOND)] == [False, False, True]


def test_a_due_day_is_met_on_the_day_itself_and_missed_the_day_after():
    due = date(2024, 2, 29)
    days = (date(2024, 2, 28), due, date(2024, 3, 1))
    assert [timescales.in_time(day, due) for day in days] == [True, True, False]
    assert [timescales.overdue(due, day) for day in days] == [False, False, True]


@pytest.mark.parametrize(
    "earlier, later_at_the_edge",
    [
        # 90 days of 24 hours: the clocks go back on 25/10/2026, so the wall clock shows an hour earlier.
        ("28/08/2026 12:00", "26/11/2026 11:00"),
        # The clocks go forward on 26/03/2028, and 2028 has 29 February: an hour later on the wall clock.
        ("01/01/2028 12:00", "31/03/2028 13:00"),
        # Neither: the same wall-clock time 90 days on.
        ("01/05/2026 12:00", "30/07/2026 12:00"),
    ],
)
def test_a_window_of_90_days_holds_its_last_second_and_not_the_next(earlier, later_at_the_edge):
    span, first, edge = timedelta(days=90), at(earlier), at(later_at_the_edge)
    assert edge - first == timedelta(hours=90 * 24)
    assert [timescales.within(first, edge + step, span) for step in (-SECOND, timedelta(0), SECOND)] == [
        True,
        True,
        False,
    ]


def test_sql_gives_the_python_answer_at_every_edge():
    """The SQL forms and the Python rules, side by side at and around each edge."""
    db = sqlite3.connect(":memory:")

    def sql(expression: str, **values: str) -> bool:
        return bool(db.execute(f"SELECT {expression}", values).fetchone()[0])

    due = timescales.interview_due_at(at("23/10/2026 12:00"))  # 11:00 GMT on 26/10, over the autumn change
    for now in (due - SECOND, due, due + SECOND):
        stored = {"now": timescales.to_text(now), "due": timescales.to_text(due)}
        assert sql(timescales.in_time_sql(":now", ":due"), **stored) == timescales.in_time(now, due)
        assert sql(timescales.overdue_sql(":due", ":now"), **stored) == timescales.overdue(due, now)
    for day in (date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1)):
        stored = {"day": day.isoformat(), "due": "2024-02-29"}
        assert sql(timescales.in_time_sql(":day", ":due"), **stored) == timescales.in_time(day, date(2024, 2, 29))
        assert sql(timescales.overdue_sql(":due", ":day"), **stored) == timescales.overdue(date(2024, 2, 29), day)
    span, first = timedelta(days=90), at("01/01/2028 12:00")
    for later in (at("31/03/2028 13:00") + step for step in (-SECOND, timedelta(0), SECOND)):
        stored = {"earlier": timescales.to_text(first), "later": timescales.to_text(later)}
        assert sql(timescales.within_sql(":earlier", ":later", span), **stored) == timescales.within(first, later, span)
    with pytest.raises(ValueError, match="whole seconds"):
        timescales.within_sql(":earlier", ":later", timedelta(milliseconds=1500))
