"""Values every test works from: the tests' "now", instants written as England's wall clock, refusals."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from register import ValidationError
from register.core import timescales

# A fixed "now" for the tests: Friday 27 November 2026, 17:00 in England (GMT).
NOW = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)


def at(text: str) -> datetime:
    """An instant from England's wall clock, written 'DD/MM/YYYY HH:MM' (with BST or GMT after it in the
    hour that happens twice)."""
    day, clock_time, *zone = text.split()
    return timescales.parse_local(day, clock_time, *zone)


def refused(save, *args, **kwargs) -> dict[str, str]:
    """The problems, by field, with which a save is refused (the test fails if it is not)."""
    with pytest.raises(ValidationError) as caught:
        save(*args, **kwargs)
    return caught.value.problems
