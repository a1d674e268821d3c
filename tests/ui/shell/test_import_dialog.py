"""The import dialog, step by step as a coordinator uses it: what the file holds (only what the role may
import), the columns that needs, a template, the file and a workbook's sheet, Import with progress, and
what was added or every problem of a refused file, to copy or save. Every step from the keyboard."""

from __future__ import annotations

import csv

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from register import Actor, open_register
from register.missing.import_csv import COLUMNS
from tests.helpers.spreadsheets import GOOD, write
from tests.helpers.widgets import choose, chosen_import, clashes, marked, mnemonic
from ui.main_window import MainWindow
from ui.shell import msgbox

# GOOD's first row, as cells (LA0042's episode 20/11/2026 22:15 - 21/11/2026 09:00).
FIRST = GOOD[0].split(",")


@pytest.fixture
def files(monkeypatch):
    """The file dialogs answer with the path a test puts in ``opened`` or ``saved``, recording what was asked."""
    answers = {"opened": "", "saved": "", "suggested": []}

    def save(parent, title, suggested, filters, chosen):
        answers["suggested"].append((suggested, filters))
        chosen(str(answers["saved"]))

    monkeypatch.setattr(msgbox, "choose_file_to_open", lambda parent, title, filters, chosen: chosen(answers["opened"]))
    monkeypatch.setattr(msgbox, "choose_file_to_save", save)
    return answers


def _rows(table):
    return [
        [table.item(row, column).text() for column in range(table.columnCount())] for row in range(table.rowCount())
    ]


def _kinds(dialog):
    return [dialog.kind.itemText(number) for number in range(dialog.kind.count())]


def test_the_kinds_and_the_columns_each_needs(qtbot, window):
    dialog = window.open_import()
    assert _kinds(dialog) == [  # the manager may import every kind
        "Missing and away episodes, with their return home interviews",
        "Children missing education cases",
        "Absences from EWOs' logs",
        "Private fostering arrangements and initial visits",
    ]
    rows = _rows(dialog.columns)
    assert [row[0] for row in rows] == COLUMNS
    assert rows[8] == ["started", "Required", "20/11/2026 22:15", "when the child was last seen: DD/MM/YYYY HH:MM"]
    assert rows[11][:2] == ["police_reference", "Optional"]
    assert not dialog.import_button.isEnabled() and dialog.message.text() == "Choose the file to import."
    choose(dialog.kind, "Absences from EWOs' logs")
    assert [row[:2] for row in _rows(dialog.columns)][5:] == [
        ["school_urn", "Required"],
        ["school_name", "Optional"],
        ["from", "Required"],
        ["to", "Required"],
        ["sessions_missed", "Optional"],
    ]


def test_a_role_is_offered_only_the_kinds_it_may_import(qtbot, tmp_path, now):
    path = tmp_path / "register.sqlite"
    open_register(path, Actor("Pat Manager", "manager")).close()
    for role, kinds in (
        ("coordinator", ["Missing and away episodes, with their return home interviews"]),
        ("ewo", ["Children missing education cases", "Absences from EWOs' logs"]),
    ):
        window = MainWindow(open_register(path, Actor("Sam Tester", role)))
        qtbot.addWidget(window)
        assert _kinds(window.open_import()) == kinds
        window.import_dialog.reject()
        window.register.close()


def test_templates_of_the_chosen_kind_are_saved_as_csv_and_as_a_workbook(qtbot, window, files, tmp_path, answered):
    dialog = window.open_import()
    choose(dialog.kind, "Private fostering arrangements and initial visits")
    files["saved"] = tmp_path / "pf.csv"
    dialog.csv_template.click()
    files["saved"] = tmp_path / "pf"  # typed without its ending: the kind chosen in the dialog gives it
    dialog.xlsx_template.click()
    assert files["suggested"] == [
        ("fostering-template.csv", "CSV file, comma-separated (*.csv)"),
        ("fostering-template.xlsx", "Excel workbook (*.xlsx)"),
    ]
    assert not (tmp_path / "pf").exists()
    header, example = csv.reader((tmp_path / "pf.csv").open(encoding="utf-8-sig"))
    assert header[-2:] == ["initial_visit_on", "seen_alone"] and example[12:14] == ["Ama Boateng", "cousin"]
    sheet = load_workbook(tmp_path / "pf.xlsx", read_only=True).worksheets[0]
    assert [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)] == [header, example]
    assert [title for title, _ in answered] == ["Template saved", "Template saved"]


def test_a_csv_file_is_imported_with_progress_and_what_was_added_is_said(qtbot, window, register, files, tmp_path):
    files["opened"] = write(tmp_path, GOOD)
    dialog = chosen_import(window)
    assert not dialog.sheet.isVisible()  # a CSV file has no sheets
    assert dialog.message.text() == (
        "Ready to import episodes.csv as missing and away episodes, with their return home interviews. Press Import."
    )
    dialog.import_button.click()
    assert dialog.running and dialog.progress.isVisible() and not dialog.import_button.isEnabled()
    assert window.open_import() is dialog  # the menu again brings the running import forward
    assert dialog.close_button.text() == "Cancel"
    qtbot.waitUntil(lambda: not dialog.running, timeout=10000)
    assert dialog.message.text().startswith("Imported. 4 rows read: 3 children added, 4 episodes added")
    assert not dialog.progress.isVisible() and not dialog.problems.isVisible()
    assert not dialog.import_button.isEnabled()  # the same file again would add nothing
    assert register.db["missing_episodes"].count == 4


def _two_sheets(tmp_path):
    """A workbook whose first sheet is notes (with a row that would import, were it read as one) and
    whose second is this month's episodes."""
    book = Workbook()
    notes = book.active
    notes.title = "Notes"
    notes.append(["Tracker kept by the missing team"])
    notes.append(["LA0001", "Old", "Row", "01/01/2012", "F", *FIRST[5:]])
    november = book.create_sheet("November")
    november.append(COLUMNS)
    november.append(FIRST)
    path = tmp_path / "tracker.xlsx"
    book.save(path)
    return path


def test_a_workbook_with_two_sheets_imports_the_one_chosen_and_shows_each_first_row(
    qtbot, window, register, files, tmp_path
):
    files["opened"] = _two_sheets(tmp_path)
    dialog = chosen_import(window)
    assert dialog.message.text() == "Reading the sheets of tracker.xlsx…"  # on a worker: a big workbook takes seconds
    qtbot.waitUntil(lambda: dialog.sheet.count() == 2)
    assert dialog.sheet.isVisible() and dialog.sheet.isEnabled()
    labels = [dialog.sheet.itemText(number) for number in range(dialog.sheet.count())]
    assert labels == [
        "Notes: Tracker kept by the missing team",
        "November: child_ref, forenames, surname, dob, sex, ethnicity, …   ✓ has this import's columns",
    ]
    choose(dialog.kind, "Absences from EWOs' logs")
    assert dialog.sheet.itemText(1) == "November: child_ref, forenames, surname, dob, sex, ethnicity, …"
    choose(dialog.kind, "Missing and away episodes, with their return home interviews")
    assert dialog.sheet.currentIndex() == 0  # the first, unless another is chosen
    assert dialog.message.text().startswith("The sheet “Notes” does not name this import's columns in its first row")
    dialog.sheet.setFocus()
    qtbot.keyClick(dialog.sheet, Qt.Key.Key_Down)
    assert "sheet “November”" in dialog.message.text()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=10000)
    assert dialog.message.text().startswith("Imported. 1 row read")
    assert [row["surname"] for row in register.db["children"].rows] == [FIRST[2]]


def test_a_refused_files_problems_are_a_table_to_copy_and_save_and_nothing_is_written(
    qtbot, window, register, files, tmp_path, answered
):
    files["opened"] = write(tmp_path, [*GOOD, "LA9,A,B,31/02/2012,M,,N,,20/11/2026 10:00,,,,,,"])
    dialog = chosen_import(window)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=10000)
    assert dialog.message.text().startswith("Nothing was imported: 2 problems to put right in the file first.")
    assert _rows(dialog.problems) == [
        ["6", "dob", "“31/02/2012” is not a date on the calendar"],
        ["6", "type", "the type is needed: M (missing) or A (away from placement without authorisation)"],
    ]
    assert register.db["children"].count == 0 and register.db["missing_episodes"].count == 0
    # Chosen rows copy as a table (tabs between cells), to paste into a spreadsheet or an email.
    assert dialog.problems.hasFocus()
    qtbot.keyClick(dialog.problems, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.problems, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text().splitlines() == [
        "6\tdob\t“31/02/2012” is not a date on the calendar",
        "6\ttype\tthe type is needed: M (missing) or A (away from placement without authorisation)",
    ]
    qtbot.keyClick(dialog.problems, Qt.Key.Key_Down)  # the second problem alone
    qtbot.keyClick(dialog.problems, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text().startswith("6\ttype\t")
    files["saved"] = tmp_path / "problems.csv"
    dialog.save_problems.click()
    assert files["suggested"][-1] == ("episodes-problems.csv", "CSV file, comma-separated (*.csv)")
    assert list(csv.reader((tmp_path / "problems.csv").open(encoding="utf-8-sig"))) == [
        ["Row", "Column", "Problem"],
        *_rows(dialog.problems),
    ]
    assert answered[-1] == ("Problems saved", f"Saved 2 problems to {tmp_path / 'problems.csv'}.")
    assert dialog.import_button.isEnabled()  # once the file is put right, Import again
    files["opened"] = write(tmp_path, GOOD, "fixed.csv")
    dialog.choose.click()
    assert not dialog.problems.isVisible() and not dialog.save_problems.isVisible()  # another file's problems go


def test_every_step_from_the_keyboard_with_no_alt_letter_twice(qtbot, window, register, files, tmp_path):
    files["opened"] = _two_sheets(tmp_path)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.import_dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.kind.hasFocus()  # what the file holds comes first
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
    assert dialog.columns.item(5, 0).text() == "referred_on"
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Up)  # and back to the missing episodes
    qtbot.keyClick(dialog.kind, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # Choose a &file…
    qtbot.waitUntil(lambda: dialog.file.text() == str(files["opened"]))  # a button's Alt key clicks it after a moment
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # S&heet
    assert dialog.sheet.hasFocus()
    qtbot.keyClick(dialog.sheet, Qt.Key.Key_Down)
    assert clashes(marked(dialog)) == {} and mnemonic(dialog.import_button.text()) == "I"
    qtbot.keyClick(dialog.sheet, Qt.Key.Key_Return)  # Import is the default button
    assert dialog.running and dialog.close_button.hasFocus()  # Escape or Space would cancel
    qtbot.waitUntil(lambda: not dialog.running, timeout=10000)
    assert [row["surname"] for row in register.db["children"].rows] == [FIRST[2]]
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_refused_files_buttons_bring_no_alt_letter_twice(qtbot, window, files, tmp_path):
    files["opened"] = write(tmp_path, ["LA9,A,B,31/02/2012,M,,N,M,20/11/2026 10:00,,,,,,"])
    dialog = chosen_import(window)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=10000)
    assert dialog.copy.isVisible() and clashes(marked(dialog)) == {}


def test_a_file_named_as_a_workbook_that_is_not_one_is_refused_in_words(qtbot, window, files, tmp_path, answered):
    files["opened"] = write(tmp_path, [GOOD[0]])  # first a good file, ready to import
    dialog = chosen_import(window)
    assert dialog.import_button.isEnabled()
    files["opened"] = tmp_path / "episodes.xlsx"
    files["opened"].write_text("child_ref,forenames\n")  # a CSV file renamed
    dialog.choose.click()
    qtbot.waitUntil(lambda: len(answered) == 1)
    title, text = answered[0]
    assert title == "Not a workbook that can be read"
    assert text.startswith("episodes.xlsx cannot be opened as an Excel workbook (.xlsx)")
    assert text.endswith("Choose another file.")
    assert dialog.file.text() == "" and not dialog.import_button.isEnabled() and dialog.choose.isEnabled()
