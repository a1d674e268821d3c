"""Backups from the window: make one with progress, restore one after asking, and every page redraws."""

from __future__ import annotations

from register import missing
from register.backups import store
from tests.helpers.values import at
from tests.helpers.widgets import last_dialog, settled
from ui.shell import msgbox


def test_back_up_then_restore_from_the_window(qtbot, window, register, child, monkeypatch):
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "Back&ups…")
    action.trigger()
    dialog = last_dialog(window)
    assert dialog.list.rowCount() == 0
    dialog.back_up.click()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=20000)
    assert dialog.list.rowCount() == 1 and dialog.status.text().startswith("Backed up and checked: register-")

    # An episode recorded after the backup, then the backup restored: the episode goes, and the pages show it.
    missing.save_episode(register, missing.Episode(child.id, "M", at("26/11/2026 22:15")))
    page = window.pages["dashboard"]
    window.tabs.setCurrentWidget(page)
    page.refresh()
    settled(qtbot, page)
    assert page.boxes["missing"].title() == "Missing now (1)"
    monkeypatch.setattr(msgbox, "confirm", lambda parent, title, text, on_yes: on_yes())
    dialog.list.selectRow(0)
    dialog.restore.click()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=20000)
    assert dialog.status.text().startswith("Restored the backup made 27/11/2026 17:00.")
    assert register.db["missing_episodes"].count == 0 and dialog.list.rowCount() == 2
    settled(qtbot, page)
    assert page.boxes["missing"].title() == "Missing now (0)"
    assert len(store.backups(register.path)) == 2
