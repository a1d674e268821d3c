"""The education register's part of a child's record: absences, CME cases, enquiries and escalations."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog

from register import education
from register.core import timescales
from register.core.chronology_entry import Entry
from ui.education.forms import AbsenceDialog, CaseDialog, CloseCaseDialog, EnquiryDialog, EscalationDialog
from ui.shell import msgbox
from ui.shell.face import Action, Deletion, RecordPanel


class EducationPanel(RecordPanel):
    title_text = "Education"
    tables = ("absences", "cme_cases", "cme_enquiries", "cme_escalations")

    def actions(self) -> list[Action]:
        return [
            ("absence", "Log a&bsence…", "Ctrl+B", self.log_absence),
            ("case", "Open C&ME case…", "Ctrl+M", self.open_case),
            ("enquiry", "Add en&quiry…", "", self.add_enquiry),
            ("escalate", "Escala&te…", "", self.escalate),
            ("close", "&Close / reopen case…", "", self.close_or_reopen),
        ]

    def refresh(self) -> None:
        self.cases = education.cases_for_child(self.record.register, self.record.child.id or 0)
        for key in ("enquiry", "escalate", "close"):
            self.enable(key, bool(self.cases))

    def form_for(self, entry: Entry) -> QDialog:
        register, events, child, row_id = self.record.register, self.record.events, self.record.child, entry.row_id
        if entry.table == "absences":
            return AbsenceDialog(register, events, child, education.get_absence(register, row_id), parent=self)
        if entry.table == "cme_cases":
            return CaseDialog(register, events, child, education.get_case(register, row_id), parent=self)
        if entry.table == "cme_enquiries":
            enquiry = education.get_enquiry(register, row_id)
            return EnquiryDialog(register, events, enquiry.case_id, enquiry, parent=self)
        escalation = education.get_escalation(register, row_id)
        return EscalationDialog(register, events, escalation.case_id, escalation, parent=self)

    def deletion(self, entry: Entry) -> Deletion:
        register, row_id = self.record.register, entry.row_id
        if entry.table == "absences":
            absence = education.get_absence(register, row_id)
            return (
                f"the absence from {timescales.show_date(absence.from_on)} to {timescales.show_date(absence.to_on)} "
                f"at {absence.school_name}",
                lambda reason: education.delete_absence(register, absence, reason),
            )
        if entry.table == "cme_cases":
            case = education.get_case(register, row_id)
            return (
                f"the CME case referred on {timescales.show_date(case.referred_on)} with its enquiries and escalations",
                lambda reason: education.delete_case(register, case, reason),
            )
        if entry.table == "cme_enquiries":
            enquiry = education.get_enquiry(register, row_id)
            return (
                f"the CME enquiry of {timescales.show_date(enquiry.made_on)}",
                lambda reason: education.delete_enquiry(register, enquiry, reason),
            )
        escalation = education.get_escalation(register, row_id)
        return (
            f"the escalation of {timescales.show_date(escalation.escalated_on)}",
            lambda reason: education.delete_escalation(register, escalation, reason),
        )

    def _case(self) -> education.CmeCase | None:
        """The case the selected line belongs to, else the open case, else the latest."""
        register, selected = self.record.register, self.record.selected()
        if selected is not None and selected.table in self.tables and selected.table != "absences":
            case_id = selected.row_id
            if selected.table == "cme_enquiries":
                case_id = education.get_enquiry(register, selected.row_id).case_id
            elif selected.table == "cme_escalations":
                case_id = education.get_escalation(register, selected.row_id).case_id
            return education.get_case(register, case_id)
        open_cases = [case for case in self.cases if case.is_open]
        return (open_cases or self.cases or [None])[-1]

    @Slot()
    def log_absence(self) -> None:
        record = self.record
        record.open_dialog(AbsenceDialog(record.register, record.events, record.child, parent=self))

    @Slot()
    def open_case(self) -> None:
        record = self.record
        record.open_dialog(CaseDialog(record.register, record.events, record.child, parent=self))

    @Slot()
    def add_enquiry(self) -> None:
        case = self._case()
        if case is not None:
            self.record.open_dialog(EnquiryDialog(self.record.register, self.record.events, case.id or 0, parent=self))

    @Slot()
    def escalate(self) -> None:
        case = self._case()
        if case is not None:
            record = self.record
            record.open_dialog(EscalationDialog(record.register, record.events, case.id or 0, parent=self))

    @Slot()
    def close_or_reopen(self) -> None:
        case = self._case()
        if case is None:
            return
        record = self.record
        if case.is_open:
            record.open_dialog(CloseCaseDialog(record.register, record.events, case, self))
            return
        msgbox.confirm(
            self,
            "Reopen the CME case",
            f"Reopen the case referred on {timescales.show_date(case.referred_on)}? The child is missing "
            "education again. How it closed stays in its history.",
            lambda: record.write(lambda: education.reopen_case(record.register, case), "Case not reopened"),
        )
