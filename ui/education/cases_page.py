"""The register of CME cases: filter, sort by any column, search, open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from register import education
from register.core import codes
from register.core.db import Register
from register.education.listing import CASES, CaseFilter
from ui.shell.list_page import ListPage
from ui.shell.widgets import CodeChoice, DateField


class CasesPage(ListPage):
    noun = "CME cases"
    one = "CME case"
    tables = frozenset({"children", "cme_cases", "cme_outcomes"})

    def __init__(self, register: Register, open_child: Callable[[int], None], parent: QWidget | None = None):
        super().__init__(register, CASES, CaseFilter(), 2, True, open_child, parent)  # latest referral first
        self.register = register
        self.status = self.labelled("S&tatus:", QComboBox(self))
        for label, value in (("Open", "open"), ("Closed", "closed"), ("All", "all")):
            self.status.addItem(label, value)
        self.officer = self.labelled("Off&icer:", QLineEdit(self))
        self.officer.setPlaceholderText("any")
        self.officer.setMaximumWidth(130)
        self.reason = self.labelled("Reaso&n:", CodeChoice(codes.CME_REASONS.short, blank="Any", parent=self))
        self.reason.setMaximumWidth(200)
        self.whereabouts = self.labelled("&Whereabouts:", QComboBox(self))
        for label, value in (("Any", None), ("Known", True), ("Unknown", False)):
            self.whereabouts.addItem(label, value)
        self.outcome = self.labelled(
            "O&utcome:", CodeChoice(education.outcomes(register, include_retired=True), blank="Any", parent=self)
        )
        self.outcome.setMaximumWidth(180)
        self.referred_from = self.labelled("Referred &from:", DateField(self))
        self.referred_to = self.labelled("t&o:", DateField(self))
        self.finish_bar((170, 80, 80, 110, 170, 120, 90, 70, 200))

    def current_filter(self) -> CaseFilter:
        return CaseFilter(
            status=self.status.currentData(),
            officer=self.officer.text().strip(),
            reason=self.reason.code(),
            whereabouts_known=self.whereabouts.currentData(),
            outcome=self.outcome.code(),
            referred_from=self.referred_from.value(),
            referred_to=self.referred_to.value(),
            search=self.search.text(),
        )
