"""Import private fostering arrangements and their initial visits from a spreadsheet (CSV), all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from register.core import codes
from register.core.db import Register
from register.fostering.records import (
    Arrangement,
    Visit,
    arrangements_for_child,
    save_arrangement,
    save_visit,
    visits_for_arrangement,
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
    seen_alone = cell("seen_alone", lambda text: cell_yes_no(text or "Y"))
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


def _write(register: Register, row: _Row, child: Child, summary: ImportSummary) -> None:
    known = {a.notified_on: a for a in arrangements_for_child(register, child.id or 0)}
    arrangement = known.get(row.arrangement.notified_on)
    if arrangement is None:
        # The visit goes in before the end, so that the end is checked against it.
        arrangement = save_arrangement(
            register, replace(row.arrangement, child_id=child.id or 0, ended_on=None, end_reason="", end_destination="")
        )
        summary.add("arrangements added")
    else:
        summary.add("arrangements already in the register")
    visits = visits_for_arrangement(register, arrangement.id or 0)
    if row.initial_visit_on is not None and not any(visit.kind == "initial" for visit in visits):
        save_visit(
            register,
            Visit(
                arrangement.id or 0,
                row.initial_visit_on,
                "initial",
                NOT_RECORDED,
                seen_alone=row.seen_alone,
                not_alone_reason="" if row.seen_alone else NOT_RECORDED,
            ),
        )
        summary.add("initial visits added")
    if row.arrangement.ended_on is not None and arrangement.is_open:
        save_arrangement(
            register,
            replace(
                arrangement,
                ended_on=row.arrangement.ended_on,
                end_reason=row.arrangement.end_reason,
                end_destination=row.arrangement.end_destination,
            ),
        )


def import_fostering(register: Register, path: str | Path, progress: Progress | None = None) -> ImportSummary:
    """Import arrangements, earliest notification first; all or nothing."""
    return run_import(
        register,
        path,
        COLUMNS,
        _parse,
        _write,
        FIELDS,
        progress,
        order=lambda row: (row.arrangement.notified_on, row.number),
    )
