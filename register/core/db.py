"""Opening the register file: checks, pragmas and migrations."""

from __future__ import annotations

import contextlib
import getpass
import os
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from register.core import clock, migrations
from register.core import working_days as calendar_table
from register.core.errors import RegisterFileError

# "MCR1" in the SQLite header marks a file as one of ours.
APPLICATION_ID = 0x4D435231
REGISTER_FILE = "register.sqlite"
DEMO_FILE = "demo-register.sqlite"
DATA_DIR_VARIABLE = "REGISTER_DATA_DIR"


@dataclass(frozen=True)
class Actor:
    """Who is making a change: every write names one, and the audit trail keeps it."""

    name: str
    role: str = "coordinator"


def default_actor() -> Actor:
    """The person logged in to this computer, as a coordinator."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "unknown"
    return Actor(name)


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The folder that holds the registers: --data-dir, then REGISTER_DATA_DIR, then the platform's."""
    if explicit:
        return Path(explicit)
    if os.environ.get(DATA_DIR_VARIABLE):
        return Path(os.environ[DATA_DIR_VARIABLE])
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "children-missing-register"


class Register:
    """An open register file and the person working in it."""

    def __init__(self, path: Path, connection: sqlite3.Connection, actor: Actor):
        self.path = path
        self.db = Database(connection)
        self.actor = actor

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """One transaction: everything inside commits together or not at all."""
        with self.db.atomic() as db:
            yield db

    def close(self) -> None:
        self.db.conn.close()


def _refuse(path: Path, why: str) -> RegisterFileError:
    return RegisterFileError(f"{path} cannot be opened as a register: {why}")


def _check_header(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    if path.is_dir():
        raise _refuse(path, "it is a folder, not a file.")
    with path.open("rb") as handle:
        header = handle.read(16)
    if header != b"SQLite format 3\x00":
        raise _refuse(path, "it is not a register file (not an SQLite database).")


def open_register(path: str | os.PathLike[str], actor: Actor | None = None) -> Register:
    """Open (creating if absent) the register at ``path`` and bring its schema up to date.

    Refuses, with a RegisterFileError, a file that is not a register, is damaged, or
    was written by a newer version of the program.
    """
    path = Path(path)
    _check_header(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, isolation_level=None, timeout=10, check_same_thread=True)
    try:
        _prepare(path, connection)
    except sqlite3.DatabaseError as error:
        connection.close()
        raise _refuse(path, f"the file is damaged ({error}).") from error
    except RegisterFileError:
        connection.close()
        raise
    return Register(path, connection, actor or default_actor())


def _prepare(path: Path, connection: sqlite3.Connection) -> None:
    connection.execute("PRAGMA busy_timeout = 10000")
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    if application_id != APPLICATION_ID and tables:
        raise _refuse(path, "it is an SQLite database, but not a register.")
    db = Database(connection)
    applied = {migration.name for migration in migrations.migrations.applied(db)}
    newer = applied - set(migrations.KNOWN)
    if newer:
        raise _refuse(
            path,
            "it was written by a newer version of this program "
            f"({', '.join(sorted(newer))}). Install the newer version to open it.",
        )
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA foreign_keys = ON")
    if not tables:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.migrations.apply(db)
    calendar_table.refresh(db, clock.today())


def integrity_problems(register: Register) -> list[str]:
    """What SQLite's own integrity and foreign key checks find wrong with the file."""
    problems = [row[0] for row in register.db.execute("PRAGMA integrity_check").fetchall()]
    problems = [problem for problem in problems if problem != "ok"]
    for table, rowid, parent, _ in register.db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"{table} row {rowid} points to a missing {parent} record")
    return problems
