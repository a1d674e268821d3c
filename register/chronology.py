"""A child's chronology: every register's events for one child, in order."""

from __future__ import annotations

from register.core.chronology_entry import Entry
from register.core.db import Register
from register.faces import REGISTERS


def chronology(register: Register, child_id: int) -> list[Entry]:
    """Every recorded event of one child in every register the person's role may read, oldest first (ties in
    register order). A register the role may not read is left out, not refused: its lines are not theirs to see."""
    entries = [entry for face in REGISTERS if face.readable(register) for entry in face.chronology(register, child_id)]
    entries.sort(key=lambda entry: entry.at)
    return entries
