"""Private fostering: notifications, whether an arrangement is private fostering, the visit schedule."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from register.core import clock, codes, timescales
from register.core.audit import delete_row, get_row, reason_given, save_row
from register.core.db import Register
from register.core.errors import ValidationError
from register.people.index import Child, children_by_ids, get_child

ADVANCE_NOTICE = timedelta(weeks=6)
MINIMUM_DAYS = 28  # cared for and accommodated for 28 days or more
INITIAL_VISIT_WORKING_DAYS = 7
AGE_LIMIT_WARNING = timedelta(days=30)


@dataclass(frozen=True)
class Arrangement:
    """A private fostering arrangement, from its notification to its end."""

    child_id: int
    notified_on: date
    notified_by: str
    notice: str  # "notified" is worked out as advance or late when saved
    intended_start_on: date
    carer_name: str
    carer_relationship: str
    started_on: date | None = None
    aware_on: date | None = None  # when the authority became aware; the notification date if empty
    purpose: str = ""
    intended_duration_days: int | None = None  # empty: open-ended
    carer_address: str = ""
    parents: str = ""
    born_abroad: bool = False
    disabled: bool = False
    suitability: str = ""
    suitability_on: date | None = None
    suitability_note: str = ""
    ended_on: date | None = None
    end_reason: str = ""
    end_destination: str = ""
    notes: str = ""
    id: int | None = None
    version: int = 0

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    @property
    def start(self) -> date:
        return self.started_on or self.intended_start_on


@dataclass(frozen=True)
class Visit:
    arrangement_id: int
    visited_on: date
    kind: str
    officer: str = ""
    seen_alone: bool = True
    not_alone_reason: str = ""
    matters: dict[str, str] | None = None  # the Schedule 2 matters established at the initial visit, with notes
    notes: str = ""
    id: int | None = None
    version: int = 0


# ---- the rules ----------------------------------------------------------------


def age_limit(child: Child, disabled: bool) -> tuple[int, date]:
    """The age at which a child stops being privately fostered (16, or 18 if disabled), and that birthday."""
    years = 18 if disabled else 16
    return years, timescales.birthday(child.dob, years)


def not_private_fostering(arrangement: Arrangement, child: Child) -> str | None:
    """Why an arrangement is not private fostering (Children Act 1989 s66), or None if it is."""
    years, limit = age_limit(child, arrangement.disabled)
    if arrangement.carer_relationship in codes.PF_CLOSE_RELATIVES:
        who = codes.PF_RELATIONSHIPS[arrangement.carer_relationship].lower()
        return f"The carer is a {who}: care by a parent or close relative is not private fostering."
    if arrangement.start >= limit:
        disabled = " (18 for a disabled child)" if arrangement.disabled else " (18 if disabled)"
        return (
            f"{child.forenames} is {years} or over on {timescales.show_date(arrangement.start)}: private "
            f"fostering is for children under 16{disabled}."
        )
    if arrangement.intended_duration_days is not None and arrangement.intended_duration_days < MINIMUM_DAYS:
        return "The arrangement is meant to last under 28 days: that is not private fostering."
    return None


def notice_given(notified_on: date, start: date, stated: str) -> str:
    """Advance or late from the dates, unless the start was an emergency or the authority found out otherwise."""
    if stated in ("emergency", "other_means"):
        return stated
    return "advance" if notified_on <= start - ADVANCE_NOTICE else "late"


def initial_visit_due(notified_on: date) -> date:
    """The initial visit is due within 7 working days of the notification (reg 4)."""
    return timescales.add_working_days(notified_on, INITIAL_VISIT_WORKING_DAYS)


def arrangement_problems(
    arrangement: Arrangement, child: Child, others: list[Arrangement], visits: list[Visit], today: date
) -> dict[str, str]:
    """What makes an arrangement invalid, by field. ``others`` are the child's other arrangements and
    ``visits`` this arrangement's visits (stored, or planned by an import)."""
    problems: dict[str, str] = {}
    if arrangement.notified_by not in codes.PF_NOTIFIERS:
        problems["notified_by"] = "Choose who notified the authority."
    if arrangement.notice not in (*codes.PF_NOTICE, "notified"):
        problems["notice"] = "Choose how the authority learnt of the arrangement."
    if arrangement.purpose and arrangement.purpose not in codes.PF_PURPOSES:
        problems["purpose"] = "Choose a purpose from the list."
    if arrangement.carer_relationship not in codes.PF_RELATIONSHIPS:
        problems["carer_relationship"] = "Choose the carer's relationship to the child."
    if not arrangement.carer_name.strip():
        problems["carer_name"] = "Enter the carer's name."
    if arrangement.notified_on > today:
        problems["notified_on"] = "The notification cannot be in the future."
    if arrangement.aware_on is not None and arrangement.aware_on > arrangement.notified_on:
        problems["aware_on"] = "The authority cannot have become aware after it was notified."
    if arrangement.intended_duration_days is not None and arrangement.intended_duration_days <= 0:
        problems["intended_duration_days"] = "A duration is a number of days greater than nought."
    if arrangement.started_on is not None and arrangement.started_on > today:
        problems["started_on"] = "The arrangement cannot have started in the future: leave it empty until it does."
    if arrangement.start < child.dob:
        problems["started_on"] = "The arrangement starts before the child was born: check the date."
    if "carer_relationship" not in problems and "started_on" not in problems:
        why = not_private_fostering(arrangement, child)
        if why:
            field = (
                "carer_relationship"
                if arrangement.carer_relationship in codes.PF_CLOSE_RELATIVES
                else ("started_on" if "or over on" in why else "intended_duration_days")
            )
            problems[field] = why
    if arrangement.suitability and arrangement.suitability not in codes.PF_SUITABILITY:
        problems["suitability"] = "Choose a suitability decision from the list."
    if arrangement.ended_on is not None or arrangement.end_reason:
        if arrangement.ended_on is None:
            problems["ended_on"] = "Enter the date the arrangement ended."
        elif arrangement.ended_on < arrangement.start:
            problems["ended_on"] = f"The end is before the start ({timescales.show_date(arrangement.start)})."
        elif arrangement.ended_on > today:
            problems["ended_on"] = "The arrangement cannot end in the future."
        if arrangement.end_reason not in codes.PF_END_REASONS:
            problems["end_reason"] = "Choose why the arrangement ended."
        if arrangement.end_reason == "moved_authority" and not arrangement.end_destination.strip():
            problems["end_destination"] = "Name the authority the child moved to."
    if arrangement.ended_on is not None and visits:
        late = max(visit.visited_on for visit in visits)
        if late > arrangement.ended_on:
            problems["ended_on"] = f"A visit is recorded after this end date, on {timescales.show_date(late)}."
    for other in others:
        if other.id != arrangement.id and other.is_open and arrangement.is_open:
            problems["notified_on"] = (
                f"{child.forenames} already has an open private fostering arrangement (notified "
                f"{timescales.show_date(other.notified_on)}): end it first."
            )
    return problems


# ---- reading and writing ------------------------------------------------------


def arrangement_from_row(row: dict[str, Any]) -> Arrangement:
    return Arrangement(
        id=row["id"],
        version=row["version"],
        child_id=row["child_id"],
        notified_on=date.fromisoformat(row["notified_on"]),
        aware_on=timescales.date_from_text(row["aware_on"]),
        notified_by=row["notified_by"],
        notice=row["notice"],
        intended_start_on=date.fromisoformat(row["intended_start_on"]),
        started_on=timescales.date_from_text(row["started_on"]),
        purpose=row["purpose"] or "",
        intended_duration_days=row["intended_duration_days"],
        carer_name=row["carer_name"],
        carer_address=row["carer_address"] or "",
        carer_relationship=row["carer_relationship"],
        parents=row["parents"] or "",
        born_abroad=bool(row["born_abroad"]),
        disabled=bool(row["disabled"]),
        suitability=row["suitability"] or "",
        suitability_on=timescales.date_from_text(row["suitability_on"]),
        suitability_note=row["suitability_note"] or "",
        ended_on=timescales.date_from_text(row["ended_on"]),
        end_reason=row["end_reason"] or "",
        end_destination=row["end_destination"] or "",
        notes=row["notes"] or "",
    )


def get_arrangement(register: Register, arrangement_id: int) -> Arrangement:
    row = get_row(
        register, "pf_arrangements", arrangement_id, "That private fostering arrangement is no longer in the register."
    )
    return arrangement_from_row(row)


def arrangements_for_child(register: Register, child_id: int) -> list[Arrangement]:
    rows = register.db.query("SELECT * FROM pf_arrangements WHERE child_id = ? ORDER BY notified_on, id", [child_id])
    return [arrangement_from_row(row) for row in rows]


def arrangement_values(arrangement: Arrangement) -> dict[str, Any]:
    """An arrangement's columns as stored (the notice worked out as advance or late from the dates)."""
    return {
        "child_id": arrangement.child_id,
        "notified_on": arrangement.notified_on.isoformat(),
        "aware_on": (arrangement.aware_on or arrangement.notified_on).isoformat(),
        "notified_by": arrangement.notified_by,
        "notice": notice_given(arrangement.notified_on, arrangement.start, arrangement.notice),
        "intended_start_on": arrangement.intended_start_on.isoformat(),
        "started_on": timescales.date_to_text(arrangement.started_on),
        "purpose": arrangement.purpose or None,
        "intended_duration_days": arrangement.intended_duration_days,
        "carer_name": arrangement.carer_name.strip(),
        "carer_address": arrangement.carer_address.strip() or None,
        "carer_relationship": arrangement.carer_relationship,
        "parents": arrangement.parents.strip() or None,
        "born_abroad": int(arrangement.born_abroad),
        "disabled": int(arrangement.disabled),
        "suitability": arrangement.suitability or None,
        "suitability_on": timescales.date_to_text(arrangement.suitability_on),
        "suitability_note": arrangement.suitability_note.strip() or None,
        "ended_on": timescales.date_to_text(arrangement.ended_on),
        "end_reason": arrangement.end_reason or None,
        "end_destination": arrangement.end_destination.strip() or None,
        "notes": arrangement.notes.strip() or None,
    }


def save_arrangement(register: Register, arrangement: Arrangement) -> Arrangement:
    """Record a notification, or change, decide on or end an arrangement; refused if it breaks a rule."""
    with register.atomic():
        child = get_child(register, arrangement.child_id)
        others = arrangements_for_child(register, arrangement.child_id)
        visits = [] if arrangement.id is None else visits_for_arrangement(register, arrangement.id)
        problems = arrangement_problems(arrangement, child, others, visits, clock.today())
        if problems:
            raise ValidationError(problems)
        arrangement_id, _ = save_row(
            register, "pf_arrangements", arrangement.id, arrangement.version, arrangement_values(arrangement)
        )
        return get_arrangement(register, arrangement_id)


def end_arrangement(
    register: Register, arrangement: Arrangement, ended_on: date, reason: str, destination: str = ""
) -> Arrangement:
    return save_arrangement(
        register, replace(arrangement, ended_on=ended_on, end_reason=reason, end_destination=destination)
    )


def visit_from_row(row: dict[str, Any]) -> Visit:
    return Visit(
        id=row["id"],
        version=row["version"],
        arrangement_id=row["arrangement_id"],
        visited_on=date.fromisoformat(row["visited_on"]),
        kind=row["kind"],
        officer=row["officer"] or "",
        seen_alone=bool(row["seen_alone"]),
        not_alone_reason=row["not_alone_reason"] or "",
        matters=json.loads(row["matters"]) if row["matters"] else None,
        notes=row["notes"] or "",
    )


def visits_for_arrangement(register: Register, arrangement_id: int) -> list[Visit]:
    rows = register.db.query(
        "SELECT * FROM pf_visits WHERE arrangement_id = ? ORDER BY visited_on, id", [arrangement_id]
    )
    return [visit_from_row(row) for row in rows]


def get_visit(register: Register, visit_id: int) -> Visit:
    row = get_row(register, "pf_visits", visit_id, "That visit is no longer in the register.")
    return visit_from_row(row)


def visit_problems(visit: Visit, arrangement: Arrangement, others: list[Visit], today: date) -> dict[str, str]:
    """What makes a visit invalid, by field. ``others`` are the arrangement's other visits (stored,
    or planned by an import)."""
    problems: dict[str, str] = {}
    if visit.kind not in codes.PF_VISIT_KINDS:
        problems["kind"] = "Choose initial, statutory or requested."
    if visit.visited_on < arrangement.notified_on:
        problems["visited_on"] = (
            f"The visit is before the notification ({timescales.show_date(arrangement.notified_on)})."
        )
    elif visit.visited_on > today:
        problems["visited_on"] = "The visit cannot be in the future."
    elif arrangement.ended_on is not None and visit.visited_on > arrangement.ended_on:
        problems["visited_on"] = f"The arrangement ended on {timescales.show_date(arrangement.ended_on)}."
    if not visit.officer.strip():
        problems["officer"] = "Enter who visited."
    if not visit.seen_alone and not visit.not_alone_reason.strip():
        problems["not_alone_reason"] = "Say why the child was not seen alone."
    unknown = set(visit.matters or {}) - set(codes.PF_MATTERS)
    if unknown:
        problems["matters"] = f"Unknown matter: {', '.join(sorted(unknown))}."
    initial = [v for v in others if v.kind == "initial" and v.id != visit.id]
    if visit.kind == "initial" and initial:
        problems["kind"] = f"The initial visit is already recorded ({timescales.show_date(initial[0].visited_on)})."
    elif visit.kind == "statutory" and not initial:
        problems["kind"] = "Record the initial visit first."
    elif visit.kind == "statutory" and "visited_on" not in problems and visit.visited_on < initial[0].visited_on:
        problems["visited_on"] = "A statutory visit cannot come before the initial visit."
    return problems


def save_visit(register: Register, visit: Visit) -> Visit:
    with register.atomic():
        arrangement = get_arrangement(register, visit.arrangement_id)
        others = visits_for_arrangement(register, visit.arrangement_id)
        problems = visit_problems(visit, arrangement, others, clock.today())
        if problems:
            raise ValidationError(problems)
        with register.concerning(arrangement.child_id):
            visit_id, _ = save_row(register, "pf_visits", visit.id, visit.version, visit_values(visit))
        return get_visit(register, visit_id)


def visit_values(visit: Visit) -> dict[str, Any]:
    """A visit's columns as stored."""
    return {
        "arrangement_id": visit.arrangement_id,
        "visited_on": visit.visited_on.isoformat(),
        "kind": visit.kind,
        "officer": visit.officer.strip(),
        "seen_alone": int(visit.seen_alone),
        "not_alone_reason": None if visit.seen_alone else visit.not_alone_reason.strip(),
        "matters": json.dumps(visit.matters, ensure_ascii=False) if visit.matters is not None else None,
        "notes": visit.notes.strip() or None,
    }


def record_visit(register: Register, visit: Visit, suitability: str = "", suitability_note: str = "") -> Visit:
    """Save a visit and, at the initial visit, the suitability decision with it (one transaction)."""
    with register.atomic():
        saved = save_visit(register, visit)
        if suitability:
            arrangement = get_arrangement(register, visit.arrangement_id)
            save_arrangement(
                register,
                replace(
                    arrangement,
                    suitability=suitability,
                    suitability_on=visit.visited_on,
                    suitability_note=suitability_note,
                ),
            )
        return saved


# ---- the schedule and the dashboard ---------------------------------------------


@dataclass(frozen=True)
class Due:
    """An open arrangement's next visit: which kind and by when (from the pf_next_visit view)."""

    child: Child
    arrangement: Arrangement
    kind: str
    due_on: date
    last_visited_on: date | None

    def days_left(self, today: date) -> int:
        return (self.due_on - today).days

    def overdue(self, today: date) -> bool:
        """Whether the visit is overdue today: its due day has passed (``timescales.overdue``)."""
        return timescales.overdue(self.due_on, today)


def next_visits(register: Register) -> list[Due]:
    """Every open arrangement's next visit, the most overdue first."""
    rows = list(
        register.db.query(
            "SELECT a.*, n.kind AS next_kind, n.due_on AS next_due_on, n.last_visited_on AS next_last "
            "FROM pf_arrangements a JOIN pf_next_visit n ON n.arrangement_id = a.id "
            "WHERE a.ended_on IS NULL ORDER BY n.due_on, a.id"
        )
    )
    children = children_by_ids(register, [row["child_id"] for row in rows])
    return [
        Due(
            children[row["child_id"]],
            arrangement_from_row(row),
            row["next_kind"],
            date.fromisoformat(row["next_due_on"]),
            timescales.date_from_text(row["next_last"]),
        )
        for row in rows
    ]


def visit_schedule(register: Register, arrangement_id: int) -> dict[int, tuple[date | None, bool | None]]:
    """For each initial and statutory visit: when it was due and whether it was on time (on or before
    the due day: ``timescales.in_time``)."""
    rows = register.db.query(
        "SELECT visit_id, visited_on, due_on FROM pf_visit_schedule WHERE arrangement_id = ?", [arrangement_id]
    )
    return {
        row["visit_id"]: (
            timescales.date_from_text(row["due_on"]),
            None
            if row["due_on"] is None
            else timescales.in_time(date.fromisoformat(row["visited_on"]), date.fromisoformat(row["due_on"])),
        )
        for row in rows
    }


@dataclass(frozen=True)
class FosteringDashboard:
    today: date  # the local date the lists were read on
    open: list[Due]  # every open arrangement and its next visit, the most overdue first
    initial: list[Due]  # open arrangements with no initial visit yet
    later: list[Due]  # later visits due within a week, or overdue
    nearing_limit: list[tuple[Child, Arrangement, date]]
    never_visited: int  # notifications in the last year that had no initial visit, ended ones included


def dashboard(register: Register) -> FosteringDashboard:
    today = clock.today()
    due = next_visits(register)
    nearing = []
    for entry in due:
        _, limit = age_limit(entry.child, entry.arrangement.disabled)
        if limit - today <= AGE_LIMIT_WARNING:
            nearing.append((entry.child, entry.arrangement, limit))
    nearing.sort(key=lambda found: found[2])
    never = register.db.execute(
        "SELECT COUNT(*) FROM pf_arrangements a WHERE a.notified_on >= ? AND NOT EXISTS "
        "(SELECT 1 FROM pf_visits v WHERE v.arrangement_id = a.id AND v.kind = 'initial')",
        [(today - timedelta(days=365)).isoformat()],
    ).fetchone()[0]
    return FosteringDashboard(
        today=today,
        open=due,
        initial=[entry for entry in due if entry.kind == "initial"],
        later=[entry for entry in due if entry.kind == "statutory" and entry.due_on <= today + timedelta(days=7)],
        nearing_limit=nearing,
        never_visited=never,
    )


# ---- deleting what was entered in error ------------------------------------------------


def delete_visit(register: Register, visit: Visit, reason: str) -> None:
    """Remove a visit entered in error (the next visit falls due again from the one before); the audit
    trail keeps it and ``reason``. ValidationError without a reason, ConflictError if someone changed it."""
    assert visit.id is not None
    reason = reason_given(reason)
    with register.atomic(), register.concerning(get_arrangement(register, visit.arrangement_id).child_id):
        delete_row(register, "pf_visits", visit.id, visit.version, reason)


def delete_arrangement(register: Register, arrangement: Arrangement, reason: str) -> None:
    """Remove an arrangement entered in error with its visits (each kept in the audit trail with
    ``reason``). ValidationError without a reason, ConflictError if someone changed the arrangement."""
    assert arrangement.id is not None
    reason = reason_given(reason)
    with register.atomic(), register.concerning(arrangement.child_id):
        for visit in visits_for_arrangement(register, arrangement.id):
            delete_row(register, "pf_visits", visit.id or 0, visit.version, reason)
        delete_row(register, "pf_arrangements", arrangement.id, arrangement.version, reason)
