"""The floor of the register: opening the file, migrations, the audited write path, clock,
timescales, calendars, periods, identifiers, codes, errors, settings and paging.

Nothing here imports anything else of ``register``.
"""
