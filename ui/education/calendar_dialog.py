"""The term calendar: terms and training days, from which school days are counted."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from register.core import clock, term_calendar, timescales
from register.core.db import Change, Register
from ui.shell import msgbox
from ui.shell.dialogs import open_dialog
from ui.shell.events import RegisterEvents
from ui.shell.form import FormDialog
from ui.shell.saving import write_or_warn
from ui.shell.screen import fit_to_screen
from ui.shell.tables import ListTable
from ui.shell.widgets import DateField

CALENDAR_TABLES = frozenset({"school_terms", "school_closures"})


class TermDialog(FormDialog):
    def __init__(
        self,
        register: Register,
        events: RegisterEvents,
        term: term_calendar.Term | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(register, events, "Term" if term else "New term", parent)
        self.term = term
        self.name = self.add_field("&Name", QLineEdit(self), "name")
        self.starts_on = self.add_field("&Starts", DateField(self), "starts_on")
        self.ends_on = self.add_field("&Ends", DateField(self), "ends_on")
        if term is not None:
            self.name.setText(term.name)
            self.starts_on.set_value(term.starts_on)
            self.ends_on.set_value(term.ends_on)

    def save(self) -> None:
        starts_on = self.read("starts_on", self.starts_on.value)
        ends_on = self.read("ends_on", self.ends_on.value)
        self.require("starts_on", starts_on, "Enter the first day of term.")
        self.require("ends_on", ends_on, "Enter the last day of term.")
        self.refuse_unreadable()
        typed = term_calendar.Term(self.name.text(), starts_on, ends_on)
        if self.term is not None:
            typed = replace(typed, id=self.term.id, version=self.term.version)
        term_calendar.save_term(self.register, typed)


class ClosureDialog(FormDialog):
    def __init__(self, register: Register, events: RegisterEvents, parent: QWidget | None = None):
        super().__init__(register, events, "Training day or closure", parent)
        self.day = self.add_field("&Day", DateField(self), "day")
        self.reason = self.add_field("&Reason", QLineEdit("Staff training day", self), "reason")

    def save(self) -> None:
        day = self.read("day", self.day.value)
        self.require("day", day, "Enter the day (DD/MM/YYYY).")
        self.refuse_unreadable()
        term_calendar.save_closure(self.register, term_calendar.Closure(day, self.reason.text()))


class CalendarDialog(QDialog):
    """Terms and training days; edits count at once in every school-day figure."""

    def __init__(self, register: Register, events: RegisterEvents, parent: QWidget | None = None):
        super().__init__(parent)
        self.register, self.events = register, events
        self.setWindowTitle("Term calendar")
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "School days are the weekdays in these terms, less training days and bank holidays. "
                "Half terms and holidays are the gaps between terms.",
                self,
            )
        )
        columns = QHBoxLayout()
        terms_box, closures_box = QGroupBox("Terms", self), QGroupBox("Training days and closures", self)
        self.terms = ListTable(["Term", "Starts", "Ends", "School days"], terms_box)
        self.closures = ListTable(["Day", "Reason"], closures_box)
        for box, table, buttons in (
            (
                terms_box,
                self.terms,
                (("&Add term…", self.add_term), ("&Edit term…", self.edit_term), ("&Remove term", self.remove_term)),
            ),
            (
                closures_box,
                self.closures,
                (("Add &training day…", self.add_closure), ("Re&move day", self.remove_closure)),
            ),
        ):
            inner = QVBoxLayout(box)
            inner.addWidget(table)
            row = QHBoxLayout()
            for text, slot in buttons:
                button = QPushButton(text, box)
                button.setAutoDefault(False)
                button.clicked.connect(slot)
                row.addWidget(button)
            inner.addLayout(row)
        columns.addWidget(terms_box, 3)
        columns.addWidget(closures_box, 2)
        layout.addLayout(columns)
        self.add_year = QPushButton(self)
        self.add_year.setAutoDefault(False)
        self.add_year.clicked.connect(self.add_default_year)
        layout.addWidget(self.add_year, 0, Qt.AlignmentFlag.AlignLeft)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.terms.cellDoubleClicked.connect(lambda *_: self.edit_term())
        self.events.changed.connect(self._changed)
        fit_to_screen(self, 980, 560)
        self.refresh()

    @Slot(object)
    def _changed(self, change: Change) -> None:
        if change.touches(CALENDAR_TABLES):
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        calendar = term_calendar.calendar(self.register)
        terms = term_calendar.terms(self.register)
        self.terms.fill(
            [
                (
                    term,
                    [
                        term.name,
                        timescales.show_date(term.starts_on),
                        timescales.show_date(term.ends_on),
                        str(calendar.school_days(term.starts_on, term.ends_on)),
                    ],
                )
                for term in terms
            ]
        )
        self.closures.fill(
            [
                (closure, [timescales.show_date(closure.day), closure.reason])
                for closure in term_calendar.closures(self.register)
            ]
        )
        years = {term_calendar.school_year_of(term.starts_on) for term in terms}
        self.next_year = max(years, default=term_calendar.school_year_of(clock.today()) - 1) + 1
        self.add_year.setText(f"Add default dates for {self.next_year}-{str(self.next_year + 1)[2:]}")

    @Slot()
    def add_term(self) -> None:
        open_dialog(TermDialog(self.register, self.events, parent=self))

    @Slot()
    def edit_term(self) -> None:
        term = self.terms.current_value()
        if term is not None:
            open_dialog(TermDialog(self.register, self.events, term, self))

    @Slot()
    def add_closure(self) -> None:
        open_dialog(ClosureDialog(self.register, self.events, self))

    def _remove(self, remove, record, what: str) -> None:  # type: ignore[no-untyped-def]
        def confirmed() -> None:
            write_or_warn(
                self, self.register, self.events, lambda: remove(self.register, record), f"{what} not removed"
            )

        msgbox.confirm(self, f"Remove {what.lower()}", f"Remove this {what.lower()} from the calendar?", confirmed)

    @Slot()
    def remove_term(self) -> None:
        term = self.terms.current_value()
        if term is not None:
            self._remove(term_calendar.delete_term, term, "Term")

    @Slot()
    def remove_closure(self) -> None:
        closure = self.closures.current_value()
        if closure is not None:
            self._remove(term_calendar.delete_closure, closure, "Training day")

    @Slot()
    def add_default_year(self) -> None:
        year = self.next_year
        write_or_warn(
            self,
            self.register,
            self.events,
            lambda: term_calendar.add_default_year(self.register, year),
            "Dates not added",
        )
