"""Ofsted's ILACS Annex A, List 8 (children in care): the register's part, per child in care who was
missing or away from placement without authorisation in the 12 months to a census date.

Source: Ofsted, "Inspecting local authority children's services", Annex A (the data template): List 8
asks, per child, the number of episodes reported missing and away from placement in the last 12 months
and whether a return interview was offered, and accepted, after the last missing episode. The headings
are the template's own words, as in the List 8 sheet of the Annex A workbooks that Social Finance's Annex A
cleaner (CSCDP/sfdata-annexa-clean, annex-a-merge.yml) matches by name; its "Absent" column counts the 903's
A episodes (away from placement without authorisation). The other columns of List 8 (legal status,
placement) live in the case system, not here; the data team joins on the child's unique ID.

- A child is listed when looked after by this authority in an episode (``looked_after_by = 'this'``)
  that lies, in part or whole, within the 12 months: from the day after the census date a year
  earlier (28 February standing for 29 February) to the census date, on England's clocks. An episode
  that began before the window and ended within it counts; one that ended the day before does not.
- The latest missing (M) episode is the one that started last in the window. Offered: Yes when an
  offer (its date, or the child's answer) is recorded, No when the interview was not offered, else
  Unknown. Accepted: Yes when accepted, No when declined or not offered, else Unknown. Both are
  empty when the child was only away (A) in the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from pathlib import Path

from register.core import clock, codes, permissions, timescales
from register.core.db import Register
from register.exports import sheets
from register.exports.writing import write_export

COLUMNS = (
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
    "Does the Child have a Disability",
    "Number of Episodes the Child has been \u2018Missing\u2019 from their Placement in the last 12 months",
    "Number of Episodes the Child has been \u2018Absent\u2019 from their Placement in the last 12 months",
    "Was the child offered a Return Interview after their last missing episode (Y/N)?",
    "Did the child accept a Return Interview after their last missing episode (Y/N)?",
)


@dataclass(frozen=True)
class Child8:
    """One child's row of List 8."""

    reference: str
    sex: str
    ethnicity: str
    dob: date
    age: int
    disabled: bool
    missing: int
    away: int
    offered: str  # Yes, No, Unknown; empty with no missing episode
    accepted: str
    child_id: int = 0  # the register's, for the access log; not a column of the list

    def cells(self) -> tuple[sheets.Cell, ...]:
        return (
            self.reference,
            codes.SEXES.get(self.sex, self.sex),
            self.ethnicity,
            self.dob,
            self.age,
            "Yes" if self.disabled else "No",
            self.missing,
            self.away,
            self.offered,
            self.accepted,
        )


def window(census: date) -> tuple[date, date]:
    """The 12 months to ``census``: (first day, census day), both included."""
    try:
        year_before = census.replace(year=census.year - 1)
    except ValueError:  # 29 February
        year_before = date(census.year - 1, 2, 28)
    return year_before + timedelta(days=1), census


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _answers(state: str, offered: int, accepted: int) -> tuple[str, str]:
    return (
        "Yes" if offered else "No" if state == "not_offered" else "Unknown",
        "Yes" if accepted else "No" if state in ("declined", "not_offered") else "Unknown",
    )


def list_8(register: Register, census: date) -> list[Child8]:
    """List 8 at ``census`` (a date), one row per child, by Child Unique ID (the case system id).

    Raises PermissionDenied unless the person's role may produce it (permissions.ANNEX_A), ValueError if
    the census date is after today."""
    register.require(permissions.ANNEX_A)
    if census > clock.today():
        raise ValueError(
            f"The census date {census:%d/%m/%Y} has not come yet: choose today, {clock.today():%d/%m/%Y}, "
            "or a day before."
        )
    first, last = window(census)
    with register.reading():
        found = register.db.execute(
            "SELECT c.id, c.la_id, c.sex, c.ethnicity, c.dob, c.disabled, e.type, e.interview_state, "
            "e.interview_offered, e.interview_accepted FROM missing_episodes e JOIN children c ON c.id = e.child_id "
            "WHERE e.looked_after = 1 AND e.looked_after_by = 'this' AND e.started_at < :ends "
            "AND (e.ended_at IS NULL OR e.ended_at >= :starts) ORDER BY coalesce(c.la_id, ''), c.id, e.started_at",
            {
                "starts": timescales.to_text(timescales.local_instant(first, time(0, 0))),
                "ends": timescales.to_text(timescales.local_instant(last + timedelta(days=1), time(0, 0))),
            },
        ).fetchall()
    rows: dict[int, Child8] = {}
    for child_id, la_id, sex, ethnicity, dob, disabled, kind, state, offered, accepted in found:
        born = date.fromisoformat(dob)
        row = rows.get(child_id) or Child8(
            la_id or "", sex, ethnicity or "", born, _age(born, census), bool(disabled), 0, 0, "", "", child_id
        )
        if kind == "M":  # later episodes come later: the last one read decides
            answered = _answers(state, offered, accepted)
            row = replace(row, missing=row.missing + 1, offered=answered[0], accepted=answered[1])
        else:
            row = replace(row, away=row.away + 1)
        rows[child_id] = row
    return list(rows.values())


def write(register: Register, census: date, path: str | Path) -> int:
    """Write List 8 at ``census`` to ``path``: an .xlsx workbook (a title line, then the template's
    columns, dates as dates) or a .csv file, as its name ends. Returns the children written. Raises
    PermissionDenied unless the role may produce it, ValueError if ``path`` ends in neither,
    ExportNotWritten if the file cannot be written."""
    workbook = sheets.format_of(path, ("xlsx", "csv")) == "xlsx"
    children = list_8(register, census)
    rows: Sequence[tuple[sheets.Cell, ...]] = [row.cells() for row in children]
    title = f"Annex A List 8: children in care missing or away from placement, 12 months to {census:%d/%m/%Y}"

    def write_rows(partial: Path) -> int:
        if workbook:
            return sheets.write_workbook(partial, [("List 8", COLUMNS, rows)], notes=[title])
        return sheets.write_csv(partial, COLUMNS, rows)

    return write_export(
        register, path, "Annex A List 8", {"census": census.isoformat()}, write_rows, [row.child_id for row in children]
    )
