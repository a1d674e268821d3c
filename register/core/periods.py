"""Reporting periods: the authority's financial year (1 April to 31 March) and its quarters.

Quarters are said as the authority's staff say them: Q1 is April to June, so "Q2 2026-27" is July to
September 2026, and are always shown with their months. A period not yet over is provisional.
"""

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
    def financial_year(self) -> int:
        """The calendar year the period's financial year begins in (2026 for 2026-27)."""
        return self.first.year if self.first.month >= 4 else self.first.year - 1

    @property
    def year_key(self) -> str:
        """The financial year as written: 2026-27."""
        return f"{self.financial_year}-{(self.financial_year + 1) % 100:02d}"

    @property
    def number(self) -> int:
        """A quarter's number in its financial year: 1 for April to June, 4 for January to March."""
        return (self.first.month - 4) % 12 // 3 + 1

    @property
    def key(self) -> str:
        """As typed on the command line: 2026-27-Q2 (July to September 2026), 2026-27."""
        if self.kind == "quarter":
            return f"{self.year_key}-Q{self.number}"
        return self.year_key

    @property
    def label(self) -> str:
        """As a reader says it: Q2 2026-27 (July to September 2026); 2026-27 (April 2026 to March 2027)."""
        if self.kind == "quarter":
            return f"Q{self.number} {self.year_key} ({self.first:%B} to {self.last:%B %Y})"
        return f"{self.year_key} ({self.first:%B %Y} to {self.last:%B %Y})"

    @property
    def short(self) -> str:
        """For a table heading: Q2 2026-27 (Jul-Sep 2026); 2026-27."""
        if self.kind == "quarter":
            return f"Q{self.number} {self.year_key} ({self.first:%b}-{self.last:%b %Y})"
        return self.key

    @property
    def compact(self) -> str:
        """For a chart's axis, on two lines: Q2 26-27 above Jul-Sep; 2026-27."""
        if self.kind == "quarter":
            return f"Q{self.number} {self.year_key[2:]}\n{self.first:%b}-{self.last:%b}"
        return self.key

    def provisional(self, figures_to: datetime) -> str:
        """Says "provisional: figures to DD/MM/YYYY" if the period was not yet over at the instant ``figures_to``
        (an aware datetime; the date is England's), else ""."""
        if figures_to >= self.ends_at():
            return ""
        return f"provisional: figures to {timescales.show_date(timescales.local_date(figures_to))}"

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
    """A quarter of the financial year typed as 2026-27-Q2 (July to September 2026).

    The old form, a calendar quarter typed as 2026-Q2 (April to June 2026), is still read; ``old_form``
    says how it is now written. ValueError, saying how to write it, for anything else."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{2})-?Q([1-4])\s*", key, re.IGNORECASE)
    if match and int(match.group(2)) == (int(match.group(1)) + 1) % 100:
        first = _add_months(date(int(match.group(1)), 4, 1), 3 * (int(match.group(3)) - 1))
        return Period("quarter", first, _add_months(first, 3))
    old = re.fullmatch(r"\s*(\d{4})-?Q([1-4])\s*", key, re.IGNORECASE)
    if old:
        first = date(int(old.group(1)), 3 * int(old.group(2)) - 2, 1)
        return Period("quarter", first, _add_months(first, 3))
    raise ValueError(
        f"“{key}” is not a quarter: write it as YYYY-YY-Qn, the financial year and the quarter in it (Q1 is "
        "April to June), for example 2026-27-Q2 for July to September 2026"
    )


def old_form(key: str) -> str:
    """A note saying how a quarter typed in the old form (a calendar quarter: 2026-Q2) is now written,
    or "" if it was typed in today's form."""
    if not re.fullmatch(r"\s*\d{4}-?Q[1-4]\s*", key, re.IGNORECASE):
        return ""
    period = quarter(key)
    return (
        f"Note: “{key.strip()}” is the old way of writing a quarter (the calendar's quarter: "
        f"{period.first:%B} to {period.last:%B %Y}). Quarters now follow the financial year: "
        f"this one is {period.key}, {period.label}."
    )


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
    """The financial year's quarter the day falls in."""
    first = date(day.year, day.month - (day.month - 1) % 3, 1)
    return Period("quarter", first, _add_months(first, 3))


def year_of(day: date) -> Period:
    first_year = day.year if day.month >= 4 else day.year - 1
    return Period("year", date(first_year, 4, 1), date(first_year + 1, 4, 1))
