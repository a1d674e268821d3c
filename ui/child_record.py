"""A child's record: details, identifiers and the chronology, with what can be done next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from register import ConflictError, NotFoundError, clock, codes, missing, people, timescales
from register.chronology import chronology
from register.db import Register
from register.reports.chronology_pdf import write_chronology

from . import msgbox
from .events import RegisterEvents
from .forms.child_form import ChildDialog
from .forms.episode_form import EpisodeDialog
from .forms.history_dialog import HistoryDialog
from .forms.interview_form import InterviewDialog
from .tables import ListTable


class ChildRecord(QDialog):
    """Opened without blocking; refreshes itself whenever the register changes."""

    def __init__(self, register: Register, events: RegisterEvents, child_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.register, self.events, self.child_id = register, events, child_id
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setObjectName("heading")
        layout.addWidget(self.heading)
        self.details = QGridLayout()
        layout.addLayout(self.details)
        self.chronology = ListTable(["When", "Event", "Interview", "Details"], self, wrap=True)
        self.chronology.cellDoubleClicked.connect(lambda *_: self.edit_entry())
        layout.addWidget(self.chronology, 1)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, shortcut, slot in (
            ("episode", "New &episode…", "Ctrl+E", self.new_episode),
            ("return", "Record &return…", "Ctrl+R", self.record_return),
            ("interview", "Record &interview…", "Ctrl+I", self.record_interview),
            ("edit", "&Open selected…", "", self.edit_entry),
            ("history", "&History…", "Ctrl+H", self.show_history),
            ("delete", "De&lete episode…", "", self.delete_episode),
            ("details", "Edit &details…", "Ctrl+D", self.edit_details),
            ("print", "&Print chronology (PDF)…", QKeySequence.StandardKey.Print, self.print_chronology),
        ):
            button = QPushButton(text, self)
            button.setAutoDefault(False)
            if shortcut:
                button.setShortcut(QKeySequence(shortcut))
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
        layout.addLayout(buttons)
        self.events.changed.connect(self.refresh)
        self.resize(1000, 600)
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
        facts = [
            ("Other names", child.other_names), ("Born", timescales.show_date(child.dob)),
            ("Sex", codes.SEXES.get(child.sex, "")), ("Ethnicity", codes.ETHNICITIES.get(child.ethnicity, "")),
            ("Looked after", "Yes" if child.looked_after else "No"), ("UPN", child.upn),
            ("NHS number", child.nhs_number), ("Case id", child.la_id), ("School", child.school),
            ("Address", f"{child.address} {child.postcode}".strip()),
        ]  # fmt: skip
        for number, (label, value) in enumerate(facts):
            self.details.addWidget(QLabel(f"<b>{label}:</b> {value or '—'}", self), number // 4, number % 4)
        self.episodes = missing.episodes_for_child(self.register, self.child_id)
        self.open_episode = next((e for e in self.episodes if e.is_open), None)
        states = {e.id: e for e in self.episodes}
        now = clock.now()
        rows = []
        for entry in chronology(self.register, self.child_id):
            state = ""
            if entry.episode_id and entry.event == "Returned / found":
                state = codes.INTERVIEW_STATES[states[entry.episode_id].shown_interview_state(now)]
            rows.append((entry, [timescales.show_instant(entry.at), entry.event, state, entry.details]))
        self.chronology.fill(rows)
        self.chronology.scrollToBottom()
        self.buttons["return"].setEnabled(self.open_episode is not None)
        self.buttons["episode"].setEnabled(self.open_episode is None)

    def _open_dialog(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.last_dialog = dialog

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
        selected = self.chronology.current_value()
        if selected is not None and selected.interview_id:
            self._open_dialog(
                InterviewDialog(
                    self.register,
                    self.events,
                    self.child,
                    missing.get_interview(self.register, selected.interview_id),
                    parent=self,
                )
            )
            return
        waiting = [e.id for e in self.episodes if e.interview_state == "pending"]
        self._open_dialog(InterviewDialog(self.register, self.events, self.child, episode_ids=tuple(waiting[-1:]),
                                          parent=self))  # fmt: skip

    @Slot()
    def edit_entry(self) -> None:
        entry = self.chronology.current_value()
        if entry is None:
            msgbox.inform(self, "Open selected", "Choose an event in the chronology first.")
        elif entry.interview_id:
            interview = missing.get_interview(self.register, entry.interview_id)
            self._open_dialog(InterviewDialog(self.register, self.events, self.child, interview, parent=self))
        else:
            episode = missing.get_episode(self.register, entry.episode_id)
            self._open_dialog(EpisodeDialog(self.register, self.events, self.child, episode, parent=self))

    @Slot()
    def delete_episode(self) -> None:
        """Remove an episode entered in error (for example twice), after asking."""
        entry = self.chronology.current_value()
        if entry is None or not entry.episode_id:
            msgbox.inform(self, "Delete episode", "Choose the episode's line in the chronology first.")
            return
        episode = missing.get_episode(self.register, entry.episode_id)
        msgbox.confirm(
            self,
            "Delete episode",
            f"Delete the episode {episode.label()} of {self.child.name}? Use this only for an episode entered in "
            "error. Its interview goes with it if it covers no other episode. The audit trail keeps a copy.",
            lambda: self._delete(episode),
        )

    def _delete(self, episode: missing.Episode) -> None:
        try:
            missing.delete_episode(self.register, episode)
        except (ConflictError, NotFoundError) as error:
            msgbox.warn(self, "Episode not deleted", str(error))
            return
        self.events.changed.emit("missing_episodes")

    @Slot()
    def show_history(self) -> None:
        entry = self.chronology.current_value()
        if entry is None:
            table, row_id = "children", self.child_id
        elif entry.interview_id:
            table, row_id = "return_interviews", entry.interview_id
        else:
            table, row_id = "missing_episodes", entry.episode_id
        self._open_dialog(HistoryDialog(self.register, table, row_id, self))

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
