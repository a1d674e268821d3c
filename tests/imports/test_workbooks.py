"""Excel workbooks are imported as CSV files are, and every import offers a template to fill in."""

import csv
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from register.cli import main
from register.core.db import DEMO_FILE
from register.imports.spreadsheet import ImportRefused
from register.missing.import_csv import COLUMNS, import_missing


def workbook(tmp_path, rows, sheet_first=None):
    book = Workbook()
    if sheet_first is not None:  # a first sheet that is not the episodes
        book.active.title = sheet_first
        book.active.append(["notes"])
        sheet = book.create_sheet("Episodes")
    else:
        sheet = book.active
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
    path = tmp_path / "tracker.xlsx"
    book.save(path)
    return path


def episode(ref="LA0042", dob=date(2011, 2, 14), started=datetime(2026, 6, 3, 22, 15), ended=None, kind="M"):
    return [ref, "Ana", "Lopes", dob, "F", "WOTH", "N", kind, started, ended, "medium", 4471, None, None, None]


def test_a_workbooks_real_date_and_time_cells_are_taken_as_they_are(register, tmp_path):
    # Worked by hand: a date-time cell is England's wall clock; 22:15 on 3 June 2026 is BST, so 21:15 UTC.
    path = workbook(tmp_path, [episode(ended=datetime(2026, 6, 4, 9, 0))], sheet_first="Read me")
    summary = import_missing(register, path, sheet="Episodes")
    assert summary.counts == {"children added": 1, "episodes added": 1}
    assert register.db.execute("SELECT dob, la_id FROM children").fetchone() == ("2011-02-14", "LA0042")
    row = register.db.execute("SELECT started_at, ended_at, police_reference FROM missing_episodes").fetchone()
    assert row == ("2026-06-03T21:15:00Z", "2026-06-04T08:00:00Z", "4471")


def test_a_refused_workbook_names_the_spreadsheets_own_row_numbers_and_writes_nothing(register, tmp_path):
    rows = [episode(), [None] * 15, episode(ref="LA0043", started=datetime(2026, 10, 25, 1, 30), kind=None)]
    with pytest.raises(ImportRefused) as refused:
        import_missing(register, workbook(tmp_path, rows))
    # Row 3 is empty, so the third row given is the sheet's row 4.
    assert [str(problem) for problem in refused.value.problems] == [
        "Row 4, type: the type is needed: M (missing) or A (away from placement without authorisation)",
        "Row 4, started: 01:30 on 25/10/2026 happened twice in England (the clocks went back): say which, 01:30 "
        "BST (the first) or 01:30 GMT (the second, an hour later)",
    ]
    assert register.db["children"].count == 0


def test_a_sheet_the_workbook_lacks_is_refused_naming_its_sheets(register, tmp_path):
    with pytest.raises(ImportRefused, match="the workbook has no sheet “Missing”; its sheets are Read me, Episodes"):
        import_missing(register, workbook(tmp_path, [episode()], sheet_first="Read me"), sheet="Missing")


@pytest.mark.parametrize("kind", ["missing", "cme", "absences", "fostering"])
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_template_of_each_import_is_its_header_and_an_example_row_that_imports(tmp_path, now, capsys, kind, suffix):
    path = tmp_path / f"{kind}{suffix}"
    assert main(["--data-dir", str(tmp_path), "template", kind, str(path)]) == 0
    assert f"Wrote {path}" in capsys.readouterr().out
    if suffix == ".xlsx":
        rows = [list(row) for row in load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True)]
    else:
        rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert len(rows) == 2 and rows[0][:5] == ["child_ref", "forenames", "surname", "dob", "sex"]
    assert main(["--data-dir", str(tmp_path), "--demo", "--role", "manager", "import", kind, str(path)]) == 0
    assert "Imported" in capsys.readouterr().out and (tmp_path / DEMO_FILE).exists()


def test_times_in_a_workbook_as_text_with_seconds_are_read(register, tmp_path):
    row = episode(started="03/06/2026 9:05:00")
    row[3] = "2011-02-14 00:00:00"
    import_missing(register, workbook(tmp_path, [row]))
    # 09:05 BST is 08:05 UTC.
    assert register.db.execute("SELECT started_at FROM missing_episodes").fetchone()[0] == "2026-06-03T08:05:00Z"
    assert register.db.execute("SELECT dob FROM children").fetchone()[0] == "2011-02-14"
