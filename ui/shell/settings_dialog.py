"""The register's local settings: the authority's name and the repeat-missing threshold."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from register.core import settings
from register.core.db import Register
from ui.shell.events import RegisterEvents
from ui.shell.form import FormDialog


class SettingsDialog(FormDialog):
    def __init__(self, register: Register, events: RegisterEvents, parent: QWidget | None = None):
        super().__init__(register, events, "Settings", parent)
        self.fields: dict[settings.Setting, QLineEdit] = {}
        self.read = {setting: settings.get(register, setting) for setting in settings.ALL}  # as found on opening
        for setting in settings.ALL:
            field = self.add_field(setting.label, QLineEdit(self.read[setting], self), setting.key)
            self.fields[setting] = field

    def save(self) -> None:
        settings.put(self.register, {setting: field.text() for setting, field in self.fields.items()}, self.read)
