"""What every spreadsheet import shares: reading the CSV and its cells, matching children,
checking every row by a register's rules while others go on saving, and writing all or nothing
in bulk, with every bad row reported."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from time import perf_counter, process_time
from typing import Any, Generic, Protocol, TypeVar

from register.core import clock, timescales
from register.core.bulk import Plan, RecordId
from register.core.collector import collecting_rarely
from register.core.db import Register, in_lists
from register.core.errors import RegisterError, ValidationError
from register.core.words import counted
from register.imports.files import SheetRow, UnreadableFile, read_sheet
from register.imports.staging import Cells, ChildKey, Staging
from register.people.index import (
    Child,
    Holders,
    child_from_row,
    fold,
    identifier_holders,
    normalised,
    plan_child,
)

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
    """The file has problems; nothing was written. Carries the problems found (the first
    _PROBLEMS_KEPT of them, by row, when there are more) and how many there are in all."""

    def __init__(self, problems: list[RowProblem], total: int | None = None):
        self.problems = problems
        self.total = len(problems) if total is None else total
        shown = "\n".join(str(problem) for problem in problems[:50])
        more = f"\n… and {self.total - 50} more" if self.total > 50 else ""
        super().__init__(f"Nothing was imported: {counted(self.total, 'problem')} to put right first.\n{shown}{more}")


_PROBLEMS_KEPT = 10_000  # a file wrong in every row of a million is told so without holding a million problems


class ImportCancelled(RegisterError):
    """The person cancelled; nothing was written."""


@dataclass
class ImportSummary:
    rows: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    seconds: Phases | None = None  # how long reading, checking and writing took

    def add(self, what: str, number: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + number

    def __str__(self) -> str:
        parts = ", ".join(f"{number} {what}" for what, number in self.counts.items() if number)
        return f"{counted(self.rows, 'row')} read: {parts or 'nothing new'}."


def read_rows(path: str | Path, columns: list[str], sheet: str | None = None) -> Iterator[SheetRow]:
    """The rows of a CSV file or .xlsx workbook (``files.read_sheet``) whose header names at least
    ``columns``, one at a time.

    Raises ImportRefused, when the first row is asked for, if the header lacks a column or the file
    cannot be read (naming the first row that cannot).
    """
    try:
        header, rows = read_sheet(path, sheet)
        missing = [name for name in columns if name not in header]
        if missing:
            raise ImportRefused(
                [
                    RowProblem(
                        1,
                        "header",
                        f"the header row lacks {'the column' if len(missing) == 1 else 'the columns'} "
                        f"{', '.join(missing)}; "
                        f"expected {','.join(columns)}",
                    )
                ]
            )
        yield from rows
    except UnreadableFile as error:
        raise ImportRefused([RowProblem(error.row, "file", str(error))]) from None


# ---- reading cells ------------------------------------------------------------


def cell_date(text: str) -> date | None:
    """A date: DD/MM/YYYY or ISO YYYY-MM-DD, also as a spreadsheet writes a date cell with its
    midnight ("2012-01-02 00:00:00"); blank gives None. ValueError says what is wrong."""
    if not text:
        return None
    day, *rest = _DATE_T_TIME.sub(" ", text).split()
    if rest and (len(rest) > 1 or timescales.parse_time(rest[0]) != time(0, 0)):
        raise ValueError(f"“{text}” is not a date: write it as DD/MM/YYYY")
    return timescales.parse_date(day)


def cell_instant(text: str) -> datetime | None:
    """A date and time in one cell, as a UTC instant; blank gives None. ValueError says what is wrong.

    ISO 8601 with ``Z`` or an offset ("2025-03-03T21:15:00Z", "2025-06-03T22:15:00+01:00") is exactly
    that instant. Otherwise the time is England's wall clock: 'DD/MM/YYYY HH:MM' or ISO 'YYYY-MM-DD
    HH:MM' (seconds allowed, a T allowed), followed by BST or GMT to say which of the hour that happens
    twice when the clocks go back; that hour without it is refused, as is the hour lost in spring.
    """
    if not text:
        return None
    if _ZONED.match(text):
        try:
            return datetime.fromisoformat(text).astimezone(UTC)
        except ValueError:
            raise ValueError(f"“{text}” is not a date and time on the calendar") from None
    parts = _DATE_T_TIME.sub(" ", text).split()
    if len(parts) == 1:
        raise ValueError(f"“{text}” has no time: write it as DD/MM/YYYY HH:MM")
    zone = parts.pop().upper() if len(parts) == 3 and parts[2].upper() in timescales.ZONES else None
    if len(parts) != 2:
        raise ValueError(f"“{text}” is not a date and time: write it as DD/MM/YYYY HH:MM")
    return timescales.parse_local(parts[0], parts[1], zone)


_DATE_T_TIME = re.compile(r"(?<=\d)T(?=\d)")
# ISO 8601 with a zone: Z, or an offset such as +01:00 or -0500.
_ZONED = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$", re.IGNORECASE)


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


def _child_key(la_id: str, forenames: str, surname: str, dob: date) -> ChildKey:
    """Rows for the same child become one child: by child_ref, or else by name and date of birth."""
    if la_id:
        return ("ref", la_id)
    return ("name", fold(forenames), fold(surname), dob.isoformat())


def _row_key(row: SheetRow) -> ChildKey:
    """The key of the child a row is about (``_child_key``), read from its cells before they are parsed:
    a row whose date of birth cannot be read is a child of its own (parsing it will say what is wrong)."""
    cells = row.cells
    if cells["child_ref"]:
        return ("ref", cells["child_ref"])
    try:
        dob = cell_date(cells["dob"])
    except ValueError:
        dob = None
    if dob is None:
        return ("row", str(row.number))
    return _child_key("", cells["forenames"], cells["surname"], dob)


def _existing_children(register: Register, typed: list[Child], holders: Holders) -> list[Child | None]:
    """The child in the register that each of ``typed`` (as a row gives it) is: by child_ref (the
    register's children holding the rows' identifiers: ``holders``), else by name (folded) and date
    of birth, read in one query for many birth dates."""
    days = sorted({child.dob.isoformat() for child in typed if not child.la_id})
    born: dict[tuple[str, str, str], Child] = {}
    for chunk, marks in in_lists(days):
        for row in register.db.query(f"SELECT * FROM children WHERE dob IN ({marks}) ORDER BY id", chunk):
            born.setdefault((fold(row["forenames"]), fold(row["surname"]), row["dob"]), child_from_row(row))
    return [
        holders.get(("la_id", child.la_id))
        if child.la_id
        else born.get((fold(child.forenames), fold(child.surname), child.dob.isoformat()))
        for child in typed
    ]


# ---- checking every row first, then writing at once ----------------------------


@dataclass
class ChildRows(Generic[Parsed]):
    """One child's rows of a file, and where a register's planner puts what they add.

    ``child`` is the child as the register holds it (``child.id`` is None if the import adds the
    child); ``ref`` is the id its records are to carry. ``stored`` is what the register's ``Gather``
    read of the child's records (None for a child the import adds, or a register without one).
    ``refuse`` reports a row's broken rules.
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
    stored: Any = None

    def refuse(self, number: int, problems: dict[str, str]) -> None:
        """Report row ``number``'s broken rules (by field, as the register's rules name them)."""
        self.problems.extend(
            RowProblem(number, self.column_of_field.get(key, key), message) for key, message in problems.items()
        )


Planner = Callable[[ChildRows[Parsed]], None]
"""A register's part of an import: checks one child's rows by its rules and plans what they add."""

Gather = Callable[[Register, list[int]], dict[int, Any]]
"""A register's reading, for many children already in the register at once (by id), of the records
its planner checks rows against: what it finds for a child reaches the planner as ``ChildRows.stored``."""

_CHILDREN_A_BATCH = 500  # children checked together: their records are read from the register in a few queries


@dataclass
class _Way(Generic[Parsed]):
    """How a register's import reads and checks rows: the parts ``run_import`` is given."""

    parse: Callable[[RowReader], Parsed | None]
    planner: Planner[Parsed]
    order: Callable[[Parsed], Any] | None
    gather: Gather | None


class _Checked(Generic[Parsed]):
    """Every child's rows, checked against the register and planned, the plans kept in ``staging``;
    any child's rows can be checked again."""

    def __init__(self, register: Register, way: _Way[Parsed], column_of_field: dict[str, str], staging: Staging):
        self.register, self.way, self.staging = register, way, staging
        self.column_of_field = _CHILD_FIELDS | column_of_field
        self.counts: dict[str, int] = {}
        self.problems: list[tuple[int, int, RowProblem]] = []  # (row, order found, problem): the first by row
        self.problem_count = 0

    def note(self, problems: list[RowProblem]) -> None:
        """Count these problems, and keep the _PROBLEMS_KEPT of all found that are first by row."""
        if not problems:
            return
        self.problems += ((problem.row, self.problem_count + index, problem) for index, problem in enumerate(problems))
        self.problem_count += len(problems)
        if len(self.problems) > 2 * _PROBLEMS_KEPT:
            self.problems = sorted(self.problems)[:_PROBLEMS_KEPT]

    def kept_problems(self) -> list[RowProblem]:
        """The problems kept, by row (a row's in the order they were found)."""
        return [problem for _row, _found, problem in sorted(self.problems)[:_PROBLEMS_KEPT]]

    def check_all(self, groups: Iterable[tuple[ChildKey, list[Cells]]], progress: Callable[[int], bool]) -> None:
        """Check each child's rows (``groups``: their cells as kept), a batch of children at a time;
        ``progress`` is told how many rows were checked, and returns False to cancel."""
        batch: list[tuple[ChildKey, list[Parsed]]] = []
        done = 0
        for key, kept in groups:
            batch.append((key, self._parsed(kept)))
            done += len(kept)
            if len(batch) == _CHILDREN_A_BATCH:
                self._check_batch(batch)
                batch = []
            if not progress(done):
                raise ImportCancelled("The import was cancelled; nothing was written.")
        self._check_batch(batch)

    def _parsed(self, kept: list[Cells]) -> list[Parsed]:
        """A child's rows parsed, each row whose cells cannot be read reported and left out, in the import's
        order; a row giving the child (by the same child_ref) a different name or date of birth from the
        file's first row for it is reported and left out too."""
        rows = []
        for number, cells in kept:
            reader = RowReader(number, dict(zip(self.staging.columns, cells, strict=True)))
            row = self.way.parse(reader)
            self.note(reader.problems)
            if row is not None and not reader.problems:
                rows.append(row)
        if not rows:
            return rows
        first = rows[0]  # the rows are kept in the order of the file
        if self.way.order is not None:
            rows.sort(key=self.way.order)
        agreeing = []
        for row in rows:
            conflict = _identity_conflict(first.child, row.child, f"in row {first.number}")
            if conflict:
                self.note([RowProblem(row.number, "child_ref", conflict)])
            else:
                agreeing.append(row)
        return agreeing

    def _check_batch(self, batch: list[tuple[ChildKey, list[Parsed]]]) -> None:
        """Check a batch of children's rows: the children, their identifiers and (``Gather``) their
        records are read from the register for the whole batch at once."""
        batch = [(key, rows) for key, rows in batch if rows]
        if not batch:
            return
        typed = [rows[0].child for _key, rows in batch]
        holders = identifier_holders(self.register, [normalised(child) for child in typed])
        existing = _existing_children(self.register, typed, holders)
        ids = [found.id for found in existing if found is not None and found.id is not None]
        stored = self.way.gather(self.register, ids) if self.way.gather and ids else {}
        now = clock.now()
        for (key, rows), found in zip(batch, existing, strict=True):
            self._check(key, rows, found, holders, stored.get(found.id) if found and found.id else None, now)

    def _check(
        self, key: ChildKey, rows: list[Parsed], existing: Child | None, holders: Holders, stored: Any, now: datetime
    ) -> None:
        """Check one child's rows (in the import's order) and keep their plan, or their problems."""
        typed = rows[0].child
        plan, problems = Plan(), []
        ref: RecordId
        conflict = _identity_conflict(existing, typed, "in the register") if existing is not None else ""
        if conflict:
            self.note([RowProblem(row.number, "child_ref", conflict) for row in rows])
            return
        if existing is not None:
            child, ref = existing, existing.id or 0
        else:
            try:
                child, ref = plan_child(self.register, plan, typed, holders)
            except ValidationError as error:
                problems = [
                    RowProblem(rows[0].number, self.column_of_field.get(field, field), message)
                    for field, message in error.problems.items()
                ]
                child, ref = typed, 0
        checked = ChildRows(
            self.register, child, ref, rows, now, self.column_of_field, plan, problems=problems, stored=stored
        )
        checked.summary.add("children already in the register" if existing else "children added")
        if not problems:
            self.way.planner(checked)
        self.note(checked.problems)
        counts = checked.summary.counts
        self.staging.put_plan(key, existing.id if existing else None, plan, counts)
        for what, number in counts.items():
            self.counts[what] = self.counts.get(what, 0) + number

    def check_again(self, keys: set[ChildKey] | None) -> None:
        """Check these children's rows again (None: every child's), their first plans forgotten."""
        for what, number in self.staging.forget(keys).items():
            self.counts[what] -= number
        staging = self.staging
        again = staging.groups() if keys is None else ((key, staging.rows_of(key)) for key in sorted(keys))
        self.check_all(again, lambda done: True)

    def changed_since(self, audit_id: int) -> set[ChildKey] | None:
        """The children whose rows may be judged differently since audit row ``audit_id`` was written:
        their records changed, or a child they would match was added or changed. None: maybe any (always, for a
        role that may not read the audit rows' records)."""
        if not self.register.may_read("audit_log", "after"):
            return None
        keys, child_ids = set(), set()
        for table, row_id, action, before, after in self.register.db.execute(
            "SELECT table_name, row_id, action, before, after FROM audit_log WHERE id > ? AND action != 'export'",
            [audit_id],
        ):
            if action == "delete":  # a delete's after holds only why it was deleted
                after = None
            for values in (json.loads(before) if before else None, json.loads(after) if after else None):
                if values is None:
                    continue
                if table == "children":
                    child = child_from_row(values)
                    keys.add(_child_key(child.la_id, child.forenames, child.surname, child.dob))
                    child_id = row_id
                else:
                    child_id = values.get("child_id") or self._child_of(table, row_id)
                if child_id is None:
                    return None
                child_ids.add(child_id)
        return {key for key in keys if self.staging.has(key)} | self.staging.keys_of(child_ids)

    def _child_of(self, table: str, row_id: int) -> int | None:
        row = self.register.db.execute(f"SELECT * FROM [{table}] WHERE rowid = ?", [row_id])
        names = [column[0] for column in row.description]
        found = row.fetchone()
        return dict(zip(names, found, strict=True)).get("child_id") if found else None


@dataclass
class Phases:
    """How long each part of an import took, in seconds, on the clock on the wall and of processor time
    (this process's, user and system): reading the file and keeping its rows ("reading"), checking
    them ("checking"), waiting for the write lock ("waiting"), and holding it ("writing": checking
    again those children someone saved meanwhile, writing, committing)."""

    wall: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    _since: tuple[float, float] = field(default_factory=lambda: (perf_counter(), process_time()), repr=False)

    def done(self, part: str) -> None:
        """Note that ``part`` is done: it took the time since the part before it was done."""
        now = (perf_counter(), process_time())
        self.wall[part], self.cpu[part] = now[0] - self._since[0], now[1] - self._since[1]
        self._since = now


def run_import(
    register: Register,
    path: str | Path,
    columns: list[str],
    parse: Callable[[RowReader], Parsed | None],
    planner: Planner[Parsed],
    column_of_field: dict[str, str],
    progress: Progress | None = None,
    order: Callable[[Parsed], Any] | None = None,
    sheet: str | None = None,
    gather: Gather | None = None,
    read: Callable[[SheetRow], None] | None = None,
) -> ImportSummary:
    """Import the file whole, or, if any row is wrong, write nothing and raise ImportRefused.

    Every row is read and kept, then parsed (``parse``) and checked by the register's rules
    (``planner``, one child's rows at a time, in ``order``; ``gather`` reads the records of a batch of
    children at once) while others go on saving; only then is the write lock taken, for as long as
    writing in bulk takes. The children whose records someone saved meanwhile are checked again
    under the lock, so no rule is judged on a register that has since changed. Rows and plans wait
    in SQLite's temporary database (``Staging``), so memory does not grow with the file. ``read``
    sees each row as it is read, in the file's order. ``path`` is a CSV file or an .xlsx workbook
    (its first sheet, or ``sheet``). The summary's ``seconds`` say how long each part took.
    """
    way = _Way(parse, planner, order, gather)
    phases = Phases()
    with collecting_rarely(), Staging(register) as staging:
        with register.reading():
            seen = register.data_version()
            last_audit = register.db.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]
            checked = _Checked(register, way, column_of_field, staging)
            rows = 0
            for rows, sheet_row in enumerate(read_rows(path, columns, sheet), start=1):
                if progress and rows % 500 == 0 and not progress(0, 0):  # reading a big file can be stopped too
                    raise ImportCancelled("The import was cancelled; nothing was written.")
                if sheet_row.problem:
                    checked.note([RowProblem(sheet_row.number, "row", sheet_row.problem)])
                    continue
                if read is not None:
                    read(sheet_row)
                staging.add_row(_row_key(sheet_row), sheet_row.number, sheet_row.cells)
            phases.done("reading")
            checked.check_all(staging.groups(), lambda done: not progress or progress(done, rows))
            phases.done("checking")
        if not checked.problem_count:
            with register.atomic():
                phases.done("waiting")
                if register.data_version() != seen:  # someone saved meanwhile
                    checked.check_again(checked.changed_since(last_audit))
                if not checked.problem_count:
                    staging.plans.write()
            phases.done("writing")
    if checked.problem_count:
        raise ImportRefused(checked.kept_problems(), checked.problem_count)
    summary = ImportSummary(rows=rows, seconds=phases)
    for what, number in checked.counts.items():
        summary.add(what, number)
    return summary


def _identity_conflict(known: Child, typed: Child, where: str) -> str:
    """What a row says of a child that differs from ``known`` (the same child_ref ``where``, e.g. "in
    the register"), in words naming both versions; empty if the names (folded) and birth agree."""
    if not typed.la_id or (typed.forenames, typed.surname, typed.dob) == (known.forenames, known.surname, known.dob):
        return ""
    name_differs = any(
        fold(" ".join(getattr(typed, part).split())) != fold(" ".join(getattr(known, part).split()))
        for part in ("forenames", "surname")
    )
    said = [typed.name] if name_differs else []
    if typed.dob != known.dob:
        said.append(("born " if said else "") + timescales.show_date(typed.dob))
    if not said:
        return ""
    return (
        f"child_ref {typed.la_id} is {known.name} born {timescales.show_date(known.dob)} {where}; this row says "
        f"{' '.join(said)}. Correct the row, or the child's details in the register first"
    )
