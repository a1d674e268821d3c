"""What filling a demo register shares: the synthetic children made so far and one random source.

No real person is in a demo register: every name, date and place is drawn from invented lists
with a seeded random generator, so the same seed builds the same register.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from register.core import clock, timescales
from register.core.db import Register
from register.core.sqlite import sqlite3

BATCH = 20_000  # rows written at once
# Invented staff who hold interviews and make visits.
WORKERS = ["Sam Carter", "Priya Shah", "Tom Reilly", "Agnieszka Nowak", "Hamid Qureshi", "Ruth Okoye"]


@dataclass
class DemoContext:
    """The state shared while one demo register is filled, inside the caller's transaction.

    Child ``n`` (ids from 1) has ``born[n - 1]``, ``looked_after[n - 1]`` and ``placed_by[n - 1]``
    (another authority that placed a looked after child here, or None).
    """

    register: Register
    seed: int
    progress: Callable[[int, int], None] | None = None
    rng: random.Random = field(init=False)
    now: datetime = field(init=False)
    today: date = field(init=False)
    stamp: str = field(init=False)
    actor: str = field(init=False)
    born: list[date] = field(default_factory=list)
    looked_after: list[bool] = field(default_factory=list)
    placed_by: list[str | None] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.now, self.today = clock.now(), clock.today()
        self.stamp = timescales.to_text(self.now)
        self.actor = self.register.actor.name

    @property
    def conn(self) -> sqlite3.Connection:
        """The register's sqlite3 connection, for bulk inserts."""
        return self.register.db.conn
