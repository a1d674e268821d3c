"""Templates for each kind of import: a spreadsheet with the header and one example row, to fill in."""

from __future__ import annotations

import csv
from pathlib import Path

from register.core.face import Importer
from register.core.files import replaced_when_complete


def write_template(importer: Importer, path: str | Path) -> Path:
    """Write ``importer``'s columns and its example row to ``path``: an Excel workbook if it ends in
    .xlsx (one sheet, every cell text, so that Excel keeps the example's dates and leading zeros as
    typed), else CSV in UTF-8 with a byte order mark (so that Excel shows accented names). Returns the
    path. Raises OSError if it cannot be written (whatever was there is left as it was)."""
    path = Path(path)
    rows = [list(importer.names), list(importer.example)]
    with replaced_when_complete(path) as written:
        if path.suffix.lower() == ".xlsx":
            from openpyxl import Workbook

            workbook = Workbook()
            sheet = workbook.active
            sheet.title = importer.kind
            for row in rows:
                sheet.append(row)
            for cells in sheet.iter_rows():
                for cell in cells:
                    cell.number_format = "@"  # text: a typed date stays as typed
            workbook.save(written)
        else:
            with written.open("w", encoding="utf-8-sig", newline="") as file:
                csv.writer(file).writerows(rows)
    return path
