"""Import an authority's existing spreadsheet of missing episodes (CSV), all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from register.core import codes
from register.core.bulk import RecordId
from register.core.db import Register
from register.imports.spreadsheet import (
    CHILD_COLUMNS,
    ChildRows,
    ImportSummary,
    Progress,
    RowReader,
    cell_instant,
    cell_yes_no,
    choice,
    run_import,
)
from register.missing.records import (
    Episode,
    ReturnInterview,
    episode_problems,
    episode_values,
    episodes_for_children,
    episodes_interviewed,
    interview_derived_values,
    interview_problems,
    interview_values,
)
from register.people.index import Child

COLUMNS = [
    *CHILD_COLUMNS,
    "ethnicity",
    "looked_after",
    "type",
    "started",
    "ended",
    "risk_grade",
    "police_reference",
    "rhi_offered",
    "rhi_outcome",
    "rhi_completed",
]

# Which spreadsheet column a rule's field comes from, for the report.
COLUMN_OF_FIELD = {
    "type": "type",
    "started_at": "started",
    "ended_at": "ended",
    "risk_grade": "risk_grade",
    "looked_after_by": "looked_after",
    "placing_authority": "looked_after",
    "reported_at": "started",
    "offered_at": "rhi_offered",
    "completed_at": "rhi_completed",
    "outcome": "rhi_outcome",
    "outcome_reason": "rhi_outcome",
    "completed_by": "rhi_completed",
    "episodes": "rhi_outcome",
}

_outcome = choice(codes.INTERVIEW_OUTCOMES, "accepted, declined or not offered", {"not offered": "not_offered"})
_risk = choice(codes.RISK_GRADES, "none, low, medium or high", {"absent": "none"})
_type = choice(codes.EPISODE_TYPES, "M or A", {"Away without authorisation": "A", "Away": "A"})  # the older words too
NOT_RECORDED = "Not recorded (imported)"


@dataclass
class _Row:
    number: int
    child: Child
    episode: Episode
    interview: ReturnInterview | None


def _parse(cell: RowReader) -> _Row | None:
    looked_after = cell("looked_after", cell_yes_no)
    child = cell.child(
        ethnicity=cell.cells["ethnicity"].upper(),
        looked_after=bool(looked_after),
        looked_after_by="this" if looked_after else "",
    )
    # DfE 903 validator, rule 565: a start needs its type; it is not taken to be M.
    kind = cell("type", _type, "the type is needed: M (missing) or A (away from placement without authorisation)")
    risk = cell("risk_grade", _risk)
    started = cell("started", cell_instant, "when the child was last seen is needed")
    ended = cell("ended", cell_instant)
    offered = cell("rhi_offered", cell_instant)
    completed = cell("rhi_completed", cell_instant)
    outcome = cell("rhi_outcome", _outcome)
    if child is None or started is None or kind is None:
        return None
    # The rules compare a child's episodes by id: one the import adds has minus its row's number, which
    # no other row's episode and no stored one has. Its child is 0 until the child is known.
    episode = Episode(
        child_id=0,
        id=-cell.number,
        type=kind,
        started_at=started,
        ended_at=ended,
        looked_after=bool(looked_after),
        looked_after_by="this" if looked_after else "",
        risk_grade=risk or "",
        police_reference=cell.cells["police_reference"],
    )
    interview = None
    if offered or outcome or completed:
        interview = ReturnInterview(
            child_id=0,
            episode_ids=(-cell.number,),
            offered_at=offered,
            outcome=outcome or "",
            completed_at=completed,
            completed_by=NOT_RECORDED if completed else "",
            outcome_reason=NOT_RECORDED if outcome in ("declined", "not_offered") else "",
        )
    return _Row(cell.number, child, episode, interview)


def _stored(register: Register, child_ids: list[int]) -> dict[int, tuple[list[Episode], set[datetime]]]:
    """Each child's episodes in the register (earliest first), and when those with an interview began."""
    episodes = episodes_for_children(register, child_ids)
    interviewed = episodes_interviewed(register, child_ids)
    return {
        child_id: (stored, {episode.started_at for episode in stored if episode.id in interviewed})
        for child_id, stored in episodes.items()
    }


def _plan(child: ChildRows[_Row]) -> None:
    """Check one child's episodes (earliest first) by the rules a form's save checks, and plan them."""
    stored, interviewed = child.stored or ([], set())
    others = list(stored)
    known: dict[datetime, Episode] = {episode.started_at: episode for episode in stored}
    added: set[datetime] = set()  # when the episodes this import adds began
    interviewed = set(interviewed)
    child_id = child.child.id or 0  # what the rules compare; the records carry child.ref
    for row in child.rows:
        started_at = row.episode.started_at
        if started_at in added:
            child.summary.add("episodes already in the register")
            continue
        episode = known.get(started_at)
        row_interview = None if started_at in interviewed else row.interview
        interview = None
        if episode is None:
            episode = row.episode if not child_id else replace(row.episode, child_id=child_id)
            if row_interview is not None:
                interview = row_interview if not child_id else replace(row_interview, child_id=child_id)
            problems = episode_problems(episode, child.child, others, child.now)
            if not problems and interview is not None:
                problems = interview_problems(interview, [episode], {}, child.now)
            if problems:
                child.refuse(row.number, problems)
                continue
            episode_id: RecordId = child.plan.add(
                "missing_episodes", {**episode_values(episode, interview), "child_id": child.ref}
            )
            others.append(episode)
            added.add(started_at)
            child.summary.add("episodes added")
        else:
            child.summary.add("episodes already in the register")
            if episode.id is None or row_interview is None:
                continue
            interview = replace(row_interview, child_id=child_id, episode_ids=(episode.id,))
            problems = interview_problems(interview, [episode], {}, child.now)
            if problems:
                child.refuse(row.number, problems)
                continue
            episode_id = episode.id
            child.plan.derive("missing_episodes", episode.id, interview_derived_values(episode.ended_at, interview))
        if interview is not None:
            interview_id = child.plan.add("return_interviews", {**interview_values(interview), "child_id": child.ref})
            child.plan.link(
                "interview_episodes",
                ("return_interviews", interview_id, "interview_id"),
                "episode_id",
                [episode_id],
                "episodes",
            )
            interviewed.add(started_at)
            child.summary.add("interviews added")


def import_missing(
    register: Register, path: str | Path, progress: Progress | None = None, sheet: str | None = None
) -> ImportSummary:
    """Import the file whole, or, if any row is wrong, write nothing and raise ImportRefused.

    A child's episodes are checked earliest first, each against those before it.
    """
    return run_import(
        register,
        path,
        COLUMNS,
        _parse,
        _plan,
        COLUMN_OF_FIELD,
        progress,
        order=lambda row: (row.episode.started_at, row.number),
        sheet=sheet,
        gather=_stored,
    )
