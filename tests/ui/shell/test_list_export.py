"""Export… on the list pages, driven as a person would: filter, sort, Ctrl+Shift+E, the file dialog; the
file holds exactly the rows on screen, in their order, every page of them, with a name a spreadsheet would
run kept as text."""

from __future__ import annotations

import csv
from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog

from register import Actor, education, fostering, open_register, people
from register.exports import lists
from register.missing.records import Episode, save_episode
from tests.helpers.values import at
from tests.helpers.widgets import choose, type_into
from ui.main_window import MainWindow
from ui.shell import msgbox, paged_model

FORMULA = '=HYPERLINK("http://example.invalid","Click")'
CSV_TYPE, WORKBOOK_TYPE = "CSV file, comma-separated (*.csv)", "Excel workbook (*.xlsx)"


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of 3 rows on screen and in the export, so a handful of episodes spans several of each."""
    monkeypatch.setattr(paged_model, "PAGE_SIZE", 3)
    monkeypatch.setattr(lists, "PAGE", 2)


def on_screen(page):
    model = page.model
    header = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())]
    cells = [
        [model.data(model.index(row, column)) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]
    return header, cells


def export_through_the_dialog(qtbot, window, page, file_type, name):
    """Press Ctrl+Shift+E on the page, choose the type and type a name without an extension, Save."""
    window.activateWindow()  # back from the last file dialog
    qtbot.waitUntil(window.isActiveWindow)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = next(found for found in page.findChildren(QFileDialog) if found.isVisible())
    assert dialog.directory().absolutePath() == str(msgbox.documents_folder())
    assert dialog.nameFilters() == [WORKBOOK_TYPE, CSV_TYPE]
    window.show_note("")
    dialog.selectNameFilter(file_type)
    dialog.selectFile(str(name))
    dialog.accept()
    qtbot.waitUntil(lambda: ": exported " in window.saved_note.text(), timeout=10000)
    return window.saved_note.text()


def read_workbook(path):
    """Each row's cells as text, an empty cell as "" (as the list shows it)."""
    sheet = openpyxl.load_workbook(path).active
    return sheet, [["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)]


def read_csv(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_the_episodes_as_filtered_and_sorted_on_screen_every_page_to_csv_and_a_workbook(
    qtbot, window, register, small_pages, tmp_path
):
    names = [(FORMULA, "Zed"), ("Ana", "Pop"), ("Bilal", "Ahmed"), ("Tom", "Ahmed"), ("Esi", "Owusu")]
    names += [("Ola", "Nowak"), ("Kai", "Berg"), ("Mia", "Cole")]
    for day, (forenames, surname) in enumerate(names, start=1):
        child = people.save_child(register, people.Child(forenames, surname, date(2012, 5, day), "F"))
        returned = at(f"0{day}/11/2026 12:00") if surname == "Pop" else None
        save_episode(register, Episode(child.id, "M", at(f"0{day}/11/2026 10:00"), ended_at=returned))
    page = window.pages["episodes"]
    window.tabs.setCurrentWidget(page)
    assert page.export_button is not None and page.export_button.text() == "E&xport…"
    # She narrows it to the episodes still open, then sorts by the child's name, A to Z.
    choose(page.status, "Open (still missing)")
    header_view = page.table.horizontalHeader()
    qtbot.mouseClick(
        header_view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header_view.sectionPosition(0) + 5, 5)
    )
    header, shown = on_screen(page)
    # Open episodes (Ana Pop returned), by surname then forenames: Ahmed Bilal, Ahmed Tom, Berg, Cole,
    # Nowak, Owusu, Zed: seven rows, over three pages of three.
    assert [row[0] for row in shown] == [
        "Bilal Ahmed", "Tom Ahmed", "Kai Berg", "Mia Cole", "Ola Nowak", "Esi Owusu", f"{FORMULA} Zed",
    ]  # fmt: skip

    said = export_through_the_dialog(qtbot, window, page, CSV_TYPE, tmp_path / "open episodes")
    written = tmp_path / "open episodes.csv"  # the chosen type's extension added
    assert said == f"Missing episodes: exported 7 rows to {written}"
    rows = read_csv(written)
    assert rows[0] == header
    assert rows[1:-1] == shown[:-1]
    assert rows[-1] == [f"'{FORMULA} Zed", *shown[-1][1:]]  # an apostrophe first: Excel shows it, never runs it

    said = export_through_the_dialog(qtbot, window, page, WORKBOOK_TYPE, tmp_path / "open episodes")
    book = tmp_path / "open episodes.xlsx"
    assert said == f"Missing episodes: exported 7 rows to {book}"
    sheet, rows = read_workbook(book)
    assert sheet.title == "Missing episodes" and rows == [header, *shown]
    name = sheet.cell(row=8, column=1)
    assert (name.value, name.data_type, name.quotePrefix) == (f"{FORMULA} Zed", "s", True)


def test_the_cme_cases_export_follows_a_search_typed_a_moment_before(qtbot, window, register, small_pages, tmp_path):
    for day, (forenames, surname) in enumerate([("Ana", "Pop"), ("Bilal", "Ahmed"), ("Tom", "Ahmed")], start=1):
        child = people.save_child(register, people.Child(forenames, surname, date(2012, 5, day), "F"))
        education.save_case(register, education.CmeCase(child.id, date(2026, 11, day), "police", "deletion_g"))
    page = window.pages["cases"]
    window.tabs.setCurrentWidget(page)
    page.search.setFocus()
    qtbot.keyClicks(page.search, "ahmed")  # exported before the list has caught up with the typing
    said = export_through_the_dialog(qtbot, window, page, CSV_TYPE, tmp_path / "ahmed.csv")
    assert said == f"CME cases: exported 2 rows to {tmp_path / 'ahmed.csv'}"
    header, shown = on_screen(page)
    assert read_csv(tmp_path / "ahmed.csv") == [header, *shown]
    assert [row[0] for row in shown] == ["Tom Ahmed", "Bilal Ahmed"]  # latest referral first, as it opens


def test_the_private_fostering_officer_exports_the_arrangements_she_lists(qtbot, tmp_path, now):
    path = tmp_path / "register.sqlite"
    manager = open_register(path, Actor("Pat Manager", "manager"))
    for day, carer in enumerate(["Ama Boateng", "@SUM(A1)", "Kofi Asante"], start=2):
        child = people.save_child(manager, people.Child(f"Child{day}", "Mensah", date(2013, 1, day), "M"))
        arrangement = fostering.save_arrangement(
            manager,
            fostering.Arrangement(child.id, date(2026, 10, day), "school", "late", date(2026, 10, 1), carer, "cousin"),
        )
        if day == 3:
            fostering.end_arrangement(manager, arrangement, date(2026, 11, 1), "returned_to_parents")
    manager.close()
    register = open_register(path, Actor("Sam Officer", "pf_officer"))
    window = MainWindow(register)
    qtbot.addWidget(window)
    window.show()
    try:
        assert "episodes" not in window.pages and "cases" not in window.pages
        page = window.pages["arrangements"]
        window.tabs.setCurrentWidget(page)
        choose(page.status, "All")
        type_into(qtbot, page.notified_from, "03/10/2026")
        page.apply_filter()
        header, shown = on_screen(page)
        # Notified from 3 October, open or ended, latest notification first: Child4 (4th), Child3 (3rd, ended).
        assert [(row[0], row[2], row[7]) for row in shown] == [
            ("Child4 Mensah", "Kofi Asante", ""),
            ("Child3 Mensah", "@SUM(A1)", "01/11/2026"),
        ]
        said = export_through_the_dialog(qtbot, window, page, WORKBOOK_TYPE, tmp_path / "arrangements")
        assert said == f"Private fostering arrangements: exported 2 rows to {tmp_path / 'arrangements.xlsx'}"
        sheet, rows = read_workbook(tmp_path / "arrangements.xlsx")
        assert rows == [header, *shown]
        assert sheet.cell(row=3, column=3).quotePrefix is True
    finally:
        window.close()
        register.close()


def test_a_role_that_may_not_export_lists_has_no_export_button(qtbot, tmp_path, now):
    path = tmp_path / "register.sqlite"
    open_register(path, Actor("Pat Manager", "manager")).close()
    register = open_register(path, Actor("Ann Analyst", "analyst"))
    window = MainWindow(register)
    qtbot.addWidget(window)
    try:
        assert window.pages["episodes"].export_button is None  # an analyst sees the list, exports none of it
    finally:
        window.close()
        register.close()


def test_a_file_that_cannot_be_written_is_said_in_words_and_nothing_is_left(
    qtbot, window, answered, monkeypatch, tmp_path
):
    missing_folder = tmp_path / "no such folder" / "episodes"
    monkeypatch.setattr(
        msgbox, "choose_file_to_save", lambda parent, title, suggested, filters, chosen: chosen(str(missing_folder))
    )
    page = window.pages["episodes"]
    window.tabs.setCurrentWidget(page)
    page.export_button.click()
    qtbot.waitUntil(lambda: answered != [], timeout=10000)
    title, text = answered[-1]
    assert title == "List not exported"
    assert text.startswith(f"Nothing was exported: {missing_folder}.xlsx could not be written, because its folder")
    assert window.saved_note.text() == "Missing episodes: not exported"
    assert page.export_button.isEnabled() and not (tmp_path / "no such folder").exists()
