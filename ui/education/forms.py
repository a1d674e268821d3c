"""Forms of the education register: absences, CME cases, enquiries, escalations, closing a case."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from register import education, people
from register.core import clock, codes, term_calendar
from register.core.db import Register
from register.core.words import counted
from ui.shell.events import RegisterEvents
from ui.shell.form import FormDialog
from ui.shell.tables import urgent
from ui.shell.widgets import CodeChoice, DateField


def _notes(parent: QWidget) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setMaximumHeight(70)
    return box


class AbsenceDialog(FormDialog):
    """Log a spell of unexplained absence a school reported."""

    def __init__(
        self,
        register: Register,
        events: RegisterEvents,
        child: people.Child,
        absence: education.Absence | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(register, events, f"Absence: {child.label}", parent)
        self.child, self.absence = child, absence
        self.school_urn = self.add_field("School &URN", QLineEdit(self), "school_urn")
        self.school_urn.setPlaceholderText("six digits")
        self.school_name = self.add_field("School &name", QLineEdit(self), "school_name")
        self.from_on = self.add_field("Absent &from", DateField(self), "from_on")
        self.to_on = self.add_field("Absent &to", DateField(self), "to_on")
        self.calendar = term_calendar.calendar(register)
        self.school_days = self.add_field("School days", QLabel(self))
        self.school_days.setWordWrap(True)
        self.from_on.textChanged.connect(self._count_school_days)
        self.to_on.textChanged.connect(self._count_school_days)
        self.sessions = self.add_field("&Sessions missed", QLineEdit(self), "sessions_missed")
        self.sessions.setPlaceholderText("two a day, if known")
        self.codes = self.add_field("Attendance &codes", QLineEdit(self), "attendance_codes")
        self.note = self.add_field("N&ote", _notes(self), "note")
        self.school_urn.textChanged.connect(self._known_school)
        if absence is not None:
            self._fill(absence)
            self.reloads_with(self._reload)
        self.setMinimumWidth(480)

    def _reload(self) -> None:
        assert self.absence is not None
        self.absence = education.get_absence(self.register, self.absence.id or 0)
        self._fill(self.absence)

    def _fill(self, absence: education.Absence) -> None:
        self.school_urn.setText(absence.school_urn)
        self.from_on.set_value(absence.from_on)
        self.to_on.set_value(absence.to_on)
        self.sessions.setText("" if absence.sessions_missed is None else str(absence.sessions_missed))
        self.codes.setText(absence.attendance_codes)
        self.note.setPlainText(absence.note)

    def _known_school(self, urn: str) -> None:
        known = education.school(self.register, urn.strip()) if len(urn.strip()) == 6 else None
        if known is not None:
            self.school_name.setText(known.name)
        self.school_name.setReadOnly(known is not None)

    @Slot()
    def _count_school_days(self) -> None:
        """How many school days the dates span by the term calendar, warning (not refusing) when either
        end is not a school day."""
        try:
            first, last = self.from_on.value(), self.to_on.value()
        except ValueError:
            first = last = None
        if first is None or last is None or last < first:
            self.school_days.setText("")
            return
        days, warning = education.absence_school_days(self.calendar, first, last)
        self.school_days.setText(counted(days, "school day") + (f". {urgent(warning)}" if warning else ""))
        # A wrapped label in a form that scrolls is not given its new height by itself: ask for it.
        self.school_days.setMinimumHeight(self.school_days.heightForWidth(max(self.school_days.width(), 200)))

    def _sessions(self) -> int | None:
        text = self.sessions.text().strip()
        if not text:
            return None
        if not text.isdigit():
            raise ValueError("Sessions missed is a whole number.")
        return int(text)

    def save(self) -> None:
        from_on = self.read("from_on", self.from_on.value)
        to_on = self.read("to_on", self.to_on.value)
        sessions = self.read("sessions_missed", self._sessions)
        self.require("from_on", from_on, "Enter the first day of absence (DD/MM/YYYY).")
        self.require("to_on", to_on, "Enter the last day of absence (DD/MM/YYYY).")
        self.refuse_unreadable()
        typed = education.Absence(
            child_id=self.child.id or 0,
            school_urn=self.school_urn.text(),
            school_name=self.school_name.text(),
            from_on=from_on,
            to_on=to_on,
            sessions_missed=sessions,
            attendance_codes=self.codes.text(),
            note=self.note.toPlainText(),
        )
        if self.absence is not None:
            typed = replace(typed, id=self.absence.id, version=self.absence.version)
        self.absence = education.save_absence(self.register, typed)


class CaseDialog(FormDialog):
    """Open a CME case, or correct one."""

    def __init__(
        self,
        register: Register,
        events: RegisterEvents,
        child: people.Child,
        case: education.CmeCase | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(register, events, f"{'CME case' if case else 'New CME case'}: {child.label}", parent)
        self.child, self.case = child, case
        self.referred_on = self.add_field("&Referred on", DateField(self), "referred_on")
        self.referred_by = self.add_field(
            "Referred &by", CodeChoice(codes.CME_REFERRERS, blank=None, parent=self), "referred_by"
        )
        self.referrer_urn = self.add_field("Referring school &URN", QLineEdit(self), "referrer_urn")
        self.referrer_name = self.add_field("Referrer's &name", QLineEdit(self), "referrer_name")
        self.reason = self.add_field("Rea&son", CodeChoice(codes.CME_REASONS, blank=None, parent=self), "reason")
        self.last_attended = self.add_field("&Last attended", DateField(self), "last_attended_on")
        self.whereabouts = self.add_field("", QCheckBox("&Whereabouts known", self), "whereabouts_known")
        self.officer = self.add_field("Assigned &officer", QLineEdit(register.actor.name, self), "assigned_officer")
        self.school_age_note = self.add_field(
            "Reason if outside compulsory school a&ge", QLineEdit(self), "school_age_note"
        )
        self.notes = self.add_field("No&tes", _notes(self), "notes")
        self.referrer_urn.textChanged.connect(self._known_school)
        if case is not None:
            self._fill(case)
            self.reloads_with(self._reload)
        else:
            self.referred_on.set_value(clock.today())
        self.setMinimumWidth(620)

    def _reload(self) -> None:
        assert self.case is not None
        self.case = education.get_case(self.register, self.case.id or 0)
        self._fill(self.case)

    def _fill(self, case: education.CmeCase) -> None:
        self.referred_on.set_value(case.referred_on)
        self.referred_by.set_code(case.referred_by)
        self.referrer_urn.setText(case.referrer_urn)
        self.referrer_name.setText(case.referrer_name or self.referrer_name.text())
        self.reason.set_code(case.reason)
        self.last_attended.set_value(case.last_attended_on)
        self.whereabouts.setChecked(case.whereabouts_known)
        self.officer.setText(case.assigned_officer)
        self.school_age_note.setText(case.school_age_note)
        self.notes.setPlainText(case.notes)

    def _known_school(self, urn: str) -> None:
        known = education.school(self.register, urn.strip()) if len(urn.strip()) == 6 else None
        if known is not None:
            self.referrer_name.setText(known.name)

    def save(self) -> None:
        referred_on = self.read("referred_on", self.referred_on.value)
        last_attended = self.read("last_attended_on", self.last_attended.value)
        self.require("referred_on", referred_on, "Enter the referral date (DD/MM/YYYY).")
        self.refuse_unreadable()
        typed = education.CmeCase(
            child_id=self.child.id or 0,
            referred_on=referred_on,
            referred_by=self.referred_by.code(),
            referrer_urn=self.referrer_urn.text() if self.referred_by.code() == "school" else "",
            referrer_name=self.referrer_name.text(),
            reason=self.reason.code(),
            last_attended_on=last_attended,
            whereabouts_known=self.whereabouts.isChecked(),
            assigned_officer=self.officer.text(),
            school_age_note=self.school_age_note.text(),
            notes=self.notes.toPlainText(),
        )
        if self.case is not None:
            typed = replace(
                typed,
                id=self.case.id,
                version=self.case.version,
                outcome=self.case.outcome,
                closed_on=self.case.closed_on,
                closing_note=self.case.closing_note,
            )
        self.case = education.save_case(self.register, typed)


class CloseCaseDialog(FormDialog):
    """Close a case with an outcome from the authority's list."""

    def __init__(
        self, register: Register, events: RegisterEvents, case: education.CmeCase, parent: QWidget | None = None
    ):
        super().__init__(register, events, "Close the CME case", parent)
        self.case = case
        self.outcome = self.add_field(
            "&Outcome", CodeChoice(education.outcomes(register), blank="", parent=self), "outcome"
        )
        self.closed_on = self.add_field("&Closed on", DateField(self), "closed_on")
        self.closed_on.set_value(clock.today())
        self.note = self.add_field("&Note", _notes(self), "closing_note")
        self.setMinimumWidth(560)

    def save(self) -> None:
        closed_on = self.read("closed_on", self.closed_on.value)
        self.require("closed_on", closed_on, "Enter the closing date (DD/MM/YYYY).")
        self.refuse_unreadable()
        self.case = education.close_case(
            self.register, self.case, self.outcome.code(), closed_on, self.note.toPlainText()
        )


class EnquiryDialog(FormDialog):
    """An enquiry made to find the child: who was asked, when, what they said."""

    def __init__(
        self,
        register: Register,
        events: RegisterEvents,
        case_id: int,
        enquiry: education.Enquiry | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(register, events, "CME enquiry", parent)
        self.case_id, self.enquiry = case_id, enquiry
        self.agency = self.add_field("&Asked", CodeChoice(codes.CME_AGENCIES, blank=None, parent=self), "agency")
        self.made_on = self.add_field("&On", DateField(self), "made_on")
        self.result = self.add_field("&Result", _notes(self), "result")
        if enquiry is not None:
            self._fill(enquiry)
            self.reloads_with(self._reload)
        else:
            self.made_on.set_value(clock.today())
        self.setMinimumWidth(480)

    def _reload(self) -> None:
        assert self.enquiry is not None
        self.enquiry = education.get_enquiry(self.register, self.enquiry.id or 0)
        self._fill(self.enquiry)

    def _fill(self, enquiry: education.Enquiry) -> None:
        self.agency.set_code(enquiry.agency)
        self.made_on.set_value(enquiry.made_on)
        self.result.setPlainText(enquiry.result)

    def save(self) -> None:
        made_on = self.read("made_on", self.made_on.value)
        self.require("made_on", made_on, "Enter the date of the enquiry (DD/MM/YYYY).")
        self.refuse_unreadable()
        typed = education.Enquiry(self.case_id, self.agency.code(), made_on, self.result.toPlainText())
        if self.enquiry is not None:
            typed = replace(typed, id=self.enquiry.id, version=self.enquiry.version)
        self.enquiry = education.save_enquiry(self.register, typed)


class EscalationDialog(FormDialog):
    """A safeguarding concern passed to children's social care or police."""

    def __init__(
        self,
        register: Register,
        events: RegisterEvents,
        case_id: int,
        escalation: education.Escalation | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(register, events, "Escalate the CME case", parent)
        self.case_id, self.escalation = case_id, escalation
        self.to = self.add_field("&To", CodeChoice(codes.CME_ESCALATIONS, blank=None, parent=self), "escalated_to")
        self.on = self.add_field("&On", DateField(self), "escalated_on")
        self.note = self.add_field("&Why", _notes(self), "note")
        if escalation is not None:
            self._fill(escalation)
            self.reloads_with(self._reload)
        else:
            self.on.set_value(clock.today())
        self.setMinimumWidth(480)

    def _reload(self) -> None:
        assert self.escalation is not None
        self.escalation = education.get_escalation(self.register, self.escalation.id or 0)
        self._fill(self.escalation)

    def _fill(self, escalation: education.Escalation) -> None:
        self.to.set_code(escalation.escalated_to)
        self.on.set_value(escalation.escalated_on)
        self.note.setPlainText(escalation.note)

    def save(self) -> None:
        on = self.read("escalated_on", self.on.value)
        self.require("escalated_on", on, "Enter the date (DD/MM/YYYY).")
        self.refuse_unreadable()
        typed = education.Escalation(self.case_id, self.to.code(), on, self.note.toPlainText())
        if self.escalation is not None:
            typed = replace(typed, id=self.escalation.id, version=self.escalation.version)
        self.escalation = education.save_escalation(self.register, typed)
