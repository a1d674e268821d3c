"""What every spreadsheet import shares: reading the CSV, its cells, and all-or-nothing reporting."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .. import timescales
from ..errors import RegisterError

Progress = Callable[[int, int], bool]
"""Called with (rows done, rows in all); returning False cancels the import."""


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


def cell_yes_no(text: str) -> bool | None:
    lowered = text.lower()
    if lowered in ("y", "yes", "true", "1"):
        return True
    if lowered in ("n", "no", "false", "0", ""):
        return False
    return None
