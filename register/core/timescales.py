"""Dates, times and statutory timescales, counted in one place.

Instants are stored as ISO 8601 text in UTC (``2026-03-29T00:30:00Z``) and shown as
wall-clock time in England. Elapsed-time rules (the 72 hours for a return home
interview) are counted on UTC instants, so a clock change neither adds nor loses
an hour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from typing import TypeVar

import holidays

from register.core.clock import LONDON

INTERVIEW_WINDOW = timedelta(hours=72)
_STORED = "%Y-%m-%dT%H:%M:%SZ"  # how an instant is stored, for strftime in Python and in SQL alike

_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*$")
# England's two wall clocks, as a person names them to say which of the repeated hour they mean.
ZONES = {"BST": timedelta(hours=1), "GMT": timedelta(0)}


# ---- reading what people type -------------------------------------------------


@lru_cache(maxsize=4096)  # an import reads the same dates in row after row
def parse_date(text: str) -> date:
    """Read a date typed as DD/MM/YYYY (or D/M/YYYY) or ISO YYYY-MM-DD; ValueError says what is wrong."""
    match = _DMY.match(text)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day)
        match = _ISO_DATE.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            return date(year, month, day)
    except ValueError:
        raise ValueError(f"“{text.strip()}” is not a date on the calendar") from None
    raise ValueError(f"“{text.strip()}” is not a date: type it as DD/MM/YYYY")


@lru_cache(maxsize=1024)
def parse_time(text: str) -> time:
    """Read a 24-hour clock time typed as HH:MM, or HH:MM:SS as spreadsheets write it ("9:05:00");
    ValueError says what is wrong."""
    match = _TIME.match(text)
    if match:
        hour, minute, second = (int(part or 0) for part in match.groups())
        if hour < 24 and minute < 60 and second < 60:
            return time(hour, minute, second)
    raise ValueError(f"“{text.strip()}” is not a time: type it as HH:MM (24-hour clock)")


class RepeatedTime(ValueError):
    """A wall-clock time that happened twice (the hour repeated when the clocks go back), given
    without saying which: ``first`` is the one in BST, ``second`` the one in GMT, an hour later."""

    def __init__(self, day: date, clock: time, first: datetime, second: datetime):
        self.first, self.second = first, second
        super().__init__(
            f"{clock:%H:%M} on {day:%d/%m/%Y} happened twice in England (the clocks went back): say which, "
            f"{clock:%H:%M} BST (the first) or {clock:%H:%M} GMT (the second, an hour later)"
        )


def local_instant(day: date, clock: time, zone: str | None = None) -> datetime:
    """The UTC instant of a wall-clock date and time in England.

    ``zone`` ("BST" or "GMT") names the clock the time was read from, and then the time is exactly
    that instant (UTC+1 or UTC). Without it, a time that never happened (01:00-01:59 on the last
    Sunday of March, when the clocks go forward) is refused with ValueError, and one that happened
    twice (01:00-01:59 on the last Sunday of October, when they go back) with RepeatedTime, which
    holds both instants. Source: the Summer Time Act 1972 and Summer Time Order 2002 (clocks change
    at 01:00 GMT on the last Sundays of March and October).
    """
    # The wall clock's reading taken as UTC, less the clock's offset: made aware at once, as replace(tzinfo=UTC)
    # costs six times as much (an import reads hundreds of thousands of these).
    if zone is not None:
        if zone not in ZONES:
            raise ValueError(f"“{zone}” is not BST or GMT")
        return datetime.combine(day, clock, UTC) - ZONES[zone]
    steady = _steady_offset(day)
    if steady is not None:  # the clocks did not change that day: every time of it happened once
        return datetime.combine(day, clock, UTC) - steady
    wall = datetime.combine(day, clock)
    first = wall.replace(tzinfo=LONDON, fold=0).astimezone(UTC)
    second = wall.replace(tzinfo=LONDON, fold=1).astimezone(UTC)
    if first.astimezone(LONDON).replace(tzinfo=None) != wall:
        raise ValueError(
            f"{clock:%H:%M} on {day:%d/%m/%Y} did not happen in England: the clocks went forward from 01:00 "
            "to 02:00 that night"
        )
    if first != second:
        raise RepeatedTime(day, clock, first, second)
    return first


@lru_cache(maxsize=4096)
def _steady_offset(day: date) -> timedelta | None:
    """England's clocks' offset from UTC all through ``day``, or None if the clocks changed that day (they
    change at most once a day, so the same offset at its first and last second means no change). Kept
    for the days last asked about: an import reads the same days again and again."""
    start = datetime.combine(day, time(0, 0)).replace(tzinfo=LONDON).utcoffset()
    end = datetime.combine(day, time(23, 59, 59)).replace(tzinfo=LONDON).utcoffset()
    return start if start == end else None


def zone_of(instant: datetime) -> str:
    """The clock England showed at an instant: "BST" or "GMT"."""
    return instant.astimezone(LONDON).tzname() or "GMT"


def parse_local(date_text: str, time_text: str, zone: str | None = None) -> datetime:
    """Read a typed date and time (England's wall clock, or the clock ``zone`` names) as a UTC instant;
    refused as ``local_instant`` refuses."""
    return local_instant(parse_date(date_text), parse_time(time_text), zone)


# ---- storing and showing ------------------------------------------------------


def to_text(instant: datetime) -> str:
    """Store an aware instant as ISO 8601 UTC text."""
    if instant.tzinfo is None:
        raise ValueError("instants must carry a time zone")
    utc = instant if instant.tzinfo is UTC else instant.astimezone(UTC)
    if utc.year < 1000:  # isoformat pads the year to four digits, strftime does not
        return utc.strftime(_STORED)
    return utc.isoformat()[:19] + "Z"  # as _STORED writes it, a third faster (an import stores a million)


def from_text(text: str) -> datetime:
    """Read stored ISO 8601 UTC text back as an aware instant."""
    return datetime.strptime(text, _STORED).replace(tzinfo=UTC)


def instant_to_text(instant: datetime | None) -> str | None:
    """An optional aware instant as stored ISO 8601 UTC text; None (not recorded) stays None.

    Raises ValueError for a datetime without a time zone.
    """
    return None if instant is None else to_text(instant)


def instant_from_text(text: str | None) -> datetime | None:
    """Optional stored ISO 8601 UTC text as an aware UTC instant; None (not recorded) stays None.

    Raises ValueError for text not in the stored form (``2026-03-29T00:30:00Z``).
    """
    return None if text is None else from_text(text)


def date_to_text(day: date | None) -> str | None:
    """An optional local date as stored ISO date text (YYYY-MM-DD); None (not recorded) stays None."""
    return None if day is None else day.isoformat()


def date_from_text(text: str | None) -> date | None:
    """Optional stored ISO date text (YYYY-MM-DD) as a local date; None (not recorded) stays None.

    Raises ValueError for text that is not an ISO date.
    """
    return None if text is None else date.fromisoformat(text)


def show_date(day: date | None) -> str:
    """A date as a person in England writes it."""
    return "" if day is None else day.strftime("%d/%m/%Y")


def show_instant(instant: datetime | None) -> str:
    """An instant as England's wall-clock date and time, with BST or GMT after a time of the hour that
    happened twice ("25/10/2026 01:30 GMT")."""
    if instant is None:
        return ""
    wall = instant.astimezone(LONDON)
    return wall.strftime("%d/%m/%Y %H:%M") + (f" {zone_of(instant)}" if _repeated(wall) else "")


def _repeated(wall: datetime) -> bool:
    """Whether England's wall-clock time ``wall`` (aware, in LONDON) happened twice."""
    return wall.replace(fold=1 - wall.fold).utcoffset() != wall.utcoffset()


def local_parts(instant: datetime | None) -> tuple[str, str]:
    """An instant split into the typed date and time fields of a form."""
    if instant is None:
        return "", ""
    wall = instant.astimezone(LONDON)
    return wall.strftime("%d/%m/%Y"), wall.strftime("%H:%M")


def local_date(instant: datetime) -> date:
    """The date on England's wall clocks at an instant."""
    return instant.astimezone(LONDON).date()


def time_left(due_at: datetime, now: datetime) -> str:
    """How long is left until ``due_at`` at ``now`` (UTC instants), as a coordinator reads it: "2 d 4 h left",
    or "overdue by 1 d 8 h" once ``overdue`` (the boundary instant itself is still in time)."""
    if overdue(due_at, now):
        return f"overdue by {show_duration(now - due_at)}"
    return f"{show_duration(due_at - now)} left"


def show_duration(span: timedelta) -> str:
    """A span as days and hours (or hours and minutes when short)."""
    minutes = int(span.total_seconds() // 60)
    sign = "-" if minutes < 0 else ""
    minutes = abs(minutes)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{sign}{days} d {hours} h"
    return f"{sign}{hours} h {mins:02d} min"


# ---- timescales ---------------------------------------------------------------


def interview_due_at(returned_at: datetime) -> datetime:
    """When a return home interview falls due: 72 elapsed hours after the return (both aware instants).

    Held at that instant it is in time; still to hold just after it, it is overdue (``in_time``).
    """
    return returned_at + INTERVIEW_WINDOW


# ---- deadlines and windows: each rule once, for Python and for SQL alike ---------
#
# A timescale sets a deadline: an instant (72 hours after a return) or a day (7 working days after
# a notification, 6 weeks after a visit). Done at the deadline itself, a thing is in time; it is
# late only when done after it, and a thing still to do is overdue only once the deadline has
# passed (until then it can still be done in time). A window of a span (repeat missing: 3 episodes
# within 90 days) holds two instants when the later comes at most the span after the earlier,
# counted in elapsed time (a day is 24 hours, whatever the clocks do). Stored instants are ISO 8601
# UTC text to the second (see ``to_text``) and stored days ISO dates, so SQL compares them as text;
# "now" is to the second too (``clock.now``). The SQL forms take SQL expressions: columns or
# parameters holding stored text.

Moment = TypeVar("Moment", date, datetime)


def in_time(done: Moment, deadline: Moment) -> bool:
    """Whether a thing done at ``done`` meets ``deadline``: at or before it.

    Both are aware instants, or both dates.
    """
    return done <= deadline


def overdue(deadline: Moment, now: Moment) -> bool:
    """Whether a thing not yet done is overdue at ``now``: ``deadline`` has passed (not ``in_time``).

    Both are aware instants, or both dates (today).
    """
    return not in_time(now, deadline)


def in_time_sql(done: str, deadline: str) -> str:
    """``in_time`` in SQL, over stored instants or stored days."""
    return f"({done} <= {deadline})"


def overdue_sql(deadline: str, now: str) -> str:
    """``overdue`` in SQL (``in_time_sql`` negated), written so an index on ``deadline`` can serve it."""
    return f"({deadline} < {now})"


def within(earlier: datetime, later: datetime, span: timedelta) -> bool:
    """Whether the instant ``later`` (not before ``earlier``) comes at most ``span`` of elapsed time
    after ``earlier``: at exactly ``span`` after it, it is within."""
    return in_time(later, earlier + span)


def within_sql(earlier: str, later: str, span: timedelta) -> str:
    """``within`` in SQL, over stored instants, for a span of whole seconds (ValueError otherwise).

    Written as ``earlier`` against ``later`` less the span, so an index on ``earlier`` can serve it
    when ``later`` is a parameter.
    """
    if span % timedelta(seconds=1):
        raise ValueError(f"a window is whole seconds, not {span}")
    return f"({earlier} >= strftime('{_STORED}', {later}, '-{span // timedelta(seconds=1)} seconds'))"


def birthday(born: date, years: int) -> date:
    """The day a person born on ``born`` attains ``years`` of age.

    Someone born on 29 February attains an age on 1 March in a common year
    (Family Law Reform Act 1969, s9).
    """
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 3, 1)


# ---- working days and school days ---------------------------------------------


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays, substitute days and one-off days included."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def bank_holiday(day: date) -> bool:
    return day in _bank_holidays(day.year)


def is_working_day(day: date) -> bool:
    """Not a Saturday, Sunday or bank holiday (Christmas Day and Good Friday are bank holidays)."""
    return day.weekday() < 5 and not bank_holiday(day)


def add_working_days(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (the day itself not counted)."""
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def working_day_on_or_before(day: date) -> date:
    """``day`` if it is a working day, else the last working day before it."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


@dataclass(frozen=True)
class SchoolCalendar:
    """The authority's term dates and the days in term when schools are closed (training days).

    Days outside every term are never school days, so the calendar must cover the dates
    being counted: a new register has this school year and next; earlier years can be added.
    """

    terms: tuple[tuple[date, date], ...]
    closures: frozenset[date] = frozenset()
    days: frozenset[date] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        days = set()
        for first, last in self.terms:
            day = first
            while day <= last:
                if day.weekday() < 5 and day not in self.closures and not bank_holiday(day):
                    days.add(day)
                day += timedelta(days=1)
        object.__setattr__(self, "days", frozenset(days))

    def school_days(self, first: date, last: date) -> int:
        """How many school days from ``first`` to ``last``, both counted."""
        return sum(1 for day in self.days if first <= day <= last)

    def any_school_day(self, first: date, last: date) -> bool:
        """Whether any day from ``first`` to ``last`` is a school day."""
        day = first
        while day <= last:
            if day in self.days:
                return True
            day += timedelta(days=1)
        return False


# ---- ages ---------------------------------------------------------------------


def national_curriculum_year(born: date, on: date) -> int:
    """The national curriculum year group on ``on`` of a child born on ``born``: Reception is 0 and
    Year 11 is 11 (below 0 not yet in Reception, 12 and 13 the sixth form).

    It is the child's age on the 31 August before the school year (September to August) ``on`` falls
    in, less 4 (DfE, school admissions code: a child starts Reception in the September after turning 4).
    """
    first_year = on.year if on.month >= 9 else on.year - 1
    return first_year - born.year - (born.month >= 9) - 4


def compulsory_school_age(born: date) -> tuple[date, date]:
    """The first and last days a child is of compulsory school age (Education Act 1996, s8).

    It begins on the first prescribed day (31 March, 31 August or 31 December) on or after
    the fifth birthday, and ends on the last Friday in June of the school year in which the
    child turns 16.
    """
    fifth = birthday(born, 5)
    prescribed = sorted(
        date(year, month, day) for year in (fifth.year, fifth.year + 1) for month, day in ((3, 31), (8, 31), (12, 31))
    )
    begins = next(day for day in prescribed if day >= fifth)
    sixteenth = birthday(born, 16)
    leaving_year = sixteenth.year + 1 if sixteenth.month >= 9 else sixteenth.year
    last_june = date(leaving_year, 6, 30)
    leaving = last_june - timedelta(days=(last_june.weekday() - 4) % 7)
    return begins, leaving
