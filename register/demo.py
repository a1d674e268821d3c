"""Synthetic registers of any size, reproducible by seed. No real person is in them."""

from __future__ import annotations

from collections.abc import Callable

from register.core import index_stats
from register.core.db import Register
from register.core.demo import DemoContext
from register.core.errors import RegisterError
from register.faces import REGISTERS
from register.people.demo import add_children


def build(
    register: Register,
    children: int = 300,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
    **sizes: int | None,
) -> None:
    """Fill an empty register with synthetic children and every register's records for them.

    ``sizes`` are the registers' demo options (episodes, cases, absences, arrangements); one left
    out follows its default (see each register's ``demo_options``). Raises RegisterError if
    ``children`` is below 1 or the register already holds records.
    """
    if children < 1:
        raise RegisterError("A demo register needs at least one child.")
    if register.db["children"].count or register.db["missing_episodes"].count:
        raise RegisterError("The demo can only fill an empty register; this one already holds records.")
    known = {option.name for face in REGISTERS for option in face.demo_options}
    unknown = set(sizes) - known
    if unknown:
        raise TypeError(f"no demo option {', '.join(sorted(unknown))}")
    conn = register.db.conn
    # Building indexes once at the end is several times faster than keeping them up
    # to date through a million inserts.
    tables = ["children", *(table for face in REGISTERS for table in face.tables)]
    marks = ",".join("?" for _ in tables)
    indexes = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
        tables,
    ).fetchall()
    # While building: a 256 MiB cache, a second thread for sorting the indexes, and the rollback journal
    # kept in memory, not the write-ahead log, so that each page is written to the file once, not to the
    # log and then the file, and not waited for on the disk (synchronous off). The build can still be
    # rolled back; only if the process dies or the machine stops while building is the (demo) file left
    # damaged, and the next opening says so. Where another connection has the file open, the journal
    # stays as it is.
    journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
    synchronous = conn.execute("PRAGMA synchronous").fetchone()[0]
    conn.execute("PRAGMA cache_size = -262144")
    conn.execute("PRAGMA threads = 2")
    conn.execute("PRAGMA journal_mode = MEMORY")
    conn.execute("PRAGMA synchronous = OFF")
    try:
        with register.unguarded():  # synthetic children, filled by the program itself
            with register.atomic():
                for name, _ in indexes:
                    conn.execute(f"DROP INDEX [{name}]")
                context = DemoContext(register, seed, progress)
                add_children(context, children)
                for face in REGISTERS:
                    face.demo(context, {option.name: sizes.get(option.name) for option in face.demo_options})
                for _, sql in indexes:
                    conn.execute(sql)
            # The query planner's statistics from a sample of each index (SQLite's own advice for a large
            # file): a tenth of the time, and the same plans.
            conn.execute("PRAGMA analysis_limit = 1000")
            index_stats.analyse(conn)
    finally:
        conn.execute("PRAGMA analysis_limit = 0")
        conn.execute(f"PRAGMA journal_mode = {journal}")
        conn.execute(f"PRAGMA synchronous = {int(synchronous)}")
        conn.execute("PRAGMA threads = 0")
        conn.execute("PRAGMA cache_size = -2000")
