"""A register's records as a big list: a filter bar above, a paged table, a count below."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from register import RegisterError
from register.core import clock, permissions
from register.core.db import Register
from register.core.paging import Listing
from register.core.words import counted
from register.exports import lists
from ui.shell import list_export
from ui.shell.flow import FlowLayout, pair
from ui.shell.page import Page
from ui.shell.paged_model import PagedTableModel

NEARBY = 200  # how far a chosen record is looked for after the list is read again (one page)


class ListPage(Page):
    """Subclasses add their filter widgets with ``labelled`` and define ``current_filter()``, which
    returns the filter as typed (ValueError names what cannot be read). A list a register declares
    (RegisterFace.lists) has an Export… button, for a role that may export lists."""

    noun, one = "records", "record"  # what the list holds, and one of them
    said = Signal(str)  # what an export is doing or did, for the foot of the window

    def __init__(
        self,
        register: Register,
        listing: Listing,
        initial_filter: Any,
        sort_column: int,
        descending: bool,
        open_child: Callable[[int], None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.open_child = open_child
        self._timer = QTimer(self)  # typing filters once the person pauses
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.apply_filter)
        self._filters: list[QWidget] = []
        self._noted: Any = None  # the filter whose search was last noted in the access log
        layout = QVBoxLayout(self)
        self.bar = FlowLayout()  # the filters wrap onto a second row on a narrow screen
        layout.addLayout(self.bar)
        self.search = self.labelled("&Search:", QLineEdit(self))
        self.search.setPlaceholderText("name, case id or reference")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(170)
        self.problem = QLabel(self)
        self.problem.setObjectName("fieldError")
        self.problem.hide()
        layout.addWidget(self.problem)
        self.model = PagedTableModel(register, listing, initial_filter, sort_column, descending, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(sort_column, order)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        layout.addWidget(self.table)
        self.count = QLabel(self)
        layout.addWidget(self.count)

    def labelled(self, text: str, widget: QWidget) -> Any:
        """Add a filter widget with its label; once the bar is finished, using it filters the list."""
        label = QLabel(text, self)
        label.setBuddy(widget)
        self.bar.addWidget(pair(self, label, widget))
        self._filters.append(widget)
        return widget

    def finish_bar(self, widths: tuple[int, ...]) -> None:
        """Connect the filters (choosing filters at once; typing after a pause) and size the columns."""
        for widget in self._filters:
            if isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.apply_filter)
            elif isinstance(widget, QLineEdit):
                widget.textChanged.connect(self._timer.start)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        declared = lists.declared_for(self.model.listing)
        self.export_button: QPushButton | None = None
        if declared is not None and self.model.register.may(permissions.EXPORT_LISTS):
            self.export_button = QPushButton("E&xport…", self)
            self.export_button.setToolTip(
                f"Write the {declared.title.lower()} as listed here (every page, as filtered and sorted) "
                f"to an Excel workbook or a CSV file ({list_export.KEYS})"
            )
            self.export_button.clicked.connect(lambda: self.export(declared))
            keys = QShortcut(QKeySequence(list_export.KEYS), self)  # only the page in view hears it
            keys.activated.connect(self.export_button.click)
            self.bar.addWidget(self.export_button)
        self._show_count()

    def export(self, declared: Any) -> None:
        """Ask for a file and write this list to it, exactly as filtered and sorted on screen."""
        if self._timer.isActive():  # words typed a moment ago: the list they narrow it to
            self._timer.stop()
            self.apply_filter()
        model = self.model
        shown = (model.list_filter, model.sort_column, model.descending)
        list_export.export_list(self, model.register, declared, shown, self.said.emit, self._exporting)

    def _exporting(self, busy: bool) -> None:
        if self.export_button is not None:
            self.export_button.setEnabled(not busy)

    @Slot()
    def apply_filter(self) -> None:
        try:
            list_filter = self.current_filter()
        except ValueError as error:
            self.problem.setText(f"Filter not applied: {error}")
            self.problem.show()
            return
        if self.search.text().strip() and list_filter != self._noted:  # noted once, not at each redraw
            try:
                self.model.listing.note_search(self.model.register, list_filter, clock.now(), self.noun)
            except RegisterError as error:  # the access log could not be written: the search is not shown
                self.problem.setText(f"Search not applied: {error}")
                self.problem.show()
                return
            self._noted = list_filter
        self.problem.hide()
        self.model.set_filter(list_filter)
        self._show_count()

    def fill(self) -> None:
        """Read the list again, keeping the scroll position and the record chosen: found where it was or
        within NEARBY rows of it (records added or removed above it move it), else none is chosen."""
        chosen = self.table.currentIndex() if self.table.selectionModel().hasSelection() else None
        chosen_row = self.model.row_at(chosen.row()) if chosen is not None and chosen.isValid() else None
        scrolled = self.table.verticalScrollBar().value()
        self.model.reload()
        if chosen is not None and chosen_row is not None:
            found = self.model.find_near(chosen_row.id, chosen.row(), NEARBY)
            if found is not None:
                self.table.setCurrentIndex(self.model.index(found, chosen.column()))
        self.table.verticalScrollBar().setValue(scrolled)
        self._show_count()

    def _show_count(self) -> None:
        shown = counted(self.model.rowCount(), self.one, self.noun)
        self.count.setText(f"{shown}. Click a heading to sort; Enter opens the child.")

    @Slot()
    def _open(self, index) -> None:  # type: ignore[no-untyped-def]
        row = self.model.data(index, Qt.ItemDataRole.UserRole)
        if row is not None:
            self.open_child(row.child_id)
