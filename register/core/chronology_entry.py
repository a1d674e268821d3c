"""One line of a child's chronology, as every register writes its own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from register.core import timescales


@dataclass(frozen=True)
class Entry:
    """One event, with the record it belongs to (table and id) for opening or its history.

    ``at`` is a UTC instant; an event recorded as a date alone (``all_day``) stands at midnight
    starting that day in England. ``status`` is what the event's register says of it now (an
    episode's return interview: due, overdue, completed in time).
    """

    at: datetime
    event: str
    details: str
    table: str
    row_id: int
    all_day: bool = False
    status: str = ""

    def when(self) -> str:
        """The date (and wall-clock time in England, unless all day) as a person reads it."""
        return (
            timescales.show_date(timescales.local_date(self.at)) if self.all_day else timescales.show_instant(self.at)
        )


def join(*parts: str) -> str:
    """The non-empty parts of a line's details, separated by semicolons."""
    return "; ".join(part for part in parts if part)


def day_start(day: date) -> datetime:
    """The UTC instant of midnight starting a local date in England (where a dated event stands)."""
    return timescales.local_instant(day, time(0, 0))
