"""Import a spreadsheet in the background, with progress, cancel and a report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from register import Register, RegisterError
from register.core.face import Importer
from register.core.words import counted
from register.imports.spreadsheet import ImportRefused
from register.imports.templates import write_template
from ui.shell import msgbox
from ui.shell.events import RegisterEvents
from ui.shell.screen import fit_to_screen
from ui.shell.tables import ListTable
from ui.shell.workers import Worker


class ImportDialog(QDialog):
    """Runs the all-or-nothing import off the GUI thread and says what happened."""

    def __init__(
        self,
        register: Register,
        importer: Importer,
        csv_file: Path,
        events: RegisterEvents,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.events = events
        self.columns = importer.columns
        self.setWindowTitle(f"Import {csv_file.name}")
        layout = QVBoxLayout(self)
        self.message = QLabel(f"Checking and importing {csv_file}…", self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.progress = QProgressBar(self)
        layout.addWidget(self.progress)
        self.problems = ListTable(["Row", "Column", "Problem"], self, wrap=True)  # each problem whole
        self.problems.hide()
        layout.addWidget(self.problems)
        self.copy = QPushButton("&Copy the problems", self)
        self.copy.setToolTip("Copy every problem, a line each, to paste in an email to whoever keeps the spreadsheet")
        self.copy.clicked.connect(self._copy_problems)
        self.copy.hide()
        layout.addWidget(self.copy, 0, Qt.AlignmentFlag.AlignLeft)
        self.refused: ImportRefused | None = None
        self.importer = importer
        self.template = QPushButton("Save a &template…", self)
        self.template.setToolTip("Save a spreadsheet (Excel or CSV) with these columns and one example row, to fill in")
        self.template.clicked.connect(self._choose_template)
        layout.addWidget(self.template, 0, Qt.AlignmentFlag.AlignLeft)
        self.columns_note = QLabel(f"The file needs a header row with the columns: {', '.join(self.columns)}", self)
        self.columns_note.setWordWrap(True)
        self.columns_note.hide()
        layout.addWidget(self.columns_note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self._cancel)
        layout.addWidget(self.buttons)
        self.worker = Worker.beside(register, lambda own, progress: importer.run(own, csv_file, progress))
        self.worker.signals.progress.connect(self._progress)
        self.worker.signals.changed.connect(self.events.changed.emit)
        self.worker.signals.finished.connect(self._finished)
        self.worker.signals.failed.connect(self._failed)
        self.done_running = False
        fit_to_screen(self, 620, 200)

    def start(self) -> None:
        self.open()
        self.worker.start()

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    @Slot(object)
    def _finished(self, summary) -> None:  # type: ignore[no-untyped-def]
        self._end(f"Imported. {summary}")

    @Slot(object)
    def _failed(self, error: RegisterError) -> None:
        if not isinstance(error, ImportRefused):
            self._end(str(error))
            return
        self._end(f"Nothing was imported: {counted(error.total, 'problem')} to put right in the file first.")
        self.refused = error
        self.problems.fill(
            [(problem, [str(problem.row), problem.column, problem.problem]) for problem in error.problems]
        )
        self.problems.show()
        self.copy.show()
        self.columns_note.show()
        fit_to_screen(self, 760, 460)

    def _end(self, message: str) -> None:
        self.done_running = True
        self.message.setText(message)
        self.progress.hide()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

    @Slot()
    def _choose_template(self) -> None:
        msgbox.choose_file_to_save(
            self,
            "Save a template",
            f"{self.importer.kind}-template.xlsx",
            "Excel workbook (*.xlsx);;CSV files (*.csv)",
            self._save_template,
        )

    def _save_template(self, chosen: str) -> None:
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

    def reject(self) -> None:
        """Escape or closing the window while the import runs cancels it (nothing is written) rather
        than hiding an import that carries on."""
        if self.done_running:
            super().reject()
        else:
            self._cancel()

    @Slot()
    def _cancel(self) -> None:
        if self.done_running:
            self.accept()
        else:
            self.message.setText("Cancelling: nothing will be written…")
            self.worker.cancel()
