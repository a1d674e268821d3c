"""The private fostering register's part of the health check: every arrangement and visit."""

from __future__ import annotations

from collections.abc import Iterator

from register.core import clock
from register.core.db import Register
from register.fostering import records as fostering
from register.people.index import children_in


def problems(register: Register) -> Iterator[str]:
    """Each arrangement and visit that breaks a rule now, in words naming the child."""
    today = clock.today()
    children = children_in(register, "pf_arrangements")
    for row in register.db.query("SELECT * FROM pf_arrangements ORDER BY child_id, notified_on"):
        arrangement = fostering.arrangement_from_row(row)
        child = children[arrangement.child_id]
        where = f"{child.label}, private fostering notified {arrangement.notified_on:%d/%m/%Y}"
        for field, message in fostering.arrangement_problems(register, arrangement, child, today).items():
            yield f"{where}, {field}: {message}"
        for visit in fostering.visits_for_arrangement(register, arrangement.id or 0):
            for field, message in fostering.visit_problems(register, visit, arrangement, today).items():
                yield f"{where}, visit {visit.visited_on:%d/%m/%Y}, {field}: {message}"
