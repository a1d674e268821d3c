"""A child's chronology: every register's events for one child, in order."""

from __future__ import annotations

from register.core.chronology_entry import Entry
from register.core.db import Register
from register.faces import REGISTERS


def chronology(register: Register, child_id: int) -> list[Entry]:
    """Every recorded event of one child in every register, oldest first (ties in register order)."""
    entries = [entry for face in REGISTERS for entry in face.chronology(register, child_id)]
    entries.sort(key=lambda entry: entry.at)
    return entries
