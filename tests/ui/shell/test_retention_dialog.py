"""Retention in the window: a manager's Register ▸ Retention lists the children who have reached 25, and erases
one after the reason and their surname are typed, all from the keyboard; other roles are not offered it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from register import Actor, education, open_register, people
from register.core.db import DEMO_FILE
from register.education import CmeCase
from tests.helpers.retention import aged_child
from tests.helpers.widgets import last_dialog
from ui.main_window import MainWindow
from ui.shell.retention_dialog import EraseDialog, RetentionDialog


def _menu_texts(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()[0].menu().actions()]


def _open_retention(qtbot, window) -> RetentionDialog:
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "&Retention…")
    action.trigger()
    dialog = last_dialog(window)
    assert isinstance(dialog, RetentionDialog)
    return dialog


def test_a_manager_erases_a_child_from_the_keyboard(qtbot, window, register):
    quillon = aged_child(register)
    people.save_child(register, people.Child("Zofia", "Kowalska", date(2012, 5, 1), "F"))
    window.tabs.setCurrentWidget(window.pages["children"])
    window.pages["children"].refresh()
    children = window.pages["children"].results
    assert [children.item(n, 0).text() for n in range(children.rowCount())] == ["Zofia Kowalska", "Quillon Zzyzxbrook"]
    dialog = _open_retention(qtbot, window)
    assert dialog.about.text().startswith("1 child had reached 25 by 27/11/2026")
    row = [dialog.list.item(0, column).text() for column in range(dialog.list.columnCount())]
    assert row == ["1", "Quillon Zzyzxbrook", "01/05/2000", "01/05/2025", "episodes: 1, CME cases: 1",
                   "27/11/2026 17:00", "—"]  # fmt: skip
    qtbot.waitUntil(dialog.list.hasFocus)  # the list has the keyboard, its first child chosen
    assert dialog.list.currentRow() == 0

    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)  # Enter on the chosen child asks to erase them
    confirming = dialog.confirming
    assert isinstance(confirming, EraseDialog) and confirming.isVisible()
    qtbot.waitUntil(confirming.reason.hasFocus)
    qtbot.keyClick(confirming.reason, Qt.Key.Key_Return)  # nothing typed: said, nothing erased
    assert confirming.problem.text() == "Give the reason these records are erased (do not name the child)."
    qtbot.keyClicks(confirming.reason, "Reviewed at 25: nothing to keep")
    qtbot.keyClick(confirming.reason, Qt.Key.Key_Tab)
    assert confirming.typed.hasFocus()
    qtbot.keyClicks(confirming.typed, "Zzyzxbroo")
    qtbot.keyClick(confirming.typed, Qt.Key.Key_Return)  # not yet the surname: said, nothing erased
    assert confirming.problem.text() == (
        "Type the child's surname, Zzyzxbrook, to confirm that these are the records to erase."
    )
    assert register.db["children"].count == 2
    qtbot.keyClicks(confirming.typed, "k")
    qtbot.keyClick(confirming.typed, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not confirming.isVisible(), timeout=20000)
    assert dialog.status.text().startswith(
        "Child 1's details and 3 records were erased; 6 audit rows about them now hold no details"
    )
    assert dialog.list.rowCount() == 0 and dialog.about.text().startswith("0 children had reached 25")
    assert register.db.execute("SELECT count(*) FROM children WHERE id = ?", [quillon.id]).fetchone()[0] == 0
    assert register.db.execute("SELECT child_id, erased_by FROM erasures").fetchall() == [(1, "Jo Coordinator")]
    # The list of children redrew without him.
    qtbot.waitUntil(lambda: [children.item(n, 0).text() for n in range(children.rowCount())] == ["Zofia Kowalska"])


def test_a_child_with_a_case_still_open_is_marked_and_not_offered_for_erasure(qtbot, window, register):
    quillon = aged_child(register)
    education.save_case(register, CmeCase(quillon.id, date(2015, 9, 20), "police", "absent_10_days"))
    dialog = _open_retention(qtbot, window)
    assert dialog.list.item(0, 6).text() == "an open CME case"
    dialog.erase_button.click()
    assert dialog.status.text() == (
        "Quillon Zzyzxbrook still has an open CME case: close it first, then erase their records."
    )
    assert register.db["children"].count == 1


def test_only_a_manager_is_offered_retention(qtbot, tmp_path, now):
    for role in ("coordinator", "ewo", "administrator", "analyst"):
        register = open_register(tmp_path / DEMO_FILE, Actor("Someone", role))
        window = MainWindow(register, demo=True)
        qtbot.addWidget(window)
        assert "&Retention…" not in _menu_texts(window), role
        window.close()
        register.close()
    register = open_register(tmp_path / DEMO_FILE, Actor("Someone", "manager"))
    window = MainWindow(register, demo=True)
    qtbot.addWidget(window)
    assert "&Retention…" in _menu_texts(window)
    window.close()
    register.close()


def test_a_case_opened_by_a_colleague_meanwhile_stops_the_erasure_in_words(qtbot, window, register):
    quillon = aged_child(register)
    dialog = _open_retention(qtbot, window)
    qtbot.waitUntil(dialog.list.hasFocus)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    confirming = dialog.confirming
    education.save_case(register, CmeCase(quillon.id, date(2015, 9, 20), "police", "absent_10_days"))  # a colleague
    qtbot.keyClicks(confirming.reason, "Reviewed at 25: nothing to keep")
    qtbot.keyClicks(confirming.typed, "Zzyzxbrook")
    qtbot.keyClick(confirming.typed, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: confirming.worker is None, timeout=20000)
    assert confirming.isVisible() and confirming.erase_button.isEnabled()
    assert confirming.problem.text() == (
        "Quillon Zzyzxbrook (child 1) still has an open CME case: close it first, then erase. Nothing was erased."
    )
    assert register.db["children"].count == 1 and register.db["erasures"].count == 0
