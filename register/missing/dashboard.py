"""What the coordinator's dashboard shows, read in one go: missing now, interviews due, repeat missing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from register.core import clock, settings
from register.core.db import Register
from register.missing.records import Episode, InterviewsDue, RepeatMissing, interviews_due, missing_now, repeat_missing
from register.people.index import Child


@dataclass(frozen=True)
class MissingDashboard:
    now: datetime  # the UTC instant the figures were read at
    missing_now: list[tuple[Child, Episode]]
    interviews: InterviewsDue
    repeat: list[RepeatMissing]
    repeat_total: int
    repeat_episodes: int  # the thresholds in force: this many episodes ...
    repeat_days: int  # ... within this many days


def dashboard(register: Register) -> MissingDashboard:
    """Everything the coordinator's dashboard shows, as the register stands now (one instant for all)."""
    now = clock.now()
    repeat, repeat_total = repeat_missing(register, now)
    return MissingDashboard(
        now=now,
        missing_now=missing_now(register),
        interviews=interviews_due(register, now),
        repeat=repeat,
        repeat_total=repeat_total,
        repeat_episodes=settings.get_int(register, settings.REPEAT_MISSING_EPISODES),
        repeat_days=settings.get_int(register, settings.REPEAT_MISSING_DAYS),
    )
