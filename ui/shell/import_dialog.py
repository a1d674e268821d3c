"""Import a spreadsheet, step by step: choose what it holds, see the columns that needs (and save a
template), choose the file (and a workbook's sheet), then import it in the background with progress,
and see what was added, or every problem of a refused file as a table to copy or save."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from register import Register, RegisterError
from register.core.face import Importer
from register.core.files import replaced_when_complete
from register.core.words import counted
from register.exports import sheets
from register.imports.files import workbook_sheets
from register.imports.spreadsheet import ImportRefused, RowProblem
from register.imports.templates import write_template
from ui.shell import msgbox
from ui.shell.events import RegisterEvents
from ui.shell.list_export import TYPES, with_extension
from ui.shell.screen import fit_to_screen
from ui.shell.tables import ListTable
from ui.shell.workers import Worker, while_alive

WORKBOOKS = (".xlsx", ".xlsm")
PROBLEM_HEADINGS = ["Row", "Column", "Problem"]
_FIRST_CELLS = 6  # of a sheet's first row, shown beside its name


class ProblemsTable(ListTable):
    """A refused file's problems: rows may be chosen together (Shift, Ctrl, Ctrl+A) and Ctrl+C copies
    them, a line each with tabs between the cells, so that they paste into a spreadsheet as a table."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(PROBLEM_HEADINGS, parent, wrap=True)  # each problem whole
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def chosen_text(self) -> str:
        rows = sorted({index.row() for index in self.selectedIndexes()})
        return "\n".join("\t".join(self.item(row, column).text() for column in range(3)) for row in rows)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        if event.matches(QKeySequence.StandardKey.Copy):
            QApplication.clipboard().setText(self.chosen_text())
            return
        super().keyPressEvent(event)


def names_columns(first_row: list[str], columns: tuple[str, ...]) -> bool:
    """Whether a sheet's first row names every one of ``columns`` (case and spaces around a name aside)."""
    return set(columns) <= {cell.strip().lower() for cell in first_row}


def sheet_label(name: str, first_row: list[str], columns: tuple[str, ...]) -> str:
    """A sheet as the sheet list shows it: its name, the start of its first row, and whether that row
    names the import's ``columns``."""
    if not first_row:
        return f"{name} (its first row is empty)"
    more = ", …" if len(first_row) > _FIRST_CELLS else ""
    start = f"{name}: {', '.join(cell or '(blank)' for cell in first_row[:_FIRST_CELLS])}{more}"
    return f"{start}   ✓ has this import's columns" if names_columns(first_row, columns) else start


class ImportDialog(QDialog):
    """One dialog for every import. ``importers`` are the kinds the person's role may import (the
    window asks the registers); the dialog names no register. The import is all or nothing and runs
    on a worker, so the window stays usable; Escape or Close while it runs cancels it."""

    def __init__(
        self,
        register: Register,
        importers: Sequence[Importer],
        events: RegisterEvents,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.register, self.events = register, events
        self.setWindowTitle("Import a spreadsheet")
        self.worker: Worker | None = None  # the import, while it runs
        self.reading: Worker | None = None  # a workbook's sheets, while they are read
        self.path: Path | None = None
        self.refused: ImportRefused | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)

        self.kind = QComboBox(self)
        for importer in importers:
            self.kind.addItem(importer.what[:1].upper() + importer.what[1:], importer)
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        kind_label = QLabel("&What the file holds:", self)
        kind_label.setBuddy(self.kind)
        form.addRow(kind_label, self.kind)

        self.columns_note = QLabel(
            "Its first row must name every column below, in any order. Each row must fill in the required "
            "ones; the others may be left blank. Dates are DD/MM/YYYY, or date cells in a workbook.",
            self,
        )
        self.columns_note.setWordWrap(True)
        layout.addWidget(self.columns_note)
        self.columns = ListTable(["Column", "Needed", "Example", "What it holds"], self, wrap=True)
        self.columns.setAccessibleName("The columns the file needs")
        layout.addWidget(self.columns, 2)

        templates = QHBoxLayout()
        self.csv_template = QPushButton("Save a C&SV template…", self)
        self.xlsx_template = QPushButton("Save an E&xcel template…", self)
        for button, suffix in ((self.csv_template, ".csv"), (self.xlsx_template, ".xlsx")):
            button.setToolTip("A file with these columns and one example row, to fill in (saved in Documents)")
            button.clicked.connect(lambda _=False, s=suffix: self._choose_template(s))
            templates.addWidget(button)
        templates.addStretch(1)
        layout.addLayout(templates)

        file_form = QFormLayout()
        layout.addLayout(file_form)
        file_row = QHBoxLayout()
        self.file = QLineEdit(self)
        self.file.setReadOnly(True)
        self.file.setPlaceholderText("No file chosen yet: a CSV file or an Excel workbook (.xlsx)")
        self.file.setAccessibleName("The file to import")
        self.choose = QPushButton("Choose a &file…", self)
        self.choose.clicked.connect(self._choose_file)
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.choose)
        file_form.addRow("File:", file_row)
        self.sheet = QComboBox(self)
        self.sheet.currentIndexChanged.connect(self._ready)
        self.sheet_label = QLabel("S&heet:", self)
        self.sheet_label.setBuddy(self.sheet)
        file_form.addRow(self.sheet_label, self.sheet)
        self.sheets: list[tuple[str, list[str]]] = []  # the workbook's: each sheet's name and first row
        self._show_sheets([])

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        self.progress = QProgressBar(self)
        self.progress.hide()
        layout.addWidget(self.progress)

        self.problems = ProblemsTable(self)
        self.problems.setAccessibleName("The file's problems")
        self.problems.hide()
        layout.addWidget(self.problems, 3)
        problem_buttons = QHBoxLayout()
        self.copy = QPushButton("Co&py the problems", self)
        self.copy.setToolTip("Copy every problem, a line each, to paste in an email to whoever keeps the spreadsheet")
        self.copy.clicked.connect(self._copy_problems)
        self.save_problems = QPushButton("Sa&ve the problems as CSV…", self)
        self.save_problems.setToolTip("Save every problem (row, column, problem) as a CSV file, in Documents")
        self.save_problems.clicked.connect(self._choose_problems_file)
        for button in (self.copy, self.save_problems):
            button.hide()
            problem_buttons.addWidget(button)
        problem_buttons.addStretch(1)
        layout.addLayout(problem_buttons)

        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.ApplyRole)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)

        self._kind_chosen()
        fit_to_screen(self, 820, 640)

    # ---- choosing ------------------------------------------------------------------

    @property
    def importer(self) -> Importer:
        importer: Importer = self.kind.currentData()
        return importer

    @property
    def running(self) -> bool:
        """Whether an import is under way (the window asks before changing role or closing)."""
        return self.worker is not None

    @Slot()
    def _kind_chosen(self) -> None:
        for number, (name, first_row) in enumerate(self.sheets):
            self.sheet.setItemText(number, sheet_label(name, first_row, self.importer.names))
        self.columns.fill(
            [
                (column, [column.name, "Required" if column.required else "Optional", column.example, column.meaning])
                for column in self.importer.columns
            ]
        )
        self._ready()

    @Slot()
    def _choose_file(self) -> None:
        msgbox.choose_file_to_open(
            self,
            "Choose the spreadsheet to import",
            "Spreadsheets (*.csv *.xlsx);;CSV files (*.csv);;Excel workbooks (*.xlsx);;All files (*)",
            self.choose_file,
        )

    def choose_file(self, chosen: str) -> None:
        """Take ``chosen`` as the file to import. A workbook's sheets are read on a worker (a large
        workbook takes seconds to open), then listed, the first chosen."""
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() not in WORKBOOKS:
            self._file_chosen(path, [])
            return
        # The file chosen before is let go: if this one cannot be read, nothing is left ready to import.
        self.path = None
        self.file.clear()
        self._show_sheets([])
        self._show_problems(None)
        self.message.setText(f"Reading the sheets of {path.name}…")
        for widget in (self.choose, self.import_button):
            widget.setEnabled(False)
        self.reading = Worker.beside(self.register, lambda _own, _progress: workbook_sheets(path))
        self.reading.signals.finished.connect(while_alive(self, lambda found: self._file_chosen(path, found)))
        self.reading.signals.failed.connect(while_alive(self, self._unreadable))
        self.reading.start()

    def _file_chosen(self, path: Path, found: list[tuple[str, list[str]]]) -> None:
        self.reading = None
        self.choose.setEnabled(True)
        self.path = path
        self.file.setText(str(path))
        self._show_sheets(found)
        self._show_problems(None)  # those of the file chosen before
        self._ready()

    def _unreadable(self, error: RegisterError) -> None:
        self.reading = None
        self.choose.setEnabled(True)
        self._ready()
        msgbox.warn(self, "Not a workbook that can be read", f"{error} Choose another file.")

    def _show_sheets(self, found: list[tuple[str, list[str]]]) -> None:
        self.sheets = found
        self.sheet.clear()
        for name, first_row in found:
            self.sheet.addItem(sheet_label(name, first_row, self.importer.names), name)
        self.sheet.setEnabled(len(found) > 1)
        self.sheet.setToolTip("The workbook's sheets, each with its first row: choose the one with the rows to import")
        self.sheet.setVisible(bool(found))
        self.sheet_label.setVisible(bool(found))

    @Slot()
    def _ready(self) -> None:
        """A change of kind, file or sheet: what the dialog says until Import is pressed."""
        if self.running or self.reading is not None:
            return
        self.import_button.setEnabled(self.path is not None and self.kind.count() > 0)
        chosen = self.sheet.currentIndex()
        if self.path is None:
            self.message.setText("Choose the file to import.")
        elif chosen >= 0 and not names_columns(self.sheets[chosen][1], self.importer.names):
            self.message.setText(
                f"The sheet “{self.sheet.currentData()}” does not name this import's columns in its first row: "
                "choose the sheet that does (marked ✓), or another file."
            )
        else:
            where = f", sheet “{self.sheet.currentData()}”" if chosen >= 0 else ""
            self.message.setText(f"Ready to import {self.path.name}{where} as {self.importer.what}. Press Import.")

    # ---- importing -----------------------------------------------------------------

    @Slot()
    def start_import(self) -> None:
        """Import the chosen file (and sheet) as the chosen kind, on a worker."""
        if self.path is None or self.running or self.reading is not None:
            return
        importer, path, sheet = self.importer, self.path, self.sheet.currentData()
        self.worker = Worker.beside(self.register, lambda own, progress: importer.run(own, path, progress, sheet))
        self.worker.signals.progress.connect(while_alive(self, self._progress))
        self.worker.signals.changed.connect(self.events.changed.emit)
        self.worker.signals.finished.connect(while_alive(self, self._finished))
        self.worker.signals.failed.connect(while_alive(self, self._failed))
        self._show_problems(None)
        self.message.setText(f"Checking and importing {path.name}… The window can be used meanwhile.")
        self.progress.setRange(0, 0)
        self.progress.show()
        self._enable_choices(False)
        self.close_button.setText("Cancel")
        self.close_button.setFocus()
        self.worker.start()

    def _enable_choices(self, enabled: bool) -> None:
        for widget in (self.kind, self.csv_template, self.xlsx_template, self.choose, self.import_button):
            widget.setEnabled(enabled)
        self.sheet.setEnabled(enabled and self.sheet.count() > 1)

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _finished(self, summary: object) -> None:
        self._end(f"Imported. {summary}")
        self.import_button.setEnabled(False)  # the same file again would add nothing: choose another

    def _failed(self, error: RegisterError) -> None:
        if not isinstance(error, ImportRefused):
            self._end(str(error))
            return
        shown = "" if error.total == len(error.problems) else f" (the first {len(error.problems)} are listed)"
        self._end(
            f"Nothing was imported: {counted(error.total, 'problem')} to put right in the file first{shown}. "
            "Put them right, save the file, then press Import again."
        )
        self._show_problems(error)
        self.problems.setFocus()

    def _end(self, message: str) -> None:
        self.worker = None
        self.message.setText(message)
        self.progress.hide()
        self._enable_choices(True)
        self.close_button.setText("Close")

    def _show_problems(self, refused: ImportRefused | None) -> None:
        self.refused = refused
        problems = [] if refused is None else refused.problems
        self.problems.fill([(problem, [str(problem.row), problem.column, problem.problem]) for problem in problems])
        for widget in (self.problems, self.copy, self.save_problems):
            widget.setVisible(refused is not None)

    # ---- templates and problems, saved -------------------------------------------

    def _choose_template(self, suffix: str) -> None:
        kind = next(kind for kind, ending in TYPES.items() if ending == suffix)
        msgbox.choose_file_to_save(
            self,
            "Save a template",
            f"{self.importer.kind}-template{suffix}",
            kind,
            lambda chosen: self.save_template(str(with_extension(chosen, kind)) if chosen else ""),
        )

    def save_template(self, chosen: str) -> None:
        """Write the chosen kind's template to ``chosen`` (a workbook if it ends .xlsx, else CSV)."""
        if not chosen:
            return
        try:
            path = write_template(self.importer, chosen)
        except OSError as error:
            msgbox.warn(self, "Template not saved", f"The template could not be written: {error.strerror} ({chosen})")
            return
        msgbox.inform(self, "Template saved", f"Saved {path}: the columns to fill in, with one example row.")

    @Slot()
    def _copy_problems(self) -> None:
        if self.refused is not None:
            QApplication.clipboard().setText("\n".join(str(problem) for problem in self.refused.problems))

    @Slot()
    def _choose_problems_file(self) -> None:
        name = f"{self.path.stem if self.path else 'import'}-problems.csv"
        kind = next(kind for kind, ending in TYPES.items() if ending == ".csv")
        msgbox.choose_file_to_save(
            self,
            "Save the problems",
            name,
            kind,
            lambda chosen: self.save_problems_to(str(with_extension(chosen, kind)) if chosen else ""),
        )

    def save_problems_to(self, chosen: str) -> None:
        """Write the refused file's problems to ``chosen`` as CSV: Row, Column, Problem."""
        if not chosen or self.refused is None:
            return
        problems: list[RowProblem] = self.refused.problems
        try:
            with replaced_when_complete(chosen) as written:
                sheets.write_csv(written, PROBLEM_HEADINGS, [(p.row, p.column, p.problem) for p in problems])
        except OSError as error:
            msgbox.warn(self, "Problems not saved", f"The file could not be written: {error.strerror} ({chosen})")
            return
        msgbox.inform(self, "Problems saved", f"Saved {counted(len(problems), 'problem')} to {chosen}.")

    # ---- closing -------------------------------------------------------------------

    def cancel(self) -> None:
        """Stop the import under way; nothing of it is written."""
        if self.worker is not None:
            self.message.setText("Cancelling: nothing will be written…")
            self.worker.cancel()

    def reject(self) -> None:
        """Escape, Close or the window's close button: while the import runs this cancels it (nothing is
        written) and the dialog stays to say so, rather than hiding an import that carries on."""
        if self.running:
            self.cancel()
        else:
            super().reject()
