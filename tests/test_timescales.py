from datetime import UTC, date, datetime, time

import pytest

from register import timescales
from tests.conftest import at


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


def test_wall_clock_to_utc_in_summer_and_winter():
    assert timescales.local_instant(date(2026, 7, 1), time(12, 0)) == datetime(2026, 7, 1, 11, 0, tzinfo=UTC)
    assert timescales.local_instant(date(2026, 12, 1), time(12, 0)) == datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_the_hour_lost_when_clocks_go_forward_is_refused():
    with pytest.raises(ValueError, match="clocks went forward"):
        timescales.local_instant(date(2026, 3, 29), time(1, 30))


def test_the_repeated_hour_in_october_reads_as_summer_time():
    assert timescales.local_instant(date(2026, 10, 25), time(1, 30)) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


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
    assert timescales.age_on(born, date(2026, 2, 28)) == 17
    assert timescales.age_on(born, date(2026, 3, 1)) == 18
    assert timescales.birthday(born, 16) == date(2024, 2, 29)


def test_durations_read_naturally():
    assert timescales.show_duration(at("02/01/2026 12:30") - at("01/01/2026 10:00")) == "1 d 2 h"
    assert timescales.show_duration(at("01/01/2026 12:05") - at("01/01/2026 10:00")) == "2 h 05 min"
