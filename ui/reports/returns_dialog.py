"""The statutory returns from the window: choose one and its year, date or term, preview its rows and
the problems found in them, then save it (register/exports writes it and asks the role)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from register import RegisterError
from register.core import clock, periods, permissions
from register.core.db import Register
from register.core.words import counted
from register.exports import annex_a, cme_return, ssda903
from ui.shell import msgbox

RETURNS = {
    "ssda903": ("SSDA903 Missing table (CSV)", "Collection year", "CSV file (*.csv)", permissions.RETURN_903),
    "annex-a": (
        "Ofsted Annex A List 8",
        "Census date (YYYY-MM-DD)",
        "Excel workbook (*.xlsx);;CSV file (*.csv)",
        permissions.ANNEX_A,
    ),
    "cme-return": (
        "Termly CME return",
        "Term (e.g. autumn-2026)",
        "CSV file (*.csv);;Excel workbook (*.xlsx)",
        permissions.CME_RETURN,
    ),
}
_EXTENSION = re.compile(r"\*(\.\w+)")  # a filter's extension: "Excel workbook (*.xlsx)" -> .xlsx


def _default(kind: str, today: date) -> str:
    if kind == "ssda903":
        return periods.year_of(today).previous().key
    if kind == "annex-a":
        return today.isoformat()
    return f"{'autumn' if today.month >= 9 else 'spring' if today.month < 4 else 'summer'}-{today.year}"


class ReturnsDialog(QDialog):
    """One return at a time, of those the person's role may produce: Preview shows what would be written;
    Save… writes it, as the file's extension says (the chosen type's when none is typed)."""

    def __init__(self, register: Register, parent: QWidget | None = None):
        super().__init__(parent)
        self.register = register
        self.setWindowTitle("Statutory returns")
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.kind = QComboBox(self)
        for key, (title, _, _, action) in RETURNS.items():
            if register.may(action):
                self.kind.addItem(title, key)
        self.saving: QFileDialog | None = None
        self.asked = QLabel(self)
        self.when = QLineEdit(self)
        self.preview_button = QPushButton("&Preview", self)
        self.save_button = QPushButton("&Save…", self)
        for widget in (self.kind, self.asked, self.when, self.preview_button, self.save_button):
            row.addWidget(widget)
        layout.addLayout(row)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        layout.addWidget(self.problems)
        self.table = QTableWidget(self)
        layout.addWidget(self.table, 1)
        self.kind.currentIndexChanged.connect(self._chosen)
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.save)
        self._chosen()

    @Slot()
    def _chosen(self) -> None:
        kind = self.kind.currentData()
        self.asked.setText(RETURNS[kind][1] + ":")
        self.when.setText(_default(kind, clock.today()))
        self.table.clear()
        self.table.setRowCount(0)
        self.problems.clear()

    def _rows(self) -> tuple[tuple[str, ...], list[tuple[object, ...]], list[str]]:
        """The chosen return's headings, rows and problems. Raises ValueError (mistyped) or RegisterError."""
        kind, text = self.kind.currentData(), self.when.text().strip()
        if kind == "ssda903":
            table = ssda903.missing_table(self.register, periods.year(text))
            problems = [f"Rule {problem.rule}: {problem.words}" for problem in table.problems]
            return ssda903.COLUMNS, [row.cells() for row in table.rows], problems
        if kind == "annex-a":
            try:
                census = date.fromisoformat(text)
            except ValueError:
                raise ValueError(f"“{text}” is not a date: write it as YYYY-MM-DD, for example 2026-03-31") from None
            return annex_a.COLUMNS, [row.cells() for row in annex_a.list_8(self.register, census)], []
        return cme_return.COLUMNS, list(cme_return.figures(self.register, cme_return.term(text))), []

    @Slot()
    def preview(self) -> None:
        try:
            columns, rows, problems = self._rows()
        except (ValueError, RegisterError) as error:
            msgbox.warn(self, "The return could not be worked out", str(error))
            return
        self.table.clear()
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels(list(columns))
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            for column, value in enumerate(row):
                shown = value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)
                self.table.setItem(number, column, QTableWidgetItem(shown))
        found = f"{counted(len(rows), 'row')}."
        self.problems.setText(
            found
            + (" Problems to put right before saving:\n" + "\n".join(problems) if problems else " No problems found.")
        )

    @Slot()
    def save(self) -> None:
        kind, text = self.kind.currentData(), self.when.text().strip()
        suggested = f"{kind}-{text}.{'xlsx' if kind == 'annex-a' else 'csv'}"
        self.saving = msgbox.choose_file_to_save(self, "Save the return", suggested, RETURNS[kind][2], self._write)

    def _write(self, chosen: str) -> None:
        kind, text, path = self.kind.currentData(), self.when.text().strip(), Path(chosen)
        if not path.suffix and self.saving is not None:  # a name typed without one: the chosen type's
            path = path.with_name(path.name + _EXTENSION.findall(self.saving.selectedNameFilter())[0])
        try:
            if kind == "ssda903":
                written = ssda903.write(self.register, ssda903.missing_table(self.register, periods.year(text)), path)
            elif kind == "annex-a":
                written = annex_a.write(self.register, date.fromisoformat(text), path)
            else:
                written = cme_return.write(self.register, cme_return.term(text), path)
        except (ValueError, RegisterError) as error:
            msgbox.warn(self, "The return was not saved", str(error))
            return
        msgbox.inform(self, "Return saved", f"Wrote {counted(written, 'row')} to {path}.")
