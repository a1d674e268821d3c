"""The authority's term calendar: term dates and training days, from which school days are counted."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.easter import easter

from register.core import timescales
from register.core.audit import delete_row, insert_row, save_row
from register.core.db import Register
from register.core.errors import ValidationError


@dataclass(frozen=True)
class Term:
    name: str
    starts_on: date
    ends_on: date
    id: int | None = None
    version: int = 0


@dataclass(frozen=True)
class Closure:
    """A weekday in term when schools are closed to pupils (a staff training day)."""

    day: date
    reason: str = "Staff training day"
    id: int | None = None
    version: int = 0


# ---- the default calendar -----------------------------------------------------


def _monday_on_or_before(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _last_weekday(month_end: date, weekday: int) -> date:
    return month_end - timedelta(days=(month_end.weekday() - weekday) % 7)


def _weekday_on_or_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def default_year(first_year: int) -> tuple[list[Term], list[Closure]]:
    """A typical English school year from September ``first_year``: six terms and five training days.

    Half terms fall in the week of the last Monday of October, the third Monday of February
    and the late May bank holiday; the Easter break is the fortnight around Easter; the year
    ends on the weekday on or before 22 July. Authorities edit these to their own dates.
    """
    second_year = first_year + 1
    autumn_start = _weekday_on_or_before(date(first_year, 9, 1) + timedelta(days=2))
    october_half = _last_weekday(date(first_year, 10, 31), 0)
    christmas = _weekday_on_or_before(date(first_year, 12, 19))
    january = date(second_year, 1, 4)
    while not timescales.is_working_day(january):
        january += timedelta(days=1)
    february_half = date(second_year, 2, 1) + timedelta(days=(0 - date(second_year, 2, 1).weekday()) % 7 + 14)
    good_friday = easter(second_year) - timedelta(days=2)
    may_half = _last_weekday(date(second_year, 5, 31), 0)
    summer_end = _weekday_on_or_before(date(second_year, 7, 22))
    label = f"{first_year}-{str(second_year)[2:]}"
    terms = [
        Term(f"Autumn 1 {label}", autumn_start, october_half - timedelta(days=3)),
        Term(f"Autumn 2 {label}", october_half + timedelta(days=7), christmas),
        Term(f"Spring 1 {label}", january, february_half - timedelta(days=3)),
        Term(f"Spring 2 {label}", february_half + timedelta(days=7), good_friday - timedelta(days=7)),
        Term(f"Summer 1 {label}", good_friday + timedelta(days=10), may_half - timedelta(days=3)),
        Term(f"Summer 2 {label}", may_half + timedelta(days=7), summer_end),
    ]
    first_two = [autumn_start, autumn_start + timedelta(days=1 if autumn_start.weekday() < 4 else 3)]
    closures = [Closure(day) for day in (*first_two, terms[2].starts_on, terms[4].starts_on, summer_end)]
    return terms, closures


def school_year_of(day: date) -> int:
    """The first calendar year of the school year (September to August) a day falls in."""
    return day.year if day.month >= 9 else day.year - 1


def seed_defaults(register: Register, today: date) -> None:
    """Fill a new register's calendar with the default current and next school years (the school
    years of the local date ``today``), each term and training day audited as written by the register's
    actor (when a file is created: "default calendar")."""
    for year in (school_year_of(today), school_year_of(today) + 1):
        terms, closures = default_year(year)
        for term in terms:
            values = {"name": term.name, "starts_on": term.starts_on.isoformat(), "ends_on": term.ends_on.isoformat()}
            insert_row(register, "school_terms", values)
        for closure in closures:
            insert_row(register, "school_closures", {"day": closure.day.isoformat(), "reason": closure.reason})


# ---- reading and editing ------------------------------------------------------


def terms(register: Register) -> list[Term]:
    return [
        Term(
            row["name"],
            date.fromisoformat(row["starts_on"]),
            date.fromisoformat(row["ends_on"]),
            row["id"],
            row["version"],
        )
        for row in register.db.query("SELECT * FROM school_terms ORDER BY starts_on")
    ]


def closures(register: Register) -> list[Closure]:
    return [
        Closure(date.fromisoformat(row["day"]), row["reason"], row["id"], row["version"])
        for row in register.db.query("SELECT * FROM school_closures ORDER BY day")
    ]


def calendar(register: Register) -> timescales.SchoolCalendar:
    """The calendar school days are counted from."""
    return timescales.SchoolCalendar(
        terms=tuple((term.starts_on, term.ends_on) for term in terms(register)),
        closures=frozenset(closure.day for closure in closures(register)),
    )


def save_term(register: Register, term: Term) -> Term:
    problems = {}
    if not term.name.strip():
        problems["name"] = "Name the term (for example Autumn 1 2027-28)."
    if term.ends_on < term.starts_on:
        problems["ends_on"] = "The term ends before it starts."
    elif (term.ends_on - term.starts_on).days > 120:
        problems["ends_on"] = "A term longer than 120 days: check the dates."
    with register.atomic():
        for other in terms(register):
            if other.id != term.id and other.starts_on <= term.ends_on and term.starts_on <= other.ends_on:
                problems.setdefault(
                    "starts_on",
                    f"These dates overlap {other.name} "
                    f"({timescales.show_date(other.starts_on)} to {timescales.show_date(other.ends_on)}).",
                )
        if problems:
            raise ValidationError(problems)
        values = {
            "name": term.name.strip(),
            "starts_on": term.starts_on.isoformat(),
            "ends_on": term.ends_on.isoformat(),
        }
        term_id, version = save_row(register, "school_terms", term.id, term.version, values)
        return replace(term, id=term_id, version=version)


def delete_term(register: Register, term: Term) -> None:
    assert term.id is not None
    with register.atomic():
        delete_row(register, "school_terms", term.id, term.version)


def save_closure(register: Register, closure: Closure) -> Closure:
    problems = {}
    if closure.day.weekday() >= 5:
        problems["day"] = "That is a weekend day; schools are closed anyway."
    if not closure.reason.strip():
        problems["reason"] = "Say why schools are closed (for example a staff training day)."
    with register.atomic():
        clash = list(
            register.db.query(
                "SELECT id FROM school_closures WHERE day = ? AND id IS NOT ?", [closure.day.isoformat(), closure.id]
            )
        )
        if clash:
            problems["day"] = "That day is already in the list."
        if problems:
            raise ValidationError(problems)
        values = {"day": closure.day.isoformat(), "reason": closure.reason.strip()}
        closure_id, version = save_row(register, "school_closures", closure.id, closure.version, values)
        return replace(closure, id=closure_id, version=version)


def delete_closure(register: Register, closure: Closure) -> None:
    assert closure.id is not None
    with register.atomic():
        delete_row(register, "school_closures", closure.id, closure.version)


def add_default_year(register: Register, first_year: int) -> None:
    """Add the default terms and training days of a school year not yet in the calendar."""
    new_terms, new_closures = default_year(first_year)
    with register.atomic():
        for term in new_terms:
            save_term(register, term)
        for closure in new_closures:
            save_closure(register, closure)
