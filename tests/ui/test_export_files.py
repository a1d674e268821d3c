"""The whole record from a child's record and the analysts' extract from the Register menu, driven as a person
would: the button or menu, the system's dialog starting in Documents, the files written, the message."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from register import Actor, open_register
from tests.helpers.every_kind import WORDS
from ui.main_window import MainWindow
from ui.shell import msgbox


def _dialog(parent) -> QFileDialog:
    return next(dialog for dialog in parent.findChildren(QFileDialog) if dialog.isVisible())


def _menu_texts(window) -> list[str]:
    register_menu = window.menuBar().actions()[0].menu()
    return [action.text().replace("&", "") for action in register_menu.actions()]


def test_a_whole_record_is_exported_into_a_folder_chosen(qtbot, window, every_kind, tmp_path, monkeypatch, answered):
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(msgbox, "documents_folder", lambda: documents)
    record = window.open_child(every_kind)
    button = record.buttons["whole"]
    assert button.text() == "E&xport whole record…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    folder = _dialog(record)
    assert folder.fileMode() == QFileDialog.FileMode.Directory
    assert Path(folder.directory().absolutePath()) == documents
    folder.selectFile(str(documents))
    folder.accept()
    assert (button.isEnabled(), button.text()) == (False, "Exporting whole record…")  # not pressed twice
    qtbot.waitUntil(lambda: bool(answered), timeout=20000)
    assert (button.isEnabled(), button.text()) == (True, "E&xport whole record…")
    title, said = answered[0]
    assert title == "Whole record exported"
    assert (
        "whole-record-child-1-2026-11-27-170000.pdf (to read) and whole-record-child-1-2026-11-27-170000.json" in said
    )
    assert sorted(p.name for p in documents.iterdir()) == [
        "whole-record-child-1-2026-11-27-170000.json",
        "whole-record-child-1-2026-11-27-170000.pdf",
    ]
    assert WORDS["visit_notes"] in (documents / "whole-record-child-1-2026-11-27-170000.json").read_text()


def test_a_role_that_may_not_export_a_whole_record_has_no_button(qtbot, register, every_kind):
    analyst = open_register(register.path, Actor("Ada Analyst", "analyst"))
    window = MainWindow(analyst)
    qtbot.addWidget(window)
    record = window.open_child(every_kind)
    assert "whole" not in record.buttons
    record.close()
    window.close()
    analyst.close()


def test_the_pseudonymised_extract_is_saved_from_the_register_menu(qtbot, window, every_kind, tmp_path, answered):
    assert "Pseudonymised extract for analysts…" in _menu_texts(window)
    register_menu = window.menuBar().actions()[0].menu()
    next(a for a in register_menu.actions() if a.text().startswith("Pseudonymised")).trigger()
    saving = _dialog(window)
    assert saving.selectedFiles()[0].endswith("pseudonymised-extract-2026-11-27.sqlite")
    out = tmp_path / "for-analysts"
    saving.selectFile(str(out))
    saving.accept()
    qtbot.waitUntil(lambda: bool(answered), timeout=20000)
    assert answered[0][0] == "Extract saved" and str(out) + ".sqlite" in answered[0][1]
    plain = sqlite3.connect(out.with_suffix(".sqlite"))
    assert plain.execute("SELECT born FROM children").fetchall() == [("2011-02",)]
    plain.close()


def test_only_the_roles_that_may_produce_the_extract_see_it_in_the_menu(qtbot, register):
    for role, offered in (("analyst", True), ("coordinator", False)):
        other = open_register(register.path, Actor("Sam Tester", role))
        window = MainWindow(other)
        qtbot.addWidget(window)
        assert ("Pseudonymised extract for analysts…" in _menu_texts(window)) is offered, role
        window.close()
        other.close()
