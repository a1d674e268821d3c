"""The episode list as a window onto the register: pages fetched as they are drawn."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from register import clock, codes, timescales
from register.db import Register
from register.episode_list import COLUMNS, EpisodeFilter, EpisodeRow, count_episodes, episode_rows

PAGE_SIZE = 200
PAGES_KEPT = 25

Index = QModelIndex | QPersistentModelIndex


class EpisodeTableModel(QAbstractTableModel):
    """Holds the count and a few pages of rows; sorting and filtering happen in SQL."""

    def __init__(self, register: Register, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.register = register
        self.episode_filter = EpisodeFilter()
        self.sort_column, self.descending = 3, True  # newest first
        self._total = 0
        self._pages: OrderedDict[int, list[EpisodeRow]] = OrderedDict()
        self._now = clock.now()
        self.reload()

    def reload(self) -> None:
        """Count again and forget the cached pages (after a filter, sort or write)."""
        self.beginResetModel()
        try:
            self._now = clock.now()
            self._pages.clear()
            self._total = count_episodes(self.register, self.episode_filter, self._now)
        finally:
            self.endResetModel()

    def set_filter(self, episode_filter: EpisodeFilter) -> None:
        self.episode_filter = episode_filter
        self.reload()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][0]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column, self.descending = column, order == Qt.SortOrder.DescendingOrder
        self.reload()

    def episode_at(self, row: int) -> EpisodeRow | None:
        if not 0 <= row < self._total:
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = episode_rows(
                self.register, self.episode_filter, self.sort_column, self.descending,
                number * PAGE_SIZE, PAGE_SIZE, self._now, self._total,
            )  # fmt: skip
            self._pages[number] = page
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = row - number * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        episode = self.episode_at(index.row())
        if episode is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(episode, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == 9:
            state = episode.shown_interview_state(self._now)
            if state == "overdue" or state == "late":
                return Qt.GlobalColor.darkRed
        if role == Qt.ItemDataRole.UserRole:
            return episode
        return None

    def _display(self, episode: EpisodeRow, column: int) -> str:
        if column == 0:
            return episode.child_name
        if column == 1:
            return timescales.show_date(episode.dob)
        if column == 2:
            return episode.type
        if column == 3:
            return timescales.show_instant(episode.started_at)
        if column == 4:
            return timescales.show_instant(episode.ended_at) if episode.ended_at else "Still missing"
        if column == 5:
            return timescales.show_duration((episode.ended_at or self._now) - episode.started_at)
        if column == 6:
            return codes.RISK_GRADES.get(episode.risk_grade, "")
        if column == 7:
            return "Yes" if episode.looked_after else "No"
        if column == 8:
            return episode.police_reference
        state = episode.shown_interview_state(self._now)
        label = codes.INTERVIEW_STATES[state]
        if state in ("due", "overdue") and episode.interview_due_at is not None:
            label += f" ({timescales.show_duration(episode.interview_due_at - self._now)})"
        return label
