"""The coordinator's dashboard: missing now, interviews due, repeat missing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from register.core import codes, timescales
from register.core.db import Register
from register.missing.dashboard import MissingDashboard, dashboard
from register.missing.records import Episode
from ui.shell.page import ListsPage
from ui.shell.tables import urgent


class DashboardPage(ListsPage):
    tables = frozenset({"children", "missing_episodes", "return_interviews", "settings"})

    def __init__(self, register: Register, open_child: Callable[[int], None], parent: QWidget | None = None):
        super().__init__(register, open_child, parent)
        self.missing_now = self.add_list(
            "missing",
            ["Child", "Born", "Type", "Last seen", "Missing for", "Risk", "Looked after", "Placing authority"],
            0,
            0,
            columns=2,
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
        high = sum(1 for _, episode in rows_now if episode.risk_grade == "high")
        self.boxes["missing"].setTitle(
            f"Missing now ({len(rows_now)}{f'; {high} high risk, shown first' if high else ''})"
        )
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
                        urgent("High risk")
                        if episode.risk_grade == "high"
                        else codes.RISK_GRADES.get(episode.risk_grade, ""),
                        _looked_after(episode),
                        _placing_authority(episode),
                    ],
                )
                for child, episode in rows_now
            ],
            frozenset(number for number, (_, episode) in enumerate(rows_now) if episode.risk_grade == "high"),
        )
        due = board.interviews
        shown = "" if len(due.episodes) == due.due + due.overdue else f"; the first {len(due.episodes)} shown"
        self.boxes["interviews"].setTitle(f"Return interviews due ({due.due}) and overdue ({due.overdue}){shown}")
        overdue = [episode.shown_interview_state(now) == "overdue" for _, episode in due.episodes]
        self.interviews.fill(
            [
                (
                    child.id,
                    [
                        child.name,
                        timescales.show_instant(episode.ended_at),
                        urgent("Overdue") if late else codes.INTERVIEW_STATES[episode.shown_interview_state(now)],
                        timescales.time_left(episode.interview_due_at, now) if episode.interview_due_at else "",
                    ],
                )
                for (child, episode), late in zip(due.episodes, overdue, strict=True)
            ],
            frozenset(number for number, late in enumerate(overdue) if late),
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


def _looked_after(episode: Episode) -> str:
    """Whether the child was looked after when they went missing, and by whom."""
    if not episode.looked_after:
        return "No"
    return "Yes, placed here by another authority" if episode.looked_after_by == "other" else "Yes, by this authority"


def _placing_authority(episode: Episode) -> str:
    """The authority that placed a looked after child here ("This authority" for its own children)."""
    if not episode.looked_after:
        return ""
    return episode.placing_authority or "Not recorded" if episode.looked_after_by == "other" else "This authority"
