"""Register ▸ Users (an administrator's): the register's users with their roles and whether they may sign in;
adding one, resetting a passphrase, changing a role, disabling. The register refuses, in words, what may not
be done (the last administrator disabled or made something else, a weak passphrase, a name already used)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from register import ValidationError
from register.core import keys, permissions, users
from register.core.db import Register
from ui.shell import msgbox
from ui.shell.dialogs import open_dialog
from ui.shell.events import RegisterEvents
from ui.shell.form import FormDialog
from ui.shell.passphrase import DIFFER, NewPassphrase
from ui.shell.saving import write_or_warn

WIDTH = 640  # the Users dialog's, at least


def _role_choice(parent: QWidget, role: str = "") -> QComboBox:
    """Every role by its label, ``role`` chosen."""
    combo = QComboBox(parent)
    for key, each in permissions.ROLES.items():
        combo.addItem(each.label, key)
    if role:
        combo.setCurrentIndex(combo.findData(role))
    return combo


class _PassphraseForm(FormDialog):
    """A form that ends with a new passphrase typed twice for ``name`` (a field, or a name already known)."""

    def add_passphrase(self, name: QLineEdit | str) -> None:
        self.new = NewPassphrase(self, name)
        self.add_field("&Passphrase:", self.new.first, "passphrase")
        self.add_field("The same passphrase &again:", self.new.again, "again")
        self.form.addRow(self.new.state)
        self.form.addRow(self.new.hint)

    def credentials(self, name: str) -> keys.Credentials:
        """The name and the passphrase typed; ValidationError (beside the second field) if the two differ."""
        if self.new.again.text() != self.new.first.text():
            raise ValidationError({"again": DIFFER})
        return keys.Credentials(name, self.new.passphrase())


class AddUserDialog(_PassphraseForm):
    """A new user: name, role, first passphrase."""

    def __init__(self, register: Register, events: RegisterEvents, parent: QWidget | None = None):
        super().__init__(register, events, "Add a user", parent)
        self.name = self.add_field("&Name:", QLineEdit(self), "name")
        self.role = self.add_field("&Role:", _role_choice(self), "role")
        self.add_passphrase(self.name)

    def save(self) -> None:
        users.add(self.register, self.credentials(self.name.text()), self.role.currentData())


class ResetPassphraseDialog(_PassphraseForm):
    """A new passphrase for a user: it ends a lockout, and gives a disabled user back their access."""

    def __init__(self, register: Register, events: RegisterEvents, name: str, parent: QWidget | None = None):
        super().__init__(register, events, f"New passphrase for {name}", parent)
        self.name = name
        said = QLabel(
            f"Choose a new passphrase for {name} and give it to them in person. Their old one stops working; "
            "a lockout ends, and a disabled user may sign in again.",
            self,
        )
        said.setWordWrap(True)
        self.form.addRow(said)
        self.add_passphrase(name)

    def save(self) -> None:
        users.reset(self.register, self.credentials(self.name))


class RoleDialog(FormDialog):
    """A user's role, changed from their next sign-in."""

    def __init__(self, register: Register, events: RegisterEvents, user: users.User, parent: QWidget | None = None):
        super().__init__(register, events, f"Role of {user.name}", parent)
        self.name = user.name
        self.role = self.add_field("&Role:", _role_choice(self, user.role), "role")

    def save(self) -> None:
        users.set_role(self.register, self.name, self.role.currentData())


class UsersDialog(QDialog):
    """The users, one a line, and what an administrator does with the one chosen."""

    def __init__(self, register: Register, events: RegisterEvents, parent: QWidget | None = None):
        super().__init__(parent)
        self.register, self.events = register, events
        self.setWindowTitle("Users")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        said = QLabel(
            "Who may sign in to the register, with their role. A change of role applies from the user's next "
            "sign-in. Nobody may disable the last administrator or take their role away.",
            self,
        )
        said.setWordWrap(True)
        said.setMinimumHeight(said.heightForWidth(WIDTH - 24))  # its lines whole (a dialog sizes them too short)
        layout.addWidget(said)
        label = QLabel("&Users:", self)
        self.list = QListWidget(self)
        label.setBuddy(self.list)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.add_button = self._button(row, "&Add a user…", self.add_user)
        self.reset_button = self._button(row, "Reset &passphrase…", self.reset_passphrase)
        self.reset_button.setToolTip("A new passphrase: ends a lockout, and lets a disabled user sign in again.")
        self.role_button = self._button(row, "Change &role…", self.change_role)
        self.disable_button = self._button(row, "&Disable…", self.disable)
        layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.list.currentRowChanged.connect(self._enable)
        self.refresh()
        self.setMinimumWidth(WIDTH)
        self.resize(WIDTH, 420)

    def _button(self, row: QHBoxLayout, text: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def refresh(self) -> None:
        """List the users again (from the register), keeping the one chosen."""
        chosen = self.chosen()
        self.users = {user.name: user for user in users.listing(self.register)}
        self.list.clear()
        for user in self.users.values():
            item = QListWidgetItem(user.label, self.list)
            item.setData(Qt.ItemDataRole.UserRole, user.name)
            if chosen is not None and user.name == chosen.name:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._enable()

    def chosen(self) -> users.User | None:
        item = self.list.currentItem()
        return self.users.get(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    @Slot()
    def _enable(self) -> None:
        """What may be done with the user chosen (nothing is written on a register open for viewing only)."""
        user, writable = self.chosen(), self.register.read_only is None
        self.add_button.setEnabled(writable)
        self.reset_button.setEnabled(writable and user is not None)
        self.role_button.setEnabled(writable and user is not None)
        self.disable_button.setEnabled(writable and user is not None and user.disabled_at is None)

    def _open(self, dialog: QDialog) -> None:
        dialog.accepted.connect(self.refresh)
        open_dialog(dialog)

    @Slot()
    def add_user(self) -> None:
        self._open(AddUserDialog(self.register, self.events, self))

    @Slot()
    def reset_passphrase(self) -> None:
        user = self.chosen()
        if user is not None:
            self._open(ResetPassphraseDialog(self.register, self.events, user.name, self))

    @Slot()
    def change_role(self) -> None:
        user = self.chosen()
        if user is not None:
            self._open(RoleDialog(self.register, self.events, user, self))

    @Slot()
    def disable(self) -> None:
        user = self.chosen()
        if user is None:
            return
        msgbox.confirm(
            self,
            "Disable this user?",
            f"{user.name} will no longer be able to sign in: their passphrase stops opening the register. What "
            "they wrote stays, under their name. Reset their passphrase to let them sign in again.",
            lambda: self._disable(user.name),
        )

    def _disable(self, name: str) -> None:
        if write_or_warn(
            self, self.register, self.events, lambda: users.disable(self.register, name), "User not disabled"
        ):
            self.refresh()
