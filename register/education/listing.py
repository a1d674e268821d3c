"""The register of CME cases as a list to browse: filters, sorting and pages, all in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from register.core import codes, timescales
from register.core.db import Register
from register.core.paging import Listing
from register.education.records import outcomes
from register.people.index import shown_name
from register.people.search import name_search


@dataclass(frozen=True)
class CaseFilter:
    status: str = "open"  # all, open, closed
    officer: str = ""
    reason: str = ""
    whereabouts_known: bool | None = None
    outcome: str = ""
    referred_from: date | None = None
    referred_to: date | None = None
    search: str = ""


@dataclass(frozen=True)
class CaseRow:
    id: int
    child_id: int
    child_name: str | None  # None where names are hidden from the person's role
    dob: date
    referred_on: date
    referred_by: str
    reason: str
    assigned_officer: str
    whereabouts_known: bool
    outcome: str
    closed_on: date | None


class CaseListing(Listing[CaseFilter, CaseRow]):
    table, alias = "cme_cases", "k"
    join = ("c.", "JOIN children c ON c.id = k.child_id")
    columns = [
        ("Child", ["c.surname", "c.forenames"]),
        ("Born", ["c.dob"]),
        ("Referred", ["k.referred_on"]),
        ("Referred by", ["k.referred_by"]),
        ("Reason", ["k.reason"]),
        ("Officer", ["k.assigned_officer"]),
        ("Whereabouts", ["k.whereabouts_known"]),
        ("Days open", ["k.referred_on"]),
        ("Outcome", ["k.outcome"]),
        ("Closed", ["k.closed_on"]),
    ]

    def __init__(self) -> None:
        self._outcome_labels: dict[str, str] = {}

    def where(self, list_filter: CaseFilter, now: datetime) -> tuple[str, dict[str, Any]]:
        conditions: list[str] = []
        parameters: dict[str, Any] = {}
        if list_filter.status == "open":
            conditions.append("k.closed_on IS NULL")
        elif list_filter.status == "closed":
            conditions.append("k.closed_on IS NOT NULL")
        for column in ("officer", "reason", "outcome"):
            value = getattr(list_filter, column)
            if value:
                sql_column = "assigned_officer" if column == "officer" else column
                conditions.append(f"k.{sql_column} = :{column}")
                parameters[column] = value
        if list_filter.whereabouts_known is not None:
            conditions.append("k.whereabouts_known = :whereabouts")
            parameters["whereabouts"] = int(list_filter.whereabouts_known)
        if list_filter.referred_from:
            conditions.append("k.referred_on >= :referred_from")
            parameters["referred_from"] = list_filter.referred_from.isoformat()
        if list_filter.referred_to:
            conditions.append("k.referred_on <= :referred_to")
            parameters["referred_to"] = list_filter.referred_to.isoformat()
        for alternatives in name_search(list_filter.search, "k.child_id", parameters):
            conditions.append("(" + " OR ".join(alternatives) + ")")
        return (" WHERE " + " AND ".join(conditions)) if conditions else "", parameters

    def read(self, register: Register, ids: list[int]) -> dict[int, CaseRow]:
        self._outcome_labels = outcomes(register, include_retired=True)
        marks = ",".join("?" for _ in ids)
        rows = register.db.execute(
            "SELECT k.id, k.child_id, c.forenames || ' ' || c.surname, c.dob, k.referred_on, k.referred_by, k.reason, "
            "k.assigned_officer, k.whereabouts_known, k.outcome, k.closed_on "
            f"FROM cme_cases k JOIN children c ON c.id = k.child_id WHERE k.id IN ({marks})",
            ids,
        ).fetchall()
        return {
            row[0]: CaseRow(
                row[0],
                row[1],
                row[2],
                date.fromisoformat(row[3]),
                date.fromisoformat(row[4]),
                row[5],
                row[6],
                row[7] or "",
                bool(row[8]),
                row[9] or "",
                timescales.date_from_text(row[10]),
            )
            for row in rows
        }

    def show(self, row: CaseRow, column: int, now: datetime) -> str:
        today = timescales.local_date(now)
        return [
            shown_name(row.child_name, row.child_id),
            timescales.show_date(row.dob),
            timescales.show_date(row.referred_on),
            codes.CME_REFERRERS.get(row.referred_by, row.referred_by),
            codes.CME_REASONS.short.get(row.reason, row.reason),
            row.assigned_officer,
            "Known" if row.whereabouts_known else "Unknown",
            str(((row.closed_on or today) - row.referred_on).days),
            self._outcome_labels.get(row.outcome, row.outcome),
            timescales.show_date(row.closed_on),
        ][column]

    def warn(self, row: CaseRow, column: int, now: datetime) -> bool:
        return column == 6 and not row.whereabouts_known and row.closed_on is None


CASES = CaseListing()
