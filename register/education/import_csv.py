"""Import CME cases and EWOs' absence logs from spreadsheets (CSV), all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from register.core import codes, term_calendar, timescales
from register.core.db import Register
from register.education.records import (
    Absence,
    CmeCase,
    School,
    absence_problems,
    absence_school_days,
    absence_values,
    absences_for_child,
    case_problems,
    case_values,
    cases_for_child,
    outcomes,
    referring_school,
    school,
    school_values,
)
from register.imports.files import SheetRow
from register.imports.spreadsheet import (
    CHILD_COLUMNS,
    ChildRows,
    ImportSummary,
    Progress,
    RowReader,
    cell_date,
    cell_yes_no,
    choice,
    run_import,
)
from register.people.index import Child

CASE_COLUMNS = [
    *CHILD_COLUMNS,
    "referred_on",
    "referred_by",
    "reason",
    "last_attended",
    "whereabouts_known",
    "outcome",
    "closed_on",
]
ABSENCE_COLUMNS = [*CHILD_COLUMNS, "school_urn", "school_name", "from", "to", "sessions_missed"]

CASE_FIELDS = {
    "referred_on": "referred_on",
    "referred_by": "referred_by",
    "referrer_urn": "referred_by",
    "reason": "reason",
    "last_attended_on": "last_attended",
    "outcome": "outcome",
    "closed_on": "closed_on",
    "school_age_note": "dob",
}
ABSENCE_FIELDS = {
    "school_urn": "school_urn",
    "school_name": "school_name",
    "from_on": "from",
    "to_on": "to",
    "sessions_missed": "sessions_missed",
}

_referrer = choice(codes.CME_REFERRERS, "a referrer (school, admissions, health, police, another authority, …)")
_reason = choice(
    codes.CME_REASONS,
    "a reason (deletion_f, deletion_g, deletion_h, deletion_i, absent_10_days, not_on_roll, other)",
    {
        "f": "deletion_f",
        "g": "deletion_g",
        "h": "deletion_h",
        "i": "deletion_i",
        "9(1)(f)": "deletion_f",
        "9(1)(g)": "deletion_g",
        "9(1)(h)": "deletion_h",
        "9(1)(i)": "deletion_i",
    },
)


@dataclass
class _CaseRow:
    number: int
    child: Child
    case: CmeCase


def _parse_case(cell: RowReader, known_outcomes: dict[str, str]) -> _CaseRow | None:
    child = cell.child()
    referred_on = cell("referred_on", cell_date, "the referral date is needed")
    referrer = cell.cells["referred_by"]
    # A six-digit number is the URN of the school that referred the child.
    urn = referrer if referrer.isdigit() and len(referrer) == 6 else ""
    referred_by = "school" if urn else cell("referred_by", _referrer)
    reason = cell("reason", _reason, "the reason is needed")
    last_attended = cell("last_attended", cell_date)
    whereabouts = cell("whereabouts_known", cell_yes_no)
    outcome = cell("outcome", choice(known_outcomes, "an outcome in the register's list"))
    closed_on = cell("closed_on", cell_date)
    if child is None or referred_on is None or referred_by is None or reason is None:
        return None
    case = CmeCase(
        child_id=0,
        referred_on=referred_on,
        referred_by=referred_by or "other",
        reason=reason,
        referrer_urn=urn,
        last_attended_on=last_attended,
        whereabouts_known=bool(whereabouts),
        outcome=outcome or "",
        closed_on=closed_on,
    )
    return _CaseRow(cell.number, child, case)


def _plan_school(child: ChildRows, found: School | None) -> None:
    """Plan a school a record names, if the register does not know it yet (as the save's _ensure_school)."""
    if found is not None and school(child.register, found.urn) is None:
        child.plan.add_keyed("schools", "urn", school_values(found))


def _plan_cases(child: ChildRows[_CaseRow]) -> None:
    """Check one child's cases (earliest referral first) by the rules a form's save checks, and plan them."""
    stored = [] if child.child.id is None else cases_for_child(child.register, child.child.id)
    others = list(stored)
    known = {case.referred_on for case in stored}
    child_id = child.child.id or 0  # what the rules compare; the records carry child.ref
    today = timescales.local_date(child.now)
    for row in child.rows:
        if row.case.referred_on in known:
            child.summary.add("cases already in the register")
            continue
        case = replace(row.case, child_id=child_id)
        problems = case_problems(child.register, case, child.child, others, today)
        if problems:
            child.refuse(row.number, problems)
            continue
        _plan_school(child, referring_school(case))
        child.plan.add("cme_cases", {**case_values(case), "child_id": child.ref})
        others.append(replace(case, id=-len(others) - 1))  # an id no stored case has
        known.add(case.referred_on)
        child.summary.add("cases added")


def import_cases(
    register: Register, path: str | Path, progress: Progress | None = None, sheet: str | None = None
) -> ImportSummary:
    """Import CME cases, earliest referral first; all or nothing."""
    known = outcomes(register, include_retired=True)
    return run_import(
        register,
        path,
        CASE_COLUMNS,
        lambda cell: _parse_case(cell, known),
        _plan_cases,
        CASE_FIELDS,
        progress,
        order=lambda row: (row.case.referred_on, row.number),
        sheet=sheet,
    )


@dataclass
class _AbsenceRow:
    number: int
    child: Child
    absence: Absence


def _sessions(text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(f"“{text}” is not a whole number of sessions")
    return int(text)


def _parse_absence(cell: RowReader) -> _AbsenceRow | None:
    child = cell.child()
    first: date | None = cell("from", cell_date, "the first day of absence is needed")
    last: date | None = cell("to", cell_date, "the last day of absence is needed")
    sessions = cell("sessions_missed", _sessions)
    if child is None or first is None or last is None:
        return None
    absence = Absence(
        child_id=0,
        school_urn=cell.cells["school_urn"],
        school_name=cell.cells["school_name"],
        from_on=first,
        to_on=last,
        sessions_missed=sessions,
    )
    return _AbsenceRow(cell.number, child, absence)


NOT_SCHOOL_DAYS = "with a first or last day that is not a school day (check the dates)"


def _plan_absences(child: ChildRows[_AbsenceRow], names: dict[str, str], calendar: timescales.SchoolCalendar) -> None:
    """Check one child's absences (earliest first) by the rules a form's save checks, and plan them; those
    that begin or end on a day that is not a school day by ``calendar`` are counted as a warning.

    A row may leave out the name of a school new to the register that another row of the file names.
    """
    stored = [] if child.child.id is None else absences_for_child(child.register, child.child.id)
    others = list(stored)
    known = {(absence.school_urn, absence.from_on) for absence in stored}
    child_id = child.child.id or 0  # what the rules compare; the records carry child.ref
    today = timescales.local_date(child.now)
    for row in child.rows:
        urn = row.absence.school_urn
        if (urn, row.absence.from_on) in known:
            child.summary.add("absences already in the register")
            continue
        absence = replace(row.absence, child_id=child_id, school_name=row.absence.school_name or names.get(urn, ""))
        problems = absence_problems(child.register, absence, others, today)
        if problems:
            child.refuse(row.number, problems)
            continue
        _plan_school(child, School(urn, absence.school_name))
        child.plan.add("absences", {**absence_values(absence), "child_id": child.ref})
        others.append(replace(absence, id=-len(others) - 1))  # an id no stored absence has
        known.add((urn, absence.from_on))
        child.summary.add("absences added")
        if absence_school_days(calendar, absence.from_on, absence.to_on)[1]:
            child.summary.add(NOT_SCHOOL_DAYS)


def import_absences(
    register: Register, path: str | Path, progress: Progress | None = None, sheet: str | None = None
) -> ImportSummary:
    """Import EWOs' absence logs; all or nothing."""
    names: dict[str, str] = {}  # the school each URN is, as the file's first row naming it says
    calendar = term_calendar.calendar(register)

    def read(row: SheetRow) -> None:
        if row.cells["school_name"]:
            names.setdefault(row.cells["school_urn"], row.cells["school_name"])

    return run_import(
        register,
        path,
        ABSENCE_COLUMNS,
        _parse_absence,
        lambda child: _plan_absences(child, names, calendar),
        ABSENCE_FIELDS,
        progress,
        order=lambda row: (row.absence.from_on, row.number),
        sheet=sheet,
        read=read,
    )
