"""The window fits a 1366×768 laptop: every page, a child's record and every form, with Save in view.

The tests' screen (tests/helpers/laptop_screen.json) is 1366×728: a 1366×768 laptop less a 40-pixel taskbar.
Qt's offscreen platform draws no frames, so every window is also allowed ``FRAME`` for the frame and title
bar a real window system adds.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from register import education, fostering
from ui.education.calendar_dialog import ClosureDialog, TermDialog
from ui.education.forms import AbsenceDialog, CaseDialog, CloseCaseDialog, EnquiryDialog, EscalationDialog
from ui.fostering.forms import EndArrangementDialog, NotificationDialog, VisitDialog
from ui.missing.episode_form import EpisodeDialog
from ui.missing.interview_form import InterviewDialog
from ui.people.child_form import ChildDialog
from ui.shell.dialogs import open_dialog
from ui.shell.screen import FRAME, available
from ui.shell.settings_dialog import SettingsDialog

LAPTOP = QSize(1366, 728)


def fits(size: QSize) -> bool:
    """Whether a window of this size, with its frame, fits the laptop's screen above its taskbar."""
    framed = size + FRAME
    return framed.width() <= LAPTOP.width() and framed.height() <= LAPTOP.height()


def on_screen(window) -> QRect:
    """Where the window stands on the screen with a real window system's frame (pos() is the frame's corner)."""
    return QRect(window.pos(), window.size() + FRAME)


def test_the_tests_run_on_a_laptop_screen(qapp):
    if not os.environ["QT_QPA_PLATFORM"].startswith("offscreen"):
        pytest.skip("a real screen: the sizes below are checked against the laptop's all the same")
    assert QGuiApplication.primaryScreen().availableGeometry() == QRect(QPoint(0, 0), LAPTOP)


def test_the_main_window_and_every_page_fit_a_laptop(qtbot, window, hand_built):
    assert fits(window.minimumSizeHint()), window.minimumSizeHint()
    assert available(window).contains(on_screen(window)), window.geometry()
    for key, page in window.pages.items():
        window.tabs.setCurrentWidget(page)
        assert fits(page.minimumSizeHint()), (key, page.minimumSizeHint())
        assert fits(window.minimumSizeHint()), (key, window.minimumSizeHint())
        qtbot.waitUntil(lambda page=page: getattr(page, "worker", None) is None, timeout=15000)  # filled
    # The widest filter bar wraps onto a second row rather than widening the window.
    cases = window.pages["cases"]
    window.tabs.setCurrentWidget(cases)
    assert cases.referred_to.mapTo(cases, QPoint(0, 0)).y() > cases.status.mapTo(cases, QPoint(0, 0)).y()


def test_a_childs_record_fits_a_laptop(qtbot, window, register, hand_built):
    longest = register.db.execute("SELECT id FROM children ORDER BY length(address) DESC LIMIT 1").fetchone()[0]
    register.db.execute(
        "UPDATE children SET address = ? WHERE id = ?",
        ["Flat 12, Riverside Court, 140 Long Meadow Lane, Upper Marsh Green, Little Hampton on the Water", longest],
    )
    record = window.open_child(longest)
    qtbot.waitExposed(record)
    assert fits(record.minimumSizeHint()), record.minimumSizeHint()
    assert available(record).contains(on_screen(record)), record.geometry()


def test_every_form_opens_with_save_and_cancel_in_view(qtbot, window, register, hand_built):
    case_row = register.db.execute("SELECT id, child_id FROM cme_cases ORDER BY id LIMIT 1").fetchone()
    arrangement = fostering.get_arrangement(
        register, register.db.execute("SELECT id FROM pf_arrangements ORDER BY id LIMIT 1").fetchone()[0]
    )
    case = education.get_case(register, case_row[0])
    record = window.open_child(case_row[1])
    qtbot.waitExposed(record)
    child, events = record.child, window.events
    forms = [
        ChildDialog(register, events, child, parent=record),
        EpisodeDialog(register, events, child, parent=record),
        InterviewDialog(register, events, child, parent=record),
        AbsenceDialog(register, events, child, parent=record),
        CaseDialog(register, events, child, case, parent=record),
        CloseCaseDialog(register, events, case, parent=record),
        EnquiryDialog(register, events, case.id, parent=record),
        EscalationDialog(register, events, case.id, parent=record),
        NotificationDialog(register, events, child, arrangement, parent=record),
        VisitDialog(register, events, arrangement, parent=record),
        EndArrangementDialog(register, events, arrangement, parent=record),
        TermDialog(register, events, parent=window),
        ClosureDialog(register, events, parent=window),
        SettingsDialog(register, events, parent=window),
    ]
    for form in forms:
        name = type(form).__name__
        open_dialog(form)
        qtbot.waitExposed(form)
        area = available(form)
        assert fits(form.size()) and area.contains(on_screen(form)), (name, form.geometry())
        for which in (QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Cancel):
            button = form.buttons.button(which)
            placed = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
            assert button.isVisible() and form.geometry().contains(placed) and area.contains(placed), name
        form.reject()


def test_a_long_form_scrolls_its_fields_between_its_title_and_its_buttons(qtbot, window, register, hand_built):
    child = register.db.execute("SELECT id FROM children ORDER BY id LIMIT 1").fetchone()[0]
    record = window.open_child(child)
    form = InterviewDialog(register, window.events, record.child, parent=record)
    open_dialog(form)
    qtbot.waitExposed(form)
    assert form.field_area.sizeHint().height() > form.scroll.viewport().height()  # taller than there is room for
    assert form.scroll.verticalScrollBar().maximum() > 0
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    for _ in range(60):  # tabbing through the fields to the last brings it into view
        if form.notes.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert form.notes.hasFocus() and form.scroll.verticalScrollBar().value() > 0
    where = QRect(form.notes.mapTo(form.scroll.viewport(), QPoint(0, 0)), QSize(form.notes.width(), 24))
    assert form.scroll.viewport().rect().contains(where)  # its first line, where the cursor is, is in view
    form.reject()
