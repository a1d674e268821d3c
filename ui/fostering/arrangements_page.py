"""Every private fostering arrangement, open or ended: filter, sort by any column, search, open, export."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QWidget

from register.core.db import Register
from register.fostering.listing import ARRANGEMENTS, ArrangementFilter
from ui.shell.list_page import ListPage
from ui.shell.widgets import DateField


class ArrangementsPage(ListPage):
    noun = "private fostering arrangements"
    one = "private fostering arrangement"
    tables = frozenset({"children", "pf_arrangements"})

    def __init__(self, register: Register, open_child: Callable[[int], None], parent: QWidget | None = None):
        super().__init__(register, ARRANGEMENTS, ArrangementFilter(), 4, True, open_child, parent)  # latest first
        self.status = self.labelled("S&tatus:", QComboBox(self))
        for label, value in (("Open", "open"), ("Ended", "ended"), ("All", "all")):
            self.status.addItem(label, value)
        self.notified_from = self.labelled("Notified &from:", DateField(self))
        self.notified_to = self.labelled("t&o:", DateField(self))
        self.finish_bar((170, 80, 150, 200, 80, 160, 80, 80))

    def current_filter(self) -> ArrangementFilter:
        return ArrangementFilter(
            status=self.status.currentData(),
            notified_from=self.notified_from.value(),
            notified_to=self.notified_to.value(),
            search=self.search.text(),
        )
