"""The authority's list of CME case outcomes: add one, or retire one no longer used."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
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

from register import ValidationError, education
from register.core.db import Register
from ui.shell.events import RegisterEvents
from ui.shell.saving import save_and_announce, write_or_warn
from ui.shell.screen import fit_to_screen


class OutcomesDialog(QDialog):
    def __init__(self, register: Register, events: RegisterEvents, parent: QWidget | None = None):
        super().__init__(parent)
        self.register, self.events = register, events
        self.setWindowTitle("CME case outcomes")
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Ticked outcomes are offered when a case closes. Untick one to retire it; "
                "cases already closed with it keep it.",
                self,
            )
        )
        self.list = QListWidget(self)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.new_label = QLineEdit(self)
        self.new_label.setPlaceholderText("A new outcome, in the authority's words")
        self.add_button = QPushButton("&Add outcome", self)
        self.add_button.setAutoDefault(False)  # Enter in the wording adds once, through returnPressed
        self.add_button.clicked.connect(self.add)
        self.new_label.returnPressed.connect(self.add)
        row.addWidget(self.new_label, 1)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.problem = QLabel(self)
        self.problem.setObjectName("fieldError")
        layout.addWidget(self.problem)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.refresh()
        self.list.itemChanged.connect(self._ticked)
        fit_to_screen(self, 620, 440)

    def refresh(self) -> None:
        active = education.outcomes(self.register)
        self.list.blockSignals(True)
        self.list.clear()
        for code, label in education.outcomes(self.register, include_retired=True).items():
            item = QListWidgetItem(label, self.list)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in active else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)

    @Slot(QListWidgetItem)
    def _ticked(self, item: QListWidgetItem) -> None:
        code, active = item.data(Qt.ItemDataRole.UserRole), item.checkState() == Qt.CheckState.Checked
        if not write_or_warn(
            self,
            self.register,
            self.events,
            lambda: education.retire_outcome(self.register, code, active=active),
            "Outcome not changed",
        ):
            self.refresh()

    @Slot()
    def add(self) -> None:
        try:
            save_and_announce(
                self.register, self.events, lambda: education.add_outcome(self.register, self.new_label.text())
            )
        except ValidationError as error:
            self.problem.setText(" ".join(error.problems.values()))
            return
        self.problem.clear()
        self.new_label.clear()
        self.refresh()
