"""A save redraws only what it concerns, and a redraw keeps the row chosen and the scroll position."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from register import missing, people
from register.missing.records import Episode
from tests.helpers.values import at
from tests.helpers.widgets import choose, last_dialog, save, type_into, typed_new_episode


def many_episodes(register, count):
    """``count`` children, each with one episode that ended, a day apart, the newest first in the list."""
    children = []
    for number in range(count):
        child = people.save_child(register, people.Child(f"Child{number:03d}", "Test", date(2012, 1, 1), "F"))
        start = at("01/06/2026 10:00") + timedelta(days=number)
        missing.save_episode(register, Episode(child.id, "M", start, ended_at=start + timedelta(hours=3)))
        children.append(child)
    return children


def test_a_save_redraws_only_the_pages_it_concerns(qtbot, window, register, child):
    page = window.pages["episodes"]
    window.tabs.setCurrentWidget(page)
    record = window.open_child(child.id)

    # A private fostering notification changes nothing the episode list shows: it is not read again.
    with qtbot.assertNotEmitted(page.model.modelReset):
        record.buttons["notify"].click()
        form = last_dialog(record)
        type_into(qtbot, form.notified_on, "16/11/2026")
        choose(form.notified_by, "School")
        type_into(qtbot, form.intended_start, "02/11/2026")
        type_into(qtbot, form.carer_name, "Ann Smith")
        choose(form.relationship, "Family friend")
        save(form)
        assert not form.isVisible()
    # A new episode does.
    with qtbot.waitSignal(page.model.modelReset):
        form = typed_new_episode(qtbot, record)
        save(form)
    assert page.model.rowCount() == 1


def test_a_childs_record_is_redrawn_only_for_that_child(qtbot, window, register, child):
    other = people.save_child(register, people.Child("Hodan", "Warsame", date(2011, 9, 30), "F"))
    missing.save_episode(register, Episode(other.id, "M", at("20/11/2026 10:00"), ended_at=at("20/11/2026 18:00")))
    theirs, mine = window.open_child(other.id), window.open_child(child.id)
    drawn = theirs.chronology.item(0, 1)
    form = typed_new_episode(qtbot, mine)
    save(form)
    assert mine.chronology.rowCount() == 1
    assert theirs.chronology.item(0, 1) is drawn  # not drawn again: nothing of Hodan's changed


def test_a_redraw_keeps_the_chosen_episode_and_the_scroll_position(qtbot, window, register):
    children = many_episodes(register, 120)
    page = window.pages["episodes"]
    window.tabs.setCurrentWidget(page)
    window.resize(1280, 800)
    page.table.selectRow(90)
    page.table.verticalScrollBar().setValue(70)
    chosen = page.model.row_at(90)

    # Someone records a return for another child: the list is read again.
    record = window.open_child(children[0].id)
    record.chronology.selectRow(0)
    record.buttons["edit"].click()
    form = last_dialog(record)
    choose(form.risk_grade, "High")
    with qtbot.waitSignal(page.model.modelReset):
        save(form)
    assert page.table.currentIndex().row() == 90
    assert page.model.row_at(page.table.currentIndex().row()).id == chosen.id
    assert page.table.verticalScrollBar().value() == 70


def test_the_chronology_keeps_the_chosen_line_when_redrawn(qtbot, window, register, child):
    missing.save_episode(register, Episode(child.id, "M", at("20/11/2026 10:00"), ended_at=at("20/11/2026 18:00")))
    record = window.open_child(child.id)
    record.chronology.selectRow(0)
    assert record.selected().event == "Missing (M)"
    record.buttons["details"].click()
    form = last_dialog(record)
    type_into(qtbot, form.school, "Oak Park Primary")
    save(form)
    assert people.get_child(register, child.id).school == "Oak Park Primary"
    assert record.selected() is not None and record.selected().event == "Missing (M)"


def test_the_chosen_episode_stays_chosen_when_a_newer_one_lands_above_it(qtbot, window, register):
    children = many_episodes(register, 30)
    page = window.pages["episodes"]  # newest first
    window.tabs.setCurrentWidget(page)
    page.table.selectRow(5)
    chosen = page.model.row_at(5)
    record = window.open_child(children[0].id)
    form = typed_new_episode(qtbot, record)
    with qtbot.waitSignal(page.model.modelReset):
        save(form)
    assert page.table.currentIndex().row() == 6 and page.model.row_at(6).id == chosen.id
    assert page.table.selectionModel().isRowSelected(6)


def test_a_line_only_holding_focus_is_not_chosen_so_history_shows_the_childs_details(qtbot, window, register, child):
    missing.save_episode(register, Episode(child.id, "M", at("20/11/2026 10:00"), ended_at=at("20/11/2026 18:00")))
    record = window.open_child(child.id)
    record.chronology.setFocus()
    record.chronology.setCurrentCell(0, 0)
    record.chronology.clearSelection()
    assert record.selected() is None
    record.buttons["history"].click()
    assert last_dialog(record).windowTitle() == "History of this child's details"


def test_a_save_while_the_register_is_busy_keeps_the_form_and_says_so(qtbot, window, register, child):
    from register.core.sqlite import sqlite3

    register.busy_seconds = 1.0  # the test waits 1 s, not the program's 10 s
    other = sqlite3.connect(register.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # someone else's import holds the write lock
    seen_while_waiting: list[tuple[str, object]] = []

    def look() -> None:  # a timer, as the window's own painting: it runs only if the window is not frozen
        seen_while_waiting.append((window.statusBar().currentMessage(), QApplication.overrideCursor()))

    try:
        record = window.open_child(child.id)
        form = typed_new_episode(qtbot, record)
        QTimer.singleShot(500, look)
        save(form)
        assert form.isVisible() and form.started_at.time.text() == "22:15"
        assert form.banner.text().startswith("The register is busy: someone else is saving, or an import is running.")
        [(message, cursor)] = seen_while_waiting  # half-way through the wait the window still ran, and said why
        assert message == "Waiting for someone else's save or import to finish before saving…"
        assert cursor is not None and cursor.shape() == Qt.CursorShape.WaitCursor
        assert QApplication.overrideCursor() is None and window.statusBar().currentMessage() == ""
    finally:
        other.execute("ROLLBACK")
        other.close()
    save(form)  # once they are done, Save again works
    assert not form.isVisible() and register.db["missing_episodes"].count == 1
