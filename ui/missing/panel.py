"""The missing register's part of a child's record: episodes, returns and return home interviews."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog

from register import missing
from register.core.chronology_entry import Entry
from ui.missing.episode_form import EpisodeDialog
from ui.missing.interview_form import InterviewDialog
from ui.shell import msgbox
from ui.shell.face import Action, RecordPanel


class MissingPanel(RecordPanel):
    title_text = "Missing from home or care"
    tables = ("missing_episodes", "return_interviews")

    def actions(self) -> list[Action]:
        return [
            ("episode", "New &episode…", "Ctrl+E", self.new_episode),
            ("return", "Record &return…", "Ctrl+R", self.record_return),
            ("interview", "Record &interview…", "Ctrl+I", self.record_interview),
            ("delete", "De&lete episode…", "", self.delete_episode),
        ]

    def refresh(self) -> None:
        record = self.record
        self.episodes = missing.episodes_for_child(record.register, record.child.id or 0)
        self.open_episode = next((e for e in self.episodes if e.is_open), None)
        self.buttons["return"].setEnabled(self.open_episode is not None)
        self.buttons["episode"].setEnabled(self.open_episode is None)
        # An interview follows a return: with none recorded there is nothing to interview about yet.
        self.buttons["interview"].setEnabled(any(not episode.is_open for episode in self.episodes))

    def form_for(self, entry: Entry) -> QDialog:
        register, events, child = self.record.register, self.record.events, self.record.child
        if entry.table == "missing_episodes":
            return EpisodeDialog(register, events, child, missing.get_episode(register, entry.row_id), parent=self)
        return InterviewDialog(register, events, child, missing.get_interview(register, entry.row_id), parent=self)

    @Slot()
    def new_episode(self) -> None:
        record = self.record
        record.open_dialog(EpisodeDialog(record.register, record.events, record.child, parent=self))

    @Slot()
    def record_return(self) -> None:
        if self.open_episode is None:
            return
        record = self.record
        dialog = EpisodeDialog(record.register, record.events, record.child, self.open_episode, parent=self)
        record.open_dialog(dialog)
        dialog.ended_at.setFocus()

    @Slot()
    def record_interview(self) -> None:
        record = self.record
        selected = record.selected()
        if selected is not None and selected.table == "return_interviews":
            interview = missing.get_interview(record.register, selected.row_id)
            record.open_dialog(InterviewDialog(record.register, record.events, record.child, interview, parent=self))
            return
        waiting = [e.id or 0 for e in self.episodes if e.interview_state == "pending"]
        record.open_dialog(
            InterviewDialog(record.register, record.events, record.child, episode_ids=tuple(waiting[-1:]), parent=self)
        )

    @Slot()
    def delete_episode(self) -> None:
        """Remove an episode entered in error (for example twice), after asking."""
        record = self.record
        entry = record.selected()
        if entry is None or entry.table != "missing_episodes":
            msgbox.inform(self, "Delete episode", "Choose the episode's line in the chronology first.")
            return
        episode = missing.get_episode(record.register, entry.row_id)
        msgbox.confirm(
            self,
            "Delete episode",
            f"Delete the episode {episode.label()} of {record.child.name}? Use this only for an episode entered in "
            "error. Its interview goes with it if it covers no other episode. The audit trail keeps a copy.",
            lambda: record.write(lambda: missing.delete_episode(record.register, episode), "Episode not deleted"),
        )
