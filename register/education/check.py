"""The education register's part of the health check: every CME case and absence against today's rules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TypeVar

from register.core import clock, codes
from register.core.db import Register
from register.education import records as education
from register.people.index import children_in


def problems(register: Register) -> Iterator[str]:
    """Each CME case and absence that breaks a rule now, in words naming the child."""
    today = clock.today()
    children = children_in(register, "cme_cases")
    cases = [
        education.case_from_row(row)
        for row in register.db.query("SELECT * FROM cme_cases ORDER BY child_id, referred_on")
    ]
    cases_of = _by_child(cases)
    for case in cases:
        child = children[case.child_id]
        for field, message in education.case_problems(register, case, child, cases_of[case.child_id], today).items():
            reason = codes.CME_REASONS.get(case.reason, case.reason)
            yield f"{children[case.child_id].label}, CME case {case.id} ({reason}), {field}: {message}"
    children = children_in(register, "absences")
    absences = [
        education.absence_from_row(row)
        for row in register.db.query("SELECT * FROM absences ORDER BY child_id, from_on")
    ]
    absences_of = _by_child(absences)
    for absence in absences:
        for field, message in education.absence_problems(
            register, absence, absences_of[absence.child_id], today
        ).items():
            where = f"absence {absence.id} at {absence.school_urn}"
            yield f"{children[absence.child_id].label}, {where}, {field}: {message}"


Record = TypeVar("Record", education.CmeCase, education.Absence)


def _by_child(records: list[Record]) -> dict[int, list[Record]]:
    """Each child's records, for the rules that compare a record with the child's others."""
    found: dict[int, list[Record]] = defaultdict(list)
    for record in records:
        found[record.child_id].append(record)
    return found
