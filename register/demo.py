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
    conn.execute("PRAGMA cache_size = -262144")
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
        conn.execute("PRAGMA cache_size = -2000")
        index_stats.analyse(conn)
