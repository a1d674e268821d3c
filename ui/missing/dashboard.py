"""The coordinator's dashboard: missing now, interviews due, repeat missing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QWidget

from register.core import codes, timescales
from register.core.db import Register
from register.missing.dashboard import MissingDashboard, dashboard
from ui.shell.page import ListsPage


class DashboardPage(ListsPage):
    tables = frozenset({"children", "missing_episodes", "return_interviews", "settings"})

    def __init__(self, register: Register, open_child: Callable[[int], None], parent: QWidget | None = None):
        super().__init__(register, open_child, parent)
        self.missing_now = self.add_list(
            "missing", ["Child", "Born", "Type", "Last seen", "Missing for", "Risk"], 0, 0, columns=2
        )
        self.interviews = self.add_list("interviews", ["Child", "Returned", "Interview", "Time left"], 1, 0)
        self.repeat = self.add_list("repeat", ["Child", "Born", "Episodes", "Latest"], 1, 1)
        self.updated = self.add_note(2, 2)
        self.refresh()

    def gather(self, register: Register) -> MissingDashboard:
        return dashboard(register)

    def show_gathered(self, board: MissingDashboard) -> None:
        now = board.now
        rows_now = board.missing_now
        self.boxes["missing"].setTitle(f"Missing now ({len(rows_now)})")
        self.missing_now.fill(
            [
                (
                    child.id,
                    [
                        child.name,
                        timescales.show_date(child.dob),
                        episode.type,
                        timescales.show_instant(episode.started_at),
                        timescales.show_duration(now - episode.started_at),
                        codes.RISK_GRADES.get(episode.risk_grade, ""),
                    ],
                )
                for child, episode in rows_now
            ]
        )
        due = board.interviews
        shown = "" if len(due.episodes) == due.due + due.overdue else f"; the first {len(due.episodes)} shown"
        self.boxes["interviews"].setTitle(f"Return interviews due ({due.due}) and overdue ({due.overdue}){shown}")
        self.interviews.fill(
            [
                (
                    child.id,
                    [
                        child.name,
                        timescales.show_instant(episode.ended_at),
                        codes.INTERVIEW_STATES[episode.shown_interview_state(now)],
                        _time_left(episode.interview_due_at, now) if episode.interview_due_at else "",
                    ],
                )
                for child, episode in due.episodes
            ]
        )
        repeat, repeat_total = board.repeat, board.repeat_total
        count, days = board.repeat_episodes, board.repeat_days
        shown = (
            f"{repeat_total}"
            if repeat_total == len(repeat)
            else f"{repeat_total}; the {len(repeat)} most frequent shown"
        )
        self.boxes["repeat"].setTitle(f"Repeat missing: {count} or more episodes in {days} days ({shown})")
        self.repeat.fill(
            [
                (
                    r.child.id,
                    [
                        r.child.name,
                        timescales.show_date(r.child.dob),
                        str(r.episodes),
                        timescales.show_instant(r.last_started_at),
                    ],
                )
                for r in repeat
            ]
        )
        self.updated.setText(f"Updated {timescales.show_instant(now)}. Double-click a child (or press Enter) to open.")


def _time_left(due_at: datetime, now: datetime) -> str:
    if timescales.overdue(due_at, now):
        return f"overdue by {timescales.show_duration(now - due_at)}"
    return f"{timescales.show_duration(due_at - now)} left"
