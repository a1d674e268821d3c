"""The private fostering register's part of a child's record: notification, visits and the end."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog

from register import fostering
from register.core import timescales
from register.core.chronology_entry import Entry
from ui.fostering.forms import EndArrangementDialog, NotificationDialog, VisitDialog
from ui.shell.face import Action, Deletion, RecordPanel


class FosteringPanel(RecordPanel):
    title_text = "Private fostering"
    tables = ("pf_arrangements", "pf_visits")

    def actions(self) -> list[Action]:
        return [
            ("notify", "&Notification…", "", self.notify),
            ("visit", "Record &visit…", "", self.record_visit),
            ("end", "End arran&gement…", "", self.end_arrangement),
        ]

    def refresh(self) -> None:
        arrangements = fostering.arrangements_for_child(self.record.register, self.record.child.id or 0)
        self.open_arrangement = next((a for a in arrangements if a.is_open), None)
        self.enable("notify", self.open_arrangement is None)
        self.enable("visit", self.open_arrangement is not None)
        self.enable("end", self.open_arrangement is not None)

    def form_for(self, entry: Entry) -> QDialog:
        register, events, child = self.record.register, self.record.events, self.record.child
        if entry.table == "pf_arrangements":
            arrangement = fostering.get_arrangement(register, entry.row_id)
            return NotificationDialog(register, events, child, arrangement, parent=self)
        visit = fostering.get_visit(register, entry.row_id)
        arrangement = fostering.get_arrangement(register, visit.arrangement_id)
        return VisitDialog(register, events, arrangement, visit, parent=self)

    def deletion(self, entry: Entry) -> Deletion:
        register = self.record.register
        if entry.table == "pf_arrangements":
            arrangement = fostering.get_arrangement(register, entry.row_id)
            return (
                f"the private fostering arrangement notified on {timescales.show_date(arrangement.notified_on)}, "
                "with its visits",
                lambda reason: fostering.delete_arrangement(register, arrangement, reason),
            )
        visit = fostering.get_visit(register, entry.row_id)
        return (
            f"the visit of {timescales.show_date(visit.visited_on)}",
            lambda reason: fostering.delete_visit(register, visit, reason),
        )

    @Slot()
    def notify(self) -> None:
        record = self.record
        record.open_dialog(NotificationDialog(record.register, record.events, record.child, parent=self))

    @Slot()
    def record_visit(self) -> None:
        if self.open_arrangement is not None:
            record = self.record
            record.open_dialog(VisitDialog(record.register, record.events, self.open_arrangement, parent=self))

    @Slot()
    def end_arrangement(self) -> None:
        if self.open_arrangement is not None:
            record = self.record
            record.open_dialog(EndArrangementDialog(record.register, record.events, self.open_arrangement, self))
