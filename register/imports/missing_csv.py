"""Import an authority's existing spreadsheet of missing episodes (CSV), all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .. import codes
from ..db import Register
from ..errors import ValidationError
from ..missing import Episode, ReturnInterview, episodes_for_child, interview_for_episode, save_episode, save_interview
from ..people import Child, child_from_row, fold, save_child
from .spreadsheet import (
    ImportCancelled,
    ImportRefused,
    ImportSummary,
    Progress,
    RowProblem,
    cell_date,
    cell_instant,
    cell_yes_no,
    read_rows,
)

COLUMNS = [
    "child_ref", "forenames", "surname", "dob", "sex", "ethnicity", "looked_after", "type", "started", "ended",
    "risk_grade", "police_reference", "rhi_offered", "rhi_outcome", "rhi_completed",
]  # fmt: skip

# Which spreadsheet column a rule's field comes from, for the report.
_COLUMN_OF_FIELD = {
    "forenames": "forenames", "surname": "surname", "dob": "dob", "sex": "sex", "ethnicity": "ethnicity",
    "la_id": "child_ref", "type": "type", "started_at": "started", "ended_at": "ended", "risk_grade": "risk_grade",
    "looked_after_by": "looked_after", "placing_authority": "looked_after", "reported_at": "started",
    "offered_at": "rhi_offered", "completed_at": "rhi_completed", "outcome": "rhi_outcome",
    "outcome_reason": "rhi_outcome", "completed_by": "rhi_completed", "episodes": "rhi_outcome",
}  # fmt: skip

_OUTCOMES = {"accepted": "accepted", "declined": "declined", "not offered": "not_offered", "not_offered": "not_offered"}
_RISK = {label.lower(): code for code, label in codes.RISK_GRADES.items()} | {code: code for code in codes.RISK_GRADES}
_RISK["absent"] = "none"


@dataclass
class _Row:
    number: int
    child: Child
    episode: Episode
    interview: ReturnInterview | None


def _parse(number: int, cells: dict[str, str], problems: list[RowProblem]) -> _Row | None:
    found: list[RowProblem] = []

    def read(column, parser):
        try:
            return parser(cells.get(column, ""))
        except ValueError as error:
            found.append(RowProblem(number, column, str(error)))
            return None

    dob = read("dob", cell_date)
    if dob is None and not any(p.column == "dob" for p in found):
        found.append(RowProblem(number, "dob", "the date of birth is needed"))
    sex = {"m": "M", "male": "M", "f": "F", "female": "F", "": "U", "u": "U"}.get(cells["sex"].lower())
    if sex is None:
        found.append(RowProblem(number, "sex", f"“{cells['sex']}” is not M, F or blank"))
    looked_after = cell_yes_no(cells["looked_after"])
    if looked_after is None:
        found.append(RowProblem(number, "looked_after", f"“{cells['looked_after']}” is not Y or N"))
    kind = cells["type"].upper() or "M"
    risk = _RISK.get(cells["risk_grade"].lower()) if cells["risk_grade"] else ""
    if risk is None:
        found.append(RowProblem(number, "risk_grade", f"“{cells['risk_grade']}” is not none, low, medium or high"))
    started = read("started", cell_instant)
    if started is None and not any(p.column == "started" for p in found):
        found.append(RowProblem(number, "started", "when the child was last seen is needed"))
    ended = read("ended", cell_instant)
    offered = read("rhi_offered", cell_instant)
    completed = read("rhi_completed", cell_instant)
    outcome = _OUTCOMES.get(cells["rhi_outcome"].lower()) if cells["rhi_outcome"] else ""
    if outcome is None:
        found.append(
            RowProblem(number, "rhi_outcome", f"“{cells['rhi_outcome']}” is not accepted, declined or not offered")
        )
    if found:
        problems.extend(found)
        return None
    assert dob is not None and started is not None and sex is not None
    child = Child(
        forenames=cells["forenames"], surname=cells["surname"], dob=dob, sex=sex,
        ethnicity=cells["ethnicity"].upper(), looked_after=bool(looked_after),
        looked_after_by="this" if looked_after else "", la_id=cells["child_ref"],
    )  # fmt: skip
    episode = Episode(
        child_id=0, type=kind, started_at=started, ended_at=ended, looked_after=bool(looked_after),
        looked_after_by="this" if looked_after else "", risk_grade=risk or "",
        police_reference=cells["police_reference"],
    )  # fmt: skip
    interview = None
    if offered or outcome or completed:
        interview = ReturnInterview(
            child_id=0, episode_ids=(), offered_at=offered, outcome=outcome or "", completed_at=completed,
            completed_by="Not recorded (imported)" if completed else "",
            outcome_reason="Not recorded (imported)" if outcome in ("declined", "not_offered") else "",
        )  # fmt: skip
    return _Row(number, child, episode, interview)


def _child_key(child: Child) -> tuple[str, ...]:
    if child.la_id:
        return ("ref", child.la_id)
    return ("name", fold(child.forenames), fold(child.surname), child.dob.isoformat())


def _existing_child(register: Register, child: Child) -> Child | None:
    if child.la_id:
        rows = list(register.db.query("SELECT * FROM children WHERE la_id = ?", [child.la_id]))
    else:
        rows = [
            row
            for row in register.db.query("SELECT * FROM children WHERE dob = ?", [child.dob.isoformat()])
            if fold(row["forenames"]) == fold(child.forenames) and fold(row["surname"]) == fold(child.surname)
        ]
    return child_from_row(rows[0]) if rows else None


def _problems_of(number: int, error: ValidationError) -> list[RowProblem]:
    return [
        RowProblem(number, _COLUMN_OF_FIELD.get(field, field), message) for field, message in error.problems.items()
    ]


def import_missing(register: Register, path: str | Path, progress: Progress | None = None) -> ImportSummary:
    """Import the file whole, or, if any row is wrong, write nothing and raise ImportRefused."""
    rows = read_rows(path, COLUMNS)
    problems: list[RowProblem] = []
    parsed = [row for number, cells in enumerate(rows, start=2) if (row := _parse(number, cells, problems))]
    summary = ImportSummary(rows=len(rows))
    # Earlier episodes first, so each is checked against those before it.
    parsed.sort(key=lambda row: (row.episode.started_at, row.number))
    children: dict[tuple[str, ...], Child] = {}
    first_row: dict[tuple[str, ...], _Row] = {}
    with register.atomic():
        for done, row in enumerate(parsed, start=1):
            if progress and not progress(done, len(parsed)):
                raise ImportCancelled("The import was cancelled; nothing was written.")
            key = _child_key(row.child)
            child = children.get(key)
            if child is None:
                try:
                    child = _existing_child(register, row.child)
                    if child is None:
                        child = save_child(register, row.child)
                        summary.add("children added")
                    else:
                        summary.add("children already in the register")
                except ValidationError as error:
                    problems.extend(_problems_of(row.number, error))
                    continue
                children[key] = child
                first_row[key] = row
            elif child.dob != row.child.dob:
                problems.append(
                    RowProblem(row.number, "dob", f"differs from row {first_row[key].number} for the same child_ref")
                )
                continue
            existing = {e.started_at: e for e in episodes_for_child(register, child.id or 0)}
            episode = existing.get(row.episode.started_at)
            if episode is None:
                try:
                    episode = save_episode(register, replace(row.episode, child_id=child.id or 0))
                    summary.add("episodes added")
                except ValidationError as error:
                    problems.extend(_problems_of(row.number, error))
                    continue
            else:
                summary.add("episodes already in the register")
            if (
                row.interview is not None
                and episode.id is not None
                and interview_for_episode(register, episode.id) is None
            ):
                try:
                    save_interview(register, replace(row.interview, child_id=child.id or 0, episode_ids=(episode.id,)))
                    summary.add("interviews added")
                except ValidationError as error:
                    problems.extend(_problems_of(row.number, error))
        if problems:
            problems.sort(key=lambda problem: problem.row)
            raise ImportRefused(problems)
    return summary
