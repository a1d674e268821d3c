"""An open register: the connection and the person working in it, and where registers live."""

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
