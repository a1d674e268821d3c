"""The start of the window on a real register: the first start creates it with its administrator, every later
start asks for a name and passphrase (a wrong one refused in words, five locking the account), a register
from before sign-in is encrypted, and Cancel ends the program having made nothing."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from register import Actor, open_register, people
from register.core import keys, users
from register.core.db import REGISTER_FILE
from tests.helpers.sign_in import ADA, JO
from tests.helpers.widgets import type_into
from ui import app
from ui.main_window import MainWindow
from ui.shell import msgbox
from ui.shell.idle_lock import IdleLock
from ui.shell.sign_in import NewAdministratorDialog, SignInDialog, offer_to_forget_plain_copies, start_dialog

NOBODY = Actor("Not asked")  # a real register's person is the one who signed in, whatever this says


def _shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _window(qtbot, path, unlocked):
    window = app.open_window(path, NOBODY, sign_in=unlocked)
    qtbot.addWidget(window)
    window.show()
    # The check for damage runs on a worker with a connection of its own, opened with the key the sign-in unlocked.
    qtbot.waitUntil(lambda: window.register.soundness is True, timeout=10000)
    return window


def _close(window):
    window.close()
    QThreadPool.globalInstance().waitForDone(20000)
    window.register.close()


def test_the_first_start_creates_the_register_with_its_administrator(qtbot, tmp_path, now):
    path = tmp_path / "data" / REGISTER_FILE
    dialog = _shown(qtbot, start_dialog(path))
    assert isinstance(dialog, NewAdministratorDialog) and dialog.windowTitle() == "Create the register"
    type_into(qtbot, dialog.name, "Ada Admin")
    type_into(qtbot, dialog.new.first, "kettle")
    assert dialog.new.state.text() == "The passphrase must be at least 12 characters long (it has 6)."
    type_into(qtbot, dialog.new.first, "ada admin kettle orbit")
    assert dialog.new.state.text() == "The passphrase must not contain your name."
    type_into(qtbot, dialog.new.first, ADA.passphrase)
    assert dialog.new.state.text() == "This passphrase will do. Type it again below."
    type_into(qtbot, dialog.new.again, "kettle orbit lantern sixtyy")
    assert dialog.new.state.text() == "The two passphrases differ: type the same one twice."
    assert "At least 12 characters" in dialog.new.hint.text()
    dialog.go.click()
    assert dialog.isVisible() and dialog.new.state.text() == "The two passphrases differ: type the same one twice."
    assert not path.exists() and not keys.is_real(path)  # nothing made

    type_into(qtbot, dialog.new.again, ADA.passphrase)
    qtbot.keyClick(dialog.new.again, Qt.Key.Key_Return)  # the keyboard creates it
    assert not dialog.isVisible() and dialog.unlocked is not None and dialog.unlocked.name == "Ada Admin"
    assert keys.is_real(path)
    window = _window(qtbot, path, dialog.unlocked)
    assert window.register.actor == Actor("Ada Admin", "administrator")
    register_menu = window.menuBar().actions()[0].menu()
    assert "Us&ers…" in [action.text() for action in register_menu.actions()]
    _close(window)
    assert open_register(path, sign_in=ADA).actor == Actor("Ada Admin", "administrator")


def test_a_wrong_passphrase_is_refused_in_words_and_the_person_tries_again(qtbot, real_path, now):
    dialog = _shown(qtbot, start_dialog(real_path, "Jo Coordinator"))  # --user fills in the name
    assert isinstance(dialog, SignInDialog) and dialog.name.text() == "Jo Coordinator"
    type_into(qtbot, dialog.passphrase, "purple tractor trombone")
    dialog.go.click()
    assert dialog.isVisible() and dialog.unlocked is None
    assert dialog.message.text() == (
        "That name and passphrase do not match. Check both and try again (capital letters count). "
        "4 tries left before the account is locked for 15 minutes."
    )
    assert dialog.passphrase.text() == "" and dialog.focusWidget() is dialog.passphrase
    type_into(qtbot, dialog.passphrase, JO.passphrase)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert not dialog.isVisible() and dialog.unlocked is not None
    window = _window(qtbot, real_path, dialog.unlocked)
    assert window.register.actor == Actor("Jo Coordinator", "coordinator")  # the role the administrator gave
    register_menu = window.menuBar().actions()[0].menu()
    assert "Us&ers…" not in [action.text() for action in register_menu.actions()]
    _close(window)


def test_five_wrong_passphrases_lock_the_account_and_the_dialog_says_until_when(qtbot, real_path, now):
    dialog = _shown(qtbot, SignInDialog(real_path))
    type_into(qtbot, dialog.name, "Jo Coordinator")
    for left in ("4 tries", "3 tries", "2 tries", "1 try"):
        type_into(qtbot, dialog.passphrase, "not my passphrase at all")
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
        assert f"{left} left before the account is locked for 15 minutes." in dialog.message.text()
    type_into(qtbot, dialog.passphrase, "not my passphrase at all")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    # 17:00 UTC on 27 November is 17:00 in London (GMT): locked for 15 minutes, until 17:15.
    locked = (
        "Too many wrong passphrases: this account is locked until 27/11/2026 17:15. Try again then, or ask the "
        "register's administrator to reset your passphrase."
    )
    assert dialog.message.text() == locked
    type_into(qtbot, dialog.passphrase, JO.passphrase)  # even the right one, while locked
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.unlocked is None and dialog.message.text() == locked


def test_a_disabled_user_is_refused(qtbot, real_path, now):
    ada = open_register(real_path, sign_in=ADA)
    users.disable(ada, "Jo Coordinator")
    ada.close()
    dialog = _shown(qtbot, SignInDialog(real_path, "Jo Coordinator"))
    type_into(qtbot, dialog.passphrase, JO.passphrase)
    dialog.go.click()
    # A disabled user's key slot is gone: told as for any name the keys file does not know.
    assert dialog.isVisible() and dialog.message.text().startswith("That name and passphrase do not match.")


def test_a_register_from_before_sign_in_is_encrypted_and_its_plain_copy_deleted_once_confirmed(
    qtbot, tmp_path, now, monkeypatch
):
    path = tmp_path / "data" / REGISTER_FILE
    plain = open_register(path, Actor("Jo Coordinator", "coordinator"))
    people.save_child(plain, people.Child("Zofia", "Kowalska", date(2012, 5, 1), "F"))
    plain.close()
    dialog = _shown(qtbot, start_dialog(path, "Ada Admin"))
    assert isinstance(dialog, NewAdministratorDialog) and dialog.windowTitle() == "Encrypt the register"
    type_into(qtbot, dialog.new.first, ADA.passphrase)
    type_into(qtbot, dialog.new.again, ADA.passphrase)
    dialog.go.click()
    assert dialog.unlocked is not None and keys.is_real(path)
    [kept] = users.plain_copies(path)
    assert dialog.kept == kept and b"Kowalska" in kept.read_bytes() and b"Kowalska" not in path.read_bytes()

    asked = []
    answer = [False]
    monkeypatch.setattr(
        msgbox, "confirm", lambda parent, title, text, on_yes: (asked.append(text), answer[0] and on_yes())
    )
    window = _window(qtbot, path, dialog.unlocked)
    offer_to_forget_plain_copies(window, window.register)
    assert str(kept) in asked[0] and "Delete it now?" in asked[0]
    assert kept.exists()  # kept when the person says no, and offered again at the next start
    answer[0] = True
    offer_to_forget_plain_copies(window, window.register)
    assert len(asked) == 2 and not kept.exists()
    _close(window)
    ada = open_register(path, sign_in=ADA)
    users.add(ada, JO, "coordinator")
    ada.close()
    jo = open_register(path, sign_in=JO)  # the records came across (an administrator may not read them)
    assert people.find_children(jo, "Kowalska")[0].forenames == "Zofia"
    jo.close()


def test_only_an_administrator_is_offered_to_delete_the_plain_copy(qtbot, tmp_path, now, monkeypatch):
    path = tmp_path / "data" / REGISTER_FILE
    open_register(path, Actor("Jo Coordinator", "coordinator")).close()
    ada, _ = users.encrypt(path, ADA)
    users.add(ada, JO, "coordinator")
    ada.close()
    asked = []
    monkeypatch.setattr(msgbox, "confirm", lambda parent, title, text, on_yes: asked.append(text))
    jo = open_register(path, sign_in=JO)
    offer_to_forget_plain_copies(None, jo)
    assert asked == [] and users.plain_copies(path)
    jo.close()


def test_cancel_at_the_start_ends_the_program_having_made_nothing(qtbot, tmp_path, now):
    seen = []

    def cancel():
        [dialog] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, NewAdministratorDialog) and w.isVisible()
        ]
        seen.append(dialog.name.text())
        dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()

    QTimer.singleShot(100, cancel)
    assert app.main(["main.py", "--data-dir", str(tmp_path), "--user", "Ada Admin"]) == 0
    assert seen == ["Ada Admin"] and list(tmp_path.iterdir()) == [tmp_path / app.LOG_FILE]


def test_the_program_asks_who_signs_in_then_opens_their_window_which_locks_when_idle(qtbot, real_path, now):
    seen = []

    def sign_in():
        [dialog] = [w for w in QApplication.topLevelWidgets() if isinstance(w, SignInDialog) and w.isVisible()]
        dialog.passphrase.setText(JO.passphrase)
        dialog.go.click()

    def close_when_open():
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not shown or shown[0].register.soundness is not True:
            QTimer.singleShot(50, close_when_open)
            return
        seen.append((shown[0].register.actor, shown[0].findChild(IdleLock) is not None))
        shown[0].close()

    QTimer.singleShot(100, sign_in)
    QTimer.singleShot(200, close_when_open)
    arguments = ["main.py", "--data-dir", str(real_path.parent), "--user", "Jo Coordinator"]
    assert app.main(arguments) == 0
    assert seen == [(Actor("Jo Coordinator", "coordinator"), True)]


def test_a_real_register_in_a_read_only_folder_is_signed_in_to_and_opened_for_viewing_only(
    qtbot, real_path, now, read_only, monkeypatch, caplog
):
    read_only(keys.keys_path(real_path))
    read_only(real_path.parent)
    dialog = _shown(qtbot, SignInDialog(real_path, "Jo Coordinator"))
    type_into(qtbot, dialog.passphrase, "not my passphrase at all")
    dialog.go.click()  # a wrong try cannot be counted in a keys file that cannot be written: said, not raised
    assert dialog.isVisible() and dialog.message.text().startswith("The passphrase could not be checked (")
    assert "If the register's folder is read-only, ask for write access to it." in dialog.message.text()
    assert "Traceback" in caplog.text
    type_into(qtbot, dialog.passphrase, JO.passphrase)
    dialog.go.click()
    asked = []
    monkeypatch.setattr(msgbox, "confirm", lambda parent, title, text, on_yes: (asked.append(title), on_yes()))
    window = _window(qtbot, real_path, dialog.unlocked)
    assert asked == ["The register is read-only"] and window.register.read_only is not None
    assert window.register.actor == Actor("Jo Coordinator", "coordinator")
    _close(window)
