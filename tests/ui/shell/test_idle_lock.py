"""The idle lock: a window on a real register left without a key pressed or the mouse used is covered, its
other windows hidden, until the signed-in person types their passphrase; a form half typed is there as it was
left. A wrong passphrase counts toward the lockout. The demo register never locks."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication

from register import Actor, missing, open_register, people
from register.core import keys, settings
from tests.helpers.sign_in import ADA, JO
from tests.helpers.values import at
from tests.helpers.widgets import last_dialog, save, type_into, typed_new_episode
from ui import app
from ui.people.child_form import ChildDialog
from ui.shell import msgbox
from ui.shell.idle_lock import IdleLock

SHORT = 300  # ms: the lock's interval in these tests (15 minutes otherwise)


def _signed_in(qtbot, path, credentials):
    window = app.open_window(path, Actor("Not asked"), sign_in=keys.unlock(keys.keys_path(path), credentials))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.register.soundness is True, timeout=10000)
    return window


@pytest.fixture
def jo_window(qtbot, real_path, now):
    jo = open_register(real_path, sign_in=JO)
    people.save_child(jo, people.Child("Zofia", "Kowalska", date(2012, 5, 1), "F"))
    jo.close()
    window = _signed_in(qtbot, real_path, JO)
    yield window
    for record in list(window.records.values()):
        record.close()
    window.close()
    QThreadPool.globalInstance().waitForDone(20000)
    window.register.close()


def _lock_soon(window):
    lock = window.findChild(IdleLock)
    assert lock.minutes == 15  # the setting's default
    lock.timer.setInterval(SHORT)
    lock.timer.start()
    return lock


def _shown_windows():
    return [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()]


def test_left_idle_the_window_locks_and_unlocks_with_the_half_typed_form_as_it_was(qtbot, jo_window):
    window = jo_window
    [child] = people.find_children(window.register, "Kowalska")
    record = window.open_child(child.id)
    form = typed_new_episode(qtbot, record, "26/11/2026", "22:15")  # typed, not saved
    lock = _lock_soon(window)
    qtbot.waitUntil(lambda: lock.cover is not None, timeout=5000)
    cover = lock.cover
    # Nothing of the child shows: the record and its form are hidden, the window covered whole.
    assert _shown_windows() == [window]
    assert cover.isVisible() and cover.geometry() == window.rect()
    middle = window.childAt(window.rect().center())  # what the person sees in the middle of the window
    assert middle is cover or cover.isAncestorOf(middle)
    assert "Jo Coordinator, type your passphrase to go on." in " ".join(
        label.text() for label in cover.findChildren(type(cover.message))
    )
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(cover.passphrase, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Register ▸ New child
    qtbot.wait(200)
    assert not [dialog for dialog in window.findChildren(ChildDialog) if dialog.isVisible()]
    qtbot.keyClick(cover.passphrase, Qt.Key.Key_Tab)  # Tab goes round the cover, never to the page beneath
    assert cover.isAncestorOf(QApplication.focusWidget())

    type_into(qtbot, cover.passphrase, "purple tractor trombone")
    qtbot.keyClick(cover.passphrase, Qt.Key.Key_Return)
    assert lock.cover is cover and cover.message.text().endswith(
        "4 tries left before the account is locked for 15 minutes."
    )
    assert _shown_windows() == [window]

    type_into(qtbot, cover.passphrase, JO.passphrase)
    qtbot.keyClick(cover.passphrase, Qt.Key.Key_Return)
    assert lock.cover is None and window.centralWidget().isEnabled()
    assert record.isVisible() and form.isVisible()
    assert form.started_at.date.text() == "26/11/2026" and form.started_at.time.text() == "22:15"
    save(form)
    qtbot.waitUntil(lambda: not form.isVisible())
    [episode] = missing.episodes_for_child(window.register, child.id)
    assert episode.started_at == at("26/11/2026 22:15")


def test_five_wrong_passphrases_at_the_lock_lock_the_account_and_sign_out_closes(qtbot, jo_window):
    window = jo_window
    lock = _lock_soon(window)
    qtbot.waitUntil(lambda: lock.cover is not None, timeout=5000)
    for _ in range(5):
        type_into(qtbot, lock.cover.passphrase, "not my passphrase at all")
        qtbot.keyClick(lock.cover.passphrase, Qt.Key.Key_Return)
    assert lock.cover.message.text().startswith(
        "Too many wrong passphrases: this account is locked until 27/11/2026 17:15."
    )
    type_into(qtbot, lock.cover.passphrase, JO.passphrase)
    qtbot.keyClick(lock.cover.passphrase, Qt.Key.Key_Return)
    assert lock.cover is not None and "locked until" in lock.cover.message.text()
    lock.cover.sign_out.click()
    assert not window.isVisible()


def test_a_box_that_opens_while_locked_is_hidden_until_the_passphrase_is_typed(qtbot, jo_window):
    window = jo_window
    lock = _lock_soon(window)
    qtbot.waitUntil(lambda: lock.cover is not None, timeout=5000)
    box = msgbox.inform(window, "Import finished", "Zofia Kowalska's episodes were imported.")  # a worker's, say
    qtbot.waitUntil(lambda: not box.isVisible())
    assert _shown_windows() == [window]
    type_into(qtbot, lock.cover.passphrase, JO.passphrase)
    qtbot.keyClick(lock.cover.passphrase, Qt.Key.Key_Return)
    assert box.isVisible()
    box.accept()


def test_a_person_using_the_window_is_not_locked_out(qtbot, jo_window):
    window = jo_window
    lock = _lock_soon(window)
    search = window.pages["children"].search
    for _ in range(8):  # a key every 100 ms, for more than twice the interval
        qtbot.keyClick(search, Qt.Key.Key_A)
        qtbot.wait(100)
        assert lock.cover is None
    qtbot.waitUntil(lambda: lock.cover is not None, timeout=5000)  # then left alone, it locks


def test_the_interval_is_a_setting_an_administrator_changes(qtbot, real_path, now):
    window = _signed_in(qtbot, real_path, ADA)
    lock = window.findChild(IdleLock)
    assert lock.timer.interval() == 15 * 60_000
    window.edit_settings()
    form = last_dialog(window)
    type_into(qtbot, form.fields[settings.IDLE_LOCK_MINUTES], "0")
    save(form)
    assert form.error_text("idle_lock_minutes") == (
        "Lock the window after minutes without use must be a whole number of at least 1 and at most 120"
    )
    type_into(qtbot, form.fields[settings.IDLE_LOCK_MINUTES], "5")
    save(form)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert lock.timer.interval() == 5 * 60_000 and lock.timer.isActive()
    window.close()
    QThreadPool.globalInstance().waitForDone(20000)
    window.register.close()


def test_the_demo_register_has_no_sign_in_and_no_lock(qtbot, window):
    assert window.register.unlocked is None and window.findChild(IdleLock) is None
