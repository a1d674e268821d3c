"""What every page of the main window shares: it fills itself when shown, not while hidden."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from register.core.db import Register
from ui.shell.tables import ListTable


class Page(QWidget):
    """A page refreshed on every change in the register while it is shown; a hidden page only
    notes that it is out of date and fills itself when it is next shown.

    Each page defines ``fill()``, which reads the register and shows what it says.
    """

    _stale = True

    @Slot()
    def refresh(self) -> None:
        self._stale = not self.isVisible()
        if not self._stale:
            self.fill()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.refresh()


class ListsPage(Page):
    """A page of lists of children in titled boxes on a grid; double-click or Enter opens a child."""

    def __init__(self, register: Register, open_child: Callable[[int], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.register, self.open_child = register, open_child
        self.grid = QGridLayout(self)
        self.boxes: dict[str, QGroupBox] = {}

    def add_list(self, key: str, headers: list[str], row: int, column: int, columns: int = 1) -> ListTable:
        box = QGroupBox(self)
        inner = QVBoxLayout(box)
        table = ListTable(headers, box)
        inner.addWidget(table)
        table.cellDoubleClicked.connect(lambda number, _column: self._open(table, number))
        self.boxes[key] = box
        self.grid.addWidget(box, row, column, 1, columns)
        return table

    def add_note(self, row: int, columns: int) -> QLabel:
        note = QLabel(self)
        self.grid.addWidget(note, row, 0, 1, columns)
        return note

    def _open(self, table: ListTable, row: int) -> None:
        item = table.item(row, 0)
        if item is not None:
            self.open_child(item.data(Qt.ItemDataRole.UserRole))
