"""Pages of a big sorted, filtered list, read from indexes: shared by every register's list."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from typing import Any, Generic, TypeVar

from register.core import access
from register.core.db import Register

Row = TypeVar("Row")
Filter = TypeVar("Filter")


class Listing(ABC, Generic[Filter, Row]):
    """A register's records as a list: columns, filter, count, pages and what each cell shows.

    Subclasses name the table (``table``, aliased ``alias``, with a ``child_id`` column), an optional join for
    sorting by another table's columns, the columns (a label and the SQL that sorts by them), and how to read
    and show a row.
    """

    table: str
    alias: str
    join: tuple[str, str] = ("", "")  # (alias prefix used in ORDER BY, JOIN clause)
    columns: list[tuple[str, list[str]]]

    @abstractmethod
    def where(self, list_filter: Filter, now: datetime) -> tuple[str, dict[str, Any]]:
        """The WHERE clause (with its leading space, or empty) and its parameters."""

    @abstractmethod
    def read(self, register: Register, ids: list[int]) -> dict[int, Row]:
        """The rows for these ids, ready to show."""

    @abstractmethod
    def show(self, row: Row, column: int, now: datetime) -> str:
        """The text of one cell."""

    def warn(self, row: Row, column: int, now: datetime) -> bool:
        """Whether a cell shows something late or overdue (drawn in red)."""
        return False

    def count(self, register: Register, list_filter: Filter, now: datetime) -> int:
        where, parameters = self.where(list_filter, now)
        return register.db.execute(f"SELECT COUNT(*) FROM {self.table} {self.alias}{where}", parameters).fetchone()[0]

    def note_search(self, register: Register, list_filter: Filter, now: datetime, noun: str) -> int:
        """Note in the access log a search typed into this list (``noun``: what it lists, "episodes"): one row
        for each child whose records ``list_filter`` now shows (core/access.py; the typed text is not kept).
        Returns how many children; none found, nothing is noted. RegisterBusyError as for access.note."""
        where, parameters = self.where(list_filter, now)
        children = [
            row[0]
            for row in register.db.execute(
                f"SELECT DISTINCT {self.alias}.child_id FROM {self.table} {self.alias}{where}", parameters
            )
        ]
        if children:
            found = f"{len(children)} {'child' if len(children) == 1 else 'children'}"
            access.note(register, access.SEARCHED, f"search of the {noun} list: {found} found", children)
        return len(children)

    def page(
        self,
        register: Register,
        list_filter: Filter,
        sort_column: int,
        descending: bool,
        offset: int,
        limit: int,
        now: datetime,
        total: int | None = None,
    ) -> list[Row]:
        """One page, sorted by a column (ties by id).

        The page's ids are chosen from the indexes alone, then just those rows are read.
        Given the ``total``, a page in the second half is read from the other end, so the
        last page costs no more than the first.
        """
        where, parameters = self.where(list_filter, now)
        reverse = total is not None and offset > total // 2
        if reverse:
            assert total is not None
            descending = not descending
            offset, limit = max(0, total - offset - limit), min(limit, total - offset)
        direction = "DESC" if descending else "ASC"
        order = ", ".join(f"{part} {direction}" for part in [*self.columns[sort_column][1], f"{self.alias}.id"])
        prefix, join_sql = self.join
        join = f" {join_sql}" if prefix and prefix in order else ""
        parameters.update(offset=offset, limit=limit)
        ids = [
            row[0]
            for row in register.db.execute(
                f"SELECT {self.alias}.id FROM {self.table} {self.alias}{join}{where} "
                f"ORDER BY {order} LIMIT :limit OFFSET :offset",
                parameters,
            ).fetchall()
        ]
        if reverse:
            ids.reverse()
        rows = self.read(register, ids) if ids else {}
        return [rows[row_id] for row_id in ids if row_id in rows]
