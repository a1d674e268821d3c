"""The register's health check: SQLite integrity, then every record against today's rules."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from . import clock
from .db import Register, integrity_problems
from .missing import episode_from_row, episode_problems
from .people import child_from_row


def problems(register: Register) -> Iterator[str]:
    """Each problem found, in words, naming the child and the episode."""
    yield from integrity_problems(register)
    now = clock.now()
    rows = register.db.query(
        "SELECT e.*, c.forenames AS c_forenames, c.surname AS c_surname, c.dob AS c_dob "
        "FROM missing_episodes e JOIN children c ON c.id = e.child_id ORDER BY e.child_id, e.started_at"
    )
    for child_id, group in groupby(rows, key=lambda row: row["child_id"]):
        group = list(group)
        child = child_from_row(
            {**_child_defaults(), "id": child_id, "forenames": group[0]["c_forenames"],
             "surname": group[0]["c_surname"], "dob": group[0]["c_dob"]}
        )  # fmt: skip
        episodes = [episode_from_row(row) for row in group]
        for episode in episodes:
            for field, message in episode_problems(episode, child, episodes, now).items():
                yield f"{child.label}, episode {episode.id} ({episode.label()}), {field}: {message}"


def _child_defaults() -> dict:
    return {"sex": "U", "disabled": 0, "looked_after": 0, "version": 0}
