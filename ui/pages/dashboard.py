"""The coordinator's dashboard: missing now, interviews due, repeat missing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from register import clock, codes, missing, settings, timescales
from register.db import Register

from ..tables import ListTable
from .page import Page


class DashboardPage(Page):
    def __init__(self, register: Register, open_child: Callable[[int], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.register, self.open_child = register, open_child
        layout = QGridLayout(self)
        self.missing_now = ListTable(["Child", "Born", "Type", "Last seen", "Missing for", "Risk"], self)
        self.interviews = ListTable(["Child", "Returned", "Interview", "Time left"], self)
        self.repeat = ListTable(["Child", "Born", "Episodes", "Latest"], self)
        self.boxes = {}
        for position, (key, table) in enumerate(
            (("missing", self.missing_now), ("interviews", self.interviews), ("repeat", self.repeat))
        ):
            box = QGroupBox(self)
            inner = QVBoxLayout(box)
            inner.addWidget(table)
            table.cellDoubleClicked.connect(lambda row, _column, table=table: self._open(table, row))
            self.boxes[key] = box
            if position == 0:
                layout.addWidget(box, 0, 0, 1, 2)
            else:
                layout.addWidget(box, 1, position - 1)
        self.updated = QLabel(self)
        layout.addWidget(self.updated, 2, 0, 1, 2)
        self.refresh()

    def _open(self, table: ListTable, row: int) -> None:
        item = table.item(row, 0)
        if item is not None:
            self.open_child(item.data(256))

    def fill(self) -> None:
        now = clock.now()
        rows_now = missing.missing_now(self.register)
        self.boxes["missing"].setTitle(f"Missing now ({len(rows_now)})")
        self.missing_now.fill(
            [
                (child.id, [child.name, timescales.show_date(child.dob), episode.type,
                            timescales.show_instant(episode.started_at),
                            timescales.show_duration(now - episode.started_at),
                            codes.RISK_GRADES.get(episode.risk_grade, "")])
                for child, episode in rows_now
            ]
        )  # fmt: skip
        due = missing.interviews_due(self.register)
        overdue = sum(1 for _, episode in due if episode.shown_interview_state(now) == "overdue")
        self.boxes["interviews"].setTitle(f"Return interviews due ({len(due) - overdue}) and overdue ({overdue})")
        self.interviews.fill(
            [
                (child.id, [child.name, timescales.show_instant(episode.ended_at),
                            codes.INTERVIEW_STATES[episode.shown_interview_state(now)],
                            _time_left(episode.interview_due_at - now) if episode.interview_due_at else ""])
                for child, episode in due
            ]
        )  # fmt: skip
        repeat, repeat_total = missing.repeat_missing(self.register)
        count = settings.get_int(self.register, settings.REPEAT_MISSING_EPISODES)
        days = settings.get_int(self.register, settings.REPEAT_MISSING_DAYS)
        shown = (
            f"{repeat_total}"
            if repeat_total == len(repeat)
            else f"{repeat_total}; the {len(repeat)} most frequent shown"
        )
        self.boxes["repeat"].setTitle(f"Repeat missing: {count} or more episodes in {days} days ({shown})")
        self.repeat.fill(
            [
                (r.child.id, [r.child.name, timescales.show_date(r.child.dob), str(r.episodes),
                              timescales.show_instant(r.last_started_at)])
                for r in repeat
            ]
        )  # fmt: skip
        self.updated.setText(f"Updated {timescales.show_instant(now)}. Double-click a child (or press Enter) to open.")


def _time_left(span) -> str:  # type: ignore[no-untyped-def]
    if span.total_seconds() > 0:
        return f"{timescales.show_duration(span)} left"
    return f"overdue by {timescales.show_duration(-span)}"
