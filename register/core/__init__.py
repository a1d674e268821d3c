"""The floor of the register: opening the file, migrations, the audited write path, clock,
timescales, calendars, periods, identifiers, codes, errors, settings and paging.

Nothing here imports anything else of ``register``.
"""

from register.core import sqlite as _sqlite  # noqa: F401  # before sqlite_utils is imported anywhere
