"""Where an import keeps its rows and plans while it works: SQLite's temporary database of the
importing connection (a file of its own, on disk once it grows, gone when the connection closes),
so that a file of a million rows needs no more memory than one of a thousand. A row is kept as its
cells were read, one column each (no Python object is serialised), and parsed when its child is checked.

Only this connection sees the temporary database, and writing it takes no lock on the register.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import count
from typing import Any

from register.core.bulk import Plan, StagedPlans
from register.core.db import Register

ChildKey = tuple[str, ...]
Cells = tuple[int, tuple[str, ...]]
"""A row as kept: its number as the spreadsheet numbers it, and its cells in the header's order."""
_BATCH = 2000
_names = count(1)


# What json.dumps(..., ensure_ascii=False) writes, by one encoder made once: json.dumps makes a new one each
# time it is given an option (a third of the time, for the key of each of a million rows).
_as_json = json.JSONEncoder(ensure_ascii=False).encode


def _text(key: ChildKey) -> str:
    return _as_json(list(key))


class Staging:
    """One import's rows, grouped by child, and the plan made for each child's rows.

    Use as a context manager: its tables are dropped at the end.
    """

    def __init__(self, register: Register):
        self.db = register.db.conn
        number = next(_names)
        self.rows_table, self.plans_table = f"temp.import_rows_{number}", f"temp.import_plans_{number}"
        self.columns: list[str] = []  # the rows' columns (the header's), once the first row is kept
        self._width = 0
        self._waiting: list[tuple[Any, ...]] = []
        self._plans_waiting: list[tuple[str, int, int | None, str]] = []
        self._plan_numbers = count(1)
        self.plans = StagedPlans(register)

    def __enter__(self) -> Staging:
        # On disk, not in memory (SQLCipher's build keeps temporary tables in memory unless told): a big
        # file's rows and plans must not grow the program's memory. They are the file's own rows, which
        # are on disk already; SQLite deletes its temporary file when the connection closes.
        self.db.execute("PRAGMA temp_store = FILE")
        self.plans.__enter__()
        self.db.execute(
            f"CREATE TABLE {self.plans_table} (key TEXT PRIMARY KEY, number INTEGER, child_id INTEGER, counts TEXT)"
        )
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

    def add_row(self, key: ChildKey, number: int, cells: dict[str, str]) -> None:
        """Keep a row's cells as read (by column; ``number`` as the spreadsheet numbers it) under its
        child's key. Every row of an import has the same columns (its header's), in the same order."""
        if not self._width:
            self.columns, self._width = list(cells), len(cells)
            cells_columns = "".join(f", c{index} TEXT" for index in range(self._width))
            self.db.execute(
                f"CREATE TABLE {self.rows_table} (key TEXT NOT NULL, number INTEGER NOT NULL{cells_columns})"
            )
        self._waiting.append((_text(key), number, *cells.values()))
        if len(self._waiting) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._waiting:
            marks = ", ".join("?" for _ in range(self._width + 2))
            self.db.executemany(f"INSERT INTO {self.rows_table} VALUES ({marks})", self._waiting)
            self._waiting.clear()

    def _rows_in_order(self) -> bool:
        """Whether any row is kept; if so, they are ready to be read by key."""
        self._flush()
        if self._width:
            table = self.rows_table.split(".")[1]
            self.db.execute(f"CREATE INDEX IF NOT EXISTS temp.{table}_key ON {table} (key, number)")
        return bool(self._width)

    def groups(self) -> Iterator[tuple[ChildKey, list[Cells]]]:
        """Each child's rows (their numbers and cells), in the order of the file, one child at a time."""
        if not self._rows_in_order():
            return
        key: str | None = None
        rows: list[Cells] = []
        for row in self.db.execute(f"SELECT * FROM {self.rows_table} ORDER BY key, number"):
            if row[0] != key and rows:
                yield tuple(json.loads(key or "[]")), rows
                rows = []
            key = row[0]
            rows.append((row[1], row[2:]))
        if rows:
            yield tuple(json.loads(key or "[]")), rows

    def rows_of(self, key: ChildKey) -> list[Cells]:
        """One child's rows (their numbers and cells), in the order of the file."""
        if not self._rows_in_order():
            return []
        found = self.db.execute(f"SELECT * FROM {self.rows_table} WHERE key = ? ORDER BY number", [_text(key)])
        return [(row[1], row[2:]) for row in found]

    # ---- plans -------------------------------------------------------------------

    def put_plan(self, key: ChildKey, child_id: int | None, plan: Plan, counts: dict[str, int]) -> None:
        """Keep the plan for a child's rows, with what it adds (``counts``) and the id of the child if the
        register holds it already. A child's plan made again is kept once its first is ``forget``-ten."""
        number = next(self._plan_numbers)
        self.plans.put(number, plan)
        self._plans_waiting.append((_text(key), number, child_id, _as_json(counts)))
        if len(self._plans_waiting) >= _BATCH:
            self._flush_plans()

    def forget(self, keys: set[ChildKey] | None) -> dict[str, int]:
        """Forget the plans kept for these children's rows (None: every child's), to make them again;
        returns what they added, summed (their ``counts``)."""
        self._flush_plans()
        if keys is None:
            found = self.db.execute(f"SELECT key, number, counts FROM {self.plans_table}").fetchall()
        else:
            found = [
                row
                for key in keys
                for row in self.db.execute(
                    f"SELECT key, number, counts FROM {self.plans_table} WHERE key = ?", [_text(key)]
                )
            ]
        self.plans.take_back([number for _key, number, _counts in found])
        self.db.executemany(f"DELETE FROM {self.plans_table} WHERE key = ?", [(key,) for key, _number, _ in found])
        added: dict[str, int] = {}
        for _key, _number, counts in found:
            for what, number in json.loads(counts).items():
                added[what] = added.get(what, 0) + number
        return added

    def _flush_plans(self) -> None:
        self.db.executemany(f"INSERT INTO {self.plans_table} VALUES (?, ?, ?, ?)", self._plans_waiting)
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
        if not self._rows_in_order():
            return False
        found = self.db.execute(f"SELECT 1 FROM {self.rows_table} WHERE key = ? LIMIT 1", [_text(key)])
        return found.fetchone() is not None
