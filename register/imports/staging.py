"""Where an import keeps its rows and plans while it works: SQLite's temporary database of the
importing connection (a file of its own, on disk once it grows, gone when the connection closes),
so that a file of a million rows needs no more memory than one of a thousand.

Only this connection sees the temporary database, and writing it takes no lock on the register.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator
from itertools import count
from typing import Any

from register.core.bulk import Plan, StagedPlans
from register.core.db import Register

ChildKey = tuple[str, ...]
_BATCH = 2000
_names = count(1)


def _text(key: ChildKey) -> str:
    return json.dumps(list(key), ensure_ascii=False)


class Staging:
    """One import's rows, grouped by child, and the plan made for each child's rows.

    Use as a context manager: its tables are dropped at the end.
    """

    def __init__(self, register: Register):
        self.db = register.db.conn
        number = next(_names)
        self.rows_table, self.plans_table = f"temp.import_rows_{number}", f"temp.import_plans_{number}"
        self._waiting: list[tuple[str, int, bytes]] = []
        self._plans_waiting: list[tuple[str, int | None, str]] = []
        self.plans = StagedPlans(register)

    def __enter__(self) -> Staging:
        # On disk, not in memory (SQLCipher's build keeps temporary tables in memory unless told): a big
        # file's rows and plans must not grow the program's memory. They are the file's own rows, which
        # are on disk already; SQLite deletes its temporary file when the connection closes.
        self.db.execute("PRAGMA temp_store = FILE")
        self.plans.__enter__()
        self.db.execute(f"CREATE TABLE {self.rows_table} (key TEXT NOT NULL, number INTEGER NOT NULL, row BLOB)")
        self.db.execute(f"CREATE TABLE {self.plans_table} (key TEXT PRIMARY KEY, child_id INTEGER, counts TEXT)")
        table = self.plans_table.split(".")[1]
        self.db.execute(f"CREATE INDEX temp.{table}_child ON {table} (child_id)")
        return self

    def __exit__(self, *exception: object) -> None:
        self.plans.__exit__(*exception)
        self._waiting.clear()
        self._plans_waiting.clear()
        for table in (self.rows_table, self.plans_table):
            self.db.execute(f"DROP TABLE IF EXISTS {table}")
        self.db.execute("PRAGMA temp_store = DEFAULT")

    # ---- rows --------------------------------------------------------------------

    def add_row(self, key: ChildKey, number: int, row: Any) -> None:
        """Keep a parsed row (``number`` as the spreadsheet numbers it) under its child's key."""
        self._waiting.append((_text(key), number, pickle.dumps(row, pickle.HIGHEST_PROTOCOL)))
        if len(self._waiting) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        self.db.executemany(f"INSERT INTO {self.rows_table} VALUES (?, ?, ?)", self._waiting)
        self._waiting.clear()

    def _rows_in_order(self) -> None:
        self._flush()
        table = self.rows_table.split(".")[1]
        self.db.execute(f"CREATE INDEX IF NOT EXISTS temp.{table}_key ON {table} (key, number)")

    def groups(self) -> Iterator[tuple[ChildKey, list[Any]]]:
        """Each child's rows, in the order of the file, one child at a time."""
        self._rows_in_order()
        key: str | None = None
        rows: list[Any] = []
        for text, row in self.db.execute(f"SELECT key, row FROM {self.rows_table} ORDER BY key, number"):
            if text != key and rows:
                yield tuple(json.loads(key or "[]")), rows
                rows = []
            key = text
            rows.append(pickle.loads(row))
        if rows:
            yield tuple(json.loads(key or "[]")), rows

    def rows_of(self, key: ChildKey) -> list[Any]:
        """One child's rows, in the order of the file."""
        self._rows_in_order()
        found = self.db.execute(f"SELECT row FROM {self.rows_table} WHERE key = ? ORDER BY number", [_text(key)])
        return [pickle.loads(row) for (row,) in found]

    # ---- plans -------------------------------------------------------------------

    def put_plan(self, key: ChildKey, child_id: int | None, plan: Plan, counts: dict[str, int]) -> None:
        """Keep the plan for a child's rows, with what it adds (``counts``) and the id of the child if the
        register holds it already. Each child's first plan; ``replace_plan`` for the ones made again."""
        text = _text(key)
        self.plans.put(text, plan)
        self._plans_waiting.append((text, child_id, json.dumps(counts)))
        if len(self._plans_waiting) >= _BATCH:
            self._flush_plans()

    def replace_plan(self, key: ChildKey, child_id: int | None, plan: Plan, counts: dict[str, int]) -> dict[str, int]:
        """Keep the plan made again for a child's rows in place of the first; returns the first's counts."""
        self._flush_plans()
        text = _text(key)
        before = self.db.execute(f"SELECT counts FROM {self.plans_table} WHERE key = ?", [text]).fetchone()
        self.plans.take_back(text)
        self.db.execute(f"DELETE FROM {self.plans_table} WHERE key = ?", [text])
        self.put_plan(key, child_id, plan, counts)
        self._flush_plans()
        return json.loads(before[0]) if before else {}

    def _flush_plans(self) -> None:
        self.db.executemany(f"INSERT INTO {self.plans_table} VALUES (?, ?, ?)", self._plans_waiting)
        self._plans_waiting.clear()

    def keys_of(self, child_ids: set[int]) -> set[ChildKey]:
        """The keys of the rows that are about children already in the register with these ids."""
        self._flush_plans()
        keys = set()
        for child_id in child_ids:
            for (text,) in self.db.execute(f"SELECT key FROM {self.plans_table} WHERE child_id = ?", [child_id]):
                keys.add(tuple(json.loads(text)))
        return keys

    def has(self, key: ChildKey) -> bool:
        found = self.db.execute(f"SELECT 1 FROM {self.rows_table} WHERE key = ? LIMIT 1", [_text(key)])
        return found.fetchone() is not None
