"""Reporting periods: calendar quarters and years running 1 April to 31 March."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from register.core import timescales


@dataclass(frozen=True)
class Period:
    """A quarter or a year, its first day and the day after its last."""

    kind: str  # "quarter" or "year"
    first: date
    after: date  # the day after the last day

    @property
    def last(self) -> date:
        return self.after - timedelta(days=1)

    @property
    def key(self) -> str:
        """As typed on the command line: 2026-Q2, 2026-27."""
        if self.kind == "quarter":
            return f"{self.first.year}-Q{(self.first.month - 1) // 3 + 1}"
        return f"{self.first.year}-{str(self.first.year + 1)[2:]}"

    @property
    def label(self) -> str:
        """As a reader says it: April to June 2026; April 2026 to March 2027."""
        if self.kind == "quarter":
            return f"{self.first:%B} to {self.last:%B %Y}"
        return f"{self.first:%B %Y} to {self.last:%B %Y}"

    @property
    def short(self) -> str:
        """For a table heading: Apr-Jun 2026; 2026-27."""
        if self.kind == "quarter":
            return f"{self.first:%b}-{self.last:%b %Y}"
        return self.key

    @property
    def compact(self) -> str:
        """For a chart's axis: Apr-Jun 26; 2026-27."""
        if self.kind == "quarter":
            return f"{self.first:%b}-{self.last:%b %y}"
        return self.key

    def starts_at(self) -> datetime:
        """The instant the period starts: midnight on its first day in England."""
        return timescales.local_instant(self.first, time(0, 0))

    def ends_at(self) -> datetime:
        """The instant it ends: midnight after its last day in England."""
        return timescales.local_instant(self.after, time(0, 0))

    def previous(self) -> Period:
        if self.kind == "quarter":
            first = _add_months(self.first, -3)
            return Period("quarter", first, self.first)
        return Period("year", date(self.first.year - 1, 4, 1), self.first)

    def with_previous(self, count: int = 4) -> list[Period]:
        """The previous ``count`` periods and this one, oldest first."""
        periods = [self]
        for _ in range(count):
            periods.append(periods[-1].previous())
        return list(reversed(periods))


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def quarter(key: str) -> Period:
    """A calendar quarter typed as 2026-Q2 (April to June 2026)."""
    match = re.fullmatch(r"\s*(\d{4})-?Q([1-4])\s*", key, re.IGNORECASE)
    if not match:
        raise ValueError(f"“{key}” is not a quarter: write it as YYYY-Qn, for example 2026-Q2 for April to June 2026")
    first = date(int(match.group(1)), 3 * int(match.group(2)) - 2, 1)
    return Period("quarter", first, _add_months(first, 3))


def year(key: str) -> Period:
    """A year of 1 April to 31 March typed as 2026-27."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{2}|\d{4})\s*", key)
    if not match or int(match.group(2)[-2:]) != (int(match.group(1)) + 1) % 100:
        raise ValueError(
            f"“{key}” is not a year: write it as YYYY-YY, for example 2026-27 for April 2026 to March 2027"
        )
    first_year = int(match.group(1))
    return Period("year", date(first_year, 4, 1), date(first_year + 1, 4, 1))


def quarter_of(day: date) -> Period:
    return quarter(f"{day.year}-Q{(day.month - 1) // 3 + 1}")


def year_of(day: date) -> Period:
    first_year = day.year if day.month >= 4 else day.year - 1
    return Period("year", date(first_year, 4, 1), date(first_year + 1, 4, 1))
