"""Retention in the window (a manager's): the children who have reached the retention age, and erasing one
child's records after typing their surname and a reason."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from register.core import clock, timescales
from register.core.db import Register
from register.core.errors import RegisterError, ValidationError
from register.core.words import counted
from register.retention.due import Due, due_for_review, retention_age
from register.retention.erase import Erased, erase
from ui.shell.events import RegisterEvents
from ui.shell.face import add_button
from ui.shell.screen import fit_to_screen
from ui.shell.tables import ListTable
from ui.shell.workers import Worker, while_alive

NOTHING_OPEN = "—"


class RetentionDialog(QDialog):
    """Every child aged the retention age or over today, oldest first, with Erase the chosen child's records."""

    def __init__(self, register: Register, events: RegisterEvents, parent: QWidget | None = None):
        super().__init__(parent)
        self.register, self.events = register, events
        self.setWindowTitle("Retention: children due for review")
        layout = QVBoxLayout(self)
        self.about = QLabel(self)
        self.about.setWordWrap(True)
        layout.addWidget(self.about)
        self.years = retention_age(register)
        self.list = ListTable(
            ["Child", "Name", "Born", f"Reached {self.years} on", "Records", "Last change", "Still open"], self
        )
        self.list.cellDoubleClicked.connect(lambda _row, _column: self.ask_to_erase())  # and Enter
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.erase_button = add_button(self, "&Erase the chosen child's records…", "", self.ask_to_erase)
        if register.read_only is not None:
            self.erase_button.setEnabled(False)
            self.erase_button.setToolTip("The register is open for viewing only: nothing can be erased.")
        row.addWidget(self.erase_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        fit_to_screen(self, 1000, 480)
        self.refresh()
        self.list.setFocus()

    def refresh(self) -> None:
        today = clock.today()
        self.found = due_for_review(self.register, today)
        self.about.setText(
            f"{counted(len(self.found), 'child', 'children')} had reached {self.years} by "
            f"{timescales.show_date(today)} (the age is in Settings). Review each one's records; erase them once "
            "nothing needs keeping. A child with a record still open cannot be erased until it is closed."
        )
        self.list.fill(
            [
                (
                    due,
                    [
                        str(due.child_id),
                        due.name,
                        timescales.show_date(due.born),
                        timescales.show_date(due.reached),
                        ", ".join(due.records) or "none",
                        timescales.show_instant(due.last_change),
                        " and ".join(due.still_open) or NOTHING_OPEN,
                    ],
                )
                for due in self.found
            ]
        )
        if self.found and self.list.currentRow() < 0:
            self.list.setCurrentCell(0, 0)

    @Slot()
    def ask_to_erase(self) -> None:
        chosen = self.list.current_value()
        if chosen is None:
            self.status.setText("Choose the child whose records to erase first.")
            return
        if chosen.still_open:
            self.status.setText(
                f"{chosen.name} still has {' and '.join(chosen.still_open)}: close it first, then erase their records."
            )
            return
        self.confirming = EraseDialog(self.register, self.events, chosen, self._erased, self)
        self.confirming.setModal(True)
        self.confirming.show()

    def _erased(self, erased: Erased) -> None:
        self.refresh()
        kept = (
            ""
            if erased.log_cleared
            else " Others have the register open: old copies of its pages stay in its write-ahead log until the "
            "last of them closes it."
        )
        self.status.setText(f"{erased.in_words()}{kept}")
        self.list.setFocus()


class EraseDialog(QDialog):
    """Erase one child's records: says what goes and what stays, asks for a reason and the child's surname
    typed, and erases on a worker (the figures already reported are kept first; the trail is hashed again)."""

    def __init__(
        self,
        register: Register,
        events: RegisterEvents,
        due: Due,
        on_erased: Callable[[Erased], None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.register, self.events, self.due, self.on_erased = register, events, due, on_erased
        self.worker: Worker | None = None
        self.surname = register.db.execute("SELECT surname FROM children WHERE id = ?", [due.child_id]).fetchone()[0]
        self.setWindowTitle(f"Erase {due.name}'s records")
        layout = QVBoxLayout(self)
        said = QLabel(
            f"Erase {due.name} (child {due.child_id}, born {timescales.show_date(due.born)})? Their details and "
            f"every record of theirs in every register ({', '.join(due.records) or 'none'}) are erased for good, "
            "and the audit trail keeps only who did what and when. A stub stays: their number, today's date, "
            "your name and the reason. The board's figures already reported stay as they were. Backups made "
            "before now still hold the records until they are rotated away.",
            self,
        )
        said.setWordWrap(True)
        layout.addWidget(said)
        form = QFormLayout()
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("for example: reviewed at 25, nothing to keep (do not name the child)")
        form.addRow("&Reason:", self.reason)
        self.typed = QLineEdit(self)
        form.addRow(f"Type their &surname ({self.surname}) to confirm:", self.typed)
        for field in (self.reason, self.typed):
            label = form.labelForField(field)
            if isinstance(label, QLabel):
                label.setBuddy(field)
        layout.addLayout(form)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.erase_button = self.buttons.addButton("&Erase for good", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.erase)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 640, 320)
        self.reason.setFocus()

    def _missing(self) -> str:
        """What is still to be typed before the records may be erased, in words ("" once both are)."""
        if not self.reason.text().strip():
            return "Give the reason these records are erased (do not name the child)."
        if self.typed.text().strip().casefold() != self.surname.casefold():
            return f"Type the child's surname, {self.surname}, to confirm that these are the records to erase."
        return ""

    @Slot()
    def erase(self) -> None:
        missing = self._missing()
        if missing:
            self.problem.setText(missing)
            return
        child_id, reason = self.due.child_id, self.reason.text()
        self.problem.setText("Erasing… (the board's figures already reported are kept first)")
        self.worker = Worker.beside(self.register, lambda register, _progress: erase(register, child_id, reason))
        self.erase_button.setEnabled(False)
        self.worker.signals.changed.connect(self.events.changed.emit)
        self.worker.signals.finished.connect(while_alive(self, self._done))
        self.worker.signals.failed.connect(while_alive(self, self._failed))
        self.worker.start()

    def _done(self, erased: Erased) -> None:
        self.worker = None
        self.accept()
        self.on_erased(erased)

    def _failed(self, error: RegisterError) -> None:
        self.worker = None
        self.erase_button.setEnabled(True)
        if isinstance(error, ValidationError):
            self.problem.setText(" ".join(error.problems.values()))
        else:
            self.problem.setText(f"{error}")

    def reject(self) -> None:
        if self.worker is None:  # an erasure under way finishes first
            super().reject()
