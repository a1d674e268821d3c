"""The whole register of episodes: filter, sort by any column, search, open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QWidget

from register.core import codes
from register.core.db import Register
from register.missing.listing import EPISODES, EpisodeFilter
from ui.shell.list_page import ListPage
from ui.shell.widgets import CodeChoice, DateField


class EpisodesPage(ListPage):
    noun = "episodes"
    one = "episode"
    tables = frozenset({"children", "missing_episodes", "return_interviews"})

    def __init__(self, register: Register, open_child: Callable[[int], None], parent: QWidget | None = None):
        super().__init__(register, EPISODES, EpisodeFilter(), 3, True, open_child, parent)  # newest first
        self.search.setPlaceholderText("name, case id or police ref")
        self.status = self.labelled("S&tatus:", QComboBox(self))
        for label, value in (("All", "all"), ("Open (still missing)", "open"), ("Closed", "closed")):
            self.status.addItem(label, value)
        self.started_from = self.labelled("Last seen &from:", DateField(self))
        self.started_to = self.labelled("t&o:", DateField(self))
        self.looked_after = self.labelled("&Looked after:", QComboBox(self))
        for label, value in (("Any", None), ("Yes", True), ("No", False)):
            self.looked_after.addItem(label, value)
        self.risk = self.labelled("Ris&k:", CodeChoice(codes.RISK_GRADES, blank="Any", parent=self))
        self.interview = self.labelled("&Interview:", CodeChoice(codes.INTERVIEW_STATES, blank="Any", parent=self))
        self.finish_bar((180, 80, 40, 120, 120, 80, 110, 90, 110))

    def current_filter(self) -> EpisodeFilter:
        return EpisodeFilter(
            status=self.status.currentData(),
            started_from=self.started_from.value(),
            started_to=self.started_to.value(),
            looked_after=self.looked_after.currentData(),
            risk_grade=self.risk.code(),
            interview_state=self.interview.code(),
            search=self.search.text(),
        )
