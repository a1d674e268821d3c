"""The whole register of episodes: filter, sort by any column, search, open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from register import codes
from register.db import Register
from register.episode_list import EPISODES, EpisodeFilter

from ..models.paged_model import PagedTableModel
from ..widgets import CodeChoice, DateField


class EpisodesPage(QWidget):
    def __init__(self, register: Register, open_child: Callable[[int], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.open_child = open_child
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()

        def labelled(text: str, widget: QWidget) -> QWidget:
            label = QLabel(text, self)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget)
            return widget

        self.search = labelled("&Search:", QLineEdit(self))
        self.search.setPlaceholderText("name, case id or police ref")
        self.search.setClearButtonEnabled(True)
        self.status = labelled("S&tatus:", QComboBox(self))
        for label, value in (("All", "all"), ("Open (still missing)", "open"), ("Closed", "closed")):
            self.status.addItem(label, value)
        self.started_from = labelled("Last seen &from:", DateField(self))
        self.started_to = labelled("t&o:", DateField(self))
        self.looked_after = labelled("&Looked after:", QComboBox(self))
        for label, value in (("Any", None), ("Yes", True), ("No", False)):
            self.looked_after.addItem(label, value)
        self.risk = labelled("&Risk:", CodeChoice(codes.RISK_GRADES, blank="Any", parent=self))
        self.interview = labelled("&Interview:", CodeChoice(codes.INTERVIEW_STATES, blank="Any", parent=self))
        bar.addStretch(1)
        layout.addLayout(bar)
        self.problem = QLabel(self)
        self.problem.setObjectName("fieldError")
        self.problem.hide()
        layout.addWidget(self.problem)

        self.model = PagedTableModel(register, EPISODES, EpisodeFilter(), 3, True, self)  # newest first
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(self.model.sort_column, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        for column, width in enumerate((180, 80, 40, 120, 120, 80, 110, 90, 110)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        self.count = QLabel(self)
        layout.addWidget(self.count)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._timer.start)
        self.started_from.textChanged.connect(self._timer.start)
        self.started_to.textChanged.connect(self._timer.start)
        for combo in (self.status, self.looked_after, self.risk, self.interview):
            combo.currentIndexChanged.connect(self.apply_filter)
        self._show_count()

    def current_filter(self) -> EpisodeFilter:
        """The filter as typed; ValueError names a date that cannot be read."""
        return EpisodeFilter(
            status=self.status.currentData(),
            started_from=self.started_from.value(),
            started_to=self.started_to.value(),
            looked_after=self.looked_after.currentData(),
            risk_grade=self.risk.code(),
            interview_state=self.interview.code(),
            search=self.search.text(),
        )

    @Slot()
    def apply_filter(self) -> None:
        try:
            episode_filter = self.current_filter()
        except ValueError as error:
            self.problem.setText(f"Filter not applied: {error}")
            self.problem.show()
            return
        self.problem.hide()
        self.model.set_filter(episode_filter)
        self._show_count()

    @Slot()
    def refresh(self) -> None:
        self.model.reload()
        self._show_count()

    def _show_count(self) -> None:
        self.count.setText(f"{self.model.rowCount():,} episodes. Click a heading to sort; Enter opens the child.")

    @Slot()
    def _open(self, index) -> None:  # type: ignore[no-untyped-def]
        episode = self.model.data(index, Qt.ItemDataRole.UserRole)
        if episode is not None:
            self.open_child(episode.child_id)
