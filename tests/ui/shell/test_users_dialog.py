"""Register ▸ Users: an administrator adds a user, resets a passphrase, changes a role and disables a user,
from the keyboard; what may not be done (a weak passphrase, a name already used, the last administrator
disabled or made something else) is refused in words, and nothing is changed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication

from register import Actor, open_register
from register.backups import store
from register.core import keys, users
from register.core.keys import Credentials, SignInRefused
from tests.helpers.sign_in import ADA, JO
from tests.helpers.widgets import choose, last_dialog, save, type_into
from ui import app
from ui.shell import msgbox
from ui.shell.users_dialog import AddUserDialog, ResetPassphraseDialog, RoleDialog, UsersDialog

SAM = Credentials("Sam Officer", "meadow copper violin eleven")


@pytest.fixture
def users_dialog(qtbot, real_path, now, monkeypatch):
    yield from _users_dialog_of(qtbot, real_path, monkeypatch)


def _users_dialog_of(qtbot, real_path, monkeypatch):
    """Ada's window on the real register, and Register ▸ Users opened from its menu; each question is answered yes."""
    monkeypatch.setattr(msgbox, "confirm", lambda parent, title, text, on_yes: on_yes())
    window = app.open_window(real_path, Actor("Not asked"), sign_in=keys.unlock(keys.keys_path(real_path), ADA))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.register.soundness is True, timeout=10000)
    [users] = [a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "Us&ers…"]
    users.trigger()
    dialog = last_dialog(window)
    assert isinstance(dialog, UsersDialog)
    yield dialog
    window.close()
    QThreadPool.globalInstance().waitForDone(20000)
    window.register.close()


def _lines(dialog):
    return [dialog.list.item(row).text() for row in range(dialog.list.count())]


def _alt(qtbot, dialog, key):
    """Press Alt and a button's underlined letter in ``dialog`` (its click follows a short animation)."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog, key, Qt.KeyboardModifier.AltModifier)


def _opened(qtbot, dialog, kind):
    qtbot.waitUntil(lambda: any(isinstance(shown, kind) for shown in dialog.findChildren(kind) if shown.isVisible()))
    return last_dialog(dialog)


def _choose_user(qtbot, dialog, name):
    """Move down the list with the arrow keys to ``name``, as a person at the keyboard would."""
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Home)
    while dialog.chosen().name != name:
        qtbot.keyClick(dialog.list, Qt.Key.Key_Down)


def test_an_administrator_adds_a_user_who_then_signs_in_with_their_role(qtbot, users_dialog, real_path):
    dialog = users_dialog
    assert _lines(dialog) == [
        "Ada Admin  (Administrator, active)",
        "Jo Coordinator  (Missing children coordinator, active)",
    ]
    _alt(qtbot, dialog, Qt.Key.Key_A)  # Add a user…
    form = _opened(qtbot, dialog, AddUserDialog)
    type_into(qtbot, form.name, "jo coordinator")
    choose(form.role, "Education welfare officer")
    type_into(qtbot, form.new.first, SAM.passphrase)
    type_into(qtbot, form.new.again, SAM.passphrase)
    save(form)
    assert form.error_text("name") == "There is already a user called jo coordinator."
    type_into(qtbot, form.name, SAM.name)
    type_into(qtbot, form.new.first, "short")
    type_into(qtbot, form.new.again, "short")
    save(form)
    assert form.error_text("passphrase") == "The passphrase must be at least 12 characters long (it has 5)."
    type_into(qtbot, form.new.first, SAM.passphrase)
    save(form)
    assert form.error_text("again") == "The two passphrases differ: type the same one twice."
    with pytest.raises(SignInRefused):  # nothing was added
        open_register(real_path, sign_in=SAM)
    type_into(qtbot, form.new.again, SAM.passphrase)
    save(form)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert "Sam Officer  (Education welfare officer, active)" in _lines(dialog)
    sam = open_register(real_path, sign_in=SAM)
    assert sam.actor.role == "ewo"
    sam.close()


def test_disabling_resetting_and_changing_a_role(qtbot, users_dialog, real_path):
    dialog = users_dialog
    _choose_user(qtbot, dialog, "Jo Coordinator")
    _alt(qtbot, dialog, Qt.Key.Key_D)  # Disable… (answered yes)
    qtbot.waitUntil(lambda: not dialog.disable_button.isEnabled())
    [line] = [line for line in _lines(dialog) if line.startswith("Jo")]
    assert line == "Jo Coordinator  (Missing children coordinator, disabled 27/11/2026 17:00)"
    assert not dialog.disable_button.isEnabled()
    with pytest.raises(SignInRefused):
        open_register(real_path, sign_in=JO)

    _alt(qtbot, dialog, Qt.Key.Key_P)  # Reset passphrase…
    form = _opened(qtbot, dialog, ResetPassphraseDialog)
    again = Credentials("Jo Coordinator", "harbour pencil thunder ninety")
    type_into(qtbot, form.new.first, again.passphrase)
    type_into(qtbot, form.new.again, again.passphrase)
    save(form)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert "Jo Coordinator  (Missing children coordinator, active)" in _lines(dialog)

    _alt(qtbot, dialog, Qt.Key.Key_R)  # Change role…
    form = _opened(qtbot, dialog, RoleDialog)
    choose(form.role, "Team manager")
    save(form)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert "Jo Coordinator  (Team manager, active)" in _lines(dialog)
    jo = open_register(real_path, sign_in=again)  # the old passphrase no longer opens it; the new one does
    assert jo.actor.role == "manager"
    jo.close()


def test_the_last_administrator_is_neither_disabled_nor_made_something_else(qtbot, users_dialog, answered):
    dialog = users_dialog
    _choose_user(qtbot, dialog, "Ada Admin")
    dialog.disable_button.click()
    refused = (
        "Ada Admin is the register's last administrator: nobody may disable them. Make someone else an "
        "administrator first."
    )
    assert answered == [("User not disabled", refused)]
    dialog.role_button.click()
    form = last_dialog(dialog)
    choose(form.role, "Team manager")
    save(form)
    assert form.isVisible() and "nobody may take their administrator's role away" in form.banner.text()
    form.reject()
    assert _lines(dialog)[0] == "Ada Admin  (Administrator, active)"


def test_a_user_left_without_a_passphrase_by_a_restore_is_shown_so_and_reset(qtbot, real_path, now, monkeypatch):
    ada = open_register(real_path, sign_in=ADA)
    made = store.make_backup(ada)  # Jo active, with her slot
    users.disable(ada, JO.name)  # after the backup: her slot goes
    store.restore(ada, made.path)  # Jo is active again in the restored table, with no slot
    ada.close()
    opened = _users_dialog_of(qtbot, real_path, monkeypatch)
    dialog = next(opened)
    assert "Jo Coordinator  (Missing children coordinator, no passphrase: an administrator must reset it)" in _lines(
        dialog
    )
    _choose_user(qtbot, dialog, "Jo Coordinator")
    assert dialog.reset_button.isEnabled() and dialog.disable_button.isEnabled()
    _alt(qtbot, dialog, Qt.Key.Key_P)  # Reset passphrase…
    form = _opened(qtbot, dialog, ResetPassphraseDialog)
    type_into(qtbot, form.new.first, JO.passphrase)
    type_into(qtbot, form.new.again, JO.passphrase)
    save(form)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert "Jo Coordinator  (Missing children coordinator, active)" in _lines(dialog)
    open_register(real_path, sign_in=JO).close()
    next(opened, None)
