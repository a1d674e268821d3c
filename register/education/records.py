"""Children missing education: absences logged by EWOs, CME cases, enquiries and escalations."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import groupby
from typing import Any

from register.core import clock, codes, term_calendar, timescales
from register.core.audit import add_keyed_row, delete_row, get_row, put_keyed_row, reason_given, save_row
from register.core.db import Register
from register.core.errors import NotFoundError, ValidationError
from register.people.index import Child, children_by_ids, get_child

SIX_DIGITS = re.compile(r"^\d{6}$")
LIKELY_REFERRAL_DAYS = 10  # schools must tell the authority after 10 continuous school days
DELETION_DAYS = 20  # reg 9(1)(i): 20 continuous school days, child not found


@dataclass(frozen=True)
class School:
    urn: str
    name: str


@dataclass(frozen=True)
class Absence:
    """A spell of unexplained absence a school reported, logged by an EWO."""

    child_id: int
    school_urn: str
    from_on: date
    to_on: date
    school_name: str = ""  # needed only for a school the register does not know yet
    sessions_missed: int | None = None
    attendance_codes: str = ""
    note: str = ""
    id: int | None = None
    version: int = 0


@dataclass(frozen=True)
class CmeCase:
    """A child missing education: referral, the officer's enquiries and the outcome."""

    child_id: int
    referred_on: date
    referred_by: str
    reason: str
    referrer_urn: str = ""
    referrer_name: str = ""
    last_attended_on: date | None = None
    whereabouts_known: bool = False
    assigned_officer: str = ""
    school_age_note: str = ""  # why the case is recorded for a child not of compulsory school age
    notes: str = ""
    outcome: str = ""
    closed_on: date | None = None
    closing_note: str = ""
    id: int | None = None
    version: int = 0

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def days_open(self, today: date) -> int:
        return ((self.closed_on or today) - self.referred_on).days


@dataclass(frozen=True)
class Enquiry:
    case_id: int
    agency: str
    made_on: date
    result: str
    id: int | None = None
    version: int = 0


@dataclass(frozen=True)
class Escalation:
    case_id: int
    escalated_to: str
    escalated_on: date
    note: str = ""
    id: int | None = None
    version: int = 0


# ---- schools ------------------------------------------------------------------


def urn_problem(urn: str) -> str | None:
    return None if SIX_DIGITS.match(urn) else f"“{urn}” is not a school URN: a URN has six digits."


def school(register: Register, urn: str) -> School | None:
    rows = list(register.db.query("SELECT * FROM schools WHERE urn = ?", [urn]))
    return School(rows[0]["urn"], rows[0]["name"]) if rows else None


def school_values(school: School) -> dict[str, Any]:
    """A school's row as stored (added when a record first names its URN; never changed by one)."""
    return {"urn": school.urn, "name": school.name.strip()}


def _ensure_school(register: Register, school: School) -> None:
    add_keyed_row(register, "schools", "urn", school_values(school))


# ---- absences -----------------------------------------------------------------


def absence_from_row(row: dict[str, Any]) -> Absence:
    return Absence(
        id=row["id"],
        version=row["version"],
        child_id=row["child_id"],
        school_urn=row["school_urn"],
        from_on=date.fromisoformat(row["from_on"]),
        to_on=date.fromisoformat(row["to_on"]),
        sessions_missed=row["sessions_missed"],
        attendance_codes=row["attendance_codes"] or "",
        note=row["note"] or "",
        school_name=row.get("school_name") or "",
    )


def absences_for_child(register: Register, child_id: int) -> list[Absence]:
    rows = register.db.query(
        "SELECT a.*, s.name AS school_name FROM absences a JOIN schools s ON s.urn = a.school_urn "
        "WHERE a.child_id = ? ORDER BY a.from_on, a.id",
        [child_id],
    )
    return [absence_from_row(row) for row in rows]


def get_absence(register: Register, absence_id: int) -> Absence:
    row = get_row(register, "absences", absence_id, "That absence is no longer in the register.")
    school_name = register.db.execute("SELECT name FROM schools WHERE urn = ?", [row["school_urn"]]).fetchone()[0]
    return absence_from_row({**row, "school_name": school_name})


def absence_problems(register: Register, absence: Absence, others: list[Absence], today: date) -> dict[str, str]:
    """What makes an absence invalid, by field. ``others`` are the child's other absences (stored,
    or planned by an import); the register is read for the schools it knows."""
    problems: dict[str, str] = {}
    problem = urn_problem(absence.school_urn)
    if problem:
        problems["school_urn"] = problem
    elif school(register, absence.school_urn) is None and not absence.school_name.strip():
        problems["school_name"] = "This URN is new to the register: enter the school's name."
    if absence.to_on < absence.from_on:
        problems["to_on"] = "The absence ends before it starts."
    if absence.from_on > today:
        problems["from_on"] = "The absence cannot start in the future."
    if absence.sessions_missed is not None:
        most = 2 * ((absence.to_on - absence.from_on).days + 1)
        if absence.sessions_missed < 0 or absence.sessions_missed > most:
            problems["sessions_missed"] = f"Between 0 and {most} sessions (two a day) for these dates."
    if "school_urn" not in problems and "to_on" not in problems:
        for other in others:
            if (
                other.id != absence.id
                and other.school_urn == absence.school_urn
                and (other.from_on <= absence.to_on and absence.from_on <= other.to_on)
            ):
                problems["from_on"] = (
                    f"This overlaps the absence already logged at this school from "
                    f"{timescales.show_date(other.from_on)} to {timescales.show_date(other.to_on)}."
                )
                break
    return problems


def save_absence(register: Register, absence: Absence) -> Absence:
    absence = replace(absence, school_urn=absence.school_urn.strip(), school_name=absence.school_name.strip())
    with register.atomic():
        get_child(register, absence.child_id)
        others = absences_for_child(register, absence.child_id)
        problems = absence_problems(register, absence, others, clock.today())
        if problems:
            raise ValidationError(problems)
        _ensure_school(register, School(absence.school_urn, absence.school_name))
        absence_id, _ = save_row(register, "absences", absence.id, absence.version, absence_values(absence))
        return get_absence(register, absence_id)


def absence_values(absence: Absence) -> dict[str, Any]:
    """An absence's columns as stored (its school, if new to the register, is added beside it)."""
    return {
        "child_id": absence.child_id,
        "school_urn": absence.school_urn,
        "from_on": absence.from_on.isoformat(),
        "to_on": absence.to_on.isoformat(),
        "sessions_missed": absence.sessions_missed,
        "attendance_codes": absence.attendance_codes.strip().upper() or None,
        "note": absence.note.strip() or None,
    }


def absence_school_days(calendar: timescales.SchoolCalendar, first: date, last: date) -> tuple[int, str]:
    """How many school days an absence from ``first`` to ``last`` (both counted) spans by the authority's term
    calendar, and a warning in words when either end is not a school day (a weekend, a holiday, a half-term
    or a closure): an absence is counted in school days (DfE, Working together to improve school attendance,
    2024), so such dates are usually mistyped. The warning is empty when both ends are school days."""
    days = calendar.school_days(first, last)
    outside = [day for day in dict.fromkeys((first, last)) if day not in calendar.days]
    if not outside:
        return days, ""
    shown = " and ".join(timescales.show_date(day) for day in outside)
    verb = "is not a school day" if len(outside) == 1 else "are not school days"
    return days, f"{shown} {verb} (a weekend, holiday or closure in the term calendar): check the dates."


@dataclass(frozen=True)
class AbsenceRun:
    """Continuous unexplained absence at one school: logged spells with no school day between them."""

    child: Child
    school: School
    from_on: date
    to_on: date
    school_days: int
    open_case: bool


def latest_run(calendar: timescales.SchoolCalendar, spells: list[tuple[date, date]]) -> tuple[date, date]:
    """The latest run of continuous absence: the last spell joined with those before it that
    leave no school day between them. ``spells`` are sorted by start."""
    first, last = spells[-1]
    for earlier_first, earlier_last in reversed(spells[:-1]):
        if earlier_last >= first or not calendar.any_school_day(
            earlier_last + timedelta(days=1), first - timedelta(days=1)
        ):
            first, last = min(first, earlier_first), max(last, earlier_last)
        else:
            break
    return first, last


def absence_concerns(register: Register, today: date | None = None, recent_days: int = 14) -> list[AbsenceRun]:
    """Children whose continuous absence, still going in the last ``recent_days``, has reached 10 school days."""
    today = today or clock.today()
    calendar = term_calendar.calendar(register)
    since = (today - timedelta(days=recent_days)).isoformat()
    rows = list(
        register.db.query(
            "SELECT a.child_id, a.school_urn, s.name, a.from_on, a.to_on FROM absences a "
            "JOIN schools s ON s.urn = a.school_urn WHERE (a.child_id, a.school_urn) IN "
            "(SELECT child_id, school_urn FROM absences WHERE to_on >= ?) ORDER BY a.child_id, a.school_urn, a.from_on",
            [since],
        )
    )
    found = []
    for (child_id, urn), group in groupby(rows, key=lambda row: (row["child_id"], row["school_urn"])):
        spells = list(group)
        dates = [(date.fromisoformat(row["from_on"]), date.fromisoformat(row["to_on"])) for row in spells]
        first, last = latest_run(calendar, dates)
        if last.isoformat() < since:
            continue
        days = calendar.school_days(first, last)
        if days >= LIKELY_REFERRAL_DAYS:
            found.append((child_id, School(urn, spells[0]["name"]), first, last, days))
    children = children_by_ids(register, [entry[0] for entry in found])
    open_cases = _children_with_open_case(register, list(children))
    runs = [AbsenceRun(children[c], s, f, t, d, c in open_cases) for c, s, f, t, d in found]
    runs.sort(key=lambda run: (-run.school_days, run.child.surname))
    return runs


def _children_with_open_case(register: Register, child_ids: list[int]) -> set[int]:
    if not child_ids:
        return set()
    marks = ",".join("?" for _ in child_ids)
    return {
        row[0]
        for row in register.db.execute(
            f"SELECT child_id FROM cme_cases WHERE closed_on IS NULL AND child_id IN ({marks})", child_ids
        )
    }


# ---- cases --------------------------------------------------------------------


def outcomes(register: Register, include_retired: bool = False) -> dict[str, str]:
    """The register's own list of case outcomes, in order."""
    where = "" if include_retired else " WHERE active = 1"
    return {
        row["code"]: row["label"] for row in register.db.query(f"SELECT * FROM cme_outcomes{where} ORDER BY position")
    }


def add_outcome(register: Register, label: str) -> str:
    """Add an outcome to the list, offered for new closures; returns its code.

    Raises ValidationError if the wording is empty or the outcome is already in the list.
    """
    label = " ".join(label.split())
    if not label:
        raise ValidationError({"label": "Enter the outcome's wording."})
    code = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:40] or "outcome"
    with register.atomic():
        if code in outcomes(register, include_retired=True):
            raise ValidationError({"label": "That outcome is already in the list."})
        position = register.db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM cme_outcomes").fetchone()[0]
        put_keyed_row(
            register, "cme_outcomes", "code", {"code": code, "label": label, "active": 1, "position": position}
        )
    return code


def retire_outcome(register: Register, code: str, active: bool = False) -> None:
    """Take an outcome off the list offered for new closures (cases closed with it keep it).

    With ``active`` true the outcome is offered again. Raises NotFoundError for a code not in the list.
    """
    with register.atomic():
        if code not in outcomes(register, include_retired=True):
            raise NotFoundError("That outcome is not in the list.")
        put_keyed_row(register, "cme_outcomes", "code", {"code": code, "active": int(active)})


def case_from_row(row: dict[str, Any]) -> CmeCase:
    return CmeCase(
        id=row["id"],
        version=row["version"],
        child_id=row["child_id"],
        referred_on=date.fromisoformat(row["referred_on"]),
        referred_by=row["referred_by"],
        referrer_urn=row["referrer_urn"] or "",
        referrer_name=row["referrer_name"] or "",
        reason=row["reason"],
        last_attended_on=timescales.date_from_text(row["last_attended_on"]),
        whereabouts_known=bool(row["whereabouts_known"]),
        assigned_officer=row["assigned_officer"] or "",
        school_age_note=row["school_age_note"] or "",
        notes=row["notes"] or "",
        outcome=row["outcome"] or "",
        closed_on=timescales.date_from_text(row["closed_on"]),
        closing_note=row["closing_note"] or "",
    )


def get_case(register: Register, case_id: int) -> CmeCase:
    row = get_row(register, "cme_cases", case_id, "That CME case is no longer in the register.")
    return case_from_row(row)


def cases_for_child(register: Register, child_id: int) -> list[CmeCase]:
    rows = register.db.query("SELECT * FROM cme_cases WHERE child_id = ? ORDER BY referred_on, id", [child_id])
    return [case_from_row(row) for row in rows]


def school_age_problem(child: Child, day: date) -> str | None:
    """Why a child is not of compulsory school age on a day, or None if they are."""
    begins, ends = timescales.compulsory_school_age(child.dob)
    if day < begins:
        return (
            f"{child.forenames} is not yet of compulsory school age on that date: "
            f"it begins on {timescales.show_date(begins)}."
        )
    if day > ends:
        return (
            f"{child.forenames} was past compulsory school age on that date: it ended on {timescales.show_date(ends)}."
        )
    return None


def case_problems(
    register: Register, case: CmeCase, child: Child, others: list[CmeCase], today: date
) -> dict[str, str]:
    """What makes a case invalid, by field. ``others`` are the child's other cases (stored, or planned
    by an import); the register is read for its outcomes and, for a stored case, its enquiries."""
    problems: dict[str, str] = {}
    if case.referred_by not in codes.CME_REFERRERS:
        problems["referred_by"] = "Choose who referred the child."
    if case.referred_by == "school":
        problem = urn_problem(case.referrer_urn)
        if problem:
            problems["referrer_urn"] = problem
    if case.reason not in codes.CME_REASONS:
        problems["reason"] = "Choose the reason the case was opened."
    if case.referred_on > today:
        problems["referred_on"] = "The referral cannot be in the future."
    elif case.referred_on < child.dob:
        problems["referred_on"] = "The referral is before the child was born: check the date."
    else:
        problem = school_age_problem(child, case.referred_on)
        if problem and not case.school_age_note.strip():
            problems["school_age_note"] = (
                f"{problem} A child not of compulsory school age is not missing education. If you know better, "
                "say why here and the case will be recorded."
            )
    if case.last_attended_on is not None and case.last_attended_on > case.referred_on:
        problems["last_attended_on"] = "The last day attended is after the referral."
    if case.closed_on is not None or case.outcome:
        if not case.outcome:
            problems["outcome"] = "Choose the outcome to close the case."
        elif case.outcome not in outcomes(register, include_retired=True):
            problems["outcome"] = "Choose an outcome from the list."
        if case.closed_on is None:
            problems["closed_on"] = "Enter the date the case closed."
        elif case.closed_on < case.referred_on:
            problems["closed_on"] = (
                f"The case cannot close before it was referred ({timescales.show_date(case.referred_on)})."
            )
        elif case.closed_on > today:
            problems["closed_on"] = "The case cannot close in the future."
    if case.closed_on is None:
        for other in others:
            if other.id != case.id and other.is_open:
                problems["referred_on"] = (
                    f"{child.forenames} already has an open CME case (referred "
                    f"{timescales.show_date(other.referred_on)}): add to that case instead."
                )
    if case.id is not None:
        first = register.db.execute(
            "SELECT MIN(day) FROM (SELECT made_on AS day FROM cme_enquiries WHERE case_id = :id "
            "UNION ALL SELECT escalated_on FROM cme_escalations WHERE case_id = :id)",
            {"id": case.id},
        ).fetchone()[0]
        if first is not None and case.referred_on.isoformat() > first:
            problems["referred_on"] = (
                f"An enquiry on this case is dated {timescales.show_date(date.fromisoformat(first))}, "
                "before this referral date."
            )
    return problems


def referring_school(case: CmeCase) -> School | None:
    """The school a case names as its referrer, added to the register's schools if new to it."""
    if case.referred_by == "school" and case.referrer_urn and case.referrer_name:
        return School(case.referrer_urn.strip(), case.referrer_name)
    return None


def case_values(case: CmeCase) -> dict[str, Any]:
    """A case's columns as stored."""
    return {
        "child_id": case.child_id,
        "referred_on": case.referred_on.isoformat(),
        "referred_by": case.referred_by,
        "referrer_urn": case.referrer_urn.strip() or None,
        "referrer_name": case.referrer_name.strip() or None,
        "reason": case.reason,
        "last_attended_on": timescales.date_to_text(case.last_attended_on),
        "whereabouts_known": int(case.whereabouts_known),
        "assigned_officer": case.assigned_officer.strip() or None,
        "school_age_note": case.school_age_note.strip() or None,
        "notes": case.notes.strip() or None,
        "outcome": case.outcome or None,
        "closed_on": timescales.date_to_text(case.closed_on),
        "closing_note": case.closing_note.strip() or None,
    }


def save_case(register: Register, case: CmeCase) -> CmeCase:
    """Open, change, close or reopen a case: every rule is checked on each save."""
    with register.atomic():
        child = get_child(register, case.child_id)
        problems = case_problems(register, case, child, cases_for_child(register, case.child_id), clock.today())
        if problems:
            raise ValidationError(problems)
        referrer = referring_school(case)
        if referrer is not None:
            _ensure_school(register, referrer)
        case_id, _ = save_row(register, "cme_cases", case.id, case.version, case_values(case))
        return get_case(register, case_id)


def close_case(register: Register, case: CmeCase, outcome: str, closed_on: date, note: str = "") -> CmeCase:
    return save_case(register, replace(case, outcome=outcome, closed_on=closed_on, closing_note=note))


def reopen_case(register: Register, case: CmeCase) -> CmeCase:
    """The child is lost again: the case opens once more (the audit trail keeps how it had closed)."""
    return save_case(register, replace(case, outcome="", closed_on=None, closing_note=""))


# ---- enquiries and escalations ------------------------------------------------


def enquiries_for_case(register: Register, case_id: int) -> list[Enquiry]:
    rows = register.db.query("SELECT * FROM cme_enquiries WHERE case_id = ? ORDER BY made_on, id", [case_id])
    return [_enquiry_from_row(row) for row in rows]


def _enquiry_from_row(row: dict[str, Any]) -> Enquiry:
    return Enquiry(
        row["case_id"], row["agency"], date.fromisoformat(row["made_on"]), row["result"], row["id"], row["version"]
    )


def get_enquiry(register: Register, enquiry_id: int) -> Enquiry:
    row = get_row(register, "cme_enquiries", enquiry_id, "That enquiry is no longer in the register.")
    return _enquiry_from_row(row)


def _escalation_from_row(row: dict[str, Any]) -> Escalation:
    return Escalation(
        row["case_id"],
        row["escalated_to"],
        date.fromisoformat(row["escalated_on"]),
        row["note"] or "",
        row["id"],
        row["version"],
    )


def get_escalation(register: Register, escalation_id: int) -> Escalation:
    row = get_row(register, "cme_escalations", escalation_id, "That escalation is no longer in the register.")
    return _escalation_from_row(row)


def escalations_for_case(register: Register, case_id: int) -> list[Escalation]:
    rows = register.db.query("SELECT * FROM cme_escalations WHERE case_id = ? ORDER BY escalated_on, id", [case_id])
    return [_escalation_from_row(row) for row in rows]


def _dated_on_case(case: CmeCase, day: date, field: str, what: str, today: date) -> dict[str, str]:
    if day < case.referred_on:
        return {field: f"{what} is dated before the case was opened ({timescales.show_date(case.referred_on)})."}
    if day > today:
        return {field: f"{what} cannot be in the future."}
    if case.closed_on is not None and day > case.closed_on:
        return {field: f"{what} is after the case closed ({timescales.show_date(case.closed_on)}): reopen it first."}
    return {}


def save_enquiry(register: Register, enquiry: Enquiry) -> Enquiry:
    with register.atomic():
        case = get_case(register, enquiry.case_id)
        problems = _dated_on_case(case, enquiry.made_on, "made_on", "The enquiry", clock.today())
        if enquiry.agency not in codes.CME_AGENCIES:
            problems["agency"] = "Choose who was asked."
        if not enquiry.result.strip():
            problems["result"] = "Say what the enquiry found (or that no reply has come yet)."
        if problems:
            raise ValidationError(problems)
        values = {
            "case_id": enquiry.case_id,
            "agency": enquiry.agency,
            "made_on": enquiry.made_on.isoformat(),
            "result": enquiry.result.strip(),
        }
        with register.concerning(case.child_id):
            enquiry_id, version = save_row(register, "cme_enquiries", enquiry.id, enquiry.version, values)
        return replace(enquiry, id=enquiry_id, version=version)


def save_escalation(register: Register, escalation: Escalation) -> Escalation:
    with register.atomic():
        case = get_case(register, escalation.case_id)
        problems = _dated_on_case(case, escalation.escalated_on, "escalated_on", "The escalation", clock.today())
        if escalation.escalated_to not in codes.CME_ESCALATIONS:
            problems["escalated_to"] = "Choose children's social care or police."
        if problems:
            raise ValidationError(problems)
        values = {
            "case_id": escalation.case_id,
            "escalated_to": escalation.escalated_to,
            "escalated_on": escalation.escalated_on.isoformat(),
            "note": escalation.note.strip() or None,
        }
        with register.concerning(case.child_id):
            escalation_id, version = save_row(register, "cme_escalations", escalation.id, escalation.version, values)
        return replace(escalation, id=escalation_id, version=version)


# ---- deleting what was entered in error ------------------------------------------------


def delete_absence(register: Register, absence: Absence, reason: str) -> None:
    """Remove an absence entered in error; the audit trail keeps it and ``reason``. ValidationError without
    a reason, ConflictError if someone changed it since it was read."""
    assert absence.id is not None
    reason = reason_given(reason)
    with register.atomic():
        delete_row(register, "absences", absence.id, absence.version, reason)


def delete_enquiry(register: Register, enquiry: Enquiry, reason: str) -> None:
    """Remove an enquiry entered in error, as ``delete_absence`` does."""
    assert enquiry.id is not None
    reason = reason_given(reason)
    with register.atomic(), register.concerning(get_case(register, enquiry.case_id).child_id):
        delete_row(register, "cme_enquiries", enquiry.id, enquiry.version, reason)


def delete_escalation(register: Register, escalation: Escalation, reason: str) -> None:
    """Remove an escalation entered in error, as ``delete_absence`` does."""
    assert escalation.id is not None
    reason = reason_given(reason)
    with register.atomic(), register.concerning(get_case(register, escalation.case_id).child_id):
        delete_row(register, "cme_escalations", escalation.id, escalation.version, reason)


def delete_case(register: Register, case: CmeCase, reason: str) -> None:
    """Remove a CME case entered in error with its enquiries and escalations (each kept in the audit
    trail with ``reason``). ValidationError without a reason, ConflictError if someone changed the case."""
    assert case.id is not None
    reason = reason_given(reason)
    with register.atomic(), register.concerning(case.child_id):
        for enquiry in enquiries_for_case(register, case.id):
            delete_row(register, "cme_enquiries", enquiry.id or 0, enquiry.version, reason)
        for escalation in escalations_for_case(register, case.id):
            delete_row(register, "cme_escalations", escalation.id or 0, escalation.version, reason)
        delete_row(register, "cme_cases", case.id, case.version, reason)
