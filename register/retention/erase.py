"""Erasing a child's records at the end of their retention: every register's records of the child and the
child's details go, in one transaction, and a stub says who was erased (by number), when, by whom and why."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from register.board import summary as figures
from register.core import audit, clock, index_stats, permissions, timescales
from register.core.db import Register
from register.core.errors import NotFoundError, RegisterBusyError, RegisterError
from register.core.sqlite import sqlite3
from register.core.words import counted
from register.retention.due import reached_on, retention_age, still_open

# Figures are worked out before the write lock is taken; if someone saves meanwhile, they are worked out again.
_TRIES = 5


@dataclass(frozen=True)
class Erased:
    """What an erasure did: the child's number, the records taken out (table -> how many), the audit rows
    emptied and the rows hashed again after them, the periods whose figures were frozen, and whether the
    old copies of the register's pages in its write-ahead log were cleared (False: another person had the
    register open; they are cleared when the last person closes it)."""

    child_id: int
    records: dict[str, int]
    audit_rows: int
    hashed_again: int
    frozen: int
    log_cleared: bool

    def in_words(self) -> str:
        """What was erased, in words: "Child 12's details and 3 records were erased; ..."."""
        records = sum(count for table, count in self.records.items() if table != "children")
        return (
            f"Child {self.child_id}'s details and {counted(records, 'record')} were erased; "
            f"{counted(self.audit_rows, 'audit row')} about them now hold no details (who did what, and when, "
            f"stay), and the audit trail was hashed again after them"
            + (
                f"; the figures of {counted(self.frozen, 'period')} already reported were kept as they were."
                if self.frozen
                else "."
            )
        )


def erase(register: Register, child_id: int, reason: str, on: date | None = None) -> Erased:
    """Erase the child ``child_id``'s details and every record of theirs in every register (those deleted
    before included, in the audit trail), leaving a stub in ``erasures``: the child's number, the day
    ``on`` (today unless given), who, ``reason`` and what was erased (counts, never content). Old audit rows
    about the child keep who did what and when, but no details (core/audit.erase_history).

    Before anything changes, the board's figures of every period already reported that ended before ``on``
    are frozen (board/summary.to_freeze), so that they stay as reported; the current period's may change.
    SQLite is told to overwrite what it deletes (PRAGMA secure_delete), and the write-ahead log is emptied
    afterwards when nobody else has the register open.

    Refused, in words: PermissionDenied unless the person's role may erase records past their retention;
    ValidationError (field ``reason``) without a reason; NotFoundError if there is no such child;
    RegisterError if the child has not yet reached the retention age on ``on`` or has a record still open
    (an episode not yet ended, an open CME case, an arrangement not yet ended); RegisterBusyError if
    colleagues kept saving while the figures were worked out.
    """
    register.require(permissions.RETENTION)
    register.refuse_if_read_only()
    reason = audit.reason_given(reason)
    day = on or clock.today()
    _refuse_if_not_erasable(register, child_id, day)
    secure = register.db.execute("PRAGMA secure_delete").fetchone()[0]
    register.db.execute("PRAGMA secure_delete = ON")
    try:
        for _ in range(_TRIES):
            frozen = figures.to_freeze(register, day)
            with register.atomic():
                if not figures.freeze(register, frozen):
                    continue  # a colleague saved while the figures were worked out: work them out again
                _refuse_if_not_erasable(register, child_id, day)
                records = _records(register, child_id)
                counts = _delete(register, child_id, records)
                emptied, hashed = audit.erase_history(register, records, child_id)
                index_stats.forget_samples(register.db.conn)  # SQLite's samples of indexed names, ids
                audit.insert_row(
                    register,
                    "erasures",
                    {
                        "child_id": child_id,
                        "erased_on": day.isoformat(),
                        "erased_by": register.actor.name,
                        "reason": reason,
                        "erased": json.dumps(counts),
                    },
                )
            break
        else:
            raise RegisterBusyError(
                "Colleagues kept saving while the board's figures were kept for the erasure: nothing was erased. "
                "Try again in a quiet moment."
            )
    finally:
        register.db.execute(f"PRAGMA secure_delete = {int(secure)}")
    return Erased(child_id, counts, emptied, hashed, len(frozen), _clear_old_copies(register))


def _clear_old_copies(register: Register) -> bool:
    """Rebuild the file (VACUUM) and empty its write-ahead log, so that no old copy of a page that held the
    erased records is left in it: SQLite leaves copies of rows in a page's unused space when it moves them,
    which PRAGMA secure_delete does not reach. Returns False if another person's save or import kept the file
    busy (the records are gone all the same; the old copies go at the next erasure, or when the last person
    closes the register for the log)."""
    try:
        with register.unguarded():  # the door lets no person rebuild the file; the role was checked before
            register.db.execute("VACUUM")
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            return False
        raise
    return register.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0


def _refuse_if_not_erasable(register: Register, child_id: int, day: date) -> None:
    found = register.db.execute("SELECT forenames, surname, dob FROM children WHERE id = ?", [child_id]).fetchone()
    if found is None:
        raise NotFoundError(f"There is no child {child_id} in the register: they may have been erased already.")
    name, years = f"{found[0]} {found[1]}", retention_age(register)
    reached = reached_on(date.fromisoformat(found[2]), years)
    if reached > day:
        raise RegisterError(
            f"{name} (child {child_id}) reaches {years} on {timescales.show_date(reached)}: their records are kept "
            "until then. Nothing was erased."
        )
    still = still_open(register, child_id)
    if still:
        raise RegisterError(
            f"{name} (child {child_id}) still has {' and '.join(still)}: close it first, then erase. Nothing was "
            "erased."
        )


def _records(register: Register, child_id: int) -> dict[str, set[int]]:
    """Every record of the child by table (rowids), found through the foreign keys from ``children``: those in
    the register now and those deleted before, whose audit rows still name the record they belonged to."""
    found: dict[str, set[int]] = {"children": {child_id}}
    edges = [
        (table, row[3], row[2])  # (table, its column, the table it refers to)
        for table in register.db.table_names()
        if table not in audit.NOT_RECORDS and not table.startswith("sqlite_")
        for row in register.db.execute(f"PRAGMA foreign_key_list([{table}])")
    ]
    grown = True
    while grown:
        grown = False
        for table, column, parent in edges:
            if parent not in found or table == parent:
                continue
            owners = json.dumps(sorted(found[parent]))
            theirs = "IN (SELECT value FROM json_each(:owners))"
            ids = {
                row[0]
                for row in register.db.execute(
                    f"SELECT rowid FROM [{table}] WHERE [{column}] {theirs} UNION "
                    "SELECT row_id FROM audit_log WHERE table_name = :table AND ("
                    f"(json_valid(before) AND json_extract(before, '$.{column}') {theirs}) "
                    f"OR (json_valid(after) AND json_extract(after, '$.{column}') {theirs}))",
                    {"owners": owners, "table": table},
                )
            }
            if not ids <= found.get(table, set()):
                found[table] = found.get(table, set()) | ids
                grown = True
    return found


def _delete(register: Register, child_id: int, records: dict[str, set[int]]) -> dict[str, int]:
    """Delete the records still in the register, those that refer to others first; returns how many of each
    table went. The name index and the links between records go with them (their foreign keys cascade)."""
    counts = {}
    for table in reversed(list(records)):
        ids = json.dumps(sorted(records[table]))
        gone = register.db.execute(
            f"DELETE FROM [{table}] WHERE rowid IN (SELECT value FROM json_each(?))", [ids]
        ).rowcount
        if gone:
            counts[table] = gone
            register.note_change(table, {"id" if table == "children" else "child_id": child_id})
    return dict(reversed(counts.items()))
