"""A register that cannot be written to: the window asks whether to open it for viewing only, then says so
in its title and status bar, greys out what only writes, refuses every save in words, and leaves the file
byte for byte as it was."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox

from register import Actor, missing, open_register, people
from register.core.db import REGISTER_FILE
from tests.helpers.read_only import fingerprint
from tests.helpers.values import at
from tests.helpers.widgets import last_dialog
from ui import app
from ui.shell import msgbox

JO = Actor("Jo Coordinator")


@pytest.fixture
def shared(tmp_path, now):
    """A register with one child and one episode in a folder of its own, with no connection open on it."""
    folder = tmp_path / "shared"
    folder.mkdir()
    register = open_register(folder / REGISTER_FILE, JO)
    child = people.save_child(register, people.Child("Zofia", "Kowalska", date(2012, 5, 1), "F", ethnicity="WOTH"))
    missing.save_episode(
        register, missing.Episode(child.id, "M", at("20/11/2026 22:00"), ended_at=at("21/11/2026 02:00"))
    )
    register.close()
    return folder / REGISTER_FILE


def _asked(monkeypatch, answer):
    asked = []
    monkeypatch.setattr(
        msgbox, "confirm", lambda parent, title, text, on_yes: (asked.append((title, text)), answer and on_yes())
    )
    return asked


def test_the_window_offers_viewing_only_and_refuses_every_save(qtbot, shared, read_only, monkeypatch, answered):
    read_only(shared)
    before = fingerprint(shared)
    asked = _asked(monkeypatch, True)
    window = app.open_window(shared, JO)
    qtbot.addWidget(window)
    window.show()
    [(title, text)] = asked
    assert title == "The register is read-only" and "Open it for viewing only?" in text
    assert "cannot be written to (the file or its folder is read-only)" in text
    qtbot.waitUntil(lambda: window.register.soundness is True, timeout=10000)  # the damage check still ran
    assert window.windowTitle().endswith("– viewing only (read-only)")
    notes = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert any(note == "Open for viewing only (read-only): nothing can be saved or logged." for note in notes)
    assert not window.pages["children"].new_button.isEnabled()
    [child] = people.find_children(window.register, "Kowalska")
    record = window.open_child(child.id)
    assert record.chronology.rowCount() == 2  # the child's episode shows: missing, then back
    assert not record.buttons["episode"].isEnabled() and not record.buttons["delete"].isEnabled()

    record.buttons["details"].click()  # a form says at once that nothing can be saved, before anything is typed
    form = last_dialog(record)
    assert not form.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    assert form.banner.text() == "For reading: the register is open for viewing only."
    form.reject()
    [episode] = missing.episodes_for_child(window.register, child.id)
    record.write(lambda: missing.delete_episode(window.register, episode, "entered twice"), "Episode not deleted")
    [(failed, said)] = answered
    assert failed == "Episode not deleted" and "open for viewing only" in said and "Nothing was saved" in said
    assert "attempt to write" not in said

    record.close()
    window.close()
    QThreadPool.globalInstance().waitForDone(20000)
    window.register.close()
    assert fingerprint(shared) == before


def test_saying_no_opens_nothing(qtbot, shared, read_only, monkeypatch):
    read_only(shared.parent)
    asked = _asked(monkeypatch, False)
    assert app.open_window(shared, JO) is None and len(asked) == 1


def test_the_backup_at_close_of_a_register_viewed_in_a_read_only_folder_is_a_line_in_the_log(
    shared, read_only, monkeypatch, caplog
):
    read_only(shared.parent)
    before = fingerprint(shared)
    boxes = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *arguments: boxes.append(arguments))
    register = open_register(shared, JO, create=False, read_only=True)
    with caplog.at_level(logging.WARNING):
        app._backup_on_close(register)
    register.close()
    assert boxes == [] and "No backup was made of the register open for viewing only" in caplog.text
    assert fingerprint(shared) == before and not (shared.parent / "backups").exists()


def test_a_register_viewed_read_only_is_still_backed_up_where_it_can_be(shared, read_only):
    read_only(shared)
    register = open_register(shared, JO, create=False, read_only=True)
    app._backup_on_close(register)
    register.close()
    assert len(list((shared.parent / "backups").glob("register-*.sqlite"))) == 1
