"""What every page of the main window shares: it fills itself when shown, not while hidden, and only
when a change concerns it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from register.core.db import Change, Register
from register.core.errors import PermissionDenied
from ui.shell import msgbox
from ui.shell.tables import ListTable
from ui.shell.unexpected import NOT_FOR_YOUR_ROLE
from ui.shell.workers import Worker, while_alive


class Page(QWidget):
    """A page refreshed on every change in the register that concerns it while it is shown; a hidden page
    only notes that it is out of date and fills itself when it is next shown.

    Each page defines ``fill()``, which reads the register and shows what it says, and ``tables``:
    the tables whose changes it shows (None: any change).
    """

    tables: frozenset[str] | None = None
    _stale = True

    def concerned(self, change: Change) -> bool:
        """Whether the page shows anything ``change`` changed."""
        return change.touches(self.tables)

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
    """A page of lists of children in titled boxes on a grid; double-click or Enter opens a child.

    Its figures are gathered off the window's thread, on a connection of their own: each page defines
    ``gather(register)``, which reads what the page shows (it runs on the worker's thread, so it only
    reads the register it is given), and ``show(gathered)``, which puts it on screen. ``filled`` is
    emitted once it is shown; a failure is shown in the page's note.
    """

    filled = Signal()

    def __init__(self, register: Register, open_child: Callable[[int], object], parent: QWidget | None = None):
        super().__init__(parent)
        self.register, self.open_child = register, open_child
        self.grid = QGridLayout(self)
        self.boxes: dict[str, QGroupBox] = {}
        self.worker: Worker | None = None
        self.problem = QLabel(self)
        self.problem.setObjectName("fieldError")
        self.problem.setWordWrap(True)
        self.problem.hide()

    @property
    def filling(self) -> bool:
        """Whether figures asked for have not arrived yet."""
        return self.worker is not None

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
        self.grid.addWidget(self.problem, row + 1, 0, 1, columns)
        return note

    def fill(self) -> None:
        worker = Worker.beside(self.register, lambda register, progress: self.gather(register))  # type: ignore[attr-defined]
        worker.signals.finished.connect(while_alive(self, lambda gathered, w=worker: self._arrived(w, gathered)))
        worker.signals.failed.connect(while_alive(self, lambda error, w=worker: self._failed(w, error)))
        self.worker = worker
        worker.start()

    def _arrived(self, worker: Worker, gathered: Any) -> None:
        if worker is not self.worker:  # asked again since: a later fill is on its way
            return
        self.worker = None
        self.problem.hide()
        self.show_gathered(gathered)  # type: ignore[attr-defined]
        self.filled.emit()

    def _failed(self, worker: Worker, error: Exception) -> None:
        if worker is not self.worker:
            return
        self.worker = None
        self.problem.setText(f"This page could not be brought up to date: {error} Press F5 to try again.")
        self.problem.show()
        if isinstance(error, PermissionDenied):  # no passing trouble: said in a box, as every refusal is
            msgbox.warn(self, NOT_FOR_YOUR_ROLE, str(error))
        self.filled.emit()

    def _open(self, table: ListTable, row: int) -> None:
        item = table.item(row, 0)
        if item is not None:
            self.open_child(item.data(Qt.ItemDataRole.UserRole))
