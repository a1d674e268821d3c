"""Reading a spreadsheet's rows as the tools authorities use write them, one row at a time.

A CSV file may be UTF-8 (with or without Excel's byte order mark), Windows-1252 (Excel's plain "CSV"
on Windows) or UTF-16 ("Unicode text", tab-separated, with a byte order mark), and separated by
commas, semicolons (Excel where the decimal mark is a comma) or tabs. A workbook (.xlsx) is read
from its first sheet, or one named, with openpyxl's streaming reader. Either way a row is numbered
as the spreadsheet numbers it (the header is row 1), and memory does not grow with the file.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from register.core.errors import RegisterError

# What spreadsheets hold in a cell that means "nothing recorded" (case ignored).
BLANK_LIKE = {"n/a", "#n/a", "-", "--", "n/k"}
_SEPARATORS = (",", ";", "\t")
_PIECE = 1 << 20


class UnreadableFile(RegisterError):
    """The file cannot be read as a spreadsheet; ``row`` names the first row that cannot (the header is 1)."""

    def __init__(self, row: int, message: str):
        self.row = row
        super().__init__(message)


@dataclass(frozen=True)
class SheetRow:
    """One row of a spreadsheet: its number as the spreadsheet shows it, its cells by column (lower
    case header -> trimmed text, blank-like cells made blank), and what is wrong with its shape."""

    number: int
    cells: dict[str, str]
    problem: str = ""


def read_sheet(path: str | Path, sheet: str | None = None) -> tuple[list[str], Iterator[SheetRow]]:
    """The header (column names, trimmed, lower case) of a CSV file or an .xlsx workbook (its first
    sheet, or ``sheet``), and its rows after it, one at a time; rows of only blank cells are left out.

    Raises UnreadableFile for a file in no encoding read here (or mixing two), a workbook that cannot
    be opened, or a sheet it lacks.
    """
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_workbook(path, sheet)
    encoding = _encoding(path)
    with path.open(encoding=encoding, newline="") as file:
        first = file.readline()
    separator = max(_SEPARATORS, key=lambda mark: (len(first.split(mark)), mark == ","))
    return _header_and_rows(_csv_rows(path, encoding, separator))


def _csv_rows(path: Path, encoding: str, separator: str) -> Iterator[list[Any]]:
    with path.open(encoding=encoding, newline="") as file:
        yield from csv.reader(file, delimiter=separator)


def _header_and_rows(rows: Iterator[list[Any]]) -> tuple[list[str], Iterator[SheetRow]]:
    header = [_text(name).lower() for name in next(rows, [])]
    while header and not header[-1]:
        header.pop()
    return header, _sheet_rows(header, rows)


def _sheet_rows(header: list[str], rows: Iterator[list[Any]]) -> Iterator[SheetRow]:
    for number, values in enumerate(rows, start=2):
        cells = [_text(value) for value in values]
        cells = ["" if len(cell) < 5 and cell.casefold() in BLANK_LIKE else cell for cell in cells]
        if not any(cells):
            continue  # a row of only commas, as Excel leaves at the end of a file
        extra = [cell for cell in cells[len(header) :] if cell]
        problem = ""
        if extra:
            problem = (
                f"this row has {len(cells)} cells but the header names {len(header)} columns (“{extra[0]}” is "
                "beyond the last column): a comma inside a cell that is not in quotes splits it in two"
            )
        yield SheetRow(number, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False)), problem)


def _text(value: Any) -> str:
    """A cell as text, a real date or time cell written as the cell parsers read it."""
    if value.__class__ is str:  # every cell of a CSV file, so first
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")  # an Excel date-time has no zone: England's wall clock
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# ---- CSV: its encoding -------------------------------------------------------------


def _encoding(path: Path) -> str:
    """The file's encoding, found by reading it in pieces: UTF-16 if it starts with a UTF-16 byte order
    mark; UTF-8 if every row decodes so; Windows-1252 if no row holds UTF-8 beyond ASCII.

    Raises UnreadableFile naming the first row that does not decode, for a file mixing UTF-8 and
    Windows-1252 (rows pasted in from another file), or a UTF-16 file that is damaged.
    """
    with path.open("rb") as file:
        start = file.read(2)
    if start in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        _check_utf16(path)
        return "utf-16"
    first_not_utf8, first_utf8, first_not_cp1252 = 0, 0, 0
    row, quotes = 1, 0
    with path.open("rb") as file:
        for line in file:
            try:
                if not line.isascii() and line.decode("utf-8"):
                    first_utf8 = first_utf8 or row
            except UnicodeDecodeError:
                first_not_utf8 = first_not_utf8 or row
                try:
                    line.decode("cp1252")
                except UnicodeDecodeError:
                    first_not_cp1252 = first_not_cp1252 or row
            quotes += line.count(b'"')
            if quotes % 2 == 0:  # a row ends at a line's end outside quotes
                row, quotes = row + 1, 0
    if not first_not_utf8:
        return "utf-8-sig"
    if first_utf8:
        raise UnreadableFile(
            first_not_utf8,
            f"row {first_not_utf8} is not in the same encoding as row {first_utf8} (the file mixes UTF-8 and "
            "Windows-1252, as when rows are pasted in from another file), so its accented letters cannot be "
            "read for certain. Open the file in Excel, check the names, and save it as “CSV UTF-8 (Comma "
            "delimited)”.",
        )
    if first_not_cp1252:
        raise UnreadableFile(
            first_not_cp1252,
            f"row {first_not_cp1252} holds characters that are neither UTF-8 nor Windows-1252. Save the file "
            "from Excel as “CSV UTF-8 (Comma delimited)”.",
        )
    return "cp1252"


def _check_utf16(path: Path) -> None:
    decoder = codecs.getincrementaldecoder("utf-16")()
    rows = 1
    with path.open("rb") as file:
        try:
            while piece := file.read(_PIECE):
                rows += decoder.decode(piece).count("\n")
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise UnreadableFile(
                rows, f"the file is UTF-16 (“Unicode text”) but is damaged at about row {rows}: save it again"
            ) from None


# ---- workbooks -----------------------------------------------------------------------


def _open_workbook(path: Path) -> Any:
    """The workbook, opened to stream its cells' values; raises UnreadableFile if it cannot be."""
    import zipfile

    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise UnreadableFile(1, f"{path.name} cannot be opened as an Excel workbook (.xlsx): {error}") from None


def _read_workbook(path: Path, sheet: str | None) -> tuple[list[str], Iterator[SheetRow]]:
    workbook = _open_workbook(path)
    if sheet is not None and sheet not in workbook.sheetnames:
        workbook.close()
        raise UnreadableFile(1, f"the workbook has no sheet “{sheet}”; its sheets are {', '.join(workbook.sheetnames)}")
    worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]

    def rows() -> Iterator[list[Any]]:
        try:
            yield from (list(values) for values in worksheet.iter_rows(values_only=True))
        finally:
            workbook.close()

    return _header_and_rows(rows())


def workbook_sheets(path: str | Path) -> list[tuple[str, list[str]]]:
    """Each sheet of an .xlsx workbook, in order: its name and its first row's cells as text (blank
    cells at the end left off), so that a person can tell which sheet holds the rows to import.

    Raises UnreadableFile for a workbook that cannot be opened.
    """
    workbook = _open_workbook(Path(path))
    try:
        sheets = []
        for worksheet in workbook.worksheets:
            first = next(worksheet.iter_rows(max_row=1, values_only=True), ())
            cells = [_text(value) for value in first]
            while cells and not cells[-1]:
                cells.pop()
            sheets.append((worksheet.title, cells))
        return sheets
    finally:
        workbook.close()
