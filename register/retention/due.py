"""Which children are due for their records' review: those who have reached the retention age."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from register.core import permissions, settings, timescales
from register.core.db import Register
from register.faces import REGISTERS


def reached_on(born: date, years: int) -> date:
    """The day a child born on ``born`` reaches the age of ``years``: that birthday; for a child born on 29
    February, 1 March in a year that has no 29 February (a person attains an age at the start of the
    anniversary of their birth: Family Law Reform Act 1969, s. 9; in a common year the day after 28 February)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:  # 29 February, in a common year
        return date(born.year + years, 3, 1)


@dataclass(frozen=True)
class Due:
    """A child due for review: who, when they reached the age, what records they have (in words, one a
    register that holds any), when their records last changed, and the records still open (in words),
    which keep them from being erased until closed."""

    child_id: int
    name: str
    born: date
    reached: date
    records: tuple[str, ...]
    last_change: datetime
    still_open: tuple[str, ...]


def retention_age(register: Register) -> int:
    """The age, in years, at which a child's records are reviewed (the setting; 25 unless changed)."""
    return settings.get_int(register, settings.RETENTION_AGE)


def due_for_review(register: Register, on: date) -> list[Due]:
    """The children who have reached the retention age on the local date ``on`` (that day included), oldest
    first. PermissionDenied, in words, unless the person's role may review records past their retention."""
    register.require(permissions.RETENTION)
    years = retention_age(register)
    # Nobody born after this day ``years`` before has reached the age (the test is worked again below).
    latest = reached_on(on, -years)
    rows = register.db.execute(
        "SELECT id, forenames, surname, dob FROM children WHERE dob <= ? ORDER BY dob, id", [latest.isoformat()]
    ).fetchall()
    return [
        _due(register, child_id, f"{forenames} {surname}", date.fromisoformat(dob), years)
        for child_id, forenames, surname, dob in rows
        if reached_on(date.fromisoformat(dob), years) <= on
    ]


def _due(register: Register, child_id: int, name: str, born: date, years: int) -> Due:
    records, changes = (
        [],
        [register.db.execute("SELECT updated_at FROM children WHERE id = ?", [child_id]).fetchone()[0]],
    )
    for face in REGISTERS:
        count, last = register.db.execute(
            f"SELECT count(*), max(updated_at) FROM [{face.tables[0]}] WHERE child_id = ?", [child_id]
        ).fetchone()
        if count:
            records.append(f"{face.records}: {count}")
            changes.append(last)
    return Due(
        child_id,
        name,
        born,
        reached_on(born, years),
        tuple(records),
        timescales.from_text(max(changes)),
        still_open(register, child_id),
    )


def still_open(register: Register, child_id: int) -> tuple[str, ...]:
    """The child's records still open, in words ("an open CME case"): each register's ``open_now``."""
    return tuple(
        words
        for face in REGISTERS
        for words, sql in face.open_now
        if register.db.execute(f"SELECT 1 FROM ({sql}) WHERE child_id = ? LIMIT 1", [child_id]).fetchone()
    )
