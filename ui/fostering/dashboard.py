"""The private fostering officer's page: what is due every morning, and every open arrangement."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from register import fostering
from register.core import codes, timescales
from register.core.db import Register
from register.core.words import counted
from ui.shell.page import ListsPage


def _when(due: fostering.Due, today) -> str:  # type: ignore[no-untyped-def]
    days = due.days_left(today)
    if due.overdue(today):
        return f"overdue by {-days} day{'s' if days != -1 else ''}"
    return "due today" if days == 0 else f"{days} day{'s' if days != 1 else ''} left"


class FosteringPage(ListsPage):
    tables = frozenset({"children", "pf_arrangements", "pf_visits"})

    def __init__(self, register: Register, open_child: Callable[[int], None], parent: QWidget | None = None):
        super().__init__(register, open_child, parent)
        self.initial = self.add_list("initial", ["Child", "Notified", "Initial visit due", "When"], 0, 0)
        self.later = self.add_list("later", ["Child", "Last visit", "Next visit due", "When"], 0, 1)
        self.nearing = self.add_list("nearing", ["Child", "Born", "Age limit reached on", "Carer"], 0, 2)
        self.arrangements = self.add_list(
            "open",
            ["Child", "Carer", "Relationship", "Notified", "Notice", "Started", "Next visit", "Suitability"],
            1,
            0,
            columns=3,
        )
        self.summary = self.add_note(2, 3)
        self.refresh()

    def gather(self, register: Register) -> fostering.FosteringDashboard:
        return fostering.dashboard(register)

    def show_gathered(self, board: fostering.FosteringDashboard) -> None:
        today = board.today
        overdue = sum(1 for due in board.initial if due.overdue(today))
        self.boxes["initial"].setTitle(f"Notifications with no initial visit ({len(board.initial)}; {overdue} overdue)")
        self.initial.fill(
            [
                (
                    due.child.id,
                    [
                        due.child.name,
                        timescales.show_date(due.arrangement.notified_on),
                        timescales.show_date(due.due_on),
                        _when(due, today),
                    ],
                )
                for due in board.initial
            ]
        )
        overdue = sum(1 for due in board.later if due.overdue(today))
        self.boxes["later"].setTitle(f"Later visits due this week or overdue ({len(board.later)}; {overdue} overdue)")
        self.later.fill(
            [
                (
                    due.child.id,
                    [
                        due.child.name,
                        timescales.show_date(due.last_visited_on),
                        timescales.show_date(due.due_on),
                        _when(due, today),
                    ],
                )
                for due in board.later
            ]
        )
        self.boxes["nearing"].setTitle(f"Reaching the age limit within 30 days ({len(board.nearing_limit)})")
        self.nearing.fill(
            [
                (
                    child.id,
                    [child.name, timescales.show_date(child.dob), timescales.show_date(limit), arrangement.carer_name],
                )
                for child, arrangement, limit in board.nearing_limit
            ]
        )
        every = board.open
        self.boxes["open"].setTitle(f"Open arrangements ({len(every)})")
        self.arrangements.fill(
            [
                (
                    due.child.id,
                    [
                        due.child.name,
                        due.arrangement.carer_name,
                        codes.PF_RELATIONSHIPS.get(due.arrangement.carer_relationship, ""),
                        timescales.show_date(due.arrangement.notified_on),
                        codes.PF_NOTICE.short.get(due.arrangement.notice, ""),
                        timescales.show_date(due.arrangement.started_on) or "not yet",
                        f"{timescales.show_date(due.due_on)} ({_when(due, today)})",
                        codes.PF_SUITABILITY.get(due.arrangement.suitability, "not decided"),
                    ],
                )
                for due in sorted(every, key=lambda due: due.child.surname)
            ]
        )
        self.summary.setText(
            f"{counted(board.never_visited, 'notification')} in the last 12 months had no initial visit "
            "(ended ones included). "
            "Double-click a child (or press Enter) to open."
        )
