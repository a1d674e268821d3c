"""Finding a child by name, date of birth or identifier, or adding a new one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from register import people
from register.core import codes, timescales
from register.core.db import Register
from ui.shell.page import Page
from ui.shell.tables import ListTable

FIRST = 200  # children listed before anyone types


class ChildrenPage(Page):
    tables = frozenset({"children"})

    def __init__(
        self,
        register: Register,
        open_child: Callable[[int], None],
        new_child: Callable[[], None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.register, self.open_child = register, open_child
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        label = QLabel("&Find a child:", self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Part of a name, a date of birth (DD/MM/YYYY), a UPN, NHS number or case id")
        self.search.setClearButtonEnabled(True)
        label.setBuddy(self.search)
        self.new_button = QPushButton("&New child…", self)
        self.new_button.clicked.connect(new_child)
        row.addWidget(label)
        row.addWidget(self.search, 1)
        row.addWidget(self.new_button)
        layout.addLayout(row)
        self.results = ListTable(
            ["Name", "Other names", "Born", "Sex", "Looked after", "UPN", "NHS number", "Case id"], self
        )
        self.results.cellDoubleClicked.connect(self._open)
        layout.addWidget(self.results)
        self.status = QLabel(self)
        layout.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self._open_first)
        self.setFocusProxy(self.search)

    def fill(self) -> None:
        typed = self.search.text().strip()
        if typed:
            found = people.find_children(self.register, typed)
        else:  # before anyone types: the register's children by surname
            found, total = people.first_children(self.register, FIRST)
        self.results.fill(
            [
                (
                    child.id,
                    [
                        child.name,
                        child.other_names,
                        timescales.show_date(child.dob),
                        codes.SEXES.get(child.sex, ""),
                        "Yes" if child.looked_after else "No",
                        child.upn,
                        child.nhs_number,
                        child.la_id,
                    ],
                )
                for child in found
            ]
        )
        if not typed:
            shown = f"the first {len(found):,} shown; type" if total > len(found) else "type"
            self.status.setText(
                f"{total:,} {'child' if total == 1 else 'children'} in the register, by surname ({shown} to find "
                "a child). Enter or a double-click opens the child chosen."
            )
        else:
            self.status.setText(f"{len(found)} found" + (" (first 100 shown)" if len(found) >= 100 else ""))

    @Slot()
    def _open_first(self) -> None:
        self._timer.stop()
        self.refresh()
        if self.results.rowCount():
            self.results.selectRow(0)
            self._open(0, 0)

    @Slot(int, int)
    def _open(self, row: int, _column: int) -> None:
        item = self.results.item(row, 0)
        if item is not None:
            self.open_child(item.data(256))
