"""The missing register's part of the health check: every episode against today's rules."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from register.core import clock
from register.core.db import Register
from register.missing.records import episode_from_row, episode_problems
from register.people.index import children_in


def problems(register: Register) -> Iterator[str]:
    """Each of the missing register's records that breaks a rule now, in words naming the child."""
    now = clock.now()
    children = children_in(register, "missing_episodes")
    rows = register.db.query("SELECT * FROM missing_episodes ORDER BY child_id, started_at")
    for child_id, group in groupby(rows, key=lambda row: row["child_id"]):
        child = children[child_id]
        episodes = [episode_from_row(row) for row in group]
        for episode in episodes:
            for field, message in episode_problems(episode, child, episodes, now).items():
                yield f"{child.label}, episode {episode.id} ({episode.label()}), {field}: {message}"
