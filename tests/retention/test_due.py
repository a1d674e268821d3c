"""Which children are due for their records' review: the day each reaches the retention age, worked by hand,
29 February births included, and the records still open that keep a child from being erased."""

from __future__ import annotations

from datetime import date

import pytest

from register import education, people
from register.core import permissions, settings
from register.core.errors import PermissionDenied
from register.education import CmeCase
from register.retention.due import due_for_review, reached_on
from tests.helpers.retention import aged_child
from tests.helpers.values import refused


@pytest.mark.parametrize(
    ("born", "years", "reached"),
    [
        (date(2001, 6, 15), 25, date(2026, 6, 15)),  # the 25th birthday
        (date(2000, 2, 29), 25, date(2025, 3, 1)),  # 2025 has no 29 February: the day after 28 February
        (date(2000, 2, 29), 24, date(2024, 2, 29)),  # 2024 has one
        (date(2000, 2, 28), 25, date(2025, 2, 28)),
        (date(2000, 3, 1), 25, date(2025, 3, 1)),
        (date(2001, 12, 31), 25, date(2026, 12, 31)),
    ],
)
def test_the_day_a_child_reaches_the_age(born, years, reached):
    assert reached_on(born, years) == reached


def _child(register, forenames: str, born: date) -> people.Child:
    return people.save_child(register, people.Child(forenames, "Birthday", born, "F"))


def _listed(register, on: date) -> list[str]:
    return [due.name for due in due_for_review(register, on)]


def test_a_child_is_due_from_the_day_they_reach_25_not_the_day_before(register):
    _child(register, "June", date(2001, 6, 15))
    _child(register, "Leap", date(2000, 2, 29))
    _child(register, "March", date(2000, 3, 1))
    assert _listed(register, date(2025, 2, 28)) == []
    # 1 March 2025: the child born on 29 February 2000 reaches 25 (2025 has no 29 February), as does March.
    assert _listed(register, date(2025, 3, 1)) == ["Leap Birthday", "March Birthday"]
    assert _listed(register, date(2026, 6, 14)) == ["Leap Birthday", "March Birthday"]
    assert _listed(register, date(2026, 6, 15)) == ["Leap Birthday", "March Birthday", "June Birthday"]


def test_a_leap_day_child_reaches_an_age_on_29_february_in_a_leap_year(register):
    settings.put(register, {settings.RETENTION_AGE: "24"})
    _child(register, "Eve", date(2004, 2, 28))  # 24 on 28/02/2028
    _child(register, "Leaper", date(2004, 2, 29))  # 24 on 29/02/2028: 2028 has a 29 February
    assert _listed(register, date(2028, 2, 27)) == []
    assert _listed(register, date(2028, 2, 28)) == ["Eve Birthday"]
    assert _listed(register, date(2028, 2, 29)) == ["Eve Birthday", "Leaper Birthday"]


def test_the_age_is_a_setting(register):
    _child(register, "June", date(2001, 6, 15))
    assert _listed(register, date(2026, 11, 27)) == ["June Birthday"]
    settings.put(register, {settings.RETENTION_AGE: "30"})
    assert _listed(register, date(2026, 11, 27)) == []
    assert refused(settings.put, register, {settings.RETENTION_AGE: "12"}) == {"retention_age": "Retention: review records when the child reaches (years) must be a whole "
                        "number of at least 18 and at most 100"}  # fmt: skip


def test_each_child_due_shows_their_records_last_change_and_what_is_still_open(register):
    aged = aged_child(register)
    open_case = _child(register, "Open", date(2000, 1, 10))
    education.save_case(register, CmeCase(open_case.id, date(2013, 9, 20), "police", "absent_10_days"))
    found = {due.name: due for due in due_for_review(register, date(2026, 11, 27))}
    quillon = found["Quillon Zzyzxbrook"]
    assert (quillon.child_id, quillon.born, quillon.reached) == (aged.id, date(2000, 5, 1), date(2025, 5, 1))
    assert quillon.records == ("episodes: 1", "CME cases: 1")
    assert quillon.still_open == ()
    assert quillon.last_change.date() == date(2026, 11, 27)  # the tests' today, when the records were saved
    assert found["Open Birthday"].still_open == ("an open CME case",)
    assert found["Open Birthday"].records == ("CME cases: 1",)


@pytest.mark.parametrize("role", sorted(set(permissions.ROLES) - {"manager"}))
def test_only_a_manager_sees_the_children_due(register, role):
    register.actor = register.actor.__class__(register.actor.name, role)
    register.admit()
    with pytest.raises(PermissionDenied) as refused:
        due_for_review(register, date(2026, 11, 27))
    assert "may not review and erase records past their retention" in str(refused.value)
