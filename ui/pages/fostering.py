"""The private fostering officer's page: what is due every morning, and every open arrangement."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from register import clock, codes, fostering, timescales
from register.db import Register

from ..tables import ListTable
from .page import Page


def _when(due: fostering.Due, today) -> str:  # type: ignore[no-untyped-def]
    days = due.days_left(today)
    if days < 0:
        return f"overdue by {-days} day{'s' if days != -1 else ''}"
    return "due today" if days == 0 else f"{days} day{'s' if days != 1 else ''} left"


class FosteringPage(Page):
    def __init__(self, register: Register, open_child: Callable[[int], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.register, self.open_child = register, open_child
        layout = QGridLayout(self)
        self.initial = ListTable(["Child", "Notified", "Initial visit due", "When"], self)
        self.later = ListTable(["Child", "Last visit", "Next visit due", "When"], self)
        self.nearing = ListTable(["Child", "Born", "Age limit reached on", "Carer"], self)
        self.arrangements = ListTable(["Child", "Carer", "Relationship", "Notified", "Notice", "Started",
                                       "Next visit", "Suitability"], self)  # fmt: skip
        self.boxes: dict[str, QGroupBox] = {}
        for key, table, row, column, span in (("initial", self.initial, 0, 0, 1), ("later", self.later, 0, 1, 1),
                                              ("nearing", self.nearing, 0, 2, 1),
                                              ("open", self.arrangements, 1, 0, 3)):  # fmt: skip
            box = QGroupBox(self)
            inner = QVBoxLayout(box)
            inner.addWidget(table)
            table.cellDoubleClicked.connect(lambda r, _c, t=table: self._open(t, r))
            self.boxes[key] = box
            layout.addWidget(box, row, column, 1, span)
        self.summary = QLabel(self)
        layout.addWidget(self.summary, 2, 0, 1, 3)
        self.refresh()

    def _open(self, table: ListTable, row: int) -> None:
        item = table.item(row, 0)
        if item is not None:
            self.open_child(item.data(256))

    def fill(self) -> None:
        today = clock.today()
        board = fostering.dashboard(self.register)
        overdue = sum(1 for due in board.initial if due.due_on < today)
        self.boxes["initial"].setTitle(f"Notifications with no initial visit ({len(board.initial)}; {overdue} overdue)")
        self.initial.fill([(due.child.id, [due.child.name, timescales.show_date(due.arrangement.notified_on),
                                           timescales.show_date(due.due_on), _when(due, today)])
                           for due in board.initial])  # fmt: skip
        overdue = sum(1 for due in board.later if due.due_on < today)
        self.boxes["later"].setTitle(f"Later visits due this week or overdue ({len(board.later)}; {overdue} overdue)")
        self.later.fill([(due.child.id, [due.child.name, timescales.show_date(due.last_visited_on),
                                         timescales.show_date(due.due_on), _when(due, today)])
                         for due in board.later])  # fmt: skip
        self.boxes["nearing"].setTitle(f"Reaching the age limit within 30 days ({len(board.nearing_limit)})")
        self.nearing.fill([(child.id, [child.name, timescales.show_date(child.dob), timescales.show_date(limit),
                                       arrangement.carer_name])
                           for child, arrangement, limit in board.nearing_limit])  # fmt: skip
        every = fostering.next_visits(self.register)
        self.boxes["open"].setTitle(f"Open arrangements ({len(every)})")
        self.arrangements.fill([
            (due.child.id, [due.child.name, due.arrangement.carer_name,
                            codes.PF_RELATIONSHIPS.get(due.arrangement.carer_relationship, ""),
                            timescales.show_date(due.arrangement.notified_on),
                            codes.PF_NOTICE.get(due.arrangement.notice, "").split(" (")[0],
                            timescales.show_date(due.arrangement.started_on) or "not yet",
                            f"{timescales.show_date(due.due_on)} ({_when(due, today)})",
                            codes.PF_SUITABILITY.get(due.arrangement.suitability, "not decided")])
            for due in sorted(every, key=lambda due: due.child.surname)
        ])  # fmt: skip
        self.summary.setText(
            f"{board.never_visited} notification(s) in the last 12 months had no initial visit (ended ones included). "
            "Double-click a child (or press Enter) to open."
        )
