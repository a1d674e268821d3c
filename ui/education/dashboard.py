"""The education welfare officer's dashboard."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from register import education
from register.core import codes, timescales
from register.core.db import Register
from register.education.dashboard import CaseList, EducationDashboard, dashboard
from ui.shell.page import ListsPage


def _count(cases: CaseList) -> str:
    return f"{cases.total}" if cases.total <= len(cases.lines) else f"{cases.total}; the first {len(cases.lines)} shown"


class EducationPage(ListsPage):
    tables = frozenset(
        {"children", "cme_cases", "cme_enquiries", "absences", "schools", "school_terms", "school_closures", "settings"}
    )

    def __init__(self, register: Register, open_child: Callable[[int], None], parent: QWidget | None = None):
        super().__init__(register, open_child, parent)
        self.officer = register.actor.name
        self.mine = self.add_list("mine", ["Child", "Referred", "Days open", "Reason", "Last enquiry"], 0, 0)
        self.absence = self.add_list(
            "absence", ["Child", "School", "Absent since", "School days", "Stage", "CME case"], 0, 1
        )
        self.stale = self.add_list("stale", ["Child", "Officer", "Referred", "Last enquiry"], 1, 0)
        self.unknown = self.add_list("unknown", ["Child", "Officer", "Referred", "Days open"], 1, 1)
        self.summary = self.add_note(2, 2)
        self.refresh()

    def gather(self, register: Register) -> EducationDashboard:
        return dashboard(register, self.officer)

    def show_gathered(self, board: EducationDashboard) -> None:
        today = board.today
        self.boxes["mine"].setTitle(f"My open CME cases ({_count(board.mine)})")
        self.mine.fill(
            [
                (
                    line.child.id,
                    [
                        line.child.name,
                        timescales.show_date(line.case.referred_on),
                        str(line.case.days_open(today)),
                        codes.CME_REASONS.short[line.case.reason],
                        timescales.show_date(line.last_enquiry_on) or "none",
                    ],
                )
                for line in board.mine.lines
            ]
        )
        twenty = sum(1 for run in board.absence if run.school_days >= education.DELETION_DAYS)
        self.boxes["absence"].setTitle(
            f"Continuous absence: 10 or more school days ({len(board.absence)}), 20 or more ({twenty})"
        )
        self.absence.fill(
            [
                (
                    run.child.id,
                    [
                        run.child.name,
                        run.school.name,
                        timescales.show_date(run.from_on),
                        str(run.school_days),
                        "Deletion possible, 9(1)(i)"
                        if run.school_days >= education.DELETION_DAYS
                        else "Likely referral",
                        "open" if run.open_case else "none",
                    ],
                )
                for run in board.absence
            ]
        )
        self.boxes["stale"].setTitle(f"No enquiry for {board.stale_days} days or more ({_count(board.stale)})")
        self.stale.fill(
            [
                (
                    line.child.id,
                    [
                        line.child.name,
                        line.case.assigned_officer,
                        timescales.show_date(line.case.referred_on),
                        timescales.show_date(line.last_enquiry_on) or "none",
                    ],
                )
                for line in board.stale.lines
            ]
        )
        self.boxes["unknown"].setTitle(f"Whereabouts unknown ({_count(board.whereabouts_unknown)})")
        self.unknown.fill(
            [
                (
                    line.child.id,
                    [
                        line.child.name,
                        line.case.assigned_officer,
                        timescales.show_date(line.case.referred_on),
                        str(line.case.days_open(today)),
                    ],
                )
                for line in board.whereabouts_unknown.lines
            ]
        )
        weeks = board.open_longer
        self.summary.setText(
            f"{board.open_total} open CME cases: {weeks[4]} open longer than 4 weeks, {weeks[8]} longer than 8, "
            f"{weeks[12]} longer than 12. Double-click a child (or press Enter) to open."
        )
