"""SQLite's statistics of the register's indexes (ANALYZE), which its query planner uses to choose an index:
kept as counts only. ANALYZE also keeps samples of indexed values (sqlite_stat4: children's names, identifiers),
which no role may read and which would outlive a child's erasure; they are deleted as soon as they are made."""

from __future__ import annotations

from register.core.sqlite import sqlite3


def analyse(connection: sqlite3.Connection) -> None:
    """Measure every index of the register (ANALYZE; a PRAGMA analysis_limit set before is heeded) and keep
    only the counts (sqlite_stat1), in one savepoint: the samples never reach the file."""
    connection.execute("SAVEPOINT analyse")
    try:
        connection.execute("ANALYZE")
        forget_samples(connection)
    except BaseException:
        connection.execute("ROLLBACK TO analyse")
        connection.execute("RELEASE analyse")
        raise
    connection.execute("RELEASE analyse")


def forget_samples(connection: sqlite3.Connection) -> None:
    """Delete ANALYZE's samples of indexed values (sqlite_stat4, when SQLite keeps them), with their counts in
    sqlite_stat1 left for the query planner. Inside the caller's transaction, if there is one."""
    kept = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat4'").fetchone()
    if kept is not None:
        connection.execute("DELETE FROM sqlite_stat4")
