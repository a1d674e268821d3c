"""A table of cells written as CSV or as an Excel workbook (.xlsx), chosen by the file's name.

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be taken by
Excel (or LibreOffice) as a formula and run when the file is opened (OWASP, "CSV Injection"). In a
CSV it is written after an apostrophe, which Excel shows as text and does not display; in a workbook
it is stored as a text cell with Excel's quote prefix, so it stays text even once edited.
Numbers and dates stay numbers and dates.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.escape import escape

Cell = str | int | float | date | None

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD/MM/YYYY"
_FORMATS = {"csv": "CSV", "xlsx": "an Excel workbook"}
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")  # all but tab and new line


def runs_as_formula(value: Cell) -> bool:
    """Whether a spreadsheet would take this cell as a formula: text beginning with = + - @ tab or CR."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_text(value: Cell) -> str:
    """A cell as CSV text: a date as DD/MM/YYYY, nothing as empty, formula-like text after an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if runs_as_formula(value):
        return f"'{value}"
    return str(value)


def format_of(path: str | Path, offered: Sequence[str]) -> str:
    """The format ``path``'s extension names ("csv" or "xlsx"), one of ``offered``, the formats the export
    can be written in. Raises ValueError, in words naming the file, if the extension names another (a
    .pdf, an .xlsx for a CSV-only return) or there is none."""
    suffix = Path(path).suffix.lower().removeprefix(".")
    if suffix not in offered:
        endings = " or ".join(f".{ending}" for ending in offered)
        raise ValueError(
            f"Nothing was written: {path} does not end in {endings}, and this export is written only as "
            f"{' or '.join(_FORMATS[ending] for ending in offered)}. Give the file a name ending in {endings}."
        )
    return suffix


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Cell]], mark: bool = True) -> int:
    """Write ``header`` then ``rows`` to ``path`` as UTF-8 CSV, with a byte order mark unless ``mark`` is
    False (Excel needs it to read accents; a statutory return's reader may not want it), neutralising
    formula-like text; returns the number of rows written (the header not counted)."""
    count = 0
    with path.open("w", newline="", encoding="utf-8-sig" if mark else "utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([csv_text(value) for value in row])
            count += 1
    return count


def write_workbook(
    path: Path, sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Cell]]]], notes: Sequence[str] = ()
) -> int:
    """Write an .xlsx workbook: one sheet per (title, header, rows), each header bold and frozen, dates
    as date cells shown DD/MM/YYYY; ``notes`` are lines above the first sheet's header (a title, a
    census date). Text is always a text cell. Returns the rows written over all sheets (headers not
    counted). Streams the rows, so a long list takes little memory."""
    workbook = openpyxl.Workbook(write_only=True)
    count = 0
    for position, (title, header, rows) in enumerate(sheets):
        sheet = workbook.create_sheet(title[:31])
        lines = notes if position == 0 else ()
        for column, name in enumerate(header, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = max(12, min(40, len(name) + 4))
        sheet.freeze_panes = f"A{len(lines) + 2}"
        for line in lines:
            sheet.append([_cell(sheet, line, bold=True)])
        sheet.append([_cell(sheet, name, bold=True) for name in header])
        for row in rows:
            sheet.append([_cell(sheet, value) for value in row])
            count += 1
    # Made in memory, then written at once: a full disk stops the one write, leaving no half-made zip file
    # to fail again as it is cleared away.
    made = io.BytesIO()
    workbook.save(made)
    path.write_bytes(made.getvalue())
    return count


def _cell(sheet: Any, value: Cell, bold: bool = False) -> WriteOnlyCell:
    formula = runs_as_formula(value)
    if isinstance(value, str) and _CONTROL.search(value):
        # XML cannot hold most control characters and reads a carriage return as a new line: Excel's own
        # escapes (_x000D_) keep them as they were.
        value = escape(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever it begins with
        cell.quotePrefix = formula
    elif isinstance(value, date) and not isinstance(value, datetime):
        cell.number_format = DATE_FORMAT
    if bold:
        cell.font = Font(bold=True)
    return cell
