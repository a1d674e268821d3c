"""Record a return home interview for one or more of a child's episodes."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from register import missing, people
from register.core import codes
from register.core.db import Register
from ui.shell.events import RegisterEvents
from ui.shell.form import FormDialog
from ui.shell.widgets import CodeChoice, DateTimeField


def _text_box(parent: QWidget) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setMaximumHeight(54)
    return box


class InterviewDialog(FormDialog):
    """Offer, outcome, completion, findings and actions; the episodes it covers are ticked."""

    def __init__(
        self,
        register: Register,
        events: RegisterEvents,
        child: people.Child,
        interview: missing.ReturnInterview | None = None,
        episode_ids: tuple[int, ...] = (),
        parent: QWidget | None = None,
    ):
        super().__init__(register, events, f"Return home interview: {child.label}", parent)
        self.child, self.interview = child, interview
        covered = set(interview.episode_ids if interview else episode_ids)
        self.episodes = self.add_field("Covers &episodes", QListWidget(self), "episodes")
        self.episodes.setMaximumHeight(90)
        for episode in reversed(missing.episodes_for_child(register, child.id or 0)):
            if episode.ended_at is None:
                continue
            taken = missing.interview_for_episode(register, episode.id or 0)
            if taken is not None and (interview is None or taken.id != interview.id):
                continue
            item = QListWidgetItem(episode.label(), self.episodes)
            item.setData(Qt.ItemDataRole.UserRole, episode.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if episode.id in covered else Qt.CheckState.Unchecked)
        if self.episodes.count() == 0:
            self.show_banner("No returned episode of this child is waiting for an interview: record the return first.")
        self.offered_at = self.add_field("&Offered", DateTimeField(self), "offered_at")
        self.offered_by = self.add_field("Offered &by", QLineEdit(self), "offered_by")
        self.service = self.add_field("&Service", CodeChoice(codes.INTERVIEW_SERVICES, parent=self), "service")
        self.outcome = self.add_field(
            "O&utcome", CodeChoice(codes.INTERVIEW_OUTCOMES, blank="Not yet known", parent=self), "outcome"
        )
        self.outcome_reason = self.add_field("&Reason (declined / not offered)", QLineEdit(self), "outcome_reason")
        self.completed_at = self.add_field("&Completed", DateTimeField(self), "completed_at")
        self.completed_by = self.add_field("Completed b&y", QLineEdit(self), "completed_by")
        self.independent = self.add_field("", QCheckBox("&Independent of the child's care", self), "independent")
        self.independent.setChecked(True)
        self.push_factors = self.add_field("Push factors", _text_box(self), "push_factors")
        self.pull_factors = self.add_field("Pull factors", _text_box(self), "pull_factors")
        self.harm_disclosed = self.add_field("Harm disclosed", _text_box(self), "harm_disclosed")
        self.where_went = self.add_field("Where the child went", QLineEdit(self), "where_went")
        self.with_whom = self.add_field("With whom", QLineEdit(self), "with_whom")
        self.exploitation_indicators = self.add_field(
            "Exploitation indicators", _text_box(self), "exploitation_indicators"
        )
        actions = QWidget(self)
        grid = QGridLayout(actions)
        grid.setContentsMargins(0, 0, 0, 0)
        self.actions = {key: QCheckBox(label, actions) for key, label in codes.INTERVIEW_ACTIONS.items()}
        for number, box in enumerate(self.actions.values()):
            grid.addWidget(box, number // 2, number % 2)
        self.add_field("Actions", actions, "actions")
        self.notes = self.add_field("Notes", _text_box(self), "notes")
        if interview is not None:
            self._fill(interview)
            self.reloads_with(self._reload)
        self.resize(640, self.sizeHint().height())

    def _reload(self) -> None:
        assert self.interview is not None
        self.interview = missing.get_interview(self.register, self.interview.id or 0)
        self._fill(self.interview)

    def _fill(self, interview: missing.ReturnInterview) -> None:
        self.offered_at.set_value(interview.offered_at)
        self.offered_by.setText(interview.offered_by)
        self.service.set_code(interview.service)
        self.outcome.set_code(interview.outcome)
        self.outcome_reason.setText(interview.outcome_reason)
        self.completed_at.set_value(interview.completed_at)
        self.completed_by.setText(interview.completed_by)
        self.independent.setChecked(interview.independent)
        for box, value in (
            (self.push_factors, interview.push_factors),
            (self.pull_factors, interview.pull_factors),
            (self.harm_disclosed, interview.harm_disclosed),
            (self.exploitation_indicators, interview.exploitation_indicators),
            (self.notes, interview.notes),
        ):
            box.setPlainText(value)
        self.where_went.setText(interview.where_went)
        self.with_whom.setText(interview.with_whom)
        for key, box in self.actions.items():
            box.setChecked(key in interview.actions)

    def chosen_episode_ids(self) -> tuple[int, ...]:
        items = [self.episodes.item(row) for row in range(self.episodes.count())]
        return tuple(
            item.data(Qt.ItemDataRole.UserRole)
            for item in reversed(items)
            if item.checkState() == Qt.CheckState.Checked
        )

    def save(self) -> None:
        offered_at = self.read("offered_at", self.offered_at.value)
        completed_at = self.read("completed_at", self.completed_at.value)
        self.refuse_unreadable()
        typed = missing.ReturnInterview(
            child_id=self.child.id or 0,
            episode_ids=self.chosen_episode_ids(),
            offered_at=offered_at,
            offered_by=self.offered_by.text(),
            service=self.service.code(),
            outcome=self.outcome.code(),
            outcome_reason=self.outcome_reason.text(),
            completed_at=completed_at,
            completed_by=self.completed_by.text(),
            independent=self.independent.isChecked(),
            push_factors=self.push_factors.toPlainText(),
            pull_factors=self.pull_factors.toPlainText(),
            harm_disclosed=self.harm_disclosed.toPlainText(),
            where_went=self.where_went.text(),
            with_whom=self.with_whom.text(),
            exploitation_indicators=self.exploitation_indicators.toPlainText(),
            actions=frozenset(key for key, box in self.actions.items() if box.isChecked()),
            notes=self.notes.toPlainText(),
        )
        if self.interview is not None:
            typed = replace(typed, id=self.interview.id, version=self.interview.version)
        self.interview = missing.save_interview(self.register, typed)
