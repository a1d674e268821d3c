"""What every spreadsheet import shares: reading the CSV and its cells, matching children,
and writing all or nothing with every bad row reported."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

from register.core import timescales
from register.core.db import Register
from register.core.errors import RegisterError, ValidationError
from register.people.index import Child, child_from_row, fold, save_child

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


def read_rows(path: str | Path, columns: list[str]) -> list[dict[str, str]]:
    """The rows of a CSV file with a header row naming at least ``columns``."""
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
    return [{key: (value or "").strip() for key, value in row.items() if key} for row in reader]


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


# ---- matching children and writing --------------------------------------------


class ParsedRow(Protocol):
    number: int
    child: Child


Parsed = TypeVar("Parsed", bound=ParsedRow)


class ChildMatcher:
    """Rows for the same child become one child: by child_ref, or else by name and date of birth."""

    def __init__(self, register: Register, summary: ImportSummary):
        self.register, self.summary = register, summary
        self._children: dict[tuple[str, ...], tuple[Child, int]] = {}

    @staticmethod
    def _key(child: Child) -> tuple[str, ...]:
        if child.la_id:
            return ("ref", child.la_id)
        return ("name", fold(child.forenames), fold(child.surname), child.dob.isoformat())

    def _existing(self, child: Child) -> Child | None:
        if child.la_id:
            rows = list(self.register.db.query("SELECT * FROM children WHERE la_id = ?", [child.la_id]))
        else:
            rows = [
                row
                for row in self.register.db.query("SELECT * FROM children WHERE dob = ?", [child.dob.isoformat()])
                if fold(row["forenames"]) == fold(child.forenames) and fold(row["surname"]) == fold(child.surname)
            ]
        return child_from_row(rows[0]) if rows else None

    def resolve(self, number: int, typed: Child) -> Child:
        """The child a row is about, added if new; ValidationError if not possible."""
        key = self._key(typed)
        if key in self._children:
            child, first_row = self._children[key]
            if child.dob != typed.dob and typed.la_id:
                raise ValidationError({"dob": f"differs from row {first_row} for the same child_ref"})
            return child
        existing = self._existing(typed)
        if existing is None:
            child = save_child(self.register, typed)
            self.summary.add("children added")
        else:
            child = existing
            self.summary.add("children already in the register")
        self._children[key] = (child, number)
        return child


def run_import(
    register: Register,
    path: str | Path,
    columns: list[str],
    parse: Callable[[RowReader], Parsed | None],
    write: Callable[[Register, Parsed, Child, ImportSummary], None],
    column_of_field: dict[str, str],
    progress: Progress | None = None,
    order: Callable[[Parsed], Any] | None = None,
) -> ImportSummary:
    """Import the file whole, or, if any row is wrong, write nothing and raise ImportRefused.

    ``parse`` reads a row (its reader collects cell problems); ``write`` saves it through the
    register's own save functions, whose rules refuse a bad row with ValidationError.
    """
    rows = read_rows(path, columns)
    problems: list[RowProblem] = []
    parsed = []
    for number, cells in enumerate(rows, start=2):
        if progress and number % 500 == 0 and not progress(0, len(rows)):  # reading a big file can be stopped too
            raise ImportCancelled("The import was cancelled; nothing was written.")
        reader = RowReader(number, cells)
        row = parse(reader)
        problems.extend(reader.problems)
        if row is not None and not reader.problems:
            parsed.append(row)
    if order is not None:
        parsed.sort(key=order)
    summary = ImportSummary(rows=len(rows))
    matcher = ChildMatcher(register, summary)
    mapping = _CHILD_FIELDS | column_of_field
    with register.atomic():
        for done, row in enumerate(parsed, start=1):
            if progress and not progress(done, len(parsed)):
                raise ImportCancelled("The import was cancelled; nothing was written.")
            try:
                child = matcher.resolve(row.number, row.child)
                write(register, row, child, summary)
            except ValidationError as error:
                problems.extend(
                    RowProblem(row.number, mapping.get(key, key), message) for key, message in error.problems.items()
                )
        if problems:
            problems.sort(key=lambda problem: problem.row)
            raise ImportRefused(problems)
    return summary
