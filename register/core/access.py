"""The access log: who opened, printed, exported, reported on or searched for which child, and when.

Each event is noted by the register-side function that does it (so the window and the command line are
noted alike): opening a child's record (people.open_record), a chronology's PDF (reports/chronology_pdf),
every export (exports/writing), the board's summary as PDF or CSV (board/produce), and a search that
found children (people.find_children; core/paging.Listing.note_search, a search typed into a register's
list). An event writes one row per child it concerned, in the order given, each with the id of the
event's first row (``event``); one that concerns no child (the board's summary) writes one row with no
child. Rows are chained like the audit trail (core/trail.py), in a
trail of their own, and no role may change or delete one (permissions.APPEND_ONLY).

**What a row holds.** When (UTC), who (name and role), the action (ACTIONS), ``what`` in words (which
export and the file written, which report, how a search was made and how many it found) and the child's
id. A search's typed text is *not* kept: it is itself personal data (a name, a date of birth, an NHS
number) of the person searched for, and would outlive an erasure of their record in a log that cannot be
edited; the children it found, and how it was made (by name, date of birth or identifier), say whose
records were shown. A search that found nobody is not noted.

**When nothing can be noted.** On a register open for viewing only (it cannot be written), or found
damaged by its check, nothing is noted: the event goes ahead, a warning naming it goes to the program's
log (register.log), and the window and the command line say so when the register is opened. Otherwise a
note that cannot be written (the write lock not had in time) stops the event: RegisterBusyError, said in
words; what is shown of a child is not shown unnoted. Reading the log is the manager's
(permissions.ACCESS_LOG).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from register.core import clock, permissions, timescales, trail
from register.core.db import Register
from register.core.errors import RegisterBusyError

log = logging.getLogger(__name__)

ACCESS_TRAIL = trail.Trail("access_log", ("id", "at", "actor", "role", "action", "what", "child_id", "event"))

OPENED, CHRONOLOGY, EXPORTED, REPORTED, SEARCHED = (
    "opened record",
    "produced chronology",
    "exported",
    "produced report",
    "searched",
)
ACTIONS = (OPENED, CHRONOLOGY, EXPORTED, REPORTED, SEARCHED)


def note(register: Register, action: str, what: str, children: Iterable[int] = ()) -> bool:
    """Note in the access log that the person did ``action`` (one of ACTIONS), described by ``what``, to
    ``children`` (their ids; none: one row with no child). Commits at once, or with the transaction it is
    called in (an export's, beside its audit row). True when noted; False when the register is open for
    viewing only or damaged (a warning goes to the program's log instead). RegisterBusyError if the write
    lock is not had within the busy timeout (10 s), RegisterFileError if SQLite finds the file read-only."""
    ids = list(dict.fromkeys(children))
    unwritable = register.read_only or (register.soundness if isinstance(register.soundness, str) else None)
    if unwritable is not None:
        log.warning(
            "Not in the access log (%s): %s (%s) %s, %s; children %s",
            unwritable,
            register.actor.name,
            register.actor.role,
            action,
            what,
            ids or "none",
        )
        return False
    at = timescales.to_text(clock.now())
    try:
        with register.atomic(while_checked=True):
            event = trail.next_id(register, ACCESS_TRAIL)
            concerned: list[int | None] = [*ids] or [None]
            rows = [(at, register.actor.name, register.actor.role, action, what, child, event) for child in concerned]
            trail.append_all(register, ACCESS_TRAIL, rows)
    except RegisterBusyError as busy:
        raise RegisterBusyError(
            "The register is busy: someone else is saving, or an import is running, so this could not be written "
            "in the access log, and was not shown or written. Try again in a moment."
        ) from busy
    return True


@dataclass(frozen=True)
class Access:
    """One row of the access log, with the child's name and date of birth as the register holds them now (""
    and None if the child is no longer in the register, or the row names none)."""

    id: int
    at: datetime
    actor: str
    role: str
    action: str
    what: str
    child_id: int | None
    event: int
    child_name: str
    child_born: date | None


@dataclass(frozen=True)
class AccessFilter:
    """Which rows to list: those of one child, of one person (their name, whatever its case), from and to a
    day (UK local days, both included); each None or empty for all."""

    child_id: int | None = None
    actor: str = ""
    since: date | None = None
    until: date | None = None


def entries(register: Register, chosen: AccessFilter, latest: int | None = None) -> list[Access]:
    """The rows ``chosen`` picks, oldest first (only the ``latest`` so many, if given). PermissionDenied unless
    the person's role may read the access log (permissions.ACCESS_LOG)."""
    where, parameters = _where(register, chosen)
    rows = register.db.execute(
        "SELECT * FROM (SELECT a.id, a.at, a.actor, a.role, a.action, a.what, a.child_id, a.event, "
        "coalesce(c.forenames || ' ' || c.surname, ''), c.dob FROM access_log a LEFT JOIN children c ON c.id = "
        f"a.child_id WHERE {where} ORDER BY a.id DESC LIMIT ?) ORDER BY 1",
        [*parameters, -1 if latest is None else latest],
    )
    return [
        Access(
            row_id,
            timescales.from_text(at),
            actor,
            role,
            action,
            what,
            child_id,
            event,
            name,
            born and date.fromisoformat(born),
        )
        for row_id, at, actor, role, action, what, child_id, event, name, born in rows
    ]


def count(register: Register, chosen: AccessFilter) -> int:
    """How many rows ``chosen`` picks. PermissionDenied as for entries()."""
    where, parameters = _where(register, chosen)
    return int(register.db.execute(f"SELECT count(*) FROM access_log a WHERE {where}", parameters).fetchone()[0])


def _where(register: Register, chosen: AccessFilter) -> tuple[str, list[object]]:
    register.require(permissions.ACCESS_LOG)
    conditions: list[str] = ["1"]
    parameters: list[object] = []
    if chosen.child_id is not None:
        conditions.append("a.child_id = ?")
        parameters.append(chosen.child_id)
    if chosen.actor.strip():
        conditions.append("a.actor = ? COLLATE NOCASE")
        parameters.append(chosen.actor.strip())
    if chosen.since is not None:
        conditions.append("a.at >= ?")
        parameters.append(timescales.to_text(timescales.local_instant(chosen.since, time(0, 0))))
    if chosen.until is not None:
        conditions.append("a.at < ?")
        parameters.append(timescales.to_text(timescales.local_instant(chosen.until + timedelta(days=1), time(0, 0))))
    return " AND ".join(conditions), parameters


def people_noted(register: Register) -> list[str]:
    """Everyone the access log names, by name. PermissionDenied as for entries()."""
    register.require(permissions.ACCESS_LOG)
    return [
        row[0] for row in register.db.execute("SELECT DISTINCT actor FROM access_log ORDER BY actor COLLATE NOCASE")
    ]


def _row_in_words(row: dict) -> str:
    try:
        when = timescales.show_instant(timescales.from_text(row["at"]))
    except (TypeError, ValueError):
        when = repr(row["at"])
    child = f", child {row['child_id']}" if row["child_id"] is not None else ""
    return f"access log row {row['id']} ({row['action']}{child} by {row['actor']}, {when})"


def trail_problems(register: Register) -> Iterable[str]:
    """Where the access log's chain does not fit (core/trail.py), in words naming the first row that does not;
    nothing for a role that may not read the access log (trail_end says it was not checked)."""
    if not register.may(permissions.ACCESS_LOG):
        return ()
    return trail.breaks(register, ACCESS_TRAIL, _row_in_words)


def trail_end(register: Register) -> str:
    """Where the access log ends, in words to write down outside the register, or that a role that may not
    read it did not check it."""
    if not register.may(permissions.ACCESS_LOG):
        return "The access log was not checked: your role may not read it (a team manager's check does)."
    end = trail.head(register, ACCESS_TRAIL)
    return f"The access log ends at row {end.last_id}, hash {end.last_hash or '(none yet)'}."
