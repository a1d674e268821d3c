"""What filling a demo register shares: the synthetic children made so far and one random source.

No real person is in a demo register: every name, date and place is drawn from invented lists
with a seeded random generator, so the same seed builds the same register.
"""

from __future__ import annotations

import queue
import random
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from register.core import clock, timescales
from register.core.db import Register
from register.core.sqlite import sqlite3

Batch = TypeVar("Batch")

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


def write_while_drawing(batches: Iterator[Batch], write: Callable[[Batch], None]) -> None:
    """Write each batch ``batches`` yields, drawing the next on a thread of its own meanwhile: SQLite
    writes a batch without holding Python's lock, so the drawing and the writing share the two cores.

    The batches are drawn in order by the one thread, so a seed still builds the same register. An
    error while drawing is raised here; an error while writing stops the drawing and is raised.
    """
    ready: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=2)
    stop = threading.Event()

    def offer(item: tuple[bool, Any]) -> bool:
        """Hand ``item`` to the writer; False if the writer has stopped."""
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def draw() -> None:
        try:
            for batch in batches:
                if not offer((True, batch)):
                    return
            offer((False, None))
        except BaseException as error:  # handed to the writing thread, which raises it
            offer((False, error))

    drawer = threading.Thread(target=draw, name="demo drawing", daemon=True)
    drawer.start()
    try:
        while True:
            more, item = ready.get()
            if not more:
                if item is not None:
                    raise item
                break
            write(item)
    finally:
        stop.set()
        drawer.join()
