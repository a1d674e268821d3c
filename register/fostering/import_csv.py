"""Import private fostering arrangements and their initial visits from a spreadsheet (CSV), all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from register.core import codes, timescales
from register.core.bulk import RecordId
from register.core.db import Register
from register.fostering.records import (
    Arrangement,
    Visit,
    arrangement_problems,
    arrangement_values,
    arrangements_for_child,
    visit_problems,
    visit_values,
    visits_for_arrangement,
)
from register.imports.spreadsheet import (
    CHILD_COLUMNS,
    ChildRows,
    ImportSummary,
    Progress,
    RowProblem,
    RowReader,
    cell_date,
    cell_yes_no,
    choice,
    run_import,
)
from register.people.index import Child

COLUMNS = [
    *CHILD_COLUMNS,
    "disabled",
    "notified_on",
    "notified_by",
    "notice",
    "started_on",
    "ended_on",
    "end_reason",
    "carer_name",
    "carer_relationship",
    "initial_visit_on",
    "seen_alone",
]
FIELDS = {
    "notified_on": "notified_on",
    "notified_by": "notified_by",
    "notice": "notice",
    "started_on": "started_on",
    "ended_on": "ended_on",
    "end_reason": "end_reason",
    "end_destination": "end_reason",
    "carer_name": "carer_name",
    "carer_relationship": "carer_relationship",
    "intended_duration_days": "started_on",
    "aware_on": "notified_on",
    "visited_on": "initial_visit_on",
    "kind": "initial_visit_on",
    "officer": "initial_visit_on",
    "not_alone_reason": "seen_alone",
}
NOT_RECORDED = "Not recorded (imported)"

_notifier = choice(codes.PF_NOTIFIERS, "carer, parent, school, health or other")
# Whether notice was in advance or late is worked out again from the dates.
_notice = choice(
    codes.PF_NOTICE,
    "advance, late, emergency or other_means",
    {"advance": "notified", "late": "notified", "other means": "other_means"},
)
_relationship = choice(
    codes.PF_RELATIONSHIPS,
    "a relationship in the register's list (family_friend, cousin, …)",
    {
        "friend": "family_friend",
        "aunt": "aunt_uncle",
        "uncle": "aunt_uncle",
        "grandmother": "grandparent",
        "grandfather": "grandparent",
    },
)
_end_reason = choice(codes.PF_END_REASONS, "a reason the arrangement ended (returned_to_parents, moved_carer, …)")


@dataclass
class _Row:
    number: int
    child: Child
    arrangement: Arrangement
    initial_visit_on: date | None
    seen_alone: bool


def _parse(cell: RowReader) -> _Row | None:
    disabled = cell("disabled", cell_yes_no)
    child = cell.child(disabled=bool(disabled))
    notified_on = cell("notified_on", cell_date, "the notification date is needed")
    notified_by = cell("notified_by", _notifier, "who notified is needed")
    notice = cell("notice", _notice) or "notified"
    started_on = cell("started_on", cell_date)
    ended_on = cell("ended_on", cell_date)
    end_reason = cell("end_reason", _end_reason)
    relationship = cell("carer_relationship", _relationship, "the carer's relationship to the child is needed")
    visited_on = cell("initial_visit_on", cell_date)
    seen_alone = _seen_alone(cell)
    if child is None or notified_on is None or notified_by is None or relationship is None:
        return None
    arrangement = Arrangement(
        child_id=0,
        notified_on=notified_on,
        notified_by=notified_by,
        notice=notice,
        intended_start_on=started_on or notified_on,
        started_on=started_on,
        carer_name=cell.cells["carer_name"],
        carer_relationship=relationship,
        disabled=bool(disabled),
        ended_on=ended_on,
        end_reason=end_reason or "",
        end_destination=NOT_RECORDED if end_reason == "moved_authority" else "",
    )
    return _Row(cell.number, child, arrangement, visited_on, bool(seen_alone))


def _seen_alone(cell: RowReader) -> bool | None:
    """Whether the child was seen alone at the initial visit: said for every visit, never assumed (the share
    seen alone is one of the board's figures, domain.md); a cell with no visit beside it is refused."""
    if not cell.cells.get("initial_visit_on"):
        if cell.cells.get("seen_alone"):
            cell.problems.append(
                RowProblem(cell.number, "seen_alone", "there is no initial_visit_on for it to describe")
            )
        return None
    return cell("seen_alone", cell_yes_no, "say whether the child was seen alone at the initial visit (Y or N)")


@dataclass
class _Held:
    """One of the child's arrangements as the import would leave it, and the visits it adds to it."""

    arrangement: Arrangement  # its id: the stored one's, or one below nought for one the import adds
    visits: list[Visit]  # stored and planned
    stored: Arrangement | None  # as read from the register; None for one the import adds
    new_visits: list[Visit] = field(default_factory=list)


def _plan(child: ChildRows[_Row]) -> None:
    """Check one child's arrangements (earliest notification first) by the rules a form's save checks,
    and plan them: a new arrangement is added once, ended if its row ends it, beside its initial visit;
    a stored open arrangement that a row ends is changed."""
    register = child.register
    held: list[_Held] = []
    if child.child.id is not None:
        for stored in arrangements_for_child(register, child.child.id):
            held.append(_Held(stored, visits_for_arrangement(register, stored.id or 0), stored))
    by_notification = {entry.arrangement.notified_on: entry for entry in held}
    child_id = child.child.id or 0  # what the rules compare; the records carry child.ref
    today = timescales.local_date(child.now)
    planned_visits = 0
    for row in child.rows:
        entry = by_notification.get(row.arrangement.notified_on)
        if entry is None:
            arrangement = replace(row.arrangement, child_id=child_id, id=-len(held) - 1)
            visits: list[Visit] = []
        else:
            arrangement, visits = entry.arrangement, entry.visits
            if row.arrangement.ended_on is not None and arrangement.is_open:
                arrangement = replace(
                    arrangement,
                    ended_on=row.arrangement.ended_on,
                    end_reason=row.arrangement.end_reason,
                    end_destination=row.arrangement.end_destination,
                )
        visit = None
        if row.initial_visit_on is not None and not any(known.kind == "initial" for known in visits):
            planned_visits += 1
            visit = Visit(
                arrangement.id or 0,
                row.initial_visit_on,
                "initial",
                NOT_RECORDED,
                seen_alone=row.seen_alone,
                not_alone_reason="" if row.seen_alone else NOT_RECORDED,
                id=-planned_visits,  # an id no stored visit has
            )
        problems: dict[str, str] = {}
        if entry is None or arrangement is not entry.arrangement:  # to be added, or ended
            others = [other.arrangement for other in held if other is not entry]
            with_visit = visits if visit is None else [*visits, visit]
            problems = arrangement_problems(arrangement, child.child, others, with_visit, today)
        if not problems and visit is not None:
            problems = visit_problems(visit, arrangement, visits, today)
        if problems:
            child.refuse(row.number, problems)
            continue
        if entry is None:
            entry = _Held(arrangement, [], None)
            held.append(entry)
            by_notification[arrangement.notified_on] = entry
            child.summary.add("arrangements added")
        else:
            entry.arrangement = arrangement
            child.summary.add("arrangements already in the register")
        if visit is not None:
            entry.visits.append(visit)
            entry.new_visits.append(visit)
            child.summary.add("initial visits added")
    for entry in held:
        arrangement_id: RecordId
        if entry.stored is None:
            values = {**arrangement_values(entry.arrangement), "child_id": child.ref}
            arrangement_id = child.plan.add("pf_arrangements", values)
        else:
            arrangement_id = entry.stored.id or 0
            if entry.arrangement is not entry.stored:
                values = arrangement_values(entry.arrangement)
                child.plan.change("pf_arrangements", arrangement_id, entry.stored.version, values)
        for visit in entry.new_visits:
            child.plan.add("pf_visits", {**visit_values(visit), "arrangement_id": arrangement_id})


def import_fostering(
    register: Register, path: str | Path, progress: Progress | None = None, sheet: str | None = None
) -> ImportSummary:
    """Import arrangements, earliest notification first; all or nothing."""
    return run_import(
        register,
        path,
        COLUMNS,
        _parse,
        _plan,
        FIELDS,
        progress,
        order=lambda row: (row.arrangement.notified_on, row.number),
        sheet=sheet,
    )
