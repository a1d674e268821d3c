"""The access log in the window: a team manager lists who opened, printed, exported or found which child,
by child, by person and between two days, and exports the rows shown for a subject access request or an
investigation (register/core/access.py; the register refuses every other role)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from register import RegisterError
from register.core import access, timescales
from register.core.db import Register
from register.core.words import counted
from register.exports import access_log
from ui.shell import msgbox
from ui.shell.screen import fit_to_screen
from ui.shell.tables import ListTable

LATEST = 5000  # rows shown at most; an export writes every row chosen
EVERYONE = "Everyone"


class AccessLogDialog(QDialog):
    """Choose a child, a person and days, then Show; the selected row's child or person narrows the list;
    Export… writes every row chosen (CSV or Excel), and the export is itself logged."""

    def __init__(self, register: Register, parent: QWidget | None = None):
        super().__init__(parent)
        self.register = register
        self.chosen = access.AccessFilter()
        self.setWindowTitle("Access log")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Every opening of a child's record, chronology printed, export, report and search that found children: "
            "who, when and which child. Nobody can change or delete a row.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        self.child = QLineEdit(self)
        self.child.setPlaceholderText("case id, UPN, NHS number or number; empty for every child")
        self.person = QComboBox(self)
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.since = QLineEdit(self)
        self.until = QLineEdit(self)
        for day in (self.since, self.until):
            day.setPlaceholderText("DD/MM/YYYY")
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #7a0c0c")
        for column, (text, field) in enumerate(
            (("C&hild:", self.child), ("&Person:", self.person), ("&From:", self.since), ("&To:", self.until))
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            grid.addWidget(label, 0, 2 * column)
            grid.addWidget(field, 0, 2 * column + 1)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        grid.setColumnStretch(5, 1)
        grid.setColumnStretch(7, 1)
        self.show_button = QPushButton("&Show", self)
        self.show_button.setDefault(True)
        grid.addWidget(self.show_button, 0, 8)
        layout.addLayout(grid)
        layout.addWidget(self.problem)
        self.table = ListTable(["When", "Who", "Role", "Action", "Child's number", "Child", "Born", "What"], self)
        layout.addWidget(self.table, 1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.this_child = QPushButton("This &child's rows", self)
        self.this_person = QPushButton("This p&erson's rows", self)
        self.everything = QPushButton("&All rows", self)
        self.export_button = QPushButton("E&xport…", self)
        close = QPushButton("Close", self)
        for button in (self.this_child, self.this_person, self.everything):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self._connect_signals(close)
        fit_to_screen(self, 1200, 700)
        self._fill_people()
        self.show_rows()

    def _connect_signals(self, close: QPushButton) -> None:
        self.show_button.clicked.connect(self.show_rows)
        for field in (self.child, self.since, self.until):
            field.returnPressed.connect(self.show_rows)
        self.person.activated.connect(self.show_rows)
        self.this_child.clicked.connect(self.narrow_to_child)
        self.this_person.clicked.connect(self.narrow_to_person)
        self.everything.clicked.connect(self.show_everything)
        self.export_button.clicked.connect(self.export)
        self.table.itemSelectionChanged.connect(self._enable_for_row)
        close.clicked.connect(self.reject)

    def _fill_people(self) -> None:
        self.person.clear()
        self.person.addItem(EVERYONE)
        try:
            self.person.addItems(access.people_noted(self.register))
        except RegisterError as error:
            self.problem.setText(str(error))

    def _filter(self) -> access.AccessFilter | None:
        """What the fields choose; None (said beside them, naming the field) if one is mistyped."""
        person = self.person.currentText().strip()
        try:
            child = self.child.text().strip()
            child_id = access_log.child_of(self.register, child) if child else None
            since = self._day(self.since, "From")
            until = self._day(self.until, "To")
        except (ValueError, RegisterError) as error:
            self.problem.setText(str(error))
            return None
        if since is not None and until is not None and until < since:
            self.problem.setText("To is before From: choose a To on or after the From day.")
            return None
        self.problem.clear()
        return access.AccessFilter(child_id, "" if person == EVERYONE else person, since, until)

    @staticmethod
    def _day(field: QLineEdit, name: str) -> date | None:
        text = field.text().strip()
        if not text:
            return None
        try:
            return timescales.parse_date(text)
        except ValueError:
            raise ValueError(
                f"{name}: “{text}” is not a date. Write it as DD/MM/YYYY, for example 01/11/2026."
            ) from None

    @Slot()
    def show_rows(self) -> None:
        """List the rows the fields choose (the latest LATEST of them), newest first."""
        chosen = self._filter()
        if chosen is None:
            return
        try:
            total = access.count(self.register, chosen)
            found = access.entries(self.register, chosen, LATEST)
        except RegisterError as error:
            self.table.fill([])
            self.problem.setText(str(error))
            self.export_button.setEnabled(False)
            return
        self.chosen = chosen
        self.table.fill(
            [
                (
                    entry,
                    [
                        timescales.show_instant(entry.at),
                        entry.actor,
                        access_log.role_label(entry.role),
                        entry.action,
                        "" if entry.child_id is None else str(entry.child_id),
                        entry.child_name
                        if entry.child_id is None or entry.child_name
                        else "(no longer in the register)",
                        timescales.show_date(entry.child_born),
                        entry.what,
                    ],
                )
                for entry in reversed(found)
            ]
        )
        shown = f"; the latest {LATEST:,} shown (Export… writes them all)" if total > len(found) else ""
        self.status.setText(f"{total:,} {'row' if total == 1 else 'rows'}: {access_log.describe(chosen)}{shown}.")
        self.export_button.setEnabled(total > 0)
        self._enable_for_row()

    @Slot()
    def _enable_for_row(self) -> None:
        entry = self.table.current_value()
        self.this_child.setEnabled(entry is not None and entry.child_id is not None)
        self.this_person.setEnabled(entry is not None)

    @Slot()
    def narrow_to_child(self) -> None:
        """Every row of the selected row's child (the other fields emptied)."""
        entry = self.table.current_value()
        if entry is None or entry.child_id is None:
            return
        self._clear_fields()
        self.child.setText(str(entry.child_id))
        self.show_rows()

    @Slot()
    def narrow_to_person(self) -> None:
        """Every row of the selected row's person (the other fields emptied)."""
        entry = self.table.current_value()
        if entry is None:
            return
        self._clear_fields()
        self.person.setCurrentText(entry.actor)
        self.show_rows()

    @Slot()
    def show_everything(self) -> None:
        self._clear_fields()
        self.show_rows()

    def _clear_fields(self) -> None:
        self.child.clear()
        self.person.setCurrentText(EVERYONE)
        self.since.clear()
        self.until.clear()

    @Slot()
    def export(self) -> None:
        msgbox.choose_file_to_save(
            self,
            "Export the access log",
            "access-log.xlsx",
            "Excel workbook (*.xlsx);;CSV file (*.csv)",
            self.write,
        )

    def write(self, chosen: str) -> None:
        """Write the rows listed (all of them, not only those shown) to ``chosen``; the export is logged."""
        if not chosen:
            return
        try:
            written = access_log.write(self.register, self.chosen, chosen)
        except RegisterError as error:
            said = (
                str(error) if isinstance(error, RegisterError) else f"{chosen} could not be written: {error.strerror}."
            )
            msgbox.warn(self, "The access log was not exported", said)
            return
        msgbox.inform(self, "Access log exported", f"Wrote {counted(written, 'row')} to {chosen}.")
        person = self.person.currentText()
        self._fill_people()  # the export is a row of its own: the list shows it
        self.person.setCurrentText(person)
        self.show_rows()
