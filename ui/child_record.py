"""A child's record: details, identifiers and the chronology, with what can be done next."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Slot
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

from register import NotFoundError, RegisterError, people
from register.chronology import chronology
from register.core import codes, permissions, timescales
from register.core.chronology_entry import Entry
from register.core.db import Change, Register
from register.core.errors import PermissionDenied
from register.reports.chronology_pdf import write_chronology
from ui.export_files import export_whole_record
from ui.faces import WINDOWS, changeable, readable
from ui.people.child_form import ChildDialog
from ui.shell import msgbox
from ui.shell.dialogs import open_dialog
from ui.shell.events import RegisterEvents
from ui.shell.face import Action, RecordPanel, add_button
from ui.shell.form import FormDialog
from ui.shell.history_dialog import HistoryDialog
from ui.shell.printing import print_document
from ui.shell.saving import write_or_warn
from ui.shell.screen import fit_to_screen
from ui.shell.tables import ListTable


class ChildRecord(QDialog):
    """Opened without blocking; refreshes itself whenever the register changes.

    Each register the person's role may read adds its panel of buttons (``ui/faces.py``); ``buttons`` holds
    every button shown, by key. What the role may not change has no button; what it may not see is left out.
    """

    def __init__(self, register: Register, events: RegisterEvents, child_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.register, self.events, self.child_id = register, events, child_id
        self.child = people.open_record(register, child_id)  # noted in the access log
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        layout.addWidget(self.heading)
        self.details = QGridLayout()
        layout.addLayout(self.details)
        self.chronology = ListTable(["When", "Event", "Interview", "Details"], self, wrap=True)
        self.chronology.identity = lambda entry: (entry.table, entry.row_id, entry.event)  # type: ignore[method-assign]
        self.chronology.cellDoubleClicked.connect(lambda *_: self.edit_entry())
        layout.addWidget(self.chronology, 1)
        groups = QHBoxLayout()
        self.panels: list[RecordPanel] = [
            face.panel(self, self, changeable(face, register)) for face in readable(register)
        ]
        self.buttons: dict[str, QPushButton] = {}
        for panel in self.panels:
            groups.addWidget(panel)
            self.buttons.update(panel.buttons)
        own = QGroupBox("This record", self)
        grid = QGridLayout(own)
        allowed = {"details": register.may_change("children"), "whole": register.may(permissions.WHOLE_RECORD)}
        mine = [action for action in self.own_actions() if allowed.get(action[0], True)]
        for number, (key, text, shortcut, slot) in enumerate(mine):
            self.buttons[key] = add_button(own, text, shortcut, slot)
            grid.addWidget(self.buttons[key], number // 2, number % 2)
        self.chronology.itemSelectionChanged.connect(self._enable_for_line)
        groups.addWidget(own)
        layout.addLayout(groups)
        self.events.changed.connect(self._changed)
        fit_to_screen(self, 1280, 720)
        self.refresh()

    def own_actions(self) -> list[Action]:
        """The record's own buttons (Help reads their texts and shortcuts from the class, with no record open)."""
        return [
            ("edit", "&Open selected…", "", self.edit_entry),
            ("history", "&History…", "Ctrl+H", self.show_history),
            ("details", "Edit &details…", "Ctrl+D", self.edit_details),
            ("print", "&Print chronology…", QKeySequence.StandardKey.Print, self.print_chronology),
            ("pdf", "Save chronology as PD&F…", "", self.save_chronology),
            ("delete", "De&lete (entered in error)…", "", self.delete_entry),
            ("whole", "E&xport whole record…", "", self.export_whole_record),
        ]

    @staticmethod
    def shortcuts() -> list[tuple[str, str, str]]:
        """(part of the record, button, shortcut) for every button of a child's record that has a shortcut."""
        found = []
        parts = [(face.panel.title_text, face.panel.actions(face.panel)) for face in WINDOWS]  # type: ignore[arg-type]
        parts.append(("This record", ChildRecord.own_actions(ChildRecord)))  # type: ignore[arg-type]
        for part, actions in parts:
            for _key, text, shortcut, _slot in actions:
                if shortcut:
                    found.append((part, text, QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)))
        return found

    @Slot(object)
    def _changed(self, change: Change) -> None:
        if change.touches_child(self.child_id):
            self.refresh()
            self.show_saved(change)

    def show_saved(self, change: Change) -> None:
        """Choose, and scroll into view, the chronology's line of what a save added or changed (the last
        line of its record: a return, say, rather than the going missing)."""
        for table, row_id, action in change.records:
            record = (table, row_id)
            if action in ("insert", "update") and self.chronology.choose_last(
                lambda entry, record=record: (entry.table, entry.row_id) == record
            ):
                return

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
        facts = [  # (label, the column it is read from, as shown)
            ("Other names", "other_names", child.other_names),
            ("Born", "dob", timescales.show_date(child.dob)),
            ("Sex", "sex", codes.SEXES.get(child.sex, "")),
            ("Ethnicity", "ethnicity", codes.ETHNICITIES.get(child.ethnicity, "")),
            ("Looked after", "looked_after", "Yes" if child.looked_after else "No"),
            ("UPN", "upn", child.upn),
            ("NHS number", "nhs_number", child.nhs_number),
            ("Case id", "la_id", child.la_id),
            ("School", "school", child.school),
            ("Address", "address", f"{child.address} {child.postcode}".strip()),
            ("Compulsory school age", "dob", f"{timescales.show_date(begins)} to {timescales.show_date(ends)}"),
        ]
        shown = [(label, value) for label, column, value in facts if self.register.may_read("children", column)]
        for number, (label, value) in enumerate(shown):
            fact = QLabel(f"<b>{label}:</b> {value or '—'}", self)
            fact.setWordWrap(True)  # a long address wraps rather than widening the record past the screen
            self.details.addWidget(fact, number // 4, number % 4)
        rows = [
            (entry, [entry.when(), entry.event, entry.status, entry.details])
            for entry in chronology(self.register, self.child_id)
        ]
        first = self.chronology.rowCount() == 0
        self.chronology.fill(rows)
        if first:  # the latest events first meet the eye; later redraws stay where the person was
            self.chronology.scrollToBottom()
        self.buttons["delete"].setEnabled(self.register.read_only is None)  # deleting writes too
        for panel in self.panels:
            panel.refresh()
            if self.register.read_only is not None:  # every panel button writes; open for viewing only
                for button in panel.buttons.values():
                    button.setEnabled(False)
        self._enable_for_line()

    def _may_read_whole(self, entry: Entry | None) -> bool:
        """Whether the person's role may read the whole record a chronology line (or, with none chosen, the
        child's details) belongs to: what opening it and its history show."""
        try:
            self.register.require_whole("children" if entry is None else entry.table)
        except PermissionDenied:
            return False
        return True

    @Slot()
    def _enable_for_line(self) -> None:
        """Open selected and History only where the role may read the whole record chosen (an education welfare
        officer reads a missing episode's line in the chronology, not the episode's findings or history)."""
        entry = self.selected()
        whole = self._may_read_whole(entry)
        for key in ("edit", "history"):
            self.buttons[key].setEnabled(whole)
            self.buttons[key].setToolTip("" if whole else "Your role may read this line but not the whole record.")

    def selected(self) -> Entry | None:
        """The chronology line chosen, if any."""
        return self.chronology.current_value()

    def open_dialog(self, dialog: QDialog) -> None:
        open_dialog(dialog)

    def write(self, write: Callable[[], object], failed: str) -> None:
        """Run a write the person asked for here; a refusal is shown under the title ``failed``."""
        write_or_warn(self, self.register, self.events, write, failed)

    @Slot()
    def edit_entry(self) -> None:
        entry = self.selected()
        if entry is None:
            msgbox.inform(self, "Open selected", "Choose a line in the chronology first.")
            return
        if not self._may_read_whole(entry):  # a double-click on a line the role reads only in part
            msgbox.inform(
                self, "Open selected", "Your role may read this line of the chronology, not its whole record."
            )
            return
        panel = next(panel for panel in self.panels if entry.table in panel.tables)
        try:
            form = panel.form_for(entry)
        except NotFoundError as error:  # someone else deleted it since the chronology was drawn
            msgbox.warn(self, "Open selected", f"{error} The chronology is drawn again.")
            self.refresh()
            return
        if not panel.may_change and isinstance(form, FormDialog):
            form.view_only()
        open_dialog(form)

    @Slot()
    def delete_entry(self) -> None:
        """Delete the record of the chosen chronology line, entered in error, after asking why; with nothing
        recorded of the child, the child (added in error, say twice)."""
        entry = self.selected()
        if entry is None and self.chronology.rowCount() == 0:
            child = self.child
            what = f"{child.name}, born {timescales.show_date(child.dob)}, who has no records in any register"
            delete: Callable[[str], None] = lambda reason: people.delete_child(self.register, child, reason)  # noqa: E731
        elif entry is None:
            msgbox.inform(self, "Delete", "Choose the line of what was entered in error in the chronology first.")
            return
        else:
            panel = next(panel for panel in self.panels if entry.table in panel.tables)
            try:
                what, delete = panel.deletion(entry)
            except NotFoundError as error:  # someone else deleted it since the chronology was drawn
                msgbox.warn(self, "Delete", f"{error} The chronology is drawn again.")
                self.refresh()
                return
        msgbox.ask_reason(
            self,
            "Delete what was entered in error",
            f"Delete {what}?\n\nOnly for what was entered in error. The audit trail keeps a copy and your reason.\n"
            "Why is it deleted?",
            lambda reason: self.write(lambda: delete(reason), "Not deleted"),
        )

    @Slot()
    def show_history(self) -> None:
        entry = self.selected()
        table, row_id = ("children", self.child_id) if entry is None else (entry.table, entry.row_id)
        open_dialog(HistoryDialog(self.register, table, row_id, self))

    @Slot()
    def export_whole_record(self) -> None:
        """Every field, record and change of the child, as PDF and JSON in a folder chosen (ui/export_files.py)."""
        export_whole_record(self, self.register, self.child_id, self._exporting)

    def _exporting(self, busy: bool) -> None:
        """While the whole record is written, its button says so and cannot be pressed again."""
        button = self.buttons["whole"]
        button.setEnabled(not busy)
        button.setText("Exporting whole record…" if busy else next(a[1] for a in self.own_actions() if a[0] == "whole"))

    @Slot()
    def edit_details(self) -> None:
        open_dialog(ChildDialog(self.register, self.events, self.child, parent=self))

    def _file_name(self) -> str:
        return f"chronology-{self.child.name}.pdf".replace(" ", "-")

    @Slot()
    def print_chronology(self) -> None:
        """Print the chronology on a printer chosen in the system's dialog (with none, offer to save a PDF)."""
        print_document(
            self,
            f"{self.child.name}'s chronology",
            self._file_name(),
            lambda path, then: self._write_pdf(path) and then(path),
            self.save_chronology,
            lambda said: msgbox.inform(self, "Chronology printed", said),
        )

    @Slot()
    def save_chronology(self) -> None:
        msgbox.choose_file_to_save(
            self, "Save the chronology as PDF", self._file_name(), "PDF files (*.pdf)", self.save_pdf
        )

    def save_pdf(self, path: str) -> None:
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        if self._write_pdf(path):
            msgbox.inform(self, "Chronology saved", f"The chronology was saved to {path}.")

    def _write_pdf(self, path: str) -> bool:
        """Write the chronology's PDF to ``path``; a failure is said in a box (False)."""
        try:
            write_chronology(self.register, self.child_id, path)
        except OSError as error:
            msgbox.warn(self, "Chronology not saved", f"The PDF could not be written to {path}: {error.strerror}.")
            return False
        except RegisterError as error:  # its row in the access log could not be written: no PDF either
            msgbox.warn(self, "Chronology not saved", str(error))
            return False
        return True
