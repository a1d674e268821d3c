"""The one source of "now" and "today", which tests can set."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

_fixed_now: datetime | None = None


def now() -> datetime:
    """The current instant, in UTC, to the second."""
    if _fixed_now is not None:
        return _fixed_now
    return datetime.now(UTC).replace(microsecond=0)


def today() -> date:
    """Today's date on the wall clocks of England."""
    return now().astimezone(LONDON).date()


@contextlib.contextmanager
def frozen_at(instant: datetime) -> Iterator[None]:
    """Make now() return a fixed aware instant inside the block."""
    global _fixed_now
    if instant.tzinfo is None:
        raise ValueError("frozen_at needs an aware datetime")
    previous, _fixed_now = _fixed_now, instant.astimezone(UTC)
    try:
        yield
    finally:
        _fixed_now = previous
