"""The SSDA903 return's Missing table for a collection year (1 April to 31 March).

Source: DfE, "Children looked after return 2025 to 2026: guide" (the Missing module) and the DfE's
validator, csc-validator-be-903 (rules 564-567, 570, 571, 574, 586, 1004-1006 read this table alone).
Columns exactly ``CHILD,DOB,MISSING,MIS_START,MIS_END``, dates DD/MM/YYYY on England's clocks:

- CHILD: the authority's child reference (the child's case system id, ``children.la_id``);
- only episodes of a child looked after by this authority (``missing_episodes.looked_after_by =
  'this'``), and only those that overlap the year: started before midnight at the end of 31 March and
  not ended before midnight at the start of 1 April;
- MIS_END is blank for an episode still open, or ended after 31 March (the child was still missing
  or away when the year closed: rule 571 flags an end after the year).

Before anything is written the rows are checked for what the register's data could break (a child
with no reference, rules 586, 567, 574), naming the child and the rule, so the data team can put it
right in the register.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from register.core import clock, permissions, timescales
from register.core.db import Register
from register.core.periods import Period
from register.core.words import counted
from register.exports import sheets
from register.exports.writing import write_export

COLUMNS = ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END")
RULES = {
    "CHILD": "every row needs the child's reference",
    "586": "the episode starts on or before the child's date of birth",
    "567": "the episode ends before it starts",
    "574": "the episode starts before the child's previous episode ended, or while it is still open",
}


@dataclass(frozen=True)
class Row:
    """One row of the Missing table, and the register's child it is about (to name them in a problem)."""

    child: str  # CHILD: the authority's reference, or empty if the register holds none
    dob: date
    type: str  # M or A
    start: date
    end: date | None  # None: still missing or away at the end of the year
    child_id: int
    name: str

    def cells(self) -> tuple[str, str, str, str, str]:
        return (
            self.child,
            self.dob.strftime("%d/%m/%Y"),
            self.type,
            self.start.strftime("%d/%m/%Y"),
            self.end.strftime("%d/%m/%Y") if self.end else "",
        )


@dataclass(frozen=True)
class Problem:
    """A row the DfE's validator would refuse: which child, which rule, in words."""

    rule: str
    child_id: int
    words: str


@dataclass(frozen=True)
class MissingTable:
    """The year's rows (by CHILD, then start) and the problems found in them."""

    period: Period
    rows: list[Row]
    problems: list[Problem]


class ReturnHasProblems(ValueError):
    """The return was not written: the register's data would break the DfE's rules (listed)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  rule {problem.rule}: {problem.words}" for problem in problems)
        super().__init__(
            f"Nothing was written: {counted(len(problems), 'row')} would break the DfE's rules. Put them right in the "
            f"register, then export again:\n{lines}"
        )


def missing_table(register: Register, period: Period) -> MissingTable:
    """The Missing table of the collection year ``period`` (periods.year), with its problems.

    Raises PermissionDenied unless the person's role may produce it (permissions.RETURN_903), ValueError
    if the year has not begun."""
    register.require(permissions.RETURN_903)
    if period.first > clock.today():
        raise ValueError(
            f"The collection year {period.key} has not begun (it begins on {period.first:%d/%m/%Y}): "
            "choose this year or one before it."
        )
    with register.reading():
        found = register.db.execute(
            "SELECT c.id, c.la_id, c.forenames, c.surname, c.dob, e.type, e.started_at, e.ended_at "
            "FROM missing_episodes e JOIN children c ON c.id = e.child_id "
            "WHERE e.looked_after = 1 AND e.looked_after_by = 'this' AND e.started_at < :ends "
            "AND (e.ended_at IS NULL OR e.ended_at >= :starts) ORDER BY coalesce(c.la_id, ''), c.id, e.started_at",
            {"starts": timescales.to_text(period.starts_at()), "ends": timescales.to_text(period.ends_at())},
        ).fetchall()
    rows = []
    for child_id, la_id, forenames, surname, dob, kind, started_at, ended_at in found:
        ended = timescales.instant_from_text(ended_at)
        rows.append(
            Row(
                child=la_id or "",
                dob=date.fromisoformat(dob),
                type=kind,
                start=timescales.local_date(timescales.from_text(started_at)),
                end=timescales.local_date(ended) if ended and ended < period.ends_at() else None,
                child_id=child_id,
                name=f"{forenames} {surname}",
            )
        )
    return MissingTable(period, rows, list(_problems(rows)))


def _problems(rows: list[Row]) -> Iterable[Problem]:
    previous: Row | None = None  # the child's row before this one that ended last (or is open)
    for row in rows:
        who = f"{row.name} ({row.child or 'no reference'}), episode from {row.start:%d/%m/%Y}"
        if previous is not None and previous.child_id != row.child_id:
            previous = None
        if not row.child and previous is None:
            yield Problem("CHILD", row.child_id, f"{row.name} has no case system id (the 903's CHILD)")
        if row.start <= row.dob:
            yield Problem("586", row.child_id, f"{who}: starts on or before the date of birth {row.dob:%d/%m/%Y}")
        if row.end is not None and row.end < row.start:
            yield Problem("567", row.child_id, f"{who}: ends {row.end:%d/%m/%Y}, before it starts")
        if previous is not None and previous.end is None:
            yield Problem("574", row.child_id, f"{who}: starts while the one from {previous.start:%d/%m/%Y} is open")
        elif previous is not None and previous.end is not None and row.start < previous.end:
            yield Problem("574", row.child_id, f"{who}: starts before the one from {previous.start:%d/%m/%Y} ended")
        if previous is None or (previous.end is not None and (row.end is None or row.end > previous.end)):
            previous = row


def write(register: Register, table: MissingTable, path: str | Path, anyway: bool = False) -> int:
    """Write ``table`` to ``path`` as CSV (the DfE's columns exactly, no byte order mark); returns the
    rows written. Raises ReturnHasProblems, writing nothing, if it has problems (unless ``anyway``),
    PermissionDenied unless the role may produce it, ValueError if ``path`` does not end in .csv,
    ExportNotWritten if the file cannot be written."""
    register.require(permissions.RETURN_903)
    sheets.format_of(path, ("csv",))
    if table.problems and not anyway:
        raise ReturnHasProblems(table.problems)

    details = {"year": table.period.key, "problems": len(table.problems)}
    rows = [row.cells() for row in table.rows]
    return write_export(
        register,
        path,
        "SSDA903 Missing table",
        details,
        lambda partial: sheets.write_csv(partial, COLUMNS, rows, False),
        [row.child_id for row in table.rows],
    )
