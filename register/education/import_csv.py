"""Import CME cases and EWOs' absence logs from spreadsheets (CSV), all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from register.core import codes
from register.core.db import Register
from register.education.records import (
    Absence,
    CmeCase,
    absences_for_child,
    cases_for_child,
    outcomes,
    save_absence,
    save_case,
)
from register.imports.spreadsheet import (
    CHILD_COLUMNS,
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


def _write_case(register: Register, row: _CaseRow, child: Child, summary: ImportSummary) -> None:
    if any(case.referred_on == row.case.referred_on for case in cases_for_child(register, child.id or 0)):
        summary.add("cases already in the register")
        return
    save_case(register, replace(row.case, child_id=child.id or 0))
    summary.add("cases added")


def import_cases(register: Register, path: str | Path, progress: Progress | None = None) -> ImportSummary:
    """Import CME cases, earliest referral first; all or nothing."""
    known = outcomes(register, include_retired=True)
    return run_import(
        register,
        path,
        CASE_COLUMNS,
        lambda cell: _parse_case(cell, known),
        _write_case,
        CASE_FIELDS,
        progress,
        order=lambda row: (row.case.referred_on, row.number),
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


def _write_absence(register: Register, row: _AbsenceRow, child: Child, summary: ImportSummary) -> None:
    known = {(a.school_urn, a.from_on) for a in absences_for_child(register, child.id or 0)}
    if (row.absence.school_urn, row.absence.from_on) in known:
        summary.add("absences already in the register")
        return
    save_absence(register, replace(row.absence, child_id=child.id or 0))
    summary.add("absences added")


def import_absences(register: Register, path: str | Path, progress: Progress | None = None) -> ImportSummary:
    """Import EWOs' absence logs; all or nothing."""
    return run_import(
        register,
        path,
        ABSENCE_COLUMNS,
        _parse_absence,
        _write_absence,
        ABSENCE_FIELDS,
        progress,
        order=lambda row: (row.absence.from_on, row.number),
    )
