"""The register's health check: SQLite integrity, the audit trail's hash chain and each record against its last
audited state (what was done behind the program's back), then every register's records against today's rules."""

from __future__ import annotations

from collections.abc import Iterator

from register.core import access, audit, permissions, trail
from register.core.db import Register
from register.core.opening import integrity_problems
from register.faces import REGISTERS
from register.people.check import possible_duplicates


def problems(register: Register) -> Iterator[str]:
    """Each problem found, in words, naming the child and the record. A damaged file's records are not
    checked against the rules: what they hold cannot be trusted.

    Raises PermissionDenied at once, in words, unless the person's role may check the register
    (permissions.CHECK: a role that reads every record and audit row whole; the check compares them all).
    """
    register.require(permissions.CHECK)
    return _problems(register)


def _problems(register: Register) -> Iterator[str]:
    damage = integrity_problems(register)
    yield from damage
    if damage:
        return
    yield from audit.trail_problems(register)
    yield from access.trail_problems(register)
    yield from audit.unaudited_changes(register)
    yield from possible_duplicates(register)
    for face in REGISTERS:
        yield from face.check(register)


def trail_end(register: Register) -> str:
    """Where the audit trail ends, in words to write down somewhere outside the register: the last row's id
    and hash. A trail rewritten afterwards (every hash recomputed) no longer passes through that hash."""
    end = trail.head(register, trail.AUDIT_TRAIL)
    return (
        f"The audit trail ends at row {end.last_id}, hash {end.last_hash}. Written down outside the register, "
        f"this shows later whether the trail was rewritten: row {end.last_id} must still have this hash."
    )
