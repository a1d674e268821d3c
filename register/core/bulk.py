"""Writes planned first and made later, all at once: how an import adds a hundred thousand records
while holding the write lock for a few seconds only.

An import checks every row against the register as it stands, with nobody locked out, and
writes down what it would add in a ``Plan`` (one a child). Records that do not exist yet are named
by a ``NewId``, which a column of another record may hold (an episode's child, an interview's
episode). ``StagedPlans`` keeps the plans in SQLite's temporary database of the importing
connection (only it sees that; writing there takes no lock on the register, and it goes to disk
when it grows), each new record numbered within its table. ``StagedPlans.write`` then, under the
write lock, copies each table's new records with one ``INSERT ... SELECT`` (a record's id is the
table's highest id when it is written plus its number), and writes the audit trail from them:
one audit row a record holding it as stored, as the one-record path (``core/audit.py``) writes,
each chained to the one before (``core/trail.py``).
"""

from __future__ import annotations

import pickle
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import count
from typing import Any

from register.core import clock, timescales, trail
from register.core.audit import add_keyed_row, touch_derived, update_row
from register.core.db import Register

_STAMP = ("version", "updated_at", "updated_by")
_BUFFERED = 2000  # rows kept in memory before they go to the temporary database
_WRITING_CACHE_KIB = -65536  # SQLite's page cache while the plans are written (negative: in KiB)
_names = count(1)


class NewId:
    """The id of a record a plan adds to ``table``: known once it is written."""

    __slots__ = ("table", "number")

    def __init__(self, table: str) -> None:
        self.table = table
        self.number = 0  # its place among the table's new records, given when the plan is staged


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
    changes to records."""

    records: list[tuple[str, NewId, dict[str, Any]]] = field(default_factory=list)
    rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    links: list[_Link] = field(default_factory=list)
    changes: list[tuple[str, int, int, dict[str, Any]]] = field(default_factory=list)
    derived: list[tuple[str, int, dict[str, Any]]] = field(default_factory=list)
    keyed: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)

    def add(self, table: str, values: dict[str, Any]) -> NewId:
        """A new record of ``table`` (at version 1, audited as an insert); returns the id it will have."""
        new_id = NewId(table)
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


class StagedPlans:
    """Plans kept in the connection's temporary database until they are written, each under a number
    (a child's) so that it can be taken back and made again. Use as a context manager: what it
    keeps is dropped at the end."""

    def __init__(self, register: Register):
        self.register, self.db = register, register.db.conn
        self._name = f"staged_{next(_names)}"
        self._tables: dict[str, str] = {}  # register table -> its staging table
        self._numbers: dict[str, int] = defaultdict(int)  # register table -> new records numbered so far
        self._refers: dict[tuple[str, str], str] = {}  # (table, column) -> the table whose new ids it may hold
        # register table -> its rows waiting to be staged, by their columns (the key last)
        self._waiting: dict[str, dict[tuple[str, ...], list[tuple[Any, ...]]]] = defaultdict(dict)
        self._counted: dict[str, int] = defaultdict(int)  # register table -> rows waiting
        self._links: list[tuple[Any, ...]] = []
        self._others: list[tuple[int, bytes]] = []

    def __enter__(self) -> StagedPlans:
        self.db.execute(
            f"CREATE TABLE temp.{self._name}_links (stage_key INTEGER, link_table TEXT, owner_table TEXT, "
            "owner_column TEXT, member_column TEXT, member_table TEXT, audit_key TEXT, owner INTEGER, member INTEGER)"
        )
        self.db.execute(f"CREATE TABLE temp.{self._name}_other (stage_key INTEGER, plan BLOB)")
        return self

    def __exit__(self, *exception: object) -> None:
        self._waiting.clear()
        self._links.clear()
        self._others.clear()
        for staged in [*self._tables.values(), f"{self._name}_links", f"{self._name}_other", f"{self._name}_forgotten"]:
            self.db.execute(f"DROP TABLE IF EXISTS temp.[{staged}]")

    # ---- keeping plans -------------------------------------------------------------

    def put(self, key: int, plan: Plan) -> None:
        """Keep ``plan`` under ``key``, numbering its new records."""
        numbers = self._numbers
        for table, new_id, _values in plan.records:
            numbers[table] += 1
            new_id.number = numbers[table]
        for table, new_id, values in plan.records:
            self._keep(table, ("id", *values), (new_id.number, *self._encoded(table, values), key))
        for table, values in plan.rows:
            self._keep(table, tuple(values), (*self._encoded(table, values), key))
        for link in plan.links:
            member_table = next((member.table for member in link.members if isinstance(member, NewId)), "")
            self._links.extend(
                (
                    key,
                    link.table,
                    link.owner_table,
                    link.owner_column,
                    link.member_column,
                    member_table,
                    link.audit_key,
                    _encoded(link.owner),
                    _encoded(member),
                )
                for member in link.members
            )
        if plan.keyed or plan.changes or plan.derived:
            self._others.append((key, pickle.dumps((plan.keyed, plan.changes, plan.derived), pickle.HIGHEST_PROTOCOL)))
        if len(self._links) >= _BUFFERED or len(self._others) >= _BUFFERED:
            self._flush_links()

    def _encoded(self, table: str, values: dict[str, Any]) -> list[Any]:
        encoded = []
        for column, value in values.items():
            if value.__class__ is NewId:
                if self._refers.setdefault((table, column), value.table) != value.table:
                    raise ValueError(f"{table}.{column} names new records of two tables")
                value = -value.number
            encoded.append(value)
        return encoded

    def _keep(self, table: str, columns: tuple[str, ...], row: tuple[Any, ...]) -> None:
        if table not in self._tables:
            staged = self._tables[table] = f"{self._name}_{table}"
            self.db.execute(f"CREATE TABLE temp.[{staged}] AS SELECT * FROM main.[{table}] LIMIT 0")
            self.db.execute(f"ALTER TABLE temp.[{staged}] ADD COLUMN stage_key INTEGER")
        waiting = self._waiting[table]
        if columns in waiting:
            waiting[columns].append(row)
        else:
            waiting[columns] = [row]
        self._counted[table] += 1
        if self._counted[table] >= _BUFFERED:
            self._flush(table)

    def _flush(self, table: str) -> None:
        self._counted[table] = 0
        for columns, rows in self._waiting.pop(table, {}).items():
            names = ", ".join(f"[{column}]" for column in (*columns, "stage_key"))
            marks = ", ".join("?" for _ in range(len(columns) + 1))
            self.db.executemany(f"INSERT INTO temp.[{self._tables[table]}] ({names}) VALUES ({marks})", rows)

    def _flush_links(self) -> None:
        self.db.executemany(f"INSERT INTO temp.{self._name}_links VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", self._links)
        self.db.executemany(f"INSERT INTO temp.{self._name}_other VALUES (?, ?)", self._others)
        self._links.clear()
        self._others.clear()

    def _flush_all(self) -> None:
        for table in list(self._waiting):
            self._flush(table)
        self._flush_links()

    def take_back(self, keys: list[int]) -> None:
        """Forget the plans kept under ``keys`` (their records' numbers are not given again): one pass over
        each table kept, however many plans are forgotten."""
        self._flush_all()
        self.db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {self._name}_forgotten (stage_key INTEGER PRIMARY KEY)")
        self.db.execute(f"DELETE FROM temp.{self._name}_forgotten")
        self.db.executemany(f"INSERT OR IGNORE INTO temp.{self._name}_forgotten VALUES (?)", [(key,) for key in keys])
        for staged in [*self._tables.values(), f"{self._name}_links", f"{self._name}_other"]:
            self.db.execute(
                f"DELETE FROM temp.[{staged}] WHERE stage_key IN (SELECT stage_key FROM temp.{self._name}_forgotten)"
            )

    # ---- writing them --------------------------------------------------------------

    def write(self) -> None:
        """Write every plan kept; call inside register.atomic() (the write lock).

        Raises ConflictError if a record a plan changes was changed since it was read (nothing is
        written: the transaction is rolled back).
        """
        self._flush_all()
        cache = self.db.execute("PRAGMA main.cache_size").fetchone()[0]
        # 64 MiB while writing: filling a dozen indexes of a big table at once thrashes SQLite's default
        # 2 MB cache (measured: the write lock of a 100,000-row import into a register of 100,000
        # episodes is held 2.1 s instead of 4.3 s).
        self.db.execute(f"PRAGMA main.cache_size = {_WRITING_CACHE_KIB}")
        try:
            self._write()
        finally:
            self.db.execute(f"PRAGMA main.cache_size = {cache}")

    def _write(self) -> None:
        register = self.register
        at, stamp = timescales.to_text(clock.now()), (1, timescales.to_text(clock.now()), register.actor.name)
        register.db.execute("PRAGMA defer_foreign_keys = ON")  # records name records written later
        known = {*self._numbers, *self._refers.values()}  # the tables new records are added to
        highest = {
            table: register.db.execute(f"SELECT coalesce(max(rowid), 0) FROM main.[{table}]").fetchone()[0]
            for table in known
        }
        for table, staged in self._tables.items():
            names = [row[1] for row in self.db.execute(f"PRAGMA main.table_info([{table}])")]
            chosen, parameters = [], []
            for name in names:
                if name == "id" and table in self._numbers:
                    chosen.append("? + [id]")
                    parameters.append(highest[table])
                elif name in _STAMP and table in self._numbers:
                    chosen.append("?")
                    parameters.append(stamp[_STAMP.index(name)])
                elif (table, name) in self._refers:
                    chosen.append(f"CASE WHEN [{name}] < 0 THEN ? - [{name}] ELSE [{name}] END")
                    parameters.append(highest[self._refers[table, name]])
                else:
                    chosen.append(f"[{name}]")
            columns = ", ".join(f"[{name}]" for name in names)
            # New records are staged in the order of their numbers; other rows are sorted, which fills their
            # index faster.
            in_order = "rowid" if table in self._numbers else columns
            register.db.execute(
                f"INSERT INTO main.[{table}] ({columns}) SELECT {', '.join(chosen)} FROM temp.[{staged}] "
                f"ORDER BY {in_order}",
                parameters,
            )
            if table in self._numbers:
                self._audit_inserts(table, names, highest[table], at)
        self._write_links(highest, at)
        for (other,) in self.db.execute(f"SELECT plan FROM temp.{self._name}_other ORDER BY rowid").fetchall():
            keyed, changes, derived = pickle.loads(other)
            for table, key, values in keyed:
                add_keyed_row(register, table, key, values)
            for table, row_id, version, values in changes:
                update_row(register, table, row_id, version, _resolved(values, highest))
            for table, row_id, values in derived:
                touch_derived(register, table, row_id, _resolved(values, highest))

    def _audit_inserts(self, table: str, names: list[str], after_id: int, at: str) -> None:
        """One audit row for each record written above ``after_id``, holding the record as stored: the
        JSON object the one-record path writes, made by SQLite (json_object)."""
        register = self.register
        record = ", ".join(f"'{name}', [{name}]" for name in names)
        inserted = register.db.conn.execute(
            f"SELECT ?, ?, ?, 'insert', ?, rowid, NULL, json_object({record}) "
            f"FROM main.[{table}] WHERE rowid > ? ORDER BY rowid",
            [at, register.actor.name, register.actor.role, table, after_id],
        )
        trail.append_all(register, trail.AUDIT_TRAIL, inserted)
        whose = "id" if table == "children" else "child_id"
        if whose not in names:
            register.note_change(table, None)
            return
        for (child_id,) in register.db.execute(
            f"SELECT DISTINCT [{whose}] FROM main.[{table}] WHERE rowid > ?", [after_id]
        ):
            register.note_change(table, {whose: child_id})

    def _write_links(self, highest: dict[str, int], at: str) -> None:
        """The links, and on each owner one audit row ("link": no members before, these after)."""
        register = self.register
        staged = f"temp.{self._name}_links"
        kinds = self.db.execute(
            "SELECT DISTINCT link_table, owner_table, owner_column, member_column, member_table, audit_key "
            f"FROM {staged}"
        ).fetchall()
        for link_table, owner_table, owner_column, member_column, member_table, audit_key in kinds:
            where = (
                "link_table = ? AND owner_table = ? AND owner_column = ? AND member_column = ? "
                "AND member_table = ? AND audit_key = ?"
            )
            kind = [link_table, owner_table, owner_column, member_column, member_table, audit_key]
            owner = "CASE WHEN owner < 0 THEN ? - owner ELSE owner END"
            member = "CASE WHEN member < 0 THEN ? - member ELSE member END"
            bases = [highest.get(owner_table, 0), highest.get(member_table, 0)]
            register.db.execute(
                f"INSERT INTO main.[{link_table}] ([{owner_column}], [{member_column}]) "
                f"SELECT {owner}, {member} FROM {staged} WHERE {where} ORDER BY rowid",
                [*bases, *kind],
            )
            linked = register.db.conn.execute(
                f"SELECT ?, ?, ?, 'link', ?, {owner}, json_object(?, json_array()), "
                f"json_object(?, json_group_array({member})) FROM {staged} WHERE {where} "
                "GROUP BY owner ORDER BY min(rowid)",
                [
                    at,
                    register.actor.name,
                    register.actor.role,
                    owner_table,
                    bases[0],
                    audit_key,
                    audit_key,
                    bases[1],
                    *kind,
                ],
            )
            trail.append_all(register, trail.AUDIT_TRAIL, linked)
            register.note_change(owner_table, None)


def _encoded(value: Any) -> Any:
    """A value as staged: a new record's id as minus its number, anything else as it is."""
    return -value.number if isinstance(value, NewId) else value


def _resolved(values: dict[str, Any], highest: dict[str, int]) -> dict[str, Any]:
    return {
        column: highest[value.table] + value.number if isinstance(value, NewId) else value
        for column, value in values.items()
    }
