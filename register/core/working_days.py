"""The calendar_days table: working days in SQL, for due dates over years of records.

Each day carries whether it is a working day (timescales.is_working_day, the one rule) and
a running count of working days, so "the 7th working day after D" is the working day
whose count is D's count plus 7.
"""

from __future__ import annotations

from datetime import date, timedelta

import holidays
from sqlite_utils import Database

from register.core import timescales

FIRST_DAY = date(2000, 1, 1)
YEARS_AHEAD = 30


def _signature(last: date) -> str:
    # A newer holidays package may add a bank holiday (a coronation, a funeral): rebuild then.
    return f"{FIRST_DAY.isoformat()}..{last.isoformat()} holidays {holidays.__version__}"


def refresh(db: Database, today: date) -> None:
    """Rebuild the table if it is missing days or was built from other bank holidays."""
    last = date(today.year + YEARS_AHEAD, 12, 31)
    signature = _signature(last)
    stored = db.execute("SELECT value FROM settings WHERE key = 'calendar_signature'").fetchone()
    if stored is not None and stored[0] == signature:
        return
    rows, number, day = [], 0, FIRST_DAY
    while day <= last:
        working = timescales.is_working_day(day)
        number += working
        rows.append((day.isoformat(), int(working), number))
        day += timedelta(days=1)
    with db.atomic():
        db.execute("DELETE FROM calendar_days")
        db.conn.executemany("INSERT INTO calendar_days (day, working, working_day_number) VALUES (?, ?, ?)", rows)
        db.execute(
            "INSERT INTO settings (key, value) VALUES ('calendar_signature', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [signature],
        )


def working_days_after_sql(day_sql: str, count: int) -> str:
    """SQL for the ``count``-th working day after the ISO date ``day_sql`` (a column or parameter)."""
    return (
        "(SELECT after.day FROM calendar_days after WHERE after.working = 1 AND after.working_day_number = "
        f"(SELECT start.working_day_number FROM calendar_days start WHERE start.day = {day_sql}) + {count})"
    )
