"""Writes planned first and made later, all at once: how an import adds thousands of records
while holding the write lock for a moment only.

An import checks every row against the register as it stands, with nobody locked out, and
writes down what it would add in a ``Plan``. Records that do not exist yet are named by a
``NewId``, which any column of a later record may hold (an episode's child, an interview's
episode). ``write_plan`` then takes the write lock, gives each new record its id, and writes
each table with one ``executemany``, and the audit trail in bulk: one audit row a record, the
same rows the one-record path (``core/audit.py``) writes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from register.core import clock, timescales
from register.core.audit import add_keyed_row, touch_derived, update_row
from register.core.db import Register


class NewId:
    """The id of a record a plan adds: unknown until the plan is written."""

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value: int | None = None

    def __int__(self) -> int:
        if self.value is None:
            raise RuntimeError("the record has not been written yet")
        return self.value


RecordId = int | NewId
"""A record's id: the id of one in the register, or that of one a plan adds."""


@dataclass
class _Link:
    table: str  # the link table (e.g. interview_episodes)
    owner_table: str  # the audited record the links belong to (return_interviews)
    owner: RecordId
    owner_column: str
    member_column: str
    members: list[RecordId]
    audit_key: str  # how the audit row names the members ("episodes")


@dataclass
class Plan:
    """What an import will write for one child: new records, rows that index them, links, and
    changes to records. An import keeps one plan a child, so a child's can be made again alone."""

    records: list[tuple[str, NewId, dict[str, Any]]] = field(default_factory=list)
    rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    links: list[_Link] = field(default_factory=list)
    changes: list[tuple[str, int, int, dict[str, Any]]] = field(default_factory=list)
    derived: list[tuple[str, int, dict[str, Any]]] = field(default_factory=list)
    keyed: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)

    def add(self, table: str, values: dict[str, Any]) -> NewId:
        """A new record of ``table`` (at version 1, audited as an insert); returns the id it will have."""
        new_id = NewId()
        self.records.append((table, new_id, values))
        return new_id

    def add_keyed(self, table: str, key: str, values: dict[str, Any]) -> None:
        """A row of a table keyed by text (a school by its URN), added unless a row with that ``key``
        is there when the plan is written (another child's plan may add the same one); audited as
        core/audit.py's add_keyed_row audits it, for these tables carry no version."""
        self.keyed.append((table, key, values))

    def add_row(self, table: str, values: dict[str, Any]) -> None:
        """A row that is not a record of its own (a search index word), written without an audit row."""
        self.rows.append((table, values))

    def link(
        self,
        table: str,
        owner: tuple[str, RecordId, str],
        member_column: str,
        members: list[RecordId],
        audit_key: str,
    ) -> None:
        """Link a record (``owner``: its table, id and the link table's column for it) to ``members``,
        audited on the owner as the one-record path does ("link", with the members before and after)."""
        owner_table, owner_id, owner_column = owner
        self.links.append(_Link(table, owner_table, owner_id, owner_column, member_column, members, audit_key))

    def change(self, table: str, row_id: int, version: int, values: dict[str, Any]) -> None:
        """Change a record read at ``version`` (refused with ConflictError if it changed meanwhile)."""
        self.changes.append((table, row_id, version, values))

    def derive(self, table: str, row_id: int, values: dict[str, Any]) -> None:
        """Set columns the register derives itself on a record already in the register."""
        self.derived.append((table, row_id, values))


def _resolved(value: Any) -> Any:
    return int(value) if isinstance(value, NewId) else value


def write_plan(register: Register, plans: Iterable[Plan]) -> None:
    """Write everything planned in one transaction; call inside register.atomic() (the write lock).

    ``plans`` are taken a few thousand at a time, so they may come from disk one by one. New
    records get ids after the highest in their table, in the order they were planned. Raises
    ConflictError if a record to be changed was changed since it was read (nothing is written).
    """
    stamp = {"version": 1, "updated_at": timescales.to_text(clock.now()), "updated_by": register.actor.name}
    # Records may name records of tables written later (and rows their own table's later rows).
    register.db.execute("PRAGMA defer_foreign_keys = ON")
    last_id: dict[str, int] = {}
    plans = iter(plans)
    while batch := list(islice(plans, _PLANS_A_BATCH)):
        records: dict[str, list[tuple[NewId, dict[str, Any]]]] = defaultdict(list)
        rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for plan in batch:
            for table, new_id, values in plan.records:
                records[table].append((new_id, values))
            for table, values in plan.rows:
                rows[table].append(values)
        first_id = {}
        for table, planned in records.items():
            if table not in last_id:
                last_id[table] = register.db.execute(f"SELECT coalesce(max(rowid), 0) FROM [{table}]").fetchone()[0]
            first_id[table] = last_id[table] + 1
            for new_id, _values in planned:
                last_id[table] += 1
                new_id.value = last_id[table]
        for plan in batch:
            for table, key, values in plan.keyed:
                add_keyed_row(register, table, key, values)
        for table, planned in records.items():
            _insert_all(register, table, [{"id": int(new_id), **values, **stamp} for new_id, values in planned])
            _audit_inserts(register, table, first_id[table])
        for table, planned_rows in rows.items():
            _insert_all(register, table, planned_rows, in_order=False)
        _write_links(register, [link for plan in batch for link in plan.links])
        for plan in batch:
            for table, row_id, version, values in plan.changes:
                update_row(register, table, row_id, version, {key: _resolved(value) for key, value in values.items()})
            for table, row_id, values in plan.derived:
                touch_derived(register, table, row_id, values)


_PLANS_A_BATCH = 5000


def _insert_all(register: Register, table: str, rows: list[dict[str, Any]], in_order: bool = True) -> None:
    """Insert ``rows`` as given (ids resolved); unless ``in_order``, sorted first, which an index fills faster."""
    by_columns: dict[tuple[str, ...], list[list[Any]]] = defaultdict(list)
    for row in rows:
        # Inline rather than _resolved(): this runs for every value of every row, with the lock held.
        by_columns[tuple(row)].append([value.value if value.__class__ is NewId else value for value in row.values()])
    for columns, values in by_columns.items():
        if not in_order:
            values.sort()
        names = ", ".join(f"[{column}]" for column in columns)
        marks = ", ".join("?" for _ in columns)
        register.db.conn.executemany(f"INSERT INTO [{table}] ({names}) VALUES ({marks})", values)


def _audit(register: Register, entries: list[tuple[str, str, int, dict[str, Any] | None, dict[str, Any]]]) -> None:
    """Audit rows, as core/audit.py's log_entry writes them: (action, table, row id, before, after)."""
    at = timescales.to_text(clock.now())
    register.db.conn.executemany(
        "INSERT INTO audit_log (at, actor, role, action, table_name, row_id, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                at,
                register.actor.name,
                register.actor.role,
                action,
                table,
                row_id,
                None if before is None else json.dumps(before, ensure_ascii=False),
                json.dumps(after, ensure_ascii=False),
            )
            for action, table, row_id, before, after in entries
        ],
    )


def _audit_inserts(register: Register, table: str, first_id: int) -> None:
    """One audit row for each record written from ``first_id`` on, holding the record as stored: the same
    JSON object the one-record path writes, made by SQLite itself (json_object), with no row in memory."""
    names = [row[1] for row in register.db.execute(f"PRAGMA table_info([{table}])")]
    record = ", ".join(f"'{name}', [{name}]" for name in names)
    register.db.execute(
        "INSERT INTO audit_log (at, actor, role, action, table_name, row_id, before, after) "
        f"SELECT ?, ?, ?, 'insert', ?, rowid, NULL, json_object({record}) "
        f"FROM [{table}] WHERE rowid >= ? ORDER BY rowid",
        [timescales.to_text(clock.now()), register.actor.name, register.actor.role, table, first_id],
    )
    whose = "id" if table == "children" else "child_id"
    if whose in names:
        for (child_id,) in register.db.execute(
            f"SELECT DISTINCT [{whose}] FROM [{table}] WHERE rowid >= ?", [first_id]
        ):
            register.note_change(table, {whose: child_id})
    else:
        register.note_change(table, None)


def _write_links(register: Register, links: list[_Link]) -> None:
    for link in links:
        register.db.conn.executemany(
            f"INSERT INTO [{link.table}] ([{link.owner_column}], [{link.member_column}]) VALUES (?, ?)",
            [(int(link.owner), int(member)) for member in link.members],
        )
    _audit(
        register,
        [
            (
                "link",
                link.owner_table,
                int(link.owner),
                {link.audit_key: []},
                {link.audit_key: [int(member) for member in link.members]},
            )
            for link in links
        ],
    )
