"""The register's health check: SQLite integrity, then every register's records against today's rules."""

from __future__ import annotations

from collections.abc import Iterator

from register.core.db import Register
from register.core.opening import integrity_problems
from register.faces import REGISTERS


def problems(register: Register) -> Iterator[str]:
    """Each problem found, in words, naming the child and the record."""
    yield from integrity_problems(register)
    for face in REGISTERS:
        yield from face.check(register)
