"""The EWO dashboard counts every open case in SQL and lists the most urgent of each kind."""

from __future__ import annotations

from datetime import date

from register import RegisterError, education, people
from register.education import dashboard as ewo
from register.education.records import CmeCase
from tests.helpers.widgets import settled


def open_cases(register, count):
    for number in range(count):
        child = people.save_child(register, people.Child(f"Child{number}", "Test", date(2013, 3, 12), "M"))
        education.save_case(
            register,
            CmeCase(
                child.id, date(2026, 10, 1 + number), "admissions", "not_on_roll", assigned_officer="Jo Coordinator"
            ),
        )


def test_lists_show_their_first_cases_and_count_them_all(qtbot, window, register, monkeypatch):
    monkeypatch.setattr(ewo, "SHOWN", 2)
    open_cases(register, 3)
    board = ewo.dashboard(register, "Jo Coordinator")
    assert board.mine.total == 3 and [line.child.forenames for line in board.mine.lines] == ["Child0", "Child1"]
    assert board.whereabouts_unknown.total == 3 and len(board.whereabouts_unknown.lines) == 2
    # Referred 1, 2 and 3 October; eight weeks before 27 November is 2 October, twelve is 4 September.
    assert board.open_total == 3 and board.open_longer == {4: 3, 8: 1, 12: 0}

    page = window.pages["education"]
    window.tabs.setCurrentWidget(page)
    settled(qtbot, page)
    assert page.boxes["mine"].title() == "My open CME cases (3; the first 2 shown)"
    assert page.mine.rowCount() == 2


def test_a_page_that_cannot_be_filled_says_so(qtbot, window, monkeypatch):
    def broken(register, officer):
        raise RegisterError("The register is busy.")

    page = window.pages["education"]
    monkeypatch.setattr("ui.education.dashboard.dashboard", broken)
    window.tabs.setCurrentWidget(page)
    page.refresh()
    settled(qtbot, page)
    assert not page.problem.isHidden()
    assert (
        page.problem.text() == "This page could not be brought up to date: The register is busy. Press F5 to try again."
    )
