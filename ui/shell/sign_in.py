"""Before the window opens on a real register: signing in to it, or creating it with its administrator, or
encrypting a register from before sign-in existed; and, once open, offering to delete the unencrypted copy
an encryption kept aside. docs/security.md ("Signing in through the window")."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from register import RegisterError, ValidationError
from register.core import keys, permissions, users
from register.core.db import Register
from ui.shell import msgbox
from ui.shell.passphrase import NewPassphrase, secret_field

Result = TypeVar("Result")


def busy(work: Callable[[], Result]) -> Result:
    """Run ``work`` (a passphrase checked or a register encrypted: Argon2id takes a moment) with the wait cursor."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return work()
    finally:
        QGuiApplication.restoreOverrideCursor()


def check_passphrase(path: Path, credentials: keys.Credentials) -> keys.Unlocked:
    """The key ``credentials`` unlock from the keys file of the register at ``path`` (keys.unlock, with the
    wait cursor: Argon2id takes a moment). Raises RegisterError in words: the register's own refusal (wrong,
    with the tries left; locked, until when), or, for anything unexpected (the keys file cannot be written
    to count a wrong try, say), what happened, its traceback in the log."""
    try:
        return busy(lambda: keys.unlock(keys.keys_path(path), credentials))
    except RegisterError:
        raise
    except Exception as error:  # noqa: BLE001 - said in words; the traceback goes to register.log
        logging.getLogger(__name__).exception("The passphrase could not be checked")
        raise RegisterError(
            f"The passphrase could not be checked ({error}). If the register's folder is read-only, ask for "
            "write access to it. The details are in register.log."
        ) from error


WIDTH = 540  # of a dialog before the window: its words wrap to this


class StartDialog(QDialog):
    """A dialog shown before the window: what it is for in words, its fields, what went wrong, and a button
    that does it; ``unlocked`` is the key the person's sign-in unlocked once it has, else None. Cancel ends
    the program. Each kind defines ``submit()``, what the button does."""

    def __init__(self, path: Path, title: str, intro: str, doing: str):
        super().__init__()
        self.path = path
        self.unlocked: keys.Unlocked | None = None
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        said = QLabel(intro, self)
        said.setWordWrap(True)
        layout.addWidget(said)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addLayout(self.form)
        self.message = QLabel(self)  # why the last try was refused, in words
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.hide()
        self.notes = QVBoxLayout()  # what is said under the fields (a new passphrase's hint)
        layout.addLayout(self.notes)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.go = self.buttons.addButton(doing, QDialogButtonBox.ButtonRole.AcceptRole)
        self.go.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # As tall as its wrapped words need at its width, growing when a refusal is said.
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetFixedSize)
        said.setFixedWidth(WIDTH)

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))


class SignInDialog(StartDialog):
    """A name and passphrase; a refusal (wrong passphrase with the tries left, the account locked and until
    when, a name that may not sign in) is said here, and the person tries again."""

    def __init__(self, path: Path, name: str = ""):
        super().__init__(
            path,
            "Sign in to the register",
            f"The register at {path} is encrypted: sign in with your name and passphrase.",
            "&Sign in",
        )
        self.name = QLineEdit(name, self)
        self.passphrase = secret_field(self)
        self.form.addRow("&Name:", self.name)
        self.form.addRow("&Passphrase:", self.passphrase)
        (self.passphrase if name else self.name).setFocus()

    @Slot()
    def submit(self) -> None:
        if not self.name.text().strip():
            self.say("Type your name, as the register's administrator added you.")
            self.name.setFocus()
            return
        credentials = keys.Credentials(self.name.text(), self.passphrase.text())
        try:
            unlocked = check_passphrase(self.path, credentials)
        except RegisterError as refused:  # wrong, locked, unknown; the keys file missing, damaged, read-only
            self.say(str(refused))
            self.passphrase.clear()
            self.passphrase.setFocus()
            return
        self.unlocked = unlocked
        self.accept()


class NewAdministratorDialog(StartDialog):
    """The administrator of a register about to be made: of a new one, or of a register from before sign-in
    existed, which is then encrypted (its unencrypted file kept aside as ``kept``)."""

    def __init__(self, path: Path, name: str = ""):
        self.plain = path.exists()
        if self.plain:
            intro = (
                f"The register at {path} is not encrypted. From this version every register is encrypted, and "
                "opens only for its users, each signing in with their name and passphrase.\n\nName its "
                "administrator (who adds the other users) and choose their passphrase: the register is then "
                "encrypted. The unencrypted file is kept aside until you confirm it may be deleted. Make sure "
                "nobody else has the register open."
            )
            title, doing = "Encrypt the register", "&Encrypt the register"
        else:
            intro = (
                f"There is no register at {path} yet. Create it, encrypted, with its administrator: the person "
                "who adds the other users and gives them their roles (Register ▸ Users)."
            )
            title, doing = "Create the register", "&Create the register"
        super().__init__(path, title, intro, doing)
        self.kept: Path | None = None
        self.name = QLineEdit(name, self)
        self.new = NewPassphrase(self, self.name)
        self.form.addRow("Administrator's &name:", self.name)
        self.form.addRow("&Passphrase:", self.new.first)
        self.form.addRow("The same passphrase &again:", self.new.again)
        self.notes.addWidget(self.new.state)
        self.notes.addWidget(self.new.hint)
        (self.new.first if name else self.name).setFocus()

    @Slot()
    def submit(self) -> None:
        if not self.name.text().strip():
            self.say("Type the administrator's name.")
            self.name.setFocus()
            return
        self.say("")
        if self.new.problem():  # said under the fields
            return
        administrator = keys.Credentials(self.name.text(), self.new.passphrase())
        try:
            if self.plain:
                register, self.kept = busy(lambda: users.encrypt(self.path, administrator))
            else:
                register = busy(lambda: users.create(self.path, administrator))
        except ValidationError as refused:
            self.say(" ".join(refused.problems.values()))
            return
        except RegisterError as refused:
            self.say(str(refused))
            return
        self.unlocked = register.unlocked
        register.close()
        self.accept()


def start_dialog(path: Path, name: str = "") -> StartDialog:
    """What the start of the window on the real register at ``path`` asks: to sign in to it, or (no keys
    file beside it) to name the administrator of a new register, or of a register from before sign-in
    existed that is about to be encrypted. ``name`` fills in the person's name."""
    return SignInDialog(path, name) if keys.is_real(path) else NewAdministratorDialog(path, name)


def offer_to_forget_plain_copies(parent: QWidget, register: Register) -> None:
    """Offer an administrator, at each start until they do, to delete the unencrypted copies kept aside when
    the register was encrypted (users.plain_copies); each is asked about in a box of its own."""
    if not register.may(permissions.USERS):
        return
    for kept in users.plain_copies(register.path):
        msgbox.confirm(
            parent,
            "Delete the unencrypted copy?",
            f"When the register was encrypted, its unencrypted file was kept aside at\n{kept}\n\nIt holds every "
            "record unencrypted: anyone who can reach the file can read it. The encrypted register has opened, "
            "so the copy is no longer needed. Delete it now? (If you say no, you are asked again at the next "
            "start.)",
            lambda kept=kept: _forget(parent, kept),
        )


def _forget(parent: QWidget, kept: Path) -> None:
    try:
        users.forget_plain_copy(kept)
    except OSError as error:
        msgbox.warn(
            parent,
            "The unencrypted copy was not deleted",
            f"{kept} could not be deleted ({error.strerror}). Delete it yourself, or ask for it to be deleted.",
        )
