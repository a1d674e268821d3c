"""A full disk while saving: said in words beside the form, the typed work kept, the register as it was."""

from __future__ import annotations

from register import people
from tests.helpers.widgets import last_dialog, save, type_into
from ui.main_window import MainWindow


def test_a_save_on_a_full_disk_is_said_and_loses_nothing(qtbot, register, child):
    window = MainWindow(register)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: register.soundness is not None, timeout=20000)
    record = window.open_child(child.id)
    record.buttons["details"].click()
    form = last_dialog(record)
    # SQLite's file is "full" at the pages it has now: the disk has no room for one more.
    pages = register.db.execute("PRAGMA page_count").fetchone()[0]
    register.db.execute(f"PRAGMA max_page_count = {pages}")
    type_into(qtbot, form.school, "Oak Park Primary " + "x" * 5000)  # more than the free space in the last page
    save(form)
    banner = form.banner.text()
    assert form.isVisible() and "is full" in banner and "Nothing was saved" in banner, banner
    assert form.school.text().startswith("Oak Park Primary")  # the typed work is still there
    assert people.get_child(register, child.id).school == child.school
    register.db.execute("PRAGMA max_page_count = 1073741823")
    save(form)
    assert not form.isVisible()
    assert people.get_child(register, child.id).school.startswith("Oak Park Primary")
