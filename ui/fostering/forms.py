"""Forms of the private fostering register: the notification, a visit, the end of the arrangement."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from register import fostering, people
from register.core import clock, codes, timescales
from register.core.db import Register
from ui.shell.events import RegisterEvents
from ui.shell.form import FormDialog
from ui.shell.widgets import CodeChoice, DateField

NOTICE_CHOICES = {
    "notified": "Notified (in advance or late: worked out from the dates)",
    "emergency": codes.PF_NOTICE["emergency"],
    "other_means": codes.PF_NOTICE["other_means"],
}


def _notes(parent: QWidget, height: int = 60) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setMaximumHeight(height)
    return box


class NotificationDialog(FormDialog):
    """A notification of private fostering; says as it is typed whether the arrangement is private fostering."""

    def __init__(
        self,
        register: Register,
        events: RegisterEvents,
        child: people.Child,
        arrangement: fostering.Arrangement | None = None,
        parent: QWidget | None = None,
    ):
        title = "Private fostering arrangement" if arrangement else "New private fostering notification"
        super().__init__(register, events, f"{title}: {child.label}", parent)
        self.child, self.arrangement = child, arrangement
        self.assessment = QLabel(self)
        self.assessment.setObjectName("assessment")
        self.assessment.setWordWrap(True)
        self.form.addRow(self.assessment)
        self.notified_on = self.add_field("&Notified on", DateField(self), "notified_on")
        self.aware_on = self.add_field("Authority &aware from", DateField(self), "aware_on")
        self.aware_on.setPlaceholderText("if before")
        self.notified_by = self.add_field(
            "Notified &by", CodeChoice(codes.PF_NOTIFIERS, blank=None, parent=self), "notified_by"
        )
        self.notice = self.add_field("&How", CodeChoice(NOTICE_CHOICES, blank=None, parent=self), "notice")
        self.intended_start = self.add_field("&Intended start", DateField(self), "intended_start_on")
        self.started_on = self.add_field("&Started", DateField(self), "started_on")
        self.purpose = self.add_field("&Purpose", CodeChoice(codes.PF_PURPOSES, parent=self), "purpose")
        self.duration = self.add_field("Intended &duration (days)", QLineEdit(self), "intended_duration_days")
        self.duration.setPlaceholderText("empty if open-ended")
        self.carer_name = self.add_field("&Carer", QLineEdit(self), "carer_name")
        self.carer_address = self.add_field("Carer's add&ress", QLineEdit(self), "carer_address")
        self.relationship = self.add_field(
            "Carer's re&lationship", CodeChoice(codes.PF_RELATIONSHIPS, parent=self), "carer_relationship"
        )
        self.parents = self.add_field("Par&ents", QLineEdit(self), "parents")
        self.born_abroad = self.add_field("", QCheckBox("Child born abr&oad", self), "born_abroad")
        self.disabled = self.add_field("", QCheckBox("Child disab&led (private fostering up to 18)", self), "disabled")
        self.notes = self.add_field("No&tes", _notes(self), "notes")
        if arrangement is not None:
            self._fill(arrangement)
            self.reloads_with(self._reload)
        else:
            self.notified_on.set_value(clock.today())
            self.disabled.setChecked(child.disabled)
        for widget in (self.notified_on, self.intended_start, self.started_on, self.duration):
            widget.textChanged.connect(self._assess)
        for combo in (self.relationship, self.notice):
            combo.currentIndexChanged.connect(self._assess)
        self.disabled.toggled.connect(self._assess)
        self._assess()
        self.setMinimumWidth(640)

    def _reload(self) -> None:
        assert self.arrangement is not None
        self.arrangement = fostering.get_arrangement(self.register, self.arrangement.id or 0)
        self._fill(self.arrangement)
        self._assess()

    def _fill(self, arrangement: fostering.Arrangement) -> None:
        self.notified_on.set_value(arrangement.notified_on)
        if arrangement.aware_on and arrangement.aware_on != arrangement.notified_on:
            self.aware_on.set_value(arrangement.aware_on)
        self.notified_by.set_code(arrangement.notified_by)
        self.notice.set_code(arrangement.notice if arrangement.notice in NOTICE_CHOICES else "notified")
        self.intended_start.set_value(arrangement.intended_start_on)
        self.started_on.set_value(arrangement.started_on)
        self.purpose.set_code(arrangement.purpose)
        self.duration.setText(
            "" if arrangement.intended_duration_days is None else str(arrangement.intended_duration_days)
        )
        self.carer_name.setText(arrangement.carer_name)
        self.carer_address.setText(arrangement.carer_address)
        self.relationship.set_code(arrangement.carer_relationship)
        self.parents.setText(arrangement.parents)
        self.born_abroad.setChecked(arrangement.born_abroad)
        self.disabled.setChecked(arrangement.disabled)
        self.notes.setPlainText(arrangement.notes)

    def _duration(self) -> int | None:
        text = self.duration.text().strip()
        if not text:
            return None
        if not text.isdigit():
            raise ValueError("The duration is a whole number of days.")
        return int(text)

    def typed(self) -> fostering.Arrangement:
        """The arrangement as typed; ValueError if a date or number cannot be read."""
        intended = self.intended_start.value() or self.started_on.value() or self.notified_on.value()
        if intended is None or self.notified_on.value() is None:
            raise ValueError("Enter the notification date.")
        typed = fostering.Arrangement(
            child_id=self.child.id or 0,
            notified_on=self.notified_on.value(),
            aware_on=self.aware_on.value(),
            notified_by=self.notified_by.code(),
            notice=self.notice.code(),
            intended_start_on=intended,
            started_on=self.started_on.value(),
            purpose=self.purpose.code(),
            intended_duration_days=self._duration(),
            carer_name=self.carer_name.text(),
            carer_address=self.carer_address.text(),
            carer_relationship=self.relationship.code(),
            parents=self.parents.text(),
            born_abroad=self.born_abroad.isChecked(),
            disabled=self.disabled.isChecked(),
            notes=self.notes.toPlainText(),
        )
        if self.arrangement is not None:
            old = self.arrangement
            typed = replace(
                typed,
                id=old.id,
                version=old.version,
                suitability=old.suitability,
                suitability_on=old.suitability_on,
                suitability_note=old.suitability_note,
                ended_on=old.ended_on,
                end_reason=old.end_reason,
                end_destination=old.end_destination,
            )
        return typed

    @Slot()
    def _assess(self) -> None:
        try:
            typed = self.typed()
        except ValueError:
            self.assessment.setText("Enter the dates to see whether this is private fostering.")
            return
        if not typed.carer_relationship:
            self.assessment.setText("Choose the carer's relationship to see whether this is private fostering.")
            return
        why = fostering.not_private_fostering(typed, self.child)
        if why:
            self.assessment.setText(f"<b>Not private fostering.</b> {why}")
            return
        due = fostering.initial_visit_due(typed.notified_on)
        notice = codes.PF_NOTICE.short[fostering.notice_given(typed.notified_on, typed.start, typed.notice)]
        self.assessment.setText(
            f"<b>Private fostering.</b> Notice: {notice.lower()}. "
            f"Initial visit due by {timescales.show_date(due)} (7 working days)."
        )

    def save(self) -> None:
        for field, widget in (
            ("notified_on", self.notified_on),
            ("aware_on", self.aware_on),
            ("intended_start_on", self.intended_start),
            ("started_on", self.started_on),
        ):
            self.read(field, widget.value)
        self.read("intended_duration_days", self._duration)
        self.require("notified_on", self.read("notified_on", self.notified_on.value), "Enter the notification date.")
        self.refuse_unreadable()
        self.arrangement = fostering.save_arrangement(self.register, self.typed())


class VisitDialog(FormDialog):
    """A visit; the initial visit also records the eleven matters and the suitability decision."""

    def __init__(
        self,
        register: Register,
        events: RegisterEvents,
        arrangement: fostering.Arrangement,
        visit: fostering.Visit | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(register, events, "Private fostering visit", parent)
        self.arrangement, self.visit = arrangement, visit
        has_initial = any(v.kind == "initial" for v in fostering.visits_for_arrangement(register, arrangement.id or 0))
        self.kind = self.add_field("&Kind", CodeChoice(codes.PF_VISIT_KINDS, blank=None, parent=self), "kind")
        self.kind.set_code(visit.kind if visit else ("statutory" if has_initial else "initial"))
        self.visited_on = self.add_field("&Visited on", DateField(self), "visited_on")
        self.officer = self.add_field("&Officer", QLineEdit(register.actor.name, self), "officer")
        self.seen_alone = self.add_field("", QCheckBox("Child &seen alone", self), "seen_alone")
        self.seen_alone.setChecked(True)
        self.not_alone_reason = self.add_field("&Why not alone", QLineEdit(self), "not_alone_reason")
        self.matters_box = QWidget(self)
        grid = QGridLayout(self.matters_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.matters: dict[str, tuple[QCheckBox, QLineEdit]] = {}
        for row, (key, label) in enumerate(codes.PF_MATTERS.items()):
            tick, note = QCheckBox(label, self.matters_box), QLineEdit(self.matters_box)
            note.setPlaceholderText("note")
            grid.addWidget(tick, row, 0)
            grid.addWidget(note, row, 1)
            self.matters[key] = (tick, note)
        self.add_field("Matters established", self.matters_box, "matters")
        self.suitability = self.add_field(
            "Suitability &decision", CodeChoice(codes.PF_SUITABILITY, parent=self), "suitability"
        )
        self.suitability_note = self.add_field("Decision &note", QLineEdit(self), "suitability_note")
        self.notes = self.add_field("No&tes", _notes(self), "notes")
        if visit is not None:
            self._fill(visit, arrangement)
            self.reloads_with(self._reload)
        else:
            self.visited_on.set_value(clock.today())
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.seen_alone.toggled.connect(self._kind_changed)
        self._kind_changed()
        self.setMinimumWidth(720)

    def _reload(self) -> None:
        assert self.visit is not None
        self.visit = fostering.get_visit(self.register, self.visit.id or 0)
        self.arrangement = fostering.get_arrangement(self.register, self.arrangement.id or 0)
        self._fill(self.visit, self.arrangement)

    def _fill(self, visit: fostering.Visit, arrangement: fostering.Arrangement) -> None:
        self.kind.set_code(visit.kind)
        self.visited_on.set_value(visit.visited_on)
        self.officer.setText(visit.officer)
        self.seen_alone.setChecked(visit.seen_alone)
        self.not_alone_reason.setText(visit.not_alone_reason)
        for key, (tick, note) in self.matters.items():
            tick.setChecked(key in (visit.matters or {}))
            note.setText((visit.matters or {}).get(key, ""))
        self.notes.setPlainText(visit.notes)
        self.suitability.set_code(arrangement.suitability)
        self.suitability_note.setText(arrangement.suitability_note)

    @Slot()
    def _kind_changed(self) -> None:
        initial = self.kind.code() == "initial"
        for widget in (self.matters_box, self.suitability, self.suitability_note):
            widget.setEnabled(initial)
        self.not_alone_reason.setEnabled(not self.seen_alone.isChecked())

    def save(self) -> None:
        visited_on = self.read("visited_on", self.visited_on.value)
        self.require("visited_on", visited_on, "Enter the date of the visit (DD/MM/YYYY).")
        self.refuse_unreadable()
        initial = self.kind.code() == "initial"
        matters = {key: note.text().strip() for key, (tick, note) in self.matters.items() if tick.isChecked()}
        typed = fostering.Visit(
            arrangement_id=self.arrangement.id or 0,
            visited_on=visited_on,
            kind=self.kind.code(),
            officer=self.officer.text(),
            seen_alone=self.seen_alone.isChecked(),
            not_alone_reason=self.not_alone_reason.text(),
            matters=matters if initial else None,
            notes=self.notes.toPlainText(),
        )
        if self.visit is not None:
            typed = replace(typed, id=self.visit.id, version=self.visit.version)
        self.visit = fostering.record_visit(
            self.register, typed, self.suitability.code() if initial else "", self.suitability_note.text()
        )


class EndArrangementDialog(FormDialog):
    """The arrangement ends: when, why, and where the child went."""

    def __init__(
        self,
        register: Register,
        events: RegisterEvents,
        arrangement: fostering.Arrangement,
        parent: QWidget | None = None,
    ):
        super().__init__(register, events, "End the private fostering arrangement", parent)
        self.arrangement = arrangement
        self.ended_on = self.add_field("&Ended on", DateField(self), "ended_on")
        self.ended_on.set_value(clock.today())
        self.reason = self.add_field("&Why", CodeChoice(codes.PF_END_REASONS, parent=self), "end_reason")
        self.destination = self.add_field("&Where the child went", QLineEdit(self), "end_destination")
        self.setMinimumWidth(520)

    def save(self) -> None:
        ended_on = self.read("ended_on", self.ended_on.value)
        self.require("ended_on", ended_on, "Enter the date the arrangement ended (DD/MM/YYYY).")
        self.refuse_unreadable()
        self.arrangement = fostering.end_arrangement(
            self.register, self.arrangement, ended_on, self.reason.code(), self.destination.text()
        )
