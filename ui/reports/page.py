"""The board's summaries: choose a quarter or a year, read the figures, write the commentary,
then preview, print or save the PDF (and the figures as CSV)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from register import RegisterError
from register.board import commentary, produce
from register.board import summary as measures
from register.core import clock, periods, permissions, timescales
from register.core.db import Change, Register
from register.core.errors import PermissionDenied
from register.core.figures import Summary
from ui.reports.returns_dialog import ReturnsDialog
from ui.shell import msgbox
from ui.shell.events import RegisterEvents
from ui.shell.flow import FlowLayout, pair
from ui.shell.page import Page
from ui.shell.pdf_pages import PreviewDialog
from ui.shell.printing import print_document
from ui.shell.saving import write_or_warn
from ui.shell.tables import ListTable
from ui.shell.unexpected import NOT_FOR_YOUR_ROLE
from ui.shell.workers import Worker, while_alive


def choices(kind: str, today) -> list[periods.Period]:  # type: ignore[no-untyped-def]
    """The periods offered, most recent first: the current one and those before it."""
    latest = periods.quarter_of(today) if kind == "quarter" else periods.year_of(today)
    found = [latest]
    for _ in range(11 if kind == "quarter" else 5):
        found.append(found[-1].previous())
    return found


class ReportsPage(Page):
    """Any record's change changes the figures; the commentary written here does not.

    A role that may not read every record whole (``summary.may_work_out``) reads the figures as last kept,
    with when they were worked out; a role that reads no child's record reads only the published copy
    (counts of 1 to 4 shown as <5); a role that may not change the commentary reads it.
    """

    def concerned(self, change: Change) -> bool:
        return bool(change.tables - {"commentaries"})

    def __init__(self, register: Register, events: RegisterEvents, parent: QWidget | None = None):
        super().__init__(parent)
        self.register, self.events = register, events
        self.summary: Summary | None = None
        self.notes: dict[str, commentary.Commentary] = {}
        self.editors: dict[str, QPlainTextEdit] = {}
        self.worker: Worker | None = None
        self.works_out = measures.may_work_out(register)
        self.writes_commentary = register.may_change("commentaries")
        layout = QVBoxLayout(self)
        bar = FlowLayout()  # the choices and the buttons wrap onto a second row on a narrow screen
        self.kind = QComboBox(self)
        self.kind.addItem("Quarterly summary", "quarter")
        self.kind.addItem("Annual summary (April to March)", "year")
        self.period = QComboBox(self)
        self.period.setMinimumWidth(230)
        kind_label, period_label = QLabel("S&ummary:", self), QLabel("Peri&od:", self)
        kind_label.setBuddy(self.kind)
        period_label.setBuddy(self.period)
        self.published = QCheckBox("Pu&blished copy (counts of 1 to 4 shown as <5, and what would reveal them)", self)
        if measures.reads_published_only(register):  # a board reader reads the published copy only
            self.published.setChecked(True)
            self.published.setEnabled(False)
        bar.addWidget(pair(self, kind_label, self.kind))
        bar.addWidget(pair(self, period_label, self.period))
        bar.addWidget(self.published)
        self.buttons: dict[str, QPushButton] = {}
        actions = (
            ("save_notes", "Save comme&ntary", self.save_commentary),
            ("preview", "Previe&w…", self.preview),
            ("print", "Pr&int…", self.print_summary),
            ("pdf", "Save PD&F…", self.save_pdf),
            ("csv", "Save C&SV…", self.save_csv),
            ("returns", "S&tatutory returns…", self.open_returns),
        )
        for key, text, slot in actions:
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            self.buttons[key] = button
        if not self.writes_commentary:
            self.buttons.pop("save_notes").hide()
        bar.addWidget(pair(self, *self.buttons.values()))
        layout.addLayout(bar)
        self.status = QLabel(self)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(200)
        self.busy.hide()
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.busy)
        layout.addLayout(status_row)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        layout.addWidget(self.scroll, 1)
        self.kind.currentIndexChanged.connect(self._fill_periods)
        self.period.currentIndexChanged.connect(self.refresh)
        self.published.toggled.connect(self._show)
        self._fill_periods()

    @Slot()
    def open_returns(self) -> None:
        """The SSDA903 Missing table, Annex A List 8 and the termly CME return (ui/reports/returns_dialog.py)."""
        dialog = ReturnsDialog(self.register, self)
        dialog.open()

    def chosen(self) -> periods.Period:
        return self.period.currentData()

    @Slot()
    def _fill_periods(self) -> None:
        self.period.blockSignals(True)
        self.period.clear()
        now = clock.now()
        for period in choices(self.kind.currentData(), timescales.local_date(now)):
            provisional = period.provisional(now)
            self.period.addItem(f"{period.label}: {provisional}" if provisional else period.label, period)
        # The latest complete period is the one the board usually reads.
        self.period.setCurrentIndex(1)
        self.period.blockSignals(False)
        self.refresh()

    def _set_busy(self, text: str) -> None:
        """Say what is being worked out; the summary cannot be printed or saved until it is whole."""
        self.status.setText(text)
        self.busy.setVisible(bool(text))
        for button in self.buttons.values():
            button.setEnabled(not text)

    def fill(self) -> None:
        """Work the figures out again (kept if nothing changed) without holding up the window."""
        period = self.chosen()
        if period is None:
            return
        if self.register.soundness is None:  # the board's figures wait for the file's check
            self._set_busy("Waiting for the register's check for damage…")
            return
        if isinstance(self.register.soundness, str):
            self._set_busy("")
            self.status.setText(f"No figures: {self.register.soundness}")
            for button in self.buttons.values():
                button.setEnabled(False)
            return
        self._request(period, quick=True)

    def _request(self, period: periods.Period, quick: bool) -> None:
        """Ask for the figures off the window's thread. The quick pass works out the chosen period
        alone (unless the full summary is kept), so its figures show at once; the trend follows."""

        def job(register: Register, progress) -> Summary | None:  # type: ignore[no-untyped-def]
            if measures.reads_published_only(register):
                return measures.published_summary(register, period)
            if not self.works_out:
                return measures.last_kept(register, period)
            if quick:
                return measures.kept_summary(register, period) or measures.cached_summary(register, period, history=0)
            return measures.cached_summary(register, period)

        self._set_busy(
            f"Reading the figures kept for {period.label}…"
            if not self.works_out
            else f"Working out the figures for {period.label}…"
            if quick
            else "Working out the four periods before it, for the trend…"
        )
        worker = Worker.beside(self.register, job)
        worker.signals.finished.connect(while_alive(self, lambda summary, w=worker: self._arrived(w, summary)))
        worker.signals.failed.connect(while_alive(self, self._failed))
        self.worker = worker
        worker.start()

    def _failed(self, error: Exception) -> None:
        self._set_busy("")
        self.status.setText(str(error))
        if isinstance(error, PermissionDenied):  # said in a box, as every refusal is
            msgbox.warn(self, NOT_FOR_YOUR_ROLE, str(error))

    def _arrived(self, worker: Worker, summary: Summary | None) -> None:
        if worker is not self.worker:  # a later choice has been made since
            return
        if summary is None:  # only kept figures may be read, and none are kept for the period
            self.worker, self.summary = None, None
            self._set_busy("")
            for button in self.buttons.values():
                button.setEnabled(False)
            self.scroll.setWidget(QWidget(self.scroll))
            if measures.reads_published_only(self.register):
                self.status.setText(
                    f"The summary for {self.chosen().label} has not been published yet. The missing children "
                    "coordinator or a manager publishes it for the partnership."
                )
            else:
                self.status.setText(
                    f"No summary for {self.chosen().label} has been kept yet. Summaries are kept once someone whose "
                    "role may read every record (the missing children coordinator or a manager) opens them here."
                )
            return
        if self.summary is None or self.summary.period != summary.period:
            self.editors = {}  # another period: its own commentary, not what was typed for the last
        self.summary = summary
        self.notes = commentary.for_period(self.register, summary.period.key)
        self._show()
        if self.works_out and len(summary.periods) < measures.HISTORY + 1:
            self._request(summary.period, quick=False)
            return
        self.worker = None
        self._set_busy("")
        self._show_status()

    @Slot()
    def _show(self) -> None:
        if self.summary is None:
            return
        summary, published = self.summary, self.published.isChecked()
        typed = {key: editor.toPlainText() for key, editor in self.editors.items()}  # kept across a redraw
        holder = QWidget(self.scroll)
        column = QVBoxLayout(holder)
        self.editors, self.tables = {}, []
        for section in summary.sections:
            box = QGroupBox(section.title, holder)
            inner = QVBoxLayout(box)
            editor = QPlainTextEdit(box)
            editor.setObjectName(f"commentary-{section.key}")
            editor.setPlaceholderText(f"Commentary on {section.title.lower()} for the board")
            editor.setTabChangesFocus(True)
            editor.setMaximumHeight(70)
            if not self.writes_commentary:
                editor.setReadOnly(True)
                editor.setPlaceholderText("No commentary was written for this section.")
            saved = self.notes.get(section.key, commentary.Commentary("", "")).text
            editor.setPlainText(typed.get(section.key, saved))
            inner.addWidget(editor)
            self.editors[section.key] = editor
            for table in section.tables:
                # A period's heading on two lines ("Q2 2025-26" above "(Jul-Sep 2025)"), so it fits its column.
                view = ListTable([table.title, *(heading.replace(" (", "\n(", 1) for heading in table.headings)], box)
                view.fill(
                    [
                        (
                            row.key,
                            [row.measure, *(summary.shown(row, i, published) for i in range(len(table.headings)))],
                        )
                        for row in table.rows
                    ]
                )
                right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                for number in range(1, view.columnCount()):
                    for row in range(view.rowCount()):
                        view.item(row, number).setTextAlignment(right)
                header = view.horizontalHeader()
                header.setStretchLastSection(False)
                header.setSectionResizeMode(0, header.ResizeMode.Stretch)
                for number in range(1, view.columnCount()):
                    view.setColumnWidth(number, 120)
                bold = view.font()
                bold.setBold(True)
                for row in range(view.rowCount()):  # the chosen period stands out
                    view.item(row, view.columnCount() - 1).setFont(bold)
                view.setFixedHeight(
                    view.horizontalHeader().sizeHint().height() + view.rowCount() * view.rowHeight(0) + 4
                )
                inner.addWidget(view)
                self.tables.append(view)
            column.addWidget(box)
        scrolled = self.scroll.verticalScrollBar().value()  # a redraw leaves the reader where they were
        self.scroll.setWidget(holder)
        holder.adjustSize()
        self.scroll.verticalScrollBar().setValue(scrolled)

    def _show_status(self) -> None:
        if self.summary is not None:
            provisional = f" ({self.summary.provisional})" if self.summary.provisional else ""
            self.status.setText(
                f"{self.summary.period.label}{provisional}: figures worked out "
                f"{timescales.show_instant(self.summary.produced)}"
                + ("" if self.works_out else " and kept (records may have changed since)")
                + ". No names or identifiers appear in the summary."
            )

    def figure_text(self, key: str, column: int = -1) -> str:
        """What the page shows for the figure with this key (the chosen period unless a column is given)."""
        for view in self.tables:
            for row in range(view.rowCount()):
                if view.item(row, 0).data(Qt.ItemDataRole.UserRole) == key:
                    return view.item(row, column % view.columnCount()).text()
        raise KeyError(key)

    def _written(self) -> dict[str, str]:
        return {key: editor.toPlainText() for key, editor in self.editors.items()}

    @Slot()
    def save_commentary(self) -> bool:
        if self.summary is None:
            return False
        if not self.writes_commentary:  # read, not written: nothing to save before a PDF
            return True
        period = self.summary.period.key
        saved = dict(self.notes)

        def write() -> None:  # every section's commentary, or none
            with self.register.atomic():
                for key, text in self._written().items():
                    note = saved.get(key, commentary.Commentary(period, key))
                    if note.text != text.strip():
                        saved[key] = commentary.save(
                            self.register, commentary.Commentary(period, key, text, note.id, note.version)
                        )

        if not write_or_warn(self, self.register, self.events, write, "Commentary not saved"):
            return False
        self.notes = saved
        self.status.setText(f"Commentary for {self.summary.period.label} saved.")
        return True

    def _build_pdf(self, path: str, then: Callable[[str], None]) -> None:
        """Write the PDF off the window's thread, then carry on with it."""
        if self.summary is None or not self.save_commentary():
            return
        summary, written, published = self.summary, self._written(), self.published.isChecked()
        self._set_busy("Writing the PDF…")
        worker = Worker.beside(
            self.register, lambda register, progress: _write_pdf(register, summary, written, path, published)
        )
        worker.signals.finished.connect(while_alive(self, lambda _: (self._set_busy(""), then(path))))
        worker.signals.failed.connect(
            while_alive(self, lambda error: (self._set_busy(""), msgbox.warn(self, "PDF not written", str(error))))
        )
        self.pdf_worker = worker
        worker.start()

    def _temporary_pdf(self) -> str:
        folder = Path(tempfile.mkdtemp(prefix="board-summary-"))
        return str(folder / f"board-summary-{self.chosen().key}.pdf")

    @Slot()
    def preview(self) -> None:
        def show(path: str) -> None:
            self.preview_dialog = PreviewDialog(path, self.chosen().label, self)
            self.preview_dialog.open()

        self._build_pdf(self._temporary_pdf(), show)

    @Slot()
    def print_summary(self) -> None:
        if self.summary is None:
            return
        print_document(
            self,
            f"the board summary for {self.chosen().label}",
            f"board-summary-{self.chosen().key}.pdf",
            self._build_pdf,
            self.save_pdf,
            self.status.setText,
        )

    @Slot()
    def save_pdf(self) -> None:
        suggested = f"board-summary-{self.chosen().key}{'-published' if self.published.isChecked() else ''}.pdf"
        msgbox.choose_file_to_save(self, "Save the board summary", suggested, "PDF files (*.pdf)", self._save_pdf_to)

    def _save_pdf_to(self, path: str) -> None:
        if path:
            self._build_pdf(_with_suffix(path, ".pdf"), self._saved)

    def _saved(self, path: str) -> None:
        msgbox.inform(self, "Summary saved", f"The board summary was saved to {path}.")

    @Slot()
    def save_csv(self) -> None:
        if self.summary is None:
            return
        summary, published = self.summary, self.published.isChecked()

        def write(path: str) -> None:
            if not path:
                return
            path = _with_suffix(path, ".csv")
            try:
                produce.write_csv(self.register, summary, path, published)
            except OSError as error:
                msgbox.warn(self, "Figures not saved", f"{path} could not be written: {error.strerror}.")
                return
            except RegisterError as error:
                msgbox.warn(self, "Figures not saved", str(error))
                return
            msgbox.inform(self, "Figures saved", f"The figures were saved to {path}.")

        msgbox.choose_file_to_save(
            self, "Save the figures as CSV", f"board-figures-{summary.period.key}.csv", "CSV files (*.csv)", write
        )


def _with_suffix(path: str, suffix: str) -> str:
    return path if path.lower().endswith(suffix) else path + suffix


def _write_pdf(register: Register, summary: Summary, written: dict[str, str], path: str, published: bool) -> None:
    """Write the board's PDF, and keep a published copy for the board's readers if the person may publish;
    a file that cannot be written is refused in words (RegisterError)."""
    try:
        produce.write_pdf(register, summary, written, path, published)
    except OSError as error:
        raise RegisterError(f"The PDF could not be written to {path}: {error.strerror or error}.") from error
    if published and register.may(permissions.PUBLISH) and not measures.reads_published_only(register):
        measures.publish(register, summary)
