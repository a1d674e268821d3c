"""A demo register a practitioner believes: every record it makes is checked here against the rule of
the field, worked out in the test (working hours, year groups, check digits, notice, school days)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import holidays
import pytest

from register import Actor, open_register
from register.core import identifiers, term_calendar
from register.core.clock import LONDON, frozen_at
from register.missing import dashboard as missing_dashboard
from register.missing.records import episodes_for_child, interview_problems, interview_state, interviews_for_child
from tests.helpers.values import at

BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG", years=range(2019, 2029))


def build(folder, instant: datetime, children: int = 300, seed: int = 3, **sizes):
    """A demo register built in ``folder`` as if it were ``instant``."""
    from register import demo

    with frozen_at(instant):
        register = open_register(folder / "demo.sqlite", Actor("Jo Coordinator", "manager"))
        demo.build(register, children, seed, **sizes)
    return register


@pytest.fixture
def built(tmp_path, now):
    register = build(tmp_path, now)
    yield register
    register.close()


def test_every_interview_is_offered_and_held_in_working_hours_and_keeps_the_rules(built, now):
    checked = 0
    for (child_id,) in built.db.execute("SELECT DISTINCT child_id FROM return_interviews").fetchall():
        episodes = {episode.id: episode for episode in episodes_for_child(built, child_id)}
        for interview in interviews_for_child(built, child_id):
            for instant in (interview.offered_at, interview.completed_at):
                if instant is None:
                    continue
                wall = instant.astimezone(LONDON)
                assert wall.weekday() < 5, f"interview {interview.id} at {wall} is at a weekend"
                assert wall.date() not in BANK_HOLIDAYS, f"interview {interview.id} at {wall} is on a bank holiday"
                # An hour's meeting inside 09:00 to 17:00.
                assert time(9) <= wall.time() <= time(16), f"interview {interview.id} at {wall} is out of hours"
                checked += 1
            covered = [episodes[episode_id] for episode_id in interview.episode_ids]
            assert interview_problems(interview, covered, {}, now) == {}
            for episode in covered:
                assert episode.interview_state == interview_state(episode.ended_at, interview)
    assert checked > 1000


def test_every_school_teaches_the_childs_year_group_on_the_day(built):
    # The year group from the rule: the child's age on the 31 August before the school year, less 4.
    def year_group(born: date, on: date) -> int:
        school_year = on.year if on.month >= 9 else on.year - 1
        return school_year - born.year - (1 if born.month >= 9 else 0) - 4

    def years_taught(name: str) -> range:
        for words, years in (
            ("Infant", range(0, 3)),
            ("Junior", range(3, 7)),
            ("Primary", range(0, 7)),
            ("Secondary", range(7, 12)),
            ("High", range(7, 12)),
            ("Academy", range(7, 14)),
        ):
            if words in name:
                return years
        raise AssertionError(f"{name}: not a kind of school the test knows")

    rows = built.db.execute(
        "SELECT c.dob, a.from_on, s.name FROM absences a JOIN children c ON c.id = a.child_id "
        "JOIN schools s ON s.urn = a.school_urn UNION ALL "
        "SELECT c.dob, k.last_attended_on, s.name FROM cme_cases k JOIN children c ON c.id = k.child_id "
        "JOIN schools s ON s.urn = k.referrer_urn"
    ).fetchall()
    assert len(rows) > 300
    for dob, day, name in rows:
        group = year_group(date.fromisoformat(dob), date.fromisoformat(day))
        assert group in years_taught(name), f"a child in year {group} on {day} at {name}"
    names = [row[0] for row in built.db.execute("SELECT name FROM schools")]
    assert {kind for kind in ("Infant", "Junior", "Primary", "Secondary", "Academy") if any(kind in n for n in names)}


def test_every_upn_and_nhs_number_passes_its_check_and_almost_every_child_has_them(built):
    rows = built.db.execute("SELECT upn, nhs_number FROM children").fetchall()
    upns = [upn for upn, _ in rows if upn]
    numbers = [number for _, number in rows if number]
    assert len(upns) > 0.9 * len(rows) and len(numbers) > 0.9 * len(rows)
    for upn in upns:
        assert identifiers.upn_problem(upn) is None, upn
        assert upn[1:4] == "871"  # the demo's authority
    for number in numbers:
        assert identifiers.nhs_number_problem(number) is None, number
        assert number.startswith("999")  # the range never issued to a person
    assert len(set(upns)) == len(upns) and len(set(numbers)) == len(numbers)


@pytest.mark.parametrize("children", [40, 2000])
def test_fostering_notices_are_advance_late_and_emergency_as_their_dates_say(tmp_path, now, children):
    register = build(tmp_path, now, children=children)
    rows = register.db.execute(
        "SELECT notice, notified_on, COALESCE(started_on, intended_start_on) FROM pf_arrangements"
    ).fetchall()
    register.close()
    kinds = {notice for notice, _, _ in rows}
    assert {"advance", "late", "emergency"} <= kinds
    for notice, notified_text, start_text in rows:
        notified, start = date.fromisoformat(notified_text), date.fromisoformat(start_text)
        if notice == "advance":
            assert notified <= start - timedelta(days=42)
        elif notice == "late":
            assert notified > start - timedelta(days=42)
        elif notice == "emergency":  # notified within 48 hours of the start
            assert start <= notified <= start + timedelta(days=2)
        else:
            assert notice == "other_means" and notified > start


def _school_days(register) -> set[date]:
    """Weekdays in a term of the register's calendar, not a training day nor a bank holiday."""
    closures = {closure.day for closure in term_calendar.closures(register)}
    days = set()
    for term in term_calendar.terms(register):
        day = term.starts_on
        while day <= term.ends_on:
            if day.weekday() < 5 and day not in closures and day not in BANK_HOLIDAYS:
                days.add(day)
            day += timedelta(days=1)
    return days


def test_every_cme_last_day_attended_is_a_school_day_before_the_referral(built):
    school_days = _school_days(built)
    rows = built.db.execute("SELECT last_attended_on, referred_on FROM cme_cases").fetchall()
    assert len(rows) >= 40
    for attended, referred in rows:
        assert date.fromisoformat(attended) in school_days, f"last attended {attended} is not a school day"
        assert attended <= referred


def test_every_day_of_every_absence_is_a_school_day(built):
    school_days = _school_days(built)
    rows = built.db.execute("SELECT from_on, to_on, sessions_missed FROM absences").fetchall()
    assert len(rows) >= 300
    for first, last, sessions in rows:
        day, counted = date.fromisoformat(first), 0
        while day <= date.fromisoformat(last):
            assert day in school_days, f"absence {first} to {last}: {day} is not a school day"
            day, counted = day + timedelta(days=1), counted + 1
        assert sessions in (None, 2 * counted)


@pytest.mark.parametrize(
    "today",
    [
        at("27/11/2026 17:00"),  # a Friday evening in term
        at("10/08/2027 11:00"),  # the summer holiday
        at("25/12/2026 09:30"),  # Christmas Day
        at("31/05/2027 08:00"),  # the late May bank holiday, in half term
        at("28/03/2027 03:00"),  # the night the clocks go forward
        datetime(2027, 1, 1, 0, 30, tzinfo=UTC),  # New Year's Day, just after midnight
    ],
)
def test_the_coordinator_sees_interviews_due_and_overdue_whatever_the_day(tmp_path, today):
    register = build(tmp_path, today, children=200, episodes=300)
    with frozen_at(today):
        interviews = missing_dashboard.dashboard(register).interviews
    register.close()
    assert interviews.due >= 1 and interviews.overdue >= 1


def test_the_same_seed_builds_the_same_register(tmp_path, now):
    first = build(tmp_path / "one", now, children=100, seed=9)
    second = build(tmp_path / "two", now, children=100, seed=9)
    for table in ("children", "missing_episodes", "return_interviews", "cme_cases", "absences", "pf_arrangements"):
        query = f"SELECT * FROM {table} ORDER BY rowid"
        assert first.db.execute(query).fetchall() == second.db.execute(query).fetchall(), table
    first.close()
    second.close()


def test_drawing_and_writing_on_two_threads_keeps_the_order_and_raises_what_goes_wrong():
    import threading

    from register.core.demo import write_while_drawing

    written: list[int] = []
    write_while_drawing(iter(range(50)), written.append)
    assert written == list(range(50))

    def broken():
        yield 1
        yield 2
        raise ValueError("drawing failed")

    written.clear()
    with pytest.raises(ValueError, match="drawing failed"):
        write_while_drawing(broken(), written.append)
    assert written == [1, 2]

    def refuse(batch):
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_while_drawing(iter(range(1000)), refuse)
    assert not [thread for thread in threading.enumerate() if thread.name == "demo drawing"]


def test_a_build_leaves_the_write_ahead_log_as_it_was_and_a_failed_one_leaves_the_register_empty(
    tmp_path, now, monkeypatch
):
    from register import demo

    built = build(tmp_path / "built", now, children=30)
    assert built.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert built.db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL, as the register is opened
    built.close()

    def children_then_failure(context, children):
        real_add_children(context, children)
        raise OSError("disk full")

    real_add_children = demo.add_children
    monkeypatch.setattr(demo, "add_children", children_then_failure)
    register = open_register(tmp_path / "failed.sqlite", Actor("Jo Coordinator", "manager"))
    with pytest.raises(OSError, match="disk full"):
        demo.build(register, 30)
    assert register.db["children"].count == 0
    assert register.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    register.close()
    assert open_register(tmp_path / "failed.sqlite").db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
