"""The register of episodes as a list to browse: filters, sorting and pages, all in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from register.core import codes, timescales
from register.core.db import Register
from register.core.paging import Listing
from register.missing.records import shown_interview_state
from register.people.index import shown_name
from register.people.search import name_search


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
    child_name: str | None  # None where names are hidden from the person's role
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


def day_start(day: date) -> str:
    """The stored instant of midnight starting a day in England."""
    return timescales.to_text(timescales.local_instant(day, datetime.min.time()))


class EpisodeListing(Listing[EpisodeFilter, EpisodeRow]):
    table, alias = "missing_episodes", "e"
    join = ("c.", "JOIN children c ON c.id = e.child_id")
    # Each sort is backed by an index, so the first or last page of a million rows is quick.
    columns = [
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

    def where(self, list_filter: EpisodeFilter, now: datetime) -> tuple[str, dict[str, Any]]:
        conditions: list[str] = []
        parameters: dict[str, Any] = {"now": timescales.to_text(now)}
        if list_filter.status == "open":
            conditions.append("e.ended_at IS NULL")
        elif list_filter.status == "closed":
            conditions.append("e.ended_at IS NOT NULL")
        if list_filter.started_from:
            conditions.append("e.started_at >= :start_from")
            parameters["start_from"] = day_start(list_filter.started_from)
        if list_filter.started_to:
            conditions.append("e.started_at < :start_to")
            parameters["start_to"] = day_start(list_filter.started_to + timedelta(days=1))
        if list_filter.looked_after is not None:
            conditions.append("e.looked_after = :looked_after")
            parameters["looked_after"] = int(list_filter.looked_after)
        if list_filter.risk_grade:
            conditions.append("e.risk_grade = :risk_grade")
            parameters["risk_grade"] = list_filter.risk_grade
        state = list_filter.interview_state
        if state == "due":
            conditions.append(
                f"e.interview_state = 'pending' AND {timescales.in_time_sql(':now', 'e.interview_due_at')}"
            )
        elif state == "overdue":
            conditions.append(
                f"e.interview_state = 'pending' AND {timescales.overdue_sql('e.interview_due_at', ':now')}"
            )
        elif state in codes.INTERVIEW_STATES:
            conditions.append("e.interview_state = :interview_state")
            parameters["interview_state"] = state
        for number, alternatives in enumerate(name_search(list_filter.search, "e.child_id", parameters)):
            alternatives.append(f"e.police_reference = :w{number}_exact")
            conditions.append("(" + " OR ".join(alternatives) + ")")
        return (" WHERE " + " AND ".join(conditions)) if conditions else "", parameters

    def read(self, register: Register, ids: list[int]) -> dict[int, EpisodeRow]:
        marks = ",".join("?" for _ in ids)
        rows = register.db.execute(
            "SELECT e.id, e.child_id, c.forenames || ' ' || c.surname, c.dob, e.type, e.started_at, e.ended_at, "
            "e.risk_grade, e.looked_after, e.police_reference, e.interview_state, e.interview_due_at "
            f"FROM missing_episodes e JOIN children c ON c.id = e.child_id WHERE e.id IN ({marks})",
            ids,
        ).fetchall()
        return {
            row[0]: EpisodeRow(
                id=row[0],
                child_id=row[1],
                child_name=row[2],
                dob=date.fromisoformat(row[3]),
                type=row[4],
                started_at=timescales.from_text(row[5]),
                ended_at=timescales.instant_from_text(row[6]),
                risk_grade=row[7] or "",
                looked_after=bool(row[8]),
                police_reference=row[9] or "",
                interview_state=row[10],
                interview_due_at=timescales.instant_from_text(row[11]),
            )
            for row in rows
        }

    def show(self, row: EpisodeRow, column: int, now: datetime) -> str:
        if column == 9:
            state = row.shown_interview_state(now)
            label = codes.INTERVIEW_STATES[state]
            if state in ("due", "overdue") and row.interview_due_at is not None:
                return f"{label} ({timescales.time_left(row.interview_due_at, now)})"  # Overdue (overdue by 2 h)
            return label
        return [
            shown_name(row.child_name, row.child_id),
            timescales.show_date(row.dob),
            row.type,
            timescales.show_instant(row.started_at),
            timescales.show_instant(row.ended_at) if row.ended_at else "Still missing",
            timescales.show_duration((row.ended_at or now) - row.started_at),
            codes.RISK_GRADES.get(row.risk_grade, ""),
            "Yes" if row.looked_after else "No",
            row.police_reference,
        ][column]

    def warn(self, row: EpisodeRow, column: int, now: datetime) -> bool:
        return column == 9 and row.shown_interview_state(now) in ("overdue", "late")


EPISODES = EpisodeListing()
