"""The access log in the window: finding and opening a child are noted; a team manager lists the log by child,
by person and between days, and exports it; no other role has the entry, and the register refuses it anyway."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from register import Actor, missing, open_register, people
from register.core.sqlite import sqlite3
from tests.helpers.values import at
from tests.helpers.widgets import last_dialog, type_into, windows_on
from ui.shell import msgbox
from ui.shell.access_log_dialog import AccessLogDialog


@pytest.fixture
def path(tmp_path, now):
    """A register with Zofia (case id LA100) and Kofi, Sam Tester (a coordinator) having found and opened each."""
    path = tmp_path / "register.sqlite"
    register = open_register(path, Actor("Pat Manager", "manager"))
    people.save_child(register, people.Child("Zofia", "Kowalska", date(2012, 5, 1), "F", la_id="LA100"))
    people.save_child(register, people.Child("Kofi", "Mensah", date(2013, 2, 3), "M"))
    missing.save_episode(register, missing.Episode(1, "M", at("20/11/2026 22:15"), ended_at=at("21/11/2026 09:00")))
    register.close()
    sam = open_register(path, Actor("Sam Tester", "coordinator"))
    people.find_children(sam, "kow")
    people.open_record(sam, 1)
    people.open_record(sam, 2)
    sam.close()
    return path


@pytest.fixture
def window_as(qtbot, path):
    with windows_on(qtbot, path) as open_as:
        yield lambda name, role: open_as(Actor(name, role))


def _menu_entry(window, text):
    menu = window.menuBar().actions()[0].menu()
    return next((action for action in menu.actions() if action.text().replace("&", "") == text), None)


def _shown(dialog):
    """The rows listed, as (who, action, child's number, child) read off the screen, top to bottom."""
    table = dialog.table
    return [tuple(table.item(row, column).text() for column in (1, 3, 4, 5)) for row in range(table.rowCount())]


def _logged(path):
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT actor, action, child_id, what FROM access_log ORDER BY id").fetchall()
    finally:
        connection.close()


def test_finding_and_opening_a_child_in_the_window_are_noted(window_as, path, qtbot):
    window = window_as("Ann Officer", "ewo")
    window.find_child()
    children = window.pages["children"]
    qtbot.keyClicks(children.search, "mensah")
    qtbot.keyClick(children.search, Qt.Key.Key_Return)  # opens the first child found
    qtbot.waitUntil(lambda: 2 in window.records, timeout=5000)
    assert _logged(path)[-2:] == [
        ("Ann Officer", "searched", 2, "find a child by name: 1 found"),
        ("Ann Officer", "opened record", 2, "the child's record"),
    ]


def test_a_search_typed_into_a_register_s_list_is_noted_once_with_the_children_it_shows(window_as, path, qtbot):
    window = window_as("Ann Officer", "coordinator")
    page = window.pages["episodes"]
    window.tabs.setCurrentWidget(page)
    type_into(qtbot, page.search, "kowal")
    qtbot.waitUntil(lambda: _logged(path)[-1][0] == "Ann Officer")  # once the person pauses
    assert page.model.rowCount() == 1
    page.fill()  # drawn again after a save: not a search of the person's own
    assert _logged(path)[-1] == ("Ann Officer", "searched", 1, "search of the episodes list: 1 child found")
    assert [row[1] for row in _logged(path)].count("searched") == 2  # Sam's, then Ann's
    type_into(qtbot, page.search, "mensah")  # shows no episode: nobody is noted
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert [row[1] for row in _logged(path)].count("searched") == 2


def test_a_manager_lists_the_log_by_child_and_by_person_between_days_and_exports_it(
    window_as, path, tmp_path, monkeypatch, answered, qtbot
):
    window = window_as("Pat Manager", "manager")
    _menu_entry(window, "Access log…").trigger()
    dialog = last_dialog(window)
    assert isinstance(dialog, AccessLogDialog)
    # Newest first: Sam's two openings, then the search that found Zofia.
    assert _shown(dialog) == [
        ("Sam Tester", "opened record", "2", "Kofi Mensah"),
        ("Sam Tester", "opened record", "1", "Zofia Kowalska"),
        ("Sam Tester", "searched", "1", "Zofia Kowalska"),
    ]
    assert dialog.status.text() == "3 rows: every row."
    # By child: her case id, then Enter.
    type_into(qtbot, dialog.child, "LA100")
    qtbot.keyClick(dialog.child, Qt.Key.Key_Return)
    assert [row[2] for row in _shown(dialog)] == ["1", "1"]
    assert dialog.status.text() == "2 rows: child 1."
    # A day mistyped is named, and the rows stay as they were.
    type_into(qtbot, dialog.since, "31/02/2026")
    qtbot.keyClick(dialog.since, Qt.Key.Key_Return)
    assert dialog.problem.text() == "From: “31/02/2026” is not a date. Write it as DD/MM/YYYY, for example 01/11/2026."
    assert len(_shown(dialog)) == 2
    # Days that hold none of the rows (they were written on 27/11/2026, the tests' today).
    type_into(qtbot, dialog.since, "28/11/2026")
    dialog.show_button.click()
    assert dialog.problem.text() == "" and _shown(dialog) == []
    assert dialog.status.text() == "0 rows: child 1, from 28/11/2026." and not dialog.export_button.isEnabled()
    # By person: a row's person, chosen from a row of everyone's.
    dialog.everything.click()
    dialog.table.selectRow(0)
    dialog.this_person.click()
    assert dialog.person.currentText() == "Sam Tester" and dialog.child.text() == ""
    assert len(_shown(dialog)) == 3 and dialog.status.text() == "3 rows: by Sam Tester."
    dialog.table.selectRow(0)
    dialog.this_child.click()
    assert dialog.child.text() == "2" and _shown(dialog) == [("Sam Tester", "opened record", "2", "Kofi Mensah")]
    # Exported for a subject access request: the workbook holds the rows chosen, and the export is a row itself.
    workbook = tmp_path / "kofi.xlsx"
    monkeypatch.setattr(
        msgbox, "choose_file_to_save", lambda parent, title, suggested, filters, chosen: chosen(str(workbook))
    )
    dialog.export_button.click()
    assert answered == [("Access log exported", f"Wrote 1 row to {workbook}.")]
    sheet = load_workbook(workbook).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Access log: child 2"
    assert rows[1] == [
        "Row",
        "When (UK time)",
        "Who",
        "Role",
        "Action",
        "What",
        "Child's number",
        "Child",
        "Born",
        "Event",
    ]
    assert rows[2] == [
        3,
        "27/11/2026 17:00",
        "Sam Tester",
        "Missing children coordinator",
        "opened record",
        "the child's record",
        2,
        "Kofi Mensah",
        datetime(2013, 2, 3),  # a date cell, read back by openpyxl as midnight
        3,
    ]
    assert _logged(path)[-1] == ("Pat Manager", "exported", 2, f"access log: 1 rows to {workbook}")
    assert [row[:2] for row in _shown(dialog)] == [("Pat Manager", "exported"), ("Sam Tester", "opened record")]


def test_no_other_role_has_the_access_log_and_the_register_refuses_it(window_as, qtbot):
    for role in ("coordinator", "ewo", "analyst", "administrator"):
        window = window_as("Sam Tester", role)
        assert _menu_entry(window, "Access log…") is None
    dialog = AccessLogDialog(window.register, window)  # were it opened anyway
    qtbot.addWidget(dialog)
    assert dialog.problem.text() == (
        "Your role (Administrator) may not read the access log. If your work needs it, ask your manager or the "
        "register's administrator."
    )
    assert dialog.table.rowCount() == 0 and not dialog.export_button.isEnabled()
