"""A child's record: details, identifiers and the chronology, with what can be done next."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from register import ConflictError, NotFoundError, education, fostering, missing, people
from register.chronology import chronology
from register.core import codes, timescales
from register.core.chronology_entry import Entry
from register.core.db import Register
from register.reports.chronology_pdf import write_chronology
from ui.education.forms import AbsenceDialog, CaseDialog, CloseCaseDialog, EnquiryDialog, EscalationDialog
from ui.fostering.forms import EndArrangementDialog, NotificationDialog, VisitDialog
from ui.missing.episode_form import EpisodeDialog
from ui.missing.interview_form import InterviewDialog
from ui.people.child_form import ChildDialog
from ui.shell import msgbox
from ui.shell.events import RegisterEvents
from ui.shell.history_dialog import HistoryDialog
from ui.shell.tables import ListTable

CASE_TABLES = ("cme_cases", "cme_enquiries", "cme_escalations")


class ChildRecord(QDialog):
    """Opened without blocking; refreshes itself whenever the register changes."""

    def __init__(self, register: Register, events: RegisterEvents, child_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.register, self.events, self.child_id = register, events, child_id
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        layout.addWidget(self.heading)
        self.details = QGridLayout()
        layout.addLayout(self.details)
        self.chronology = ListTable(["When", "Event", "Interview", "Details"], self, wrap=True)
        self.chronology.cellDoubleClicked.connect(lambda *_: self.edit_entry())
        layout.addWidget(self.chronology, 1)
        self.buttons: dict[str, QPushButton] = {}
        groups = QHBoxLayout()
        for title, actions in (
            (
                "Missing from home or care",
                (
                    ("episode", "New &episode…", "Ctrl+E", self.new_episode),
                    ("return", "Record &return…", "Ctrl+R", self.record_return),
                    ("interview", "Record &interview…", "Ctrl+I", self.record_interview),
                ),
            ),
            (
                "Education",
                (
                    ("absence", "Log a&bsence…", "Ctrl+B", self.log_absence),
                    ("case", "Open C&ME case…", "Ctrl+M", self.open_case),
                    ("enquiry", "Add en&quiry…", "", self.add_enquiry),
                    ("escalate", "Escala&te…", "", self.escalate),
                    ("close", "&Close / reopen case…", "", self.close_or_reopen),
                ),
            ),
            (
                "Private fostering",
                (
                    ("notify", "&Notification…", "", self.notify),
                    ("visit", "Record &visit…", "", self.record_visit),
                    ("end", "End arran&gement…", "", self.end_arrangement),
                ),
            ),
            (
                "This record",
                (
                    ("edit", "&Open selected…", "", self.edit_entry),
                    ("history", "&History…", "Ctrl+H", self.show_history),
                    ("delete", "De&lete episode…", "", self.delete_episode),
                    ("details", "Edit &details…", "Ctrl+D", self.edit_details),
                    ("print", "&Print chronology…", QKeySequence.StandardKey.Print, self.print_chronology),
                ),
            ),
        ):
            box = QGroupBox(title, self)
            row = QGridLayout(box)
            for number, (key, text, shortcut, slot) in enumerate(actions):
                button = QPushButton(text, box)
                button.setAutoDefault(False)
                if shortcut:
                    button.setShortcut(QKeySequence(shortcut))
                    button.setToolTip(QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText))
                button.clicked.connect(slot)
                row.addWidget(button, number // 3, number % 3)
                self.buttons[key] = button
            groups.addWidget(box)
        layout.addLayout(groups)
        self.events.changed.connect(self.refresh)
        self.resize(1280, 720)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        try:
            self.child = people.get_child(self.register, self.child_id)
        except NotFoundError:
            self.close()
            return
        child = self.child
        self.setWindowTitle(f"Child: {child.name}")
        self.heading.setText(f"<h2>{child.name}</h2>")
        while self.details.count():
            item = self.details.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        begins, ends = timescales.compulsory_school_age(child.dob)
        facts = [
            ("Other names", child.other_names),
            ("Born", timescales.show_date(child.dob)),
            ("Sex", codes.SEXES.get(child.sex, "")),
            ("Ethnicity", codes.ETHNICITIES.get(child.ethnicity, "")),
            ("Looked after", "Yes" if child.looked_after else "No"),
            ("UPN", child.upn),
            ("NHS number", child.nhs_number),
            ("Case id", child.la_id),
            ("School", child.school),
            ("Address", f"{child.address} {child.postcode}".strip()),
            ("Compulsory school age", f"{timescales.show_date(begins)} to {timescales.show_date(ends)}"),
        ]
        for number, (label, value) in enumerate(facts):
            self.details.addWidget(QLabel(f"<b>{label}:</b> {value or '—'}", self), number // 4, number % 4)
        self.episodes = missing.episodes_for_child(self.register, self.child_id)
        self.cases = education.cases_for_child(self.register, self.child_id)
        self.open_episode = next((e for e in self.episodes if e.is_open), None)
        rows = [
            (entry, [entry.when(), entry.event, entry.status, entry.details])
            for entry in chronology(self.register, self.child_id)
        ]
        self.chronology.fill(rows)
        self.chronology.scrollToBottom()
        self.buttons["return"].setEnabled(self.open_episode is not None)
        self.buttons["episode"].setEnabled(self.open_episode is None)
        has_case = bool(self.cases)
        for key in ("enquiry", "escalate", "close"):
            self.buttons[key].setEnabled(has_case)
        self.arrangements = fostering.arrangements_for_child(self.register, self.child_id)
        self.open_arrangement = next((a for a in self.arrangements if a.is_open), None)
        self.buttons["notify"].setEnabled(self.open_arrangement is None)
        self.buttons["visit"].setEnabled(self.open_arrangement is not None)
        self.buttons["end"].setEnabled(self.open_arrangement is not None)

    def _open_dialog(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.last_dialog = dialog

    def _selected(self) -> Entry | None:
        return self.chronology.current_value()

    # ---- missing from home or care ----

    @Slot()
    def new_episode(self) -> None:
        self._open_dialog(EpisodeDialog(self.register, self.events, self.child, parent=self))

    @Slot()
    def record_return(self) -> None:
        if self.open_episode is None:
            return
        dialog = EpisodeDialog(self.register, self.events, self.child, self.open_episode, parent=self)
        self._open_dialog(dialog)
        dialog.ended_at.setFocus()

    @Slot()
    def record_interview(self) -> None:
        selected = self._selected()
        if selected is not None and selected.table == "return_interviews":
            interview = missing.get_interview(self.register, selected.row_id)
            self._open_dialog(InterviewDialog(self.register, self.events, self.child, interview, parent=self))
            return
        waiting = [e.id for e in self.episodes if e.interview_state == "pending"]
        self._open_dialog(
            InterviewDialog(self.register, self.events, self.child, episode_ids=tuple(waiting[-1:]), parent=self)
        )

    # ---- education ----

    def _case(self) -> education.CmeCase | None:
        """The case the selected line belongs to, else the open case, else the latest."""
        selected = self._selected()
        if selected is not None and selected.table in CASE_TABLES:
            case_id = selected.row_id
            if selected.table == "cme_enquiries":
                case_id = education.get_enquiry(self.register, selected.row_id).case_id
            elif selected.table == "cme_escalations":
                case_id = education.get_escalation(self.register, selected.row_id).case_id
            return education.get_case(self.register, case_id)
        open_cases = [case for case in self.cases if case.is_open]
        return (open_cases or self.cases or [None])[-1]

    @Slot()
    def log_absence(self) -> None:
        self._open_dialog(AbsenceDialog(self.register, self.events, self.child, parent=self))

    @Slot()
    def open_case(self) -> None:
        self._open_dialog(CaseDialog(self.register, self.events, self.child, parent=self))

    @Slot()
    def add_enquiry(self) -> None:
        case = self._case()
        if case is not None:
            self._open_dialog(EnquiryDialog(self.register, self.events, case.id or 0, parent=self))

    @Slot()
    def escalate(self) -> None:
        case = self._case()
        if case is not None:
            self._open_dialog(EscalationDialog(self.register, self.events, case.id or 0, parent=self))

    @Slot()
    def close_or_reopen(self) -> None:
        case = self._case()
        if case is None:
            return
        if case.is_open:
            self._open_dialog(CloseCaseDialog(self.register, self.events, case, self))
            return
        msgbox.confirm(
            self,
            "Reopen the CME case",
            f"Reopen the case referred on {timescales.show_date(case.referred_on)}? The child is missing "
            "education again. How it closed stays in its history.",
            lambda: self._write(lambda: education.reopen_case(self.register, case), "cme_cases", "Case not reopened"),
        )

    # ---- private fostering ----

    @Slot()
    def notify(self) -> None:
        self._open_dialog(NotificationDialog(self.register, self.events, self.child, parent=self))

    @Slot()
    def record_visit(self) -> None:
        if self.open_arrangement is not None:
            self._open_dialog(VisitDialog(self.register, self.events, self.open_arrangement, parent=self))

    @Slot()
    def end_arrangement(self) -> None:
        if self.open_arrangement is not None:
            self._open_dialog(EndArrangementDialog(self.register, self.events, self.open_arrangement, self))

    # ---- this record ----

    @Slot()
    def edit_entry(self) -> None:
        entry = self._selected()
        if entry is None:
            msgbox.inform(self, "Open selected", "Choose a line in the chronology first.")
            return
        self._open_dialog(self._dialog_for(entry))

    def _dialog_for(self, entry: Entry) -> QDialog:
        """The form that shows (and corrects) the record a chronology line belongs to."""
        register, events, child, row_id = self.register, self.events, self.child, entry.row_id
        if entry.table == "missing_episodes":
            return EpisodeDialog(register, events, child, missing.get_episode(register, row_id), parent=self)
        if entry.table == "return_interviews":
            return InterviewDialog(register, events, child, missing.get_interview(register, row_id), parent=self)
        if entry.table == "absences":
            return AbsenceDialog(register, events, child, education.get_absence(register, row_id), parent=self)
        if entry.table == "cme_cases":
            return CaseDialog(register, events, child, education.get_case(register, row_id), parent=self)
        if entry.table == "cme_enquiries":
            enquiry = education.get_enquiry(register, row_id)
            return EnquiryDialog(register, events, enquiry.case_id, enquiry, parent=self)
        if entry.table == "cme_escalations":
            escalation = education.get_escalation(register, row_id)
            return EscalationDialog(register, events, escalation.case_id, escalation, parent=self)
        if entry.table == "pf_arrangements":
            arrangement = fostering.get_arrangement(register, row_id)
            return NotificationDialog(register, events, child, arrangement, parent=self)
        visit = fostering.get_visit(register, row_id)
        arrangement = fostering.get_arrangement(register, visit.arrangement_id)
        return VisitDialog(register, events, arrangement, visit, parent=self)

    @Slot()
    def show_history(self) -> None:
        entry = self._selected()
        table, row_id = ("children", self.child_id) if entry is None else (entry.table, entry.row_id)
        self._open_dialog(HistoryDialog(self.register, table, row_id, self))

    @Slot()
    def delete_episode(self) -> None:
        """Remove an episode entered in error (for example twice), after asking."""
        entry = self._selected()
        if entry is None or entry.table != "missing_episodes":
            msgbox.inform(self, "Delete episode", "Choose the episode's line in the chronology first.")
            return
        episode = missing.get_episode(self.register, entry.row_id)
        msgbox.confirm(
            self,
            "Delete episode",
            f"Delete the episode {episode.label()} of {self.child.name}? Use this only for an episode entered in "
            "error. Its interview goes with it if it covers no other episode. The audit trail keeps a copy.",
            lambda: self._write(
                lambda: missing.delete_episode(self.register, episode), "missing_episodes", "Episode not deleted"
            ),
        )

    def _write(self, write: Callable[[], object], table: str, failed: str) -> None:
        try:
            write()
        except (ConflictError, NotFoundError) as error:
            msgbox.warn(self, failed, str(error))
            return
        self.events.changed.emit(table)

    @Slot()
    def edit_details(self) -> None:
        self._open_dialog(ChildDialog(self.register, self.events, self.child, parent=self))

    @Slot()
    def print_chronology(self) -> None:
        suggested = f"chronology-{self.child.surname}-{self.child.forenames}.pdf".replace(" ", "-")
        msgbox.choose_file_to_save(self, "Save the chronology as PDF", suggested, "PDF files (*.pdf)", self.save_pdf)

    def save_pdf(self, path: str) -> None:
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            write_chronology(self.register, self.child_id, path)
        except OSError as error:
            msgbox.warn(self, "Chronology not saved", f"The PDF could not be written to {path}: {error.strerror}.")
            return
        msgbox.inform(self, "Chronology saved", f"The chronology was saved to {path}.")
