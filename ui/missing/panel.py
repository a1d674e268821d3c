"""The missing register's part of a child's record: episodes, returns and return home interviews."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog

from register import missing
from register.core import clock, codes, timescales
from register.core.chronology_entry import Entry
from register.core.words import counted
from ui.missing.episode_form import EpisodeDialog
from ui.missing.interview_form import InterviewDialog
from ui.shell.face import Action, Deletion, RecordPanel


def _in_short(episodes: list[missing.Episode]) -> str:
    """How many episodes, the latest's dates and its return interview's state: what every role that reads the
    register may see of them (an education welfare officer sees no places, notes or findings)."""
    if not episodes:
        return "No episodes recorded."
    latest = max(episodes, key=lambda episode: episode.started_at)
    began = timescales.show_instant(latest.started_at)
    if latest.ended_at is None:
        return f"{counted(len(episodes), 'episode')}; the latest began {began} and the child is still missing."
    state = codes.INTERVIEW_STATES[latest.shown_interview_state(clock.now())]
    return (
        f"{counted(len(episodes), 'episode')}; the latest from {began} to {timescales.show_instant(latest.ended_at)}; "
        f"return interview: {state.lower()}."
    )


class MissingPanel(RecordPanel):
    title_text = "Missing from home or care"
    tables = ("missing_episodes", "return_interviews")

    def actions(self) -> list[Action]:
        return [
            ("episode", "New &episode…", "Ctrl+E", self.new_episode),
            ("return", "Record &return…", "Ctrl+R", self.record_return),
            ("interview", "Record &interview…", "Ctrl+I", self.record_interview),
        ]

    def refresh(self) -> None:
        record = self.record
        self.episodes = missing.episodes_for_child(record.register, record.child.id or 0)
        self.open_episode = next((e for e in self.episodes if e.is_open), None)
        self.enable("return", self.open_episode is not None)
        self.enable("episode", self.open_episode is None)
        # An interview follows a return: with no returned episode waiting for one there is nothing to record.
        waiting = any(episode.interview_state == "pending" for episode in self.episodes)
        self.enable("interview", waiting)
        if "interview" in self.buttons:
            self.buttons["interview"].setToolTip(
                "" if waiting else "No returned episode is waiting for an interview: open one from the chronology."
            )
        self.show_summary(_in_short(self.episodes))

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

    def deletion(self, entry: Entry) -> Deletion:
        register = self.record.register
        if entry.table == "missing_episodes":
            episode = missing.get_episode(register, entry.row_id)
            return (
                f"the episode {episode.label()} (with its interview, if that covers no other episode)",
                lambda reason: missing.delete_episode(register, episode, reason),
            )
        interview = missing.get_interview(register, entry.row_id)
        return (
            "the return home interview (its episodes wait for an interview again)",
            lambda reason: missing.delete_interview(register, interview, reason),
        )
