"""The register's health check: SQLite integrity, then every record against today's rules."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from register import education, fostering
from register.core import clock, codes
from register.core.db import Register
from register.core.opening import integrity_problems
from register.missing.records import episode_from_row, episode_problems
from register.people.index import Child, children_by_ids


def problems(register: Register) -> Iterator[str]:
    """Each problem found, in words, naming the child and the record."""
    yield from integrity_problems(register)
    yield from _episode_problems(register)
    yield from _education_problems(register)
    yield from _fostering_problems(register)


def _episode_problems(register: Register) -> Iterator[str]:
    now = clock.now()
    children = _children(register, "missing_episodes")
    rows = register.db.query("SELECT * FROM missing_episodes ORDER BY child_id, started_at")
    for child_id, group in groupby(rows, key=lambda row: row["child_id"]):
        child = children[child_id]
        episodes = [episode_from_row(row) for row in group]
        for episode in episodes:
            for field, message in episode_problems(episode, child, episodes, now).items():
                yield f"{child.label}, episode {episode.id} ({episode.label()}), {field}: {message}"


def _children(register: Register, table: str) -> dict[int, Child]:
    ids = [row[0] for row in register.db.execute(f"SELECT DISTINCT child_id FROM {table}")]
    found: dict[int, Child] = {}
    for start in range(0, len(ids), 500):
        found |= children_by_ids(register, ids[start : start + 500])
    return found


def _education_problems(register: Register) -> Iterator[str]:
    today = clock.today()
    children = _children(register, "cme_cases")
    for row in register.db.query("SELECT * FROM cme_cases ORDER BY child_id, referred_on"):
        case = education.case_from_row(row)
        for field, message in education.case_problems(register, case, children[case.child_id], today).items():
            reason = codes.CME_REASONS.get(case.reason, case.reason)
            yield f"{children[case.child_id].label}, CME case {case.id} ({reason}), {field}: {message}"
    children = _children(register, "absences")
    for row in register.db.query("SELECT * FROM absences ORDER BY child_id, from_on"):
        absence = education.absence_from_row(row)
        for field, message in education.absence_problems(register, absence, today).items():
            where = f"absence {absence.id} at {absence.school_urn}"
            yield f"{children[absence.child_id].label}, {where}, {field}: {message}"


def _fostering_problems(register: Register) -> Iterator[str]:
    today = clock.today()
    children = _children(register, "pf_arrangements")
    for row in register.db.query("SELECT * FROM pf_arrangements ORDER BY child_id, notified_on"):
        arrangement = fostering.arrangement_from_row(row)
        child = children[arrangement.child_id]
        where = f"{child.label}, private fostering notified {arrangement.notified_on:%d/%m/%Y}"
        for field, message in fostering.arrangement_problems(register, arrangement, child, today).items():
            yield f"{where}, {field}: {message}"
        for visit in fostering.visits_for_arrangement(register, arrangement.id or 0):
            for field, message in fostering.visit_problems(register, visit, arrangement, today).items():
                yield f"{where}, visit {visit.visited_on:%d/%m/%Y}, {field}: {message}"
