"""A small read-only table filled from a list, for lists that are short by nature."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

MAX_COLUMN_WIDTH = 240
# An urgent row: dark red on pale red (contrast 8:1), always beside words that say why (never colour alone).
URGENT_TEXT, URGENT_BACKGROUND = QColor("#7a0c0c"), QColor("#fbe3e3")
URGENT_SIGN = "⚠"


def urgent(why: str) -> str:
    """The words that mark a row urgent, with the warning sign that goes before them: urgent("Overdue")."""
    return f"{URGENT_SIGN} {why}"


class ListTable(QTableWidget):
    """Rows of text, each row carrying a value (a child id, an entry) for double-click and Enter."""

    def __init__(self, headers: list[str], parent: QWidget | None = None, wrap: bool = False):
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setResizeContentsPrecision(200)  # size columns from the first rows, not thousands
        # Wrapped rows grow to fit their text; others keep one line, which is much quicker to lay out.
        self.setWordWrap(wrap)
        if wrap:
            self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        else:
            self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setTabKeyNavigation(False)

    def fill(self, rows: list[tuple[Any, list[str]]], urgent_rows: frozenset[int] = frozenset()) -> None:
        """Show ``rows`` of (value, cell texts); the row chosen before (by ``identity`` of its value) stays
        chosen and the list stays scrolled where it was. The rows numbered in ``urgent_rows`` are drawn in
        the urgent colours; their texts must say why (``urgent``), so that colour is never the only cue."""
        chosen = self.current_value()
        chosen_identity = None if chosen is None else self.identity(chosen)
        scrolled = self.verticalScrollBar().value()
        self.setUpdatesEnabled(False)
        try:
            self.clearContents()
            self.setRowCount(len(rows))
            for number, (value, texts) in enumerate(rows):
                for column, text in enumerate(texts):
                    item = QTableWidgetItem(text)
                    item.setData(Qt.ItemDataRole.UserRole, value)
                    if not self.wordWrap():
                        item.setToolTip(text)
                    if number in urgent_rows:
                        item.setForeground(URGENT_TEXT)
                        item.setBackground(URGENT_BACKGROUND)
                    self.setItem(number, column, item)
            if chosen_identity is not None:
                again = next((n for n, (value, _) in enumerate(rows) if self.identity(value) == chosen_identity), -1)
                if again >= 0:
                    self.setCurrentCell(again, 0)
                else:
                    self.setCurrentCell(-1, -1)
            # Size the columns once, after filling (sizing as each cell arrives is quadratic).
            for column in range(self.columnCount() - 1):
                self.resizeColumnToContents(column)
                if not self.wordWrap():  # long text is cut short with "…"; its tooltip shows it whole
                    self.setColumnWidth(column, min(self.columnWidth(column), MAX_COLUMN_WIDTH))
        finally:
            self.setUpdatesEnabled(True)
        self.verticalScrollBar().setValue(scrolled)

    @staticmethod
    def identity(value: Any) -> Any:
        """What makes a row the same row after a refill (its value, unless a table says otherwise)."""
        return value

    def choose_last(self, wanted: Callable[[Any], bool]) -> bool:
        """Choose the last row whose value is ``wanted`` and scroll it into view; False if there is none."""
        for number in reversed(range(self.rowCount())):
            item = self.item(number, 0)
            if item is not None and wanted(item.data(Qt.ItemDataRole.UserRole)):
                self.setCurrentCell(number, 0)
                self.scrollToItem(item)
                return True
        return False

    def current_value(self) -> Any:
        """The value of the row the person chose, or None: a row that only holds the keyboard's focus,
        not shown as chosen, is not a choice."""
        row = self.currentRow()
        if row < 0 or not self.selectionModel().isRowSelected(row):
            return None
        item = self.item(row, 0)
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.cellDoubleClicked.emit(self.currentRow(), 0)
            return
        super().keyPressEvent(event)
