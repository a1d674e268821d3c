"""The first start of a new register: the authority's name and its safeguarding partnership's name,
which head every printed summary and chronology (both can be changed later in Settings)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from register.core import settings
from register.core.db import Register
from ui.shell.events import RegisterEvents
from ui.shell.form import FormDialog


def is_first_start(register: Register) -> bool:
    """Whether the register's names were never set and the person may set them (and the register is not open
    for viewing only)."""
    return (
        register.read_only is None
        and register.may_change("settings")
        and not settings.is_set(register, settings.AUTHORITY_NAME)
    )


class FirstRunDialog(FormDialog):
    """Two names, both required; Cancel leaves the defaults, and the dialog comes back at the next start."""

    def __init__(self, register: Register, events: RegisterEvents, parent: QWidget | None = None):
        super().__init__(register, events, "Welcome: name the register's authority", parent)
        intro = QLabel(
            "These names head the board's summaries and each child's chronology. "
            "Change them later in Register ▸ Settings.",
            self,
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.authority = QLineEdit(self)
        self.authority.setPlaceholderText("for example, Northshire County Council")
        self.partnership = QLineEdit(self)
        self.partnership.setPlaceholderText("for example, Northshire Safeguarding Children Partnership")
        self.add_field("&Authority's name:", self.authority, settings.AUTHORITY_NAME.key)
        self.add_field("Safeguarding &partnership's name:", self.partnership, settings.PARTNERSHIP_NAME.key)

    def save(self) -> None:
        for setting, field in (
            (settings.AUTHORITY_NAME, self.authority),
            (settings.PARTNERSHIP_NAME, self.partnership),
        ):
            self.require(setting.key, field.text().strip() or None, f"Write the {setting.label.lower()}.")
        self.refuse_unreadable()
        settings.put(
            self.register,
            {settings.AUTHORITY_NAME: self.authority.text(), settings.PARTNERSHIP_NAME: self.partnership.text()},
        )
