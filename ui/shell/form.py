"""What every form shares: a field per row, its error shown beside it, and a save that may be refused."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from register import ConflictError, NotFoundError, RegisterError, ValidationError
from register.core.db import Register
from ui.shell.events import RegisterEvents
from ui.shell.saving import save_and_announce


class FormDialog(QDialog):
    """A dialog whose OK saves; a refused save keeps the dialog open with what was typed.

    Each form defines ``save()``, which reads the fields and saves through register/, raising
    ValidationError or ConflictError to refuse.
    """

    def __init__(self, register: Register, events: RegisterEvents, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.register, self.events = register, events
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._errors: dict[str, QLabel] = {}
        self._unreadable: dict[str, str] = {}
        layout = QVBoxLayout(self)
        self.banner = QLabel(self)
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        layout.addWidget(self.banner)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addLayout(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def add_field(self, label: str, widget: QWidget, *fields: str) -> QWidget:
        """A labelled row; errors for any of ``fields`` appear under it."""
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = QLabel(holder)
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        self.form.addRow(label, holder)
        label_widget = self.form.labelForField(holder)
        if isinstance(label_widget, QLabel):
            label_widget.setBuddy(widget)
        for field in fields:
            self._errors[field] = error
        return widget

    def error_text(self, field: str) -> str:
        label = self._errors.get(field)
        return label.text() if label is not None and not label.isHidden() else ""

    def show_problems(self, problems: dict[str, str]) -> None:
        for label in self._errors.values():
            label.clear()
            label.hide()
        unplaced = []
        for field, message in problems.items():
            label = self._errors.get(field)
            if label is None:
                unplaced.append(message)
                continue
            label.setText((label.text() + "\n" if label.text() else "") + message)
            label.show()
        if problems:
            self.show_banner("Nothing was saved: " + (" ".join(unplaced) or "put right what is marked below."))
        else:
            self.show_banner("")

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def read(self, field: str, reader):  # type: ignore[no-untyped-def]
        """A widget's value, or None with the field noted if what was typed cannot be read."""
        try:
            return reader()
        except ValueError as error:
            self._unreadable[field] = str(error)
            return None

    def require(self, field: str, value: object, message: str) -> None:
        """Note a required field left empty (unless it was already noted as unreadable)."""
        if value is None and field not in self._unreadable:
            self._unreadable[field] = message

    def refuse_unreadable(self) -> None:
        """Stop the save if any field could not be read, showing every such field."""
        if self._unreadable:
            raise ValidationError(self._unreadable)

    @Slot()
    def submit(self) -> None:
        self._unreadable = {}
        try:
            save_and_announce(self.register, self.events, self.save)
        except ValidationError as error:
            self.show_problems(error.problems)
        except (ConflictError, NotFoundError) as error:
            self.show_problems({})
            self.show_banner(f"Nothing was saved. {error}")
        except RegisterError as error:  # the register is busy, say: its message says what to do
            self.show_problems({})
            self.show_banner(str(error))
        else:
            self.accept()
