"""Driving widgets as a person does: typing, choosing, saving, and waiting for what they then see."""

from __future__ import annotations

import contextlib
import re

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel, QWidget


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


def chosen_import(window, what=""):
    """Open the window's import dialog (Register > Import a spreadsheet), choose what the file holds
    (its label, or the first kind offered) and press Choose a file (answered by the test's file dialog);
    returns the dialog, ready for Import."""
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "&Import a spreadsheet…")
    action.trigger()
    dialog = window.import_dialog
    if what:
        choose(dialog.kind, what)
    dialog.choose.click()
    return dialog


def mnemonic(text: str) -> str | None:
    """The letter a text's & marks (Alt+that letter reaches it), if any."""
    found = re.search(r"(?<!&)&([^&\s])", text.replace("&&", ""))
    return found.group(1).upper() if found else None


def marked(container: QWidget) -> list[str]:
    """The texts with a mnemonic among the buttons and the labels (of a field) shown in ``container``."""
    texts = [button.text() for button in container.findChildren(QAbstractButton) if button.isVisibleTo(container)]
    texts += [
        label.text()
        for label in container.findChildren(QLabel)
        if label.buddy() is not None and label.isVisibleTo(container)
    ]
    return [text for text in texts if mnemonic(text)]


def clashes(texts: list[str]) -> dict[str, list[str]]:
    by_letter: dict[str, list[str]] = {}
    for text in texts:
        by_letter.setdefault(mnemonic(text) or "", []).append(text)
    return {letter: found for letter, found in by_letter.items() if letter and len(found) > 1}


@contextlib.contextmanager
def windows_on(qtbot, path):
    """``open_as(Actor)``: the main window on the register at ``path`` as that person, shown and checked for
    damage; on leaving, each window's records close, its workers finish and its register closes."""
    from register import open_register
    from ui.main_window import MainWindow

    windows = []

    def open_as(actor):
        window = MainWindow(open_register(path, actor))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.register.soundness is True, timeout=10000)
        windows.append(window)
        return window

    try:
        yield open_as
    finally:
        for window in windows:
            for record in list(window.records.values()):
                record.close()
        QThreadPool.globalInstance().waitForDone(20000)
        for window in windows:
            window.register.close()
