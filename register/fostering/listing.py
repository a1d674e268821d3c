"""The register of private fostering arrangements as a list to browse: filters, sorting and pages, all in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from register.core import codes, timescales
from register.core.db import Register
from register.core.paging import Listing
from register.people.index import shown_name
from register.people.search import name_search


@dataclass(frozen=True)
class ArrangementFilter:
    """What the private fostering officer narrowed the list to; empty values mean "any"."""

    status: str = "open"  # all, open (not yet ended), ended
    notified_from: date | None = None
    notified_to: date | None = None
    search: str = ""


@dataclass(frozen=True)
class ArrangementRow:
    """One line of the list, as shown."""

    id: int
    child_id: int
    child_name: str | None  # None where names are hidden from the person's role
    dob: date
    carer_name: str | None  # None where carers' names are hidden
    carer_relationship: str
    notified_on: date
    notice: str
    started_on: date | None
    ended_on: date | None
    suitability: str


class ArrangementListing(Listing[ArrangementFilter, ArrangementRow]):
    table, alias = "pf_arrangements", "a"
    join = ("c.", "JOIN children c ON c.id = a.child_id")
    # An authority has hundreds of arrangements, not millions: the columns without an index sort quickly anyway.
    columns = [
        ("Child", ["c.surname", "c.forenames"]),
        ("Born", ["c.dob"]),
        ("Carer", ["a.carer_name"]),
        ("Relationship", ["a.carer_relationship"]),
        ("Notified", ["a.notified_on"]),
        ("Notice", ["a.notice"]),
        ("Started", ["a.started_on"]),
        ("Ended", ["a.ended_on"]),
        ("Suitability", ["a.suitability"]),
    ]

    def where(self, list_filter: ArrangementFilter, now: datetime) -> tuple[str, dict[str, Any]]:
        conditions: list[str] = []
        parameters: dict[str, Any] = {}
        if list_filter.status == "open":
            conditions.append("a.ended_on IS NULL")
        elif list_filter.status == "ended":
            conditions.append("a.ended_on IS NOT NULL")
        if list_filter.notified_from:
            conditions.append("a.notified_on >= :notified_from")
            parameters["notified_from"] = list_filter.notified_from.isoformat()
        if list_filter.notified_to:
            conditions.append("a.notified_on <= :notified_to")
            parameters["notified_to"] = list_filter.notified_to.isoformat()
        for alternatives in name_search(list_filter.search, "a.child_id", parameters):
            conditions.append("(" + " OR ".join(alternatives) + ")")
        return (" WHERE " + " AND ".join(conditions)) if conditions else "", parameters

    def read(self, register: Register, ids: list[int]) -> dict[int, ArrangementRow]:
        marks = ",".join("?" for _ in ids)
        rows = register.db.execute(
            "SELECT a.id, a.child_id, c.forenames || ' ' || c.surname, c.dob, a.carer_name, a.carer_relationship, "
            "a.notified_on, a.notice, a.started_on, a.ended_on, a.suitability "
            f"FROM pf_arrangements a JOIN children c ON c.id = a.child_id WHERE a.id IN ({marks})",
            ids,
        ).fetchall()
        return {
            row[0]: ArrangementRow(
                id=row[0],
                child_id=row[1],
                child_name=row[2],
                dob=date.fromisoformat(row[3]),
                carer_name=row[4],
                carer_relationship=row[5] or "",
                notified_on=date.fromisoformat(row[6]),
                notice=row[7] or "",
                started_on=timescales.date_from_text(row[8]),
                ended_on=timescales.date_from_text(row[9]),
                suitability=row[10] or "",
            )
            for row in rows
        }

    def show(self, row: ArrangementRow, column: int, now: datetime) -> str:
        return [
            shown_name(row.child_name, row.child_id),
            timescales.show_date(row.dob),
            row.carer_name or "",
            codes.PF_RELATIONSHIPS.get(row.carer_relationship, row.carer_relationship),
            timescales.show_date(row.notified_on),
            codes.PF_NOTICE.short.get(row.notice, row.notice),
            timescales.show_date(row.started_on) or "not yet",
            timescales.show_date(row.ended_on),
            codes.PF_SUITABILITY.get(row.suitability, "not decided"),
        ][column]


ARRANGEMENTS = ArrangementListing()
