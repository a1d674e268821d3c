from datetime import date

import pytest

from register import fostering, people
from register.board import summary as measures
from register.core import periods, timescales
from register.core.clock import frozen_at
from register.fostering.records import Arrangement, Visit
from tests.helpers.values import at, refused


@pytest.fixture
def student(register):
    return people.save_child(register, people.Child("Chiamaka", "Okafor", date(2011, 4, 2), "F", ethnicity="BAFR"))


def notify(register, child, notified_on=date(2026, 11, 2), **extra):
    values = {
        "notified_by": "carer",
        "notice": "notified",
        "intended_start_on": date(2026, 11, 20),
        "carer_name": "Grace Adeyemi",
        "carer_relationship": "family_friend",
        "purpose": "education",
        **extra,
    }
    return fostering.save_arrangement(register, Arrangement(child.id, notified_on, **values))


def test_notice_is_worked_out_from_the_dates(register, student):
    assert notify(register, student, date(2026, 10, 9), intended_start_on=date(2026, 11, 20)).notice == "advance"
    other = people.save_child(register, people.Child("Ana", "Stoica", date(2012, 1, 1), "F"))
    assert notify(register, other, date(2026, 10, 10), intended_start_on=date(2026, 11, 20)).notice == "late"
    assert fostering.notice_given(date(2026, 11, 2), date(2026, 11, 1), "emergency") == "emergency"


def test_close_relatives_are_not_private_foster_carers(register, student):
    problems = refused(notify, register, student, carer_relationship="aunt_uncle")
    assert "close relative is not private fostering" in problems["carer_relationship"]
    assert register.db["pf_arrangements"].count == 0
    assert notify(register, student, carer_relationship="great_aunt_uncle").id


def test_short_arrangements_are_not_private_fostering(register, student):
    assert "under 28 days" in refused(notify, register, student, intended_duration_days=27)["intended_duration_days"]
    assert notify(register, student, intended_duration_days=28).id


def test_age_limit_16_or_18_if_disabled_on_a_leap_day_birthday(register):
    # A leapling's 16th birthday falls in a leap year: 29 February 2028.
    leapling = people.save_child(register, people.Child("Noor", "Haddad", date(2012, 2, 29), "F"))
    problems = refused(notify, register, leapling, date(2026, 11, 2), intended_start_on=date(2028, 2, 29))
    assert "16 or over on 29/02/2028" in problems["started_on"]
    assert notify(register, leapling, date(2026, 11, 2), intended_start_on=date(2028, 2, 28)).id
    # A disabled leapling's 18th falls in a common year: on 1 March.
    other = people.save_child(register, people.Child("Sami", "Haddad", date(2008, 2, 29), "M"))
    problems = refused(notify, register, other, date(2026, 2, 1), intended_start_on=date(2026, 3, 1), disabled=True)
    assert "18 or over on 01/03/2026" in problems["started_on"]
    years, limit = fostering.age_limit(other, disabled=True)
    assert (years, limit) == (18, date(2026, 3, 1))


def test_initial_visit_due_in_7_working_days_from_sql_and_python_alike(register, student):
    arrangement = notify(register, student, date(2026, 11, 27))  # a Friday
    assert fostering.initial_visit_due(date(2026, 11, 27)) == date(2026, 12, 8)
    due = fostering.next_visits(register)[0]
    assert (due.kind, due.due_on) == ("initial", date(2026, 12, 8))
    # The SQL calendar and the Python rule agree on every day of 2022 to 2027.
    day = date(2022, 1, 1)
    while day < date(2027, 12, 31):
        sql = register.db.execute(
            "SELECT after.day FROM calendar_days after WHERE after.working = 1 AND after.working_day_number = "
            "(SELECT working_day_number FROM calendar_days WHERE day = ?) + 7",
            [day.isoformat()],
        ).fetchone()[0]
        assert sql == fostering.initial_visit_due(day).isoformat(), day
        day = date.fromordinal(day.toordinal() + 1)
    assert arrangement.aware_on == date(2026, 11, 27)


def test_a_visit_due_on_a_bank_holiday_weekend(register, student):
    # Notified Thursday 20 August 2026: the Monday 31 August bank holiday is skipped.
    with frozen_at(at("01/09/2026 12:00")):
        arrangement = notify(register, student, date(2026, 8, 20), intended_start_on=date(2026, 8, 20))
        assert fostering.next_visits(register)[0].due_on == date(2026, 9, 1)
        fostering.save_visit(register, Visit(arrangement.id, date(2026, 9, 1), "initial", "Ruth Okoye"))
    schedule = fostering.visit_schedule(register, arrangement.id)
    assert list(schedule.values()) == [(date(2026, 9, 1), True)]


def test_six_then_twelve_weeks_across_the_first_anniversary(register, student):
    arrangement = notify(register, student, date(2025, 9, 1), intended_start_on=date(2025, 9, 1))
    visits = [
        (date(2025, 9, 5), "initial"),
        (date(2025, 10, 17), "statutory"),
        (date(2026, 7, 31), "statutory"),
        (date(2026, 9, 4), "statutory"),
        (date(2026, 11, 20), "statutory"),
    ]
    for visited_on, kind in visits:
        fostering.save_visit(register, Visit(arrangement.id, visited_on, kind, "Ruth Okoye"))
    schedule = list(fostering.visit_schedule(register, arrangement.id).values())
    assert schedule == [
        (date(2025, 9, 10), True),  # 7 working days after Monday 1 September 2025
        (date(2025, 10, 17), True),  # exactly six weeks after 5 September: on time
        (date(2025, 11, 28), False),  # six weeks after 17 October; visited late in July
        (date(2026, 9, 11), True),  # after 31 July 2026, still in the first year: six weeks
        (date(2026, 11, 27), True),  # after 4 September 2026, in the second year: twelve weeks
    ]
    assert fostering.next_visits(register)[0].due_on == date(2027, 2, 12)


def test_the_first_year_ends_on_the_anniversary_of_awareness(register, student):
    other = people.save_child(register, people.Child("Ana", "Stoica", date(2012, 1, 1), "F"))
    for child, last in ((student, date(2026, 8, 31)), (other, date(2026, 9, 1))):
        arrangement = notify(register, child, date(2025, 9, 1), intended_start_on=date(2025, 9, 1))
        fostering.save_visit(register, Visit(arrangement.id, date(2025, 9, 5), "initial", "Ruth"))
        fostering.save_visit(register, Visit(arrangement.id, last, "statutory", "Ruth"))
    due = {entry.child.surname: entry.due_on for entry in fostering.next_visits(register)}
    assert due == {
        "Okafor": date(2026, 10, 12),  # 31 August 2026 is still in the first year: six weeks
        "Stoica": date(2026, 11, 24),
    }  # 1 September 2026 is in the second: twelve weeks


def test_a_visit_on_its_due_day_is_on_time_and_overdue_only_the_day_after(register, student):
    other = people.save_child(register, people.Child("Ana", "Stoica", date(2012, 1, 1), "F"))
    # Notified on Monday 16/11/2026: the 7th working day after is Wednesday 25/11/2026.
    on_time, late = (notify(register, child, date(2026, 11, 16)) for child in (student, other))
    due = fostering.next_visits(register)[0]
    assert due.due_on == date(2026, 11, 25)
    assert [due.overdue(date(2026, 11, day)) for day in (24, 25, 26)] == [False, False, True]
    fostering.save_visit(register, Visit(on_time.id, date(2026, 11, 25), "initial", "Ruth"))
    fostering.save_visit(register, Visit(late.id, date(2026, 11, 26), "initial", "Ruth"))
    assert list(fostering.visit_schedule(register, on_time.id).values()) == [(date(2026, 11, 25), True)]
    assert list(fostering.visit_schedule(register, late.id).values()) == [(date(2026, 11, 25), False)]
    row = measures.summary(register, periods.quarter("2026-Q4")).row("fostering.visits.initial.in_time")
    assert row.values[-1] == 1  # of the 2 notifications


def test_the_first_year_from_awareness_on_29_february_runs_to_28_february(register, student):
    # Aware on 29/02/2024: a year on is 01/03/2025 (as an age is attained on 1 March in a common year),
    # so a visit on 28/02/2025 is in the first year (next due 6 weeks on) and one on 01/03/2025 is not (12).
    other = people.save_child(register, people.Child("Ana", "Stoica", date(2012, 1, 1), "F"))
    for child, last in ((student, date(2025, 2, 28)), (other, date(2025, 3, 1))):
        arrangement = notify(register, child, date(2024, 2, 29), intended_start_on=date(2024, 2, 29))
        fostering.save_visit(register, Visit(arrangement.id, date(2024, 3, 4), "initial", "Ruth"))
        fostering.save_visit(register, Visit(arrangement.id, last, "statutory", "Ruth"))
    due = {entry.child.surname: entry.due_on for entry in fostering.next_visits(register)}
    assert due == {"Okafor": date(2025, 4, 11), "Stoica": date(2025, 5, 24)}  # 28/02 + 42 days; 01/03 + 84 days


def test_visit_rules(register, student):
    arrangement = notify(register, student)
    assert (
        "before the notification (02/11/2026)"
        in refused(fostering.save_visit, register, Visit(arrangement.id, date(2026, 11, 1), "initial", "Ruth"))[
            "visited_on"
        ]
    )
    assert (
        "initial visit first"
        in refused(fostering.save_visit, register, Visit(arrangement.id, date(2026, 11, 5), "statutory", "Ruth"))[
            "kind"
        ]
    )
    assert (
        "why the child was not seen alone"
        in refused(
            fostering.save_visit,
            register,
            Visit(arrangement.id, date(2026, 11, 5), "initial", "Ruth", seen_alone=False),
        )["not_alone_reason"]
    )
    matters = {key: "discussed" for key in ("duration", "wishes", "accommodation")}
    visit = fostering.save_visit(register, Visit(arrangement.id, date(2026, 11, 5), "initial", "Ruth", matters=matters))
    assert visit.matters == matters
    assert (
        "already recorded"
        in refused(fostering.save_visit, register, Visit(arrangement.id, date(2026, 11, 6), "initial", "Ruth"))["kind"]
    )
    assert register.db["pf_visits"].count == 1


def test_ending_the_arrangement(register, student):
    arrangement = notify(register, student, started_on=date(2026, 11, 20))
    assert (
        "before the start (20/11/2026)"
        in refused(fostering.end_arrangement, register, arrangement, date(2026, 11, 19), "returned_to_parents")[
            "ended_on"
        ]
    )
    assert (
        "Name the authority"
        in refused(fostering.end_arrangement, register, arrangement, date(2026, 11, 25), "moved_authority")[
            "end_destination"
        ]
    )
    ended = fostering.end_arrangement(register, arrangement, date(2026, 11, 25), "moved_authority", "Reading")
    assert not ended.is_open and fostering.next_visits(register) == []
    assert (
        "ended on 25/11/2026"
        in refused(fostering.save_visit, register, Visit(arrangement.id, date(2026, 11, 26), "initial", "Ruth"))[
            "visited_on"
        ]
    )


def test_one_open_arrangement_per_child(register, student):
    notify(register, student)
    assert "already has an open private fostering arrangement" in refused(notify, register, student)["notified_on"]


def test_the_officers_dashboard(register, student):
    nearly16 = people.save_child(register, people.Child("Ionut", "Popescu", date(2010, 12, 20), "M"))
    first = notify(register, student, date(2026, 11, 16))  # initial due 25/11: overdue
    second = notify(register, nearly16, date(2026, 9, 1), intended_start_on=date(2026, 9, 1))
    fostering.save_visit(register, Visit(second.id, date(2026, 9, 3), "initial", "Ruth"))
    fostering.save_visit(register, Visit(second.id, date(2026, 10, 20), "statutory", "Ruth"))  # next due 1/12
    board = fostering.dashboard(register)
    assert [
        (d.child.surname, d.due_on, d.days_left(timescales.local_date(at("27/11/2026 12:00")))) for d in board.initial
    ] == [("Okafor", date(2026, 11, 25), -2)]
    assert [(d.child.surname, d.due_on) for d in board.later] == [("Popescu", date(2026, 12, 1))]
    assert [(c.surname, limit) for c, _, limit in board.nearing_limit] == [("Popescu", date(2026, 12, 20))]
    assert board.never_visited == 1
    assert first.id
