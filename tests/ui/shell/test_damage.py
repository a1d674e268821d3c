"""The window checks the file for damage as it opens: saves wait for the check, a damaged register is
said at once with the way to its backups, and nothing is saved to it or reported from it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool

from register import Actor, RegisterBusyError, missing, open_register, people
from register.cli import main
from register.core.db import DEMO_FILE
from tests.helpers.values import at
from tests.helpers.widgets import last_dialog, save, type_into
from ui.main_window import MainWindow
from ui.shell import msgbox
from ui.shell.backups_dialog import BackupsDialog


def test_a_save_waits_for_the_check(register, child):
    register.soundness = None  # as while the window's check runs
    with pytest.raises(RegisterBusyError, match="still being checked for damage"):
        missing.save_episode(register, missing.Episode(child.id, "M", at("26/11/2026 22:15")))
    register.soundness = True
    missing.save_episode(register, missing.Episode(child.id, "M", at("26/11/2026 22:15")))
    assert register.db["missing_episodes"].count == 1


def test_a_damaged_register_is_said_at_once_and_mended_from_its_backups(qtbot, tmp_path, now, answered, monkeypatch):
    assert main(["--data-dir", str(tmp_path), "demo", "--children", "300"]) == 0
    assert main(["--data-dir", str(tmp_path), "--demo", "backup"]) == 0
    path = tmp_path / DEMO_FILE
    data = bytearray(path.read_bytes())
    middle = len(data) // 4096 // 2
    data[middle * 4096 : (middle + 1) * 4096] = b"\x5a" * 4096
    path.write_bytes(bytes(data))
    register = open_register(path, Actor("Jo Coordinator", "manager"))
    window = MainWindow(register)
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: register.soundness is not None, timeout=20000)
        [(title, said)] = answered
        assert title == "The register is damaged" and "is damaged (Tree " in said
        assert last_dialog(window).windowTitle() == "Backups"  # the way to a good copy, offered at once
        reports = window.pages["reports"]
        window.tabs.setCurrentWidget(reports)
        assert reports.status.text().startswith("No figures:") and not reports.buttons["pdf"].isEnabled()

        child = people.find_children(register, "a")[0]
        record = window.open_child(child.id)
        record.buttons["details"].click()
        form = last_dialog(record)
        type_into(qtbot, form.school, "Oak Park Primary")
        save(form)
        assert form.isVisible() and "is damaged" in form.banner.text() and "Nothing was saved." in form.banner.text()

        # The Backups dialog the window opened restores the good copy; the file is checked again, then saves work.
        [backups] = window.findChildren(BackupsDialog)
        monkeypatch.setattr(msgbox, "confirm", lambda parent, title, text, on_yes: on_yes())
        backups.refresh()
        backups.list.selectRow(0)
        backups.restore.click()
        qtbot.waitUntil(lambda: backups.worker is None and register.soundness is True, timeout=20000)
        assert backups.status.text().startswith("Restored the backup made")
        save(form)
        assert not form.isVisible()
    finally:
        for record in list(window.records.values()):
            record.close()
        QThreadPool.globalInstance().waitForDone(20000)
        qtbot.waitUntil(lambda: window.pages["reports"].worker is None, timeout=20000)  # results in, then close
        register.close()
