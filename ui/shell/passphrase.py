"""A new passphrase typed twice, with the strength hint and what is wrong with it shown as it is typed: the
first-run dialog's administrator, a user added or reset in the Users dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from register.core import keys

DIFFER = "The two passphrases differ: type the same one twice."
WILL_DO = "This passphrase will do."


def secret_field(parent: QWidget) -> QLineEdit:
    """A field whose typing shows as dots (a passphrase)."""
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class NewPassphrase:
    """The two fields and the hint beneath them; ``name`` is the field holding whose passphrase it is (the
    passphrase may not contain it), or the name itself when it is fixed (a reset)."""

    def __init__(self, parent: QWidget, name: QLineEdit | str):
        self.name = name
        self.first = secret_field(parent)
        self.again = secret_field(parent)
        self.hint = QLabel(keys.STRENGTH_HINT, parent)
        self.hint.setWordWrap(True)
        self.state = QLabel(parent)  # what is wrong as typed, or that it will do
        self.state.setWordWrap(True)
        self.state.hide()
        for field in (self.first, self.again, *([name] if isinstance(name, QLineEdit) else [])):
            field.textChanged.connect(lambda _typed: self._show_state())

    def whose(self) -> str:
        return (self.name.text() if isinstance(self.name, QLineEdit) else self.name).strip()

    def problem(self) -> str | None:
        """What is wrong with the passphrase as typed (too short, guessable, the name in it, the two
        differ), in words, said under the fields; None if it will do. Focus goes to the field to put right."""
        self._show_state(whole=True)
        problem = self._problem(whole=True)
        if problem:
            (self.again if problem == DIFFER else self.first).setFocus()
        return problem

    def _problem(self, whole: bool) -> str | None:
        """What is wrong so far (``whole``: as if typing were done, so an empty second field differs)."""
        weak = keys.passphrase_problem(self.first.text(), self.whose())
        if weak:
            return weak
        differ = self.again.text() != self.first.text() and (whole or bool(self.again.text()))
        return DIFFER if differ else None

    def _show_state(self, whole: bool = False) -> None:
        """Say under the fields what is wrong as they are typed (nothing before the first is begun)."""
        if not self.first.text() and not whole:
            self.state.clear()
            self.state.hide()
            return
        problem = self._problem(whole)
        self.state.setText(problem or (WILL_DO if self.again.text() else f"{WILL_DO} Type it again below."))
        self.state.setStyleSheet("color: #a4000f;" if problem else "color: #1b5e20;")
        self.state.show()

    def passphrase(self) -> str:
        return self.first.text()
