"""What every spreadsheet import shares: reading the CSV and its cells, matching children,
checking every row by a register's rules while others go on saving, and writing all or nothing
in bulk, with every bad row reported."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from register.core import clock, timescales
from register.core.bulk import Plan, RecordId, write_plan
from register.core.db import Register
from register.core.errors import RegisterError, ValidationError
from register.people.index import Child, child_from_row, fold, plan_child

Progress = Callable[[int, int], bool]
"""Called with (rows done, rows in all); returning False cancels the import."""

CHILD_COLUMNS = ["child_ref", "forenames", "surname", "dob", "sex"]
_CHILD_FIELDS = {
    "forenames": "forenames",
    "surname": "surname",
    "dob": "dob",
    "sex": "sex",
    "la_id": "child_ref",
    "ethnicity": "ethnicity",
}
_SEXES = {"m": "M", "male": "M", "f": "F", "female": "F", "": "U", "u": "U", "not known": "U"}


@dataclass(frozen=True)
class RowProblem:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    problem: str

    def __str__(self) -> str:
        return f"Row {self.row}, {self.column}: {self.problem}"


class ImportRefused(RegisterError):
    """The file has problems; nothing was written. Carries every problem found."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        shown = "\n".join(str(problem) for problem in problems[:50])
        more = f"\n… and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"Nothing was imported: {len(problems)} problem(s) to put right first.\n{shown}{more}")


class ImportCancelled(RegisterError):
    """The person cancelled; nothing was written."""


@dataclass
class ImportSummary:
    rows: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, number: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + number

    def __str__(self) -> str:
        parts = ", ".join(f"{number} {what}" for what, number in self.counts.items() if number)
        return f"{self.rows} rows read: {parts or 'nothing new'}."


def read_rows(path: str | Path, columns: list[str]) -> Iterator[dict[str, str]]:
    """The rows of a CSV file with a header row naming at least ``columns``, one at a time (cell -> text).

    Raises ImportRefused, when the first row is asked for, if the header lacks a column.
    """
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel's plain "CSV" on Windows
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in columns if name not in header]
    if missing:
        raise ImportRefused(
            [
                RowProblem(
                    1,
                    "header",
                    f"the header row lacks the column(s) {', '.join(missing)}; expected {','.join(columns)}",
                )
            ]
        )
    reader.fieldnames = header
    for row in reader:
        yield {key: (value or "").strip() for key, value in row.items() if key}


# ---- reading cells ------------------------------------------------------------


def cell_date(text: str) -> date | None:
    return timescales.parse_date(text) if text else None


def cell_instant(text: str) -> datetime | None:
    """A date and local time in one cell: 'DD/MM/YYYY HH:MM' or ISO 'YYYY-MM-DD HH:MM' (or with a T)."""
    if not text:
        return None
    parts = text.replace("T", " ").split()
    if len(parts) == 1:
        raise ValueError(f"“{text}” has no time: write it as DD/MM/YYYY HH:MM")
    if len(parts) != 2:
        raise ValueError(f"“{text}” is not a date and time: write it as DD/MM/YYYY HH:MM")
    return timescales.parse_local(parts[0], parts[1][:5])


def cell_yes_no(text: str) -> bool:
    lowered = text.lower()
    if lowered in ("y", "yes", "true", "1"):
        return True
    if lowered in ("n", "no", "false", "0", ""):
        return False
    raise ValueError(f"“{text}” is not Y or N")


def choice(labels: dict[str, str], what: str, extra: dict[str, str] | None = None) -> Callable[[str], str]:
    """A cell parser accepting a code or its label (any case); blank gives blank."""
    known = {code.lower(): code for code in labels} | {label.lower(): code for code, label in labels.items()}
    known |= {key.lower(): code for key, code in (extra or {}).items()}

    def parse(text: str) -> str:
        if not text:
            return ""
        if text.lower() in known:
            return known[text.lower()]
        raise ValueError(f"“{text}” is not {what}")

    return parse


class RowReader:
    """Reads one row's cells, collecting every problem rather than stopping at the first."""

    def __init__(self, number: int, cells: dict[str, str]):
        self.number, self.cells = number, cells
        self.problems: list[RowProblem] = []

    def __call__(self, column: str, parser: Callable[[str], Any], required: str = "") -> Any:
        text = self.cells.get(column, "")
        if not text and required:
            self.problems.append(RowProblem(self.number, column, required))
            return None
        try:
            return parser(text)
        except ValueError as error:
            self.problems.append(RowProblem(self.number, column, str(error)))
            return None

    def child(self, **extra: Any) -> Child | None:
        """The child the row is about (child_ref, forenames, surname, dob, sex)."""
        dob = self("dob", cell_date, "the date of birth is needed")
        sex = self("sex", lambda text: _SEXES[text.lower()] if text.lower() in _SEXES else _bad_sex(text))
        if dob is None or sex is None:
            return None
        return Child(
            forenames=self.cells["forenames"],
            surname=self.cells["surname"],
            dob=dob,
            sex=sex,
            la_id=self.cells["child_ref"],
            **extra,
        )


def _bad_sex(text: str) -> str:
    raise ValueError(f"“{text}” is not M, F or blank")


# ---- matching children --------------------------------------------------------


class ParsedRow(Protocol):
    number: int
    child: Child


Parsed = TypeVar("Parsed", bound=ParsedRow)


ChildKey = tuple[str, ...]


def _child_key(child: Child) -> ChildKey:
    """Rows for the same child become one child: by child_ref, or else by name and date of birth."""
    if child.la_id:
        return ("ref", child.la_id)
    return ("name", fold(child.forenames), fold(child.surname), child.dob.isoformat())


def _existing_child(register: Register, child: Child) -> Child | None:
    """The child in the register that ``child`` (as a row gives it) is: by child_ref, else by name and birth."""
    if child.la_id:
        rows = list(register.db.query("SELECT * FROM children WHERE la_id = ?", [child.la_id]))
    else:
        rows = [
            row
            for row in register.db.query("SELECT * FROM children WHERE dob = ?", [child.dob.isoformat()])
            if fold(row["forenames"]) == fold(child.forenames) and fold(row["surname"]) == fold(child.surname)
        ]
    return child_from_row(rows[0]) if rows else None


# ---- checking every row first, then writing at once ----------------------------


@dataclass
class ChildRows(Generic[Parsed]):
    """One child's rows of a file, and where a register's planner puts what they add.

    ``child`` is the child as the register holds it (``child.id`` is None if the import adds the
    child); ``ref`` is the id its records are to carry. ``refuse`` reports a row's broken rules.
    """

    register: Register
    child: Child
    ref: RecordId
    rows: list[Parsed]
    now: datetime
    column_of_field: dict[str, str]
    plan: Plan = field(default_factory=Plan)
    summary: ImportSummary = field(default_factory=ImportSummary)
    problems: list[RowProblem] = field(default_factory=list)

    def refuse(self, number: int, problems: dict[str, str]) -> None:
        """Report row ``number``'s broken rules (by field, as the register's rules name them)."""
        self.problems.extend(
            RowProblem(number, self.column_of_field.get(key, key), message) for key, message in problems.items()
        )


Planner = Callable[[ChildRows[Parsed]], None]
"""A register's part of an import: checks one child's rows by its rules and plans what they add."""


def _group(parsed: list[Parsed], problems: list[RowProblem]) -> dict[ChildKey, list[Parsed]]:
    """Rows for the same child, together: by child_ref, or else by name and date of birth."""
    groups: dict[ChildKey, list[Parsed]] = {}
    for row in parsed:
        key = _child_key(row.child)
        group = groups.setdefault(key, [row])
        if group[0] is row:
            continue
        if row.child.dob != group[0].child.dob and row.child.la_id:
            problems.append(RowProblem(row.number, "dob", f"differs from row {group[0].number} for the same child_ref"))
            continue
        group.append(row)
    return groups


class _Checked(Generic[Parsed]):
    """Every child's rows, checked against the register and planned; any child's can be checked again."""

    def __init__(self, register: Register, planner: Planner[Parsed], column_of_field: dict[str, str]):
        self.register, self.planner = register, planner
        self.column_of_field = _CHILD_FIELDS | column_of_field
        self.children: dict[ChildKey, ChildRows[Parsed]] = {}

    def check(self, key: ChildKey, rows: list[Parsed]) -> None:
        typed = rows[0].child
        existing = _existing_child(self.register, typed)
        plan, problems = Plan(), []
        ref: RecordId
        if existing is not None:
            child, ref = existing, existing.id or 0
        else:
            try:
                child, ref = plan_child(self.register, plan, typed)
            except ValidationError as error:
                problems = [
                    RowProblem(rows[0].number, self.column_of_field.get(field, field), message)
                    for field, message in error.problems.items()
                ]
                child, ref = typed, 0
        checked = ChildRows(self.register, child, ref, rows, clock.now(), self.column_of_field, plan, problems=problems)
        checked.summary.add("children already in the register" if existing else "children added")
        if not problems:
            self.planner(checked)
        self.children[key] = checked

    def changed_since(self, audit_id: int) -> set[ChildKey] | None:
        """The children whose rows may be judged differently since audit row ``audit_id`` was written:
        their records changed, or a child they would match was added or changed. None: maybe any."""
        ids = {checked.child.id: key for key, checked in self.children.items() if checked.child.id is not None}
        stale = set()
        for table, row_id, before, after in self.register.db.execute(
            "SELECT table_name, row_id, before, after FROM audit_log WHERE id > ?", [audit_id]
        ):
            for values in (json.loads(before) if before else None, json.loads(after) if after else None):
                if values is None:
                    continue
                if table == "children":
                    stale.add(_child_key(child_from_row(values)))
                    child_id = row_id
                else:
                    child_id = values.get("child_id") or self._child_of(table, row_id)
                if child_id is None:
                    return None
                if child_id in ids:
                    stale.add(ids[child_id])
        return stale & set(self.children)

    def _child_of(self, table: str, row_id: int) -> int | None:
        row = self.register.db.execute(f"SELECT * FROM [{table}] WHERE rowid = ?", [row_id])
        names = [column[0] for column in row.description]
        found = row.fetchone()
        return dict(zip(names, found, strict=True)).get("child_id") if found else None

    def problems(self) -> list[RowProblem]:
        return sorted(
            (problem for checked in self.children.values() for problem in checked.problems), key=lambda p: p.row
        )

    def summary(self, rows: int) -> ImportSummary:
        summary = ImportSummary(rows=rows)
        for checked in self.children.values():
            for what, number in checked.summary.counts.items():
                summary.add(what, number)
        return summary


def run_import(
    register: Register,
    path: str | Path,
    columns: list[str],
    parse: Callable[[RowReader], Parsed | None],
    planner: Planner[Parsed],
    column_of_field: dict[str, str],
    progress: Progress | None = None,
    order: Callable[[Parsed], Any] | None = None,
) -> ImportSummary:
    """Import the file whole, or, if any row is wrong, write nothing and raise ImportRefused.

    Every row is read and checked by the register's rules (``planner``, one child's rows at a
    time, in ``order``) while others go on saving; only then is the write lock taken, for as long
    as writing in bulk takes. The children whose records someone saved meanwhile are checked
    again under the lock, so no rule is judged on a register that has since changed.
    """
    problems: list[RowProblem] = []
    parsed = []
    rows = 0
    for rows, cells in enumerate(read_rows(path, columns), start=1):
        if progress and rows % 500 == 0 and not progress(0, 0):  # reading a big file can be stopped too
            raise ImportCancelled("The import was cancelled; nothing was written.")
        reader = RowReader(rows + 1, cells)  # the header is row 1
        row = parse(reader)
        problems.extend(reader.problems)
        if row is not None and not reader.problems:
            parsed.append(row)
    if order is not None:
        parsed.sort(key=order)
    groups = _group(parsed, problems)
    checked = _Checked(register, planner, column_of_field)
    with register.reading():
        seen = register.data_version()
        last_audit = register.db.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]
        done = 0
        for key, group in groups.items():
            done += len(group)
            if progress and not progress(done, rows):
                raise ImportCancelled("The import was cancelled; nothing was written.")
            checked.check(key, group)
    problems += checked.problems()
    if not problems:
        with register.atomic():
            if register.data_version() != seen:  # someone saved meanwhile
                stale = checked.changed_since(last_audit)
                for key in groups if stale is None else stale:
                    checked.check(key, groups[key])
                problems = checked.problems()
            if not problems:
                write_plan(register, (child.plan for child in checked.children.values()))
    if problems:
        problems.sort(key=lambda problem: problem.row)
        raise ImportRefused(problems)
    return checked.summary(rows)
