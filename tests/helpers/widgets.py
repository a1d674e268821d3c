"""Driving widgets as a person does: typing, choosing, saving, and waiting for what they then see."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


def type_into(qtbot, widget, text):
    widget.setFocus()
    widget.clear()
    qtbot.keyClicks(widget, text)


def type_when(qtbot, field, day, clock_time):
    type_into(qtbot, field.date, day)
    type_into(qtbot, field.time, clock_time)


def choose(combo, label):
    index = combo.findText(label)
    assert index >= 0, label
    combo.setCurrentIndex(index)


def save(dialog):
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()


def last_dialog(parent):
    """The dialog most recently opened (and still open) from ``parent``, found as a person would see it."""
    shown = [dialog for dialog in parent.findChildren(QDialog) if dialog.isVisible()]
    assert shown, f"no dialog is open over {parent!r}"
    return shown[-1]


def settled(qtbot, page):
    """Wait until a page's figures, gathered off the window's thread, are on screen; returns the page."""
    qtbot.waitUntil(lambda: not page.filling, timeout=10000)
    return page


def typed_new_episode(qtbot, record, day="26/11/2026", clock_time="22:15"):
    """Open a child record's New episode form and type when the child was last seen; returns the form, unsaved."""
    record.buttons["episode"].click()
    form = last_dialog(record)
    type_when(qtbot, form.started_at, day, clock_time)
    return form
