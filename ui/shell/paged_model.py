"""A register's list as a window onto the file: pages fetched as they are drawn."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from register.core import clock
from register.core.db import Register
from register.core.paging import Listing

PAGE_SIZE = 200
PAGES_KEPT = 25

Index = QModelIndex | QPersistentModelIndex


class PagedTableModel(QAbstractTableModel):
    """Holds the count and a few pages of rows; sorting and filtering happen in SQL."""

    def __init__(
        self, register: Register, listing: Listing, list_filter: Any, sort_column: int, descending: bool, parent=None
    ):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.register, self.listing = register, listing
        self.list_filter = list_filter
        self.sort_column, self.descending = sort_column, descending
        self._total = 0
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self._now = clock.now()
        self.reload()

    def reload(self) -> None:
        """Count again and forget the cached pages (after a filter, sort or write)."""
        self.beginResetModel()
        try:
            self._now = clock.now()
            self._pages.clear()
            self._total = self.listing.count(self.register, self.list_filter, self._now)
        finally:
            self.endResetModel()

    def set_filter(self, list_filter: Any) -> None:
        self.list_filter = list_filter
        self.reload()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.listing.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.listing.columns[section][0]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column, self.descending = column, order == Qt.SortOrder.DescendingOrder
        self.reload()

    def row_at(self, row: int) -> Any:
        if not 0 <= row < self._total:
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self.listing.page(
                self.register,
                self.list_filter,
                self.sort_column,
                self.descending,
                number * PAGE_SIZE,
                PAGE_SIZE,
                self._now,
                self._total,
            )
            self._pages[number] = page
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = row - number * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def find_near(self, row_id: int, row: int, distance: int) -> int | None:
        """The row now showing the record ``row_id``, looked for outwards from ``row`` up to ``distance``
        rows either way (reading at most the pages around it); None if it is not there."""
        for step in range(distance + 1):
            for candidate in {row - step, row + step}:
                found = self.row_at(candidate)
                if found is not None and found.id == row_id:
                    return candidate
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.listing.show(row, index.column(), self._now)
        if role == Qt.ItemDataRole.ForegroundRole and self.listing.warn(row, index.column(), self._now):
            return Qt.GlobalColor.darkRed
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None
