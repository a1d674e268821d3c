"""The board's figure vocabulary: rows, tables, sections and the summary, and the SQL helpers that
work a measure out for several periods at once.

One Summary feeds the screen, the PDF and the CSV, so the three always agree. Each row has a key
that stays the same when its wording changes, and everything that picks out a figure uses the key:
``section.subject.measure``, dotted and in lower case (``missing.began.episodes``,
``fostering.visits.later.on_time``). A row drawn from a code list ends with the code as the list
spells it (``education.referred.reason.deletion_g``, ``equality.missing.sex.F``). A percentage's key is
that of the count it is a share of with ``.percent`` added, or ``.share`` in the equality tables
(``missing.interviews.in_time.percent``, ``equality.missing.sex.F.share``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from register.core import disclosure, timescales
from register.core.db import Register
from register.core.disclosure import Cell, Equation
from register.core.periods import Period


@dataclass(frozen=True)
class Row:
    """One measure across the periods. A percentage or a rate names the counts it is worked out from."""

    key: str  # stable whatever the wording: see the module's docstring
    measure: str
    values: tuple[float | None, ...]
    kind: str = "count"  # count, percent or ratio
    of: tuple[str, ...] = ()  # a percentage's count and whole, a rate's numerator and denominator (keys)

    def shown(self, index: int) -> str:
        """The value in the column ``index`` as printed: whole counts, one decimal place otherwise, "–" for none."""
        value = self.values[index]
        if value is None:
            return "–"
        if self.kind == "count":
            return f"{int(value):,}"
        return f"{value:.1f}%" if self.kind == "percent" else f"{value:.1f}"


@dataclass(frozen=True)
class Sum:
    """A relation a reader sees: in every period, the row ``total`` is the sum of the rows ``parts`` (keys;
    the total may stand in another table of the section)."""

    total: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    title: str
    headings: tuple[str, ...]  # one per column of values
    rows: list[Row]
    keys: tuple[str, ...] = ()  # the period key of each column, for the CSV


@dataclass
class Section:
    key: str
    title: str
    tables: list[Table] = field(default_factory=list)
    sums: list[Sum] = field(default_factory=list)  # the totals its tables state, for disclosure control

    def table_adder(self, headings: tuple[str, ...], keys: tuple[str, ...]) -> Callable[..., None]:
        """A function that adds a table (title, rows) with these period columns (headings and period keys);
        ``total=KEY`` also states that the rows sum to the row KEY (a Sum)."""

        def add(title: str, rows: list[Row], total: str | None = None) -> None:
            self.tables.append(Table(title, headings, rows, keys))
            if total is not None:
                self.sums.append(Sum(total, tuple(row.key for row in rows if row.key != total)))

        return add


@dataclass
class Summary:
    period: Period
    periods: list[Period]
    authority: str
    produced: datetime
    sections: list[Section]
    partnership: str = ""

    @property
    def provisional(self) -> str:
        """Says "provisional: figures to DD/MM/YYYY" if the period was not over when the figures were worked out;
        else ""."""
        return self.period.provisional(self.produced)

    def row(self, key: str) -> Row:
        """The row with the given key (``missing.began.episodes``); KeyError naming the key if there is none."""
        for section in self.sections:
            for table in section.tables:
                for row in table.rows:
                    if row.key == key:
                        return row
        raise KeyError(key)

    def cells(self) -> dict[Cell, tuple[Row, int]]:
        """Every figure's cell (key, period key), with its row and column."""
        return {
            (row.key, period): (row, index)
            for section in self.sections
            for table in section.tables
            for row in table.rows
            for index, period in enumerate(table.keys)
        }

    def equations(self) -> list[Equation]:
        """The relations the tables state, as equations over cells (see register/core/disclosure.py)."""
        found: list[Equation] = []
        for section in self.sections:
            columns = next((table.keys for table in section.tables), ())
            for total in section.sums:
                for period in columns:
                    equation = {(part, period): -1 for part in total.parts}
                    found.append({**equation, (total.total, period): 1})
        return found

    @cached_property
    def _period_keys(self) -> dict[str, tuple[str, ...]]:
        return {row.key: table.keys for section in self.sections for table in section.tables for row in table.rows}

    @cached_property
    def hidden(self) -> dict[Cell, str]:
        """The cells a published copy hides, each with what it shows instead ("<5", or "*")."""
        cells = self.cells()
        values = {cell: row.values[index] for cell, (row, index) in cells.items()}
        counts = [cell for cell, (row, _) in cells.items() if row.kind == "count"]
        hidden = disclosure.suppressed(values, counts, self.equations())
        for (key, period), (row, _) in cells.items():
            if row.of and any((source, period) in hidden for source in row.of):
                hidden[(key, period)] = disclosure.SECONDARY
        return hidden

    def shown(self, row: Row, index: int, published: bool = False) -> str:
        """The figure of ``row`` in the column ``index`` as printed; in a published copy a hidden one shows
        as "<5" or "*"."""
        if published and row.values[index] is not None:
            hidden = self.hidden.get((row.key, self._period_keys[row.key][index]))
            if hidden is not None:
                return hidden
        return row.shown(index)

    def figures(self, published: bool = False) -> list[tuple[str, str, str, str, str, str]]:
        """(key, section, measure, period, value, provisional): the rows of the CSV, the same figures as the PDF."""
        found = []
        for section in self.sections:
            for table in section.tables:
                for row in table.rows:
                    measure = f"{table.title}: {row.measure}" if table.title else row.measure
                    for index, key in enumerate(table.keys):
                        text = self.shown(row, index, published)
                        value = text.replace(",", "").rstrip("%") if text[0].isdigit() else text
                        note = self.provisional if key == self.period.key else ""
                        found.append((row.key, section.title, measure, key, value, note))
        return found


def periods_cte(periods: list[Period]) -> tuple[str, dict[str, Any]]:
    """A CTE p(idx, d0, d1, t0, t1): each period's first day, the day after it, and those as instants."""
    values = ", ".join(f"({i}, :d0_{i}, :d1_{i}, :t0_{i}, :t1_{i})" for i in range(len(periods)))
    parameters: dict[str, Any] = {}
    for index, period in enumerate(periods):
        parameters.update(
            {
                f"d0_{index}": period.first.isoformat(),
                f"d1_{index}": period.after.isoformat(),
                f"t0_{index}": timescales.to_text(period.starts_at()),
                f"t1_{index}": timescales.to_text(period.ends_at()),
            }
        )
    return f"WITH p(idx, d0, d1, t0, t1) AS (VALUES {values}) ", parameters


def per_period(register: Register, periods: list[Period], sql: str, named: dict[str, Any] | None = None) -> list[tuple]:
    """Run ``sql`` (which selects p.idx first and groups by it) and return its rows in period order."""
    cte, parameters = periods_cte(periods)
    rows = {
        row[0]: tuple(row[1:]) for row in register.db.execute(cte + sql, {**parameters, **(named or {})}).fetchall()
    }
    width = max((len(row) for row in rows.values()), default=0)
    return [rows.get(index, (None,) * width) for index in range(len(periods))]


def columns(rows: list[tuple]) -> list[tuple[float | None, ...]]:
    """Per-period rows turned into one tuple of values per measure (missing counts are nought)."""
    return [tuple(row[column] if row[column] is not None else 0 for row in rows) for column in range(len(rows[0]))]


def share(part: tuple, whole: tuple) -> tuple[float | None, ...]:
    return tuple(None if not w else round(100.0 * (p or 0) / w, 1) for p, w in zip(part, whole, strict=True))


def counts(prefix: str, keys: list[str], names: list[str], columns: list[tuple]) -> list[Row]:
    """Count rows keyed ``prefix.key`` (the code, for a code list), each with its name and values."""
    return [Row(f"{prefix}.{key}", name, values) for key, name, values in zip(keys, names, columns, strict=True)]


def percent(key: str, name: str, part: Row, whole: Row) -> Row:
    """The row ``key`` of ``part``'s share of ``whole`` in each period, in per cent to one decimal place."""
    return Row(key, name, share(part.values, whole.values), "percent", (part.key, whole.key))


def grouped(register: Register, periods: list[Period], sql: str, groups: list[str]) -> list[tuple]:
    """A query returning (idx, group, count) rows, laid out as one tuple per group across periods."""
    cte, parameters = periods_cte(periods)
    found: dict[tuple[int, str], int] = {}
    for index, group, number in register.db.execute(cte + sql, parameters).fetchall():
        found[(index, group)] = number
    return [tuple(found.get((index, group), 0) for index in range(len(periods))) for group in groups]


def bounds(period: Period) -> dict[str, str]:
    """A period as SQL parameters: :t0 and :t1 (UTC instants of its first and after-last midnights in
    England), :d0 and :d1 (its first day and the day after its last), :last (its last day)."""
    return {
        "t0": timescales.to_text(period.starts_at()),
        "t1": timescales.to_text(period.ends_at()),
        "d0": period.first.isoformat(),
        "d1": period.after.isoformat(),
        "last": period.last.isoformat(),
    }
