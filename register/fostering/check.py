"""The private fostering register's part of the health check: every arrangement and visit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from register.core import clock
from register.core.db import Register
from register.fostering import records as fostering
from register.people.index import children_in


def problems(register: Register) -> Iterator[str]:
    """Each arrangement and visit that breaks a rule now, in words naming the child."""
    today = clock.today()
    children = children_in(register, "pf_arrangements")
    arrangements = [
        fostering.arrangement_from_row(row)
        for row in register.db.query("SELECT * FROM pf_arrangements ORDER BY child_id, notified_on")
    ]
    arrangements_of: dict[int, list[fostering.Arrangement]] = defaultdict(list)
    for arrangement in arrangements:
        arrangements_of[arrangement.child_id].append(arrangement)
    for arrangement in arrangements:
        child = children[arrangement.child_id]
        where = f"{child.label}, private fostering notified {arrangement.notified_on:%d/%m/%Y}"
        others = arrangements_of[arrangement.child_id]
        visits = fostering.visits_for_arrangement(register, arrangement.id or 0)
        for field, message in fostering.arrangement_problems(arrangement, child, others, visits, today).items():
            yield f"{where}, {field}: {message}"
        for visit in visits:
            for field, message in fostering.visit_problems(visit, arrangement, visits, today).items():
                yield f"{where}, visit {visit.visited_on:%d/%m/%Y}, {field}: {message}"
