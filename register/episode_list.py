"""The register of episodes as a list to browse: filters, sorting and pages, all in SQL."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from . import clock, codes, timescales
from .db import Register
from .missing import shown_interview_state
from .people import name_words


@dataclass(frozen=True)
class EpisodeFilter:
    """What the coordinator narrowed the list to; empty values mean "any"."""

    status: str = "all"  # all, open, closed
    started_from: date | None = None
    started_to: date | None = None
    looked_after: bool | None = None
    risk_grade: str = ""
    interview_state: str = ""  # one of codes.INTERVIEW_STATES
    search: str = ""


@dataclass(frozen=True)
class EpisodeRow:
    """One line of the list, as shown."""

    id: int
    child_id: int
    child_name: str
    dob: date
    type: str
    started_at: datetime
    ended_at: datetime | None
    risk_grade: str
    looked_after: bool
    police_reference: str
    interview_state: str
    interview_due_at: datetime | None

    def shown_interview_state(self, now: datetime) -> str:
        return shown_interview_state(self.interview_state, self.interview_due_at, now)


# The columns a person can sort by, in display order, with the SQL that sorts them
# (each backed by an index, so the first or last page of a million rows is quick).
COLUMNS: list[tuple[str, list[str]]] = [
    ("Child", ["c.surname", "c.forenames"]),
    ("Born", ["c.dob"]),
    ("Type", ["e.type"]),
    ("Last seen", ["e.started_at"]),
    ("Returned", ["e.ended_at"]),
    ("Duration", ["e.duration_minutes"]),  # still missing sorts with the shortest, as in Returned
    ("Risk", ["e.risk_grade"]),
    ("Looked after", ["e.looked_after"]),
    ("Police ref", ["e.police_reference"]),
    ("Interview", ["e.interview_state", "e.interview_due_at"]),
]


def _where(episode_filter: EpisodeFilter, now: datetime) -> tuple[str, dict[str, Any]]:
    conditions: list[str] = []
    parameters: dict[str, Any] = {"now": timescales.to_text(now)}
    if episode_filter.status == "open":
        conditions.append("e.ended_at IS NULL")
    elif episode_filter.status == "closed":
        conditions.append("e.ended_at IS NOT NULL")
    if episode_filter.started_from:
        conditions.append("e.started_at >= :start_from")
        parameters["start_from"] = timescales.to_text(
            timescales.local_instant(episode_filter.started_from, datetime.min.time())
        )
    if episode_filter.started_to:
        conditions.append("e.started_at < :start_to")
        parameters["start_to"] = timescales.to_text(
            timescales.local_instant(episode_filter.started_to + timedelta(days=1), datetime.min.time())
        )
    if episode_filter.looked_after is not None:
        conditions.append("e.looked_after = :looked_after")
        parameters["looked_after"] = int(episode_filter.looked_after)
    if episode_filter.risk_grade:
        conditions.append("e.risk_grade = :risk_grade")
        parameters["risk_grade"] = episode_filter.risk_grade
    state = episode_filter.interview_state
    if state == "due":
        conditions.append("e.interview_state = 'pending' AND e.interview_due_at > :now")
    elif state == "overdue":
        conditions.append("e.interview_state = 'pending' AND e.interview_due_at <= :now")
    elif state in codes.INTERVIEW_STATES:
        conditions.append("e.interview_state = :interview_state")
        parameters["interview_state"] = state
    for number, word in enumerate(episode_filter.search.split()):
        key = f"word{number}"
        alternatives = ["e.police_reference = :" + key + "_exact"]
        parameters[key + "_exact"] = word
        for fold_number, folded in enumerate(sorted(name_words(word))):
            low, high = f"{key}_{fold_number}_low", f"{key}_{fold_number}_high"
            alternatives.append(
                f"e.child_id IN (SELECT child_id FROM child_name_words WHERE word >= :{low} AND word < :{high})"
            )
            parameters[low], parameters[high] = folded, folded + "\U0010ffff"
        compact = re.sub(r"[\s-]+", "", word).upper()
        alternatives.append(
            f"e.child_id IN (SELECT id FROM children WHERE upn = :{key}_id OR nhs_number = :{key}_id "
            f"OR la_id = :{key}_exact)"
        )
        parameters[key + "_id"] = compact
        conditions.append("(" + " OR ".join(alternatives) + ")")
    return (" WHERE " + " AND ".join(conditions)) if conditions else "", parameters


def count_episodes(register: Register, episode_filter: EpisodeFilter, now: datetime | None = None) -> int:
    """How many episodes the filter leaves."""
    where, parameters = _where(episode_filter, now or clock.now())
    return register.db.execute(f"SELECT COUNT(*) FROM missing_episodes e{where}", parameters).fetchone()[0]


def episode_rows(
    register: Register,
    episode_filter: EpisodeFilter,
    sort_column: int,
    descending: bool,
    offset: int,
    limit: int,
    now: datetime | None = None,
    total: int | None = None,
) -> list[EpisodeRow]:
    """One page of the filtered list, sorted by a column of COLUMNS (ties by episode id).

    Given the ``total``, a page in the second half is read from the other end, so the
    last page costs no more than the first.
    """
    where, parameters = _where(episode_filter, now or clock.now())
    reverse = total is not None and offset > total // 2
    if reverse:
        assert total is not None
        descending = not descending
        offset, limit = max(0, total - offset - limit), min(limit, total - offset)
    direction = "DESC" if descending else "ASC"
    order = ", ".join(f"{part} {direction}" for part in [*COLUMNS[sort_column][1], "e.id"])
    join = " JOIN children c ON c.id = e.child_id" if "c." in order else ""
    parameters.update(offset=offset, limit=limit)
    # Choose the page's ids from the indexes alone, then read just those rows.
    ids = [
        row[0]
        for row in register.db.execute(
            f"SELECT e.id FROM missing_episodes e{join}{where} ORDER BY {order} LIMIT :limit OFFSET :offset",
            parameters,
        ).fetchall()
    ]
    if reverse:
        ids.reverse()
    marks = ",".join("?" for _ in ids)
    rows = {
        row[0]: row
        for row in register.db.execute(
            "SELECT e.id, e.child_id, c.forenames || ' ' || c.surname, c.dob, e.type, e.started_at, e.ended_at, "
            "e.risk_grade, e.looked_after, e.police_reference, e.interview_state, e.interview_due_at "
            f"FROM missing_episodes e JOIN children c ON c.id = e.child_id WHERE e.id IN ({marks})",
            ids,
        ).fetchall()
    }
    return [_row(rows[episode_id]) for episode_id in ids if episode_id in rows]


def _row(row: tuple) -> EpisodeRow:
    return EpisodeRow(
        id=row[0],
        child_id=row[1],
        child_name=row[2],
        dob=date.fromisoformat(row[3]),
        type=row[4],
        started_at=timescales.from_text(row[5]),
        ended_at=None if row[6] is None else timescales.from_text(row[6]),
        risk_grade=row[7] or "",
        looked_after=bool(row[8]),
        police_reference=row[9] or "",
        interview_state=row[10],
        interview_due_at=None if row[11] is None else timescales.from_text(row[11]),
    )
