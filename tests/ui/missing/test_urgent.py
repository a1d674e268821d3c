"""What is urgent stands out on the coordinator's dashboard: marked in colour and in words, and first."""

from __future__ import annotations

from datetime import date

from register import missing, people
from tests.helpers.values import at
from tests.helpers.widgets import settled
from ui.shell.tables import URGENT_BACKGROUND


def _child(register, forenames, **details):
    return people.save_child(register, people.Child(forenames, "Test", date(2011, 3, 4), "F", **details))


def _row(table, row):
    return [table.item(row, column).text() for column in range(table.columnCount())]


def test_high_risk_children_missing_now_come_first_marked_in_words_and_colour(qtbot, window, register):
    longest = _child(register, "Amy")
    high = _child(register, "Bea")
    placed = _child(register, "Cal")
    missing.save_episode(register, missing.Episode(longest.id, "M", at("20/11/2026 10:00"), risk_grade="medium"))
    missing.save_episode(register, missing.Episode(high.id, "M", at("27/11/2026 09:00"), risk_grade="high"))
    missing.save_episode(
        register,
        missing.Episode(
            placed.id,
            "A",
            at("25/11/2026 08:00"),
            looked_after=True,
            looked_after_by="other",
            placing_authority="Kent County Council",
        ),
    )
    page = settled(qtbot, window.pages["dashboard"])
    page.refresh()
    settled(qtbot, page)
    table = page.missing_now
    assert page.boxes["missing"].title() == "Missing now (3; 1 high risk, shown first)"
    # High risk first, however recent; then the longest missing.
    assert [table.item(row, 0).text() for row in range(3)] == ["Bea Test", "Amy Test", "Cal Test"]
    assert _row(table, 0)[5:] == ["⚠ High risk", "No", ""]
    assert _row(table, 1)[5:] == ["Medium", "No", ""]
    assert _row(table, 2)[5:] == ["", "Yes, placed here by another authority", "Kent County Council"]
    assert table.item(0, 0).background().color() == URGENT_BACKGROUND
    assert table.item(1, 0).background().color() != URGENT_BACKGROUND


def test_overdue_interviews_come_first_marked_in_words_and_colour(qtbot, window, register):
    due = _child(register, "Dee")
    overdue = _child(register, "Eve")
    # The tests' now is 27/11/2026 17:00: a return at 18:00 on 24/11 is due until 18:00 today (1 h left);
    # one at 16:59 on 24/11 was due at 16:59 today, a minute ago.
    missing.save_episode(
        register, missing.Episode(due.id, "M", at("24/11/2026 09:00"), ended_at=at("24/11/2026 18:00"))
    )
    missing.save_episode(
        register, missing.Episode(overdue.id, "M", at("24/11/2026 09:00"), ended_at=at("24/11/2026 16:59"))
    )
    page = window.pages["dashboard"]
    page.refresh()
    settled(qtbot, page)
    table = page.interviews
    assert _row(table, 0) == ["Eve Test", "24/11/2026 16:59", "⚠ Overdue", "overdue by 0 h 01 min"]
    assert _row(table, 1) == ["Dee Test", "24/11/2026 18:00", "Due", "1 h 00 min left"]
    assert table.item(0, 2).background().color() == URGENT_BACKGROUND
    assert table.item(1, 2).background().color() != URGENT_BACKGROUND
