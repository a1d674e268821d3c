"""The tamper-evident trail: each row of an append-only table (the audit log, the access log) carries a
hash chained to the row before it, so that a row changed, added or taken away outside the program (with
``sqlite3``, say) no longer fits the chain, and ``check`` names it.

**What is hashed.** A row's ``hash`` is the SHA-256 of the UTF-8 bytes of the JSON array

    [hash of the row before, value of column 1, ..., value of column n]

over the trail's columns in their declared order (for the audit log: id, at, actor, role, action,
table_name, row_id, before, after; ``before`` and ``after`` as the JSON text stored, one string
each), written compactly (separators "," and ":", no spaces), characters outside ASCII as
themselves, not as \\u escapes, SQL NULL as null, integers as digits and text as JSON strings.
The first row's "hash of the row before" is the empty string. The hash is stored as 64 lower-case
hexadecimal digits. Rows are numbered 1, 2, 3... without gaps, so a missing number is a row deleted.

**The head.** ``trail_heads`` keeps, for each trail, how many rows were written and the last row's
id and hash, moved in the same transaction as the rows: rows deleted from the end of the trail
leave a chain that still fits, but no longer agree with its head.

What it cannot do: the hash has no secret in it, so someone who edits a row *and* recomputes the
hash of every row after it, and the head, leaves a chain that fits. The last hash ``check`` prints,
written down somewhere outside the register (a backup, the minutes of a board meeting), shows
that too: a rewritten trail no longer passes through it.

Appending reads the last row's hash and writes the next row in one write transaction (which
holds SQLite's write lock from BEGIN IMMEDIATE), so writers in several processes extend one chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any

from register.core.db import Register


@dataclass(frozen=True)
class Trail:
    """An append-only table whose rows are chained: its name, and the columns hashed, in order (the
    first is its ``id INTEGER PRIMARY KEY``; the table also has a ``hash`` column, and a row in
    ``trail_heads`` named after it once a row is written)."""

    table: str
    columns: tuple[str, ...]


AUDIT_TRAIL = Trail("audit_log", ("id", "at", "actor", "role", "action", "table_name", "row_id", "before", "after"))


def row_hash(previous: str, values: Sequence[Any]) -> str:
    """The hash of one row: ``previous`` (the row before's hash, "" for the first row) and the row's
    ``values`` in the trail's column order (text, integers or None), as 64 hexadecimal digits."""
    # What json.dumps([previous, *values], ensure_ascii=False, separators=(",", ":")) writes, a third faster:
    # an import writes a hundred thousand of these while it holds the write lock.
    text = ",".join(map(_json, (previous, *values)))
    return hashlib.sha256(f"[{text}]".encode()).hexdigest()


def _json(value: Any) -> str:
    if value is None:
        return "null"
    if type(value) is str:
        return encode_basestring(value)
    if type(value) is int:
        return str(value)
    return json.dumps(value)


def append(register: Register, trail: Trail, values: dict[str, Any]) -> int:
    """Write one row of ``trail`` (``values``: each column but the id) chained to the last; returns its id.

    Call inside register.atomic(): the last hash must not change between reading it and writing
    after it. Raises RuntimeError outside a transaction.
    """
    return append_all(register, trail, [tuple(values[column] for column in trail.columns[1:])])


def append_all(register: Register, trail: Trail, rows: Iterable[Sequence[Any]]) -> int:
    """Write many rows of ``trail`` in order (each the values of every column but the id, in the
    trail's order), chained to the last and to each other; returns the last row's id (that of the
    last row already there if ``rows`` is empty).

    ``rows`` may be a cursor over the same connection (a SELECT of another table): it is read as the
    rows are written. Call inside register.atomic(); raises RuntimeError outside a transaction.
    """
    if not register.db.conn.in_transaction:
        raise RuntimeError(f"{trail.table} rows are chained only inside a write transaction (register.atomic())")
    last_id, previous = _last(register, trail)
    written = 0

    def chained() -> Iterator[tuple[Any, ...]]:
        nonlocal last_id, previous, written
        for values in rows:
            last_id += 1
            row = (last_id, *values)
            previous = row_hash(previous, row)
            written += 1
            yield (*row, previous)

    columns = ", ".join(f"[{column}]" for column in (*trail.columns, "hash"))
    marks = ", ".join("?" for _ in range(len(trail.columns) + 1))
    register.db.conn.executemany(f"INSERT INTO [{trail.table}] ({columns}) VALUES ({marks})", chained())
    if written:
        register.db.execute(
            "INSERT INTO trail_heads (trail, rows, last_id, last_hash) VALUES (?, ?, ?, ?) ON CONFLICT (trail) "
            "DO UPDATE SET rows = rows + excluded.rows, last_id = excluded.last_id, last_hash = excluded.last_hash",
            [trail.table, written, last_id, previous],
        )
    return last_id


def next_id(register: Register, trail: Trail) -> int:
    """The id the next row of ``trail`` will have (1 for an empty trail): call inside the transaction that writes it."""
    return _last(register, trail)[0] + 1


def _last(register: Register, trail: Trail) -> tuple[int, str]:
    found = register.db.execute(f"SELECT id, hash FROM [{trail.table}] ORDER BY id DESC LIMIT 1").fetchone()
    return (0, "") if found is None else (int(found[0]), found[1] or "")


def rechain(register: Register, trail: Trail, first_id: int) -> int:
    """Hash again every row of ``trail`` from ``first_id`` to its end, chained from the row before it, and move
    the head's last hash: for rows the program itself has changed (an erasure at the end of retention empties
    old audit rows), never to hide a change. Returns how many rows were hashed again.

    Call inside register.atomic() (RuntimeError outside a transaction), and write a row saying so after it.
    """
    if not register.db.conn.in_transaction:
        raise RuntimeError(f"{trail.table} rows are hashed again only inside a write transaction")
    found = register.db.execute(f"SELECT hash FROM [{trail.table}] WHERE id = ?", [first_id - 1]).fetchone()
    previous, last_id, count = (found[0] or "") if found else "", first_id - 1, 0
    columns = ", ".join(f"[{column}]" for column in trail.columns)
    while True:
        rows = register.db.execute(
            f"SELECT {columns} FROM [{trail.table}] WHERE id > ? ORDER BY id LIMIT 10000", [last_id]
        ).fetchall()
        if not rows:
            break
        hashes = []
        for row in rows:
            previous = row_hash(previous, row)
            hashes.append((previous, row[0]))
        register.db.conn.executemany(f"UPDATE [{trail.table}] SET hash = ? WHERE id = ?", hashes)
        last_id, count = rows[-1][0], count + len(rows)
    if count:
        register.db.execute("UPDATE trail_heads SET last_hash = ? WHERE trail = ?", [previous, trail.table])
    return count


@dataclass(frozen=True)
class Head:
    """Where a trail ends: its rows, and the last one's id and hash."""

    rows: int
    last_id: int
    last_hash: str


def head(register: Register, trail: Trail) -> Head:
    """The trail's head as kept in trail_heads (no rows: 0, 0, "")."""
    found = register.db.execute(
        "SELECT rows, last_id, last_hash FROM trail_heads WHERE trail = ?", [trail.table]
    ).fetchone()
    return Head(0, 0, "") if found is None else Head(*found)


def breaks(register: Register, trail: Trail, describe: Callable[[dict[str, Any]], str]) -> Iterator[str]:
    """Where the trail does not fit, in words: the first row whose hash does not fit (named by
    ``describe``, given the row's columns) and how many more do not, rows missing from the middle (their
    ids), and an end that is not where its head says. Empty for a sound trail. Reads every row once.
    """
    columns = ", ".join(f"[{column}]" for column in trail.columns)
    rows = register.db.conn.execute(f"SELECT {columns}, hash FROM [{trail.table}] ORDER BY id")
    previous, last_id, count, unfit, missing = "", 0, 0, 0, 0
    first: str | None = None
    for *values, stored in rows:
        row_id = values[0]
        count += 1
        if row_id != last_id + 1:
            missing += row_id - last_id - 1
            yield f"{trail.table}: {_rows(last_id + 1, row_id - 1)} missing: deleted outside the program"
        if row_hash(previous, values) != stored:
            unfit += 1
            if first is None:
                first = (
                    f"{trail.table}: {describe(dict(zip(trail.columns, values, strict=True)))} does not fit the chain: "
                    "it, or the row before it, was changed, added or deleted outside the program"
                )
        previous, last_id = stored or "", row_id
    if first is not None:
        yield first + ("" if unfit == 1 else f" ({unfit - 1} rows after it do not fit either)")
    kept = head(register, trail)
    if last_id < kept.last_id:
        yield (
            f"{trail.table}: {_rows(last_id + 1, kept.last_id)} missing from its end (it ended at row {kept.last_id}): "
            "deleted outside the program"
        )
    elif last_id > kept.last_id:
        yield (
            f"{trail.table}: {_rows(kept.last_id + 1, last_id)} after its end (row {kept.last_id}): added outside the "
            "program"
        )
    elif previous != kept.last_hash:
        yield f"{trail.table}: its last row, {last_id}, is not the one written: changed outside the program"
    elif count + missing != kept.rows:
        yield (
            f"{trail.table}: {count} rows where {kept.rows} were written: rows were deleted or added outside the "
            "program, and others written after them"
        )


def _rows(low: int, high: int) -> str:
    return f"row {low} is" if low == high else f"rows {low} to {high} are"
