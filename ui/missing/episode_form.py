"""Record a new episode, the return, or correct an episode."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPlainTextEdit, QWidget

from register import missing, people
from register.core import codes
from register.core.db import Register
from ui.shell.events import RegisterEvents
from ui.shell.form import FormDialog
from ui.shell.widgets import CodeChoice, DateTimeField


class EpisodeDialog(FormDialog):
    """The episode's fields; the return (found) fields stay empty while the child is missing."""

    def __init__(
        self,
        register: Register,
        events: RegisterEvents,
        child: people.Child,
        episode: missing.Episode | None = None,
        parent: QWidget | None = None,
    ):
        title = f"{'Episode' if episode else 'New episode'}: {child.label}"
        super().__init__(register, events, title, parent)
        self.child, self.episode = child, episode
        self.type = self.add_field("&Type", CodeChoice(codes.EPISODE_TYPES, blank=None, parent=self), "type")
        self.started_at = self.add_field("&Last seen", DateTimeField(self), "started_at")
        self.last_seen_place = self.add_field("Last seen &where", QLineEdit(self), "last_seen_place")
        self.reported_at = self.add_field("&Reported to police", DateTimeField(self), "reported_at")
        self.police_reference = self.add_field("Police re&ference", QLineEdit(self), "police_reference")
        self.risk_grade = self.add_field("Police risk &grade", CodeChoice(codes.RISK_GRADES, parent=self), "risk_grade")
        self.looked_after = self.add_field("", QCheckBox("Loo&ked after at the start", self), "looked_after")
        self.looked_after_by = self.add_field(
            "Looked after &by", CodeChoice(codes.LOOKED_AFTER_BY, parent=self), "looked_after_by"
        )
        self.placing_authority = self.add_field("&Placing authority", QLineEdit(self), "placing_authority")
        concerns = QWidget(self)
        row = QHBoxLayout(concerns)
        row.setContentsMargins(0, 0, 0, 0)
        self.concerns = {key: QCheckBox(label, concerns) for key, label in codes.EXPLOITATION_CONCERNS.items()}
        for box in self.concerns.values():
            row.addWidget(box)
        self.add_field("Exploitation concerns", concerns, "concerns")
        self.ended_at = self.add_field("Found / &returned", DateTimeField(self), "ended_at")
        self.found_place = self.add_field("Found w&here", QLineEdit(self), "found_place")
        self.notes = self.add_field("&Notes", QPlainTextEdit(self), "notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(80)
        self.looked_after.toggled.connect(self._looked_after_changed)
        self.looked_after_by.currentIndexChanged.connect(self._looked_after_changed)
        if episode is not None:
            self._fill(episode)
            self.reloads_with(self._reload)
        else:
            self.looked_after.setChecked(child.looked_after)
            self.looked_after_by.set_code(child.looked_after_by)
        self._looked_after_changed()
        self.resize(560, self.sizeHint().height())

    def _looked_after_changed(self) -> None:
        self.looked_after_by.setEnabled(self.looked_after.isChecked())
        self.placing_authority.setEnabled(self.looked_after.isChecked() and self.looked_after_by.code() == "other")

    def _reload(self) -> None:
        assert self.episode is not None
        self.episode = missing.get_episode(self.register, self.episode.id or 0)
        self._fill(self.episode)
        self._looked_after_changed()

    def _fill(self, episode: missing.Episode) -> None:
        self.type.set_code(episode.type)
        self.started_at.set_value(episode.started_at)
        self.last_seen_place.setText(episode.last_seen_place)
        self.reported_at.set_value(episode.reported_at)
        self.police_reference.setText(episode.police_reference)
        self.risk_grade.set_code(episode.risk_grade)
        self.looked_after.setChecked(episode.looked_after)
        self.looked_after_by.set_code(episode.looked_after_by)
        self.placing_authority.setText(episode.placing_authority)
        for key, box in self.concerns.items():
            box.setChecked(key in episode.concerns)
        self.ended_at.set_value(episode.ended_at)
        self.found_place.setText(episode.found_place)
        self.notes.setPlainText(episode.notes)

    def save(self) -> None:
        started_at = self.read("started_at", self.started_at.value)
        self.require("started_at", started_at, "Enter when the child was last seen.")
        ended_at = self.read("ended_at", self.ended_at.value)
        reported_at = self.read("reported_at", self.reported_at.value)
        self.refuse_unreadable()
        typed = missing.Episode(
            child_id=self.child.id or 0,
            type=self.type.code(),
            started_at=started_at,
            last_seen_place=self.last_seen_place.text(),
            reported_at=reported_at,
            police_reference=self.police_reference.text(),
            risk_grade=self.risk_grade.code(),
            looked_after=self.looked_after.isChecked(),
            looked_after_by=self.looked_after_by.code(),
            placing_authority=self.placing_authority.text(),
            concerns=frozenset(key for key, box in self.concerns.items() if box.isChecked()),
            ended_at=ended_at,
            found_place=self.found_place.text(),
            notes=self.notes.toPlainText(),
        )
        if self.episode is not None:
            typed = replace(typed, id=self.episode.id, version=self.episode.version)
        self.episode = missing.save_episode(self.register, typed)
