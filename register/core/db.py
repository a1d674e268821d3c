"""An open register: the connection and the person working in it, and where registers live."""

from __future__ import annotations

import contextlib
import getpass
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

from register.core import keys, permissions
from register.core.errors import PermissionDenied, RegisterBusyError, RegisterFileError
from register.core.sqlite import sqlite3

T = TypeVar("T")

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


@dataclass(frozen=True)
class Change:
    """What writes changed: the tables, and the children whose records changed.

    ``every_child`` is set when a row that belongs to no one child changed (a school, a setting,
    an outcome's wording), which any child's record may show.
    """

    tables: frozenset[str] = frozenset()
    child_ids: frozenset[int] = frozenset()
    every_child: bool = False
    # Each record written one at a time, in order: (table, row id, audit action: insert, update, delete...).
    records: tuple[tuple[str, int, str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.tables)

    def touches(self, tables: frozenset[str] | None) -> bool:
        """Whether any of ``tables`` changed (None: whatever changed)."""
        return bool(self.tables) if tables is None else bool(self.tables & tables)

    def touches_child(self, child_id: int) -> bool:
        """Whether what is shown of this child may have changed."""
        return child_id in self.child_ids or self.every_child


BUSY_SECONDS = 10.0  # how long a write waits for another's write lock (an import holds it a few seconds)
WAIT_STEP = 0.2  # how often a waiting write tries again and says it is waiting


class Connection(sqlite3.Connection):
    """A register's connection (``sqlite3.connect(..., factory=Connection)``): a statement its door
    (permissions.Door) refuses raises PermissionDenied, in words, instead of SQLite's "not authorized"."""

    door: permissions.Door | None = None

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        self._prepare(sql)
        try:
            return super().execute(sql, parameters)
        except sqlite3.DatabaseError as error:
            self._refused(error)
            raise
        finally:
            self._prepare("")

    def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
        self._prepare(sql)
        try:
            return super().executemany(sql, parameters)
        except sqlite3.DatabaseError as error:
            self._refused(error)
            raise
        finally:
            self._prepare("")

    def _prepare(self, sql: str) -> None:
        # The door lets SQLite's foreign key checks read key columns only while a write is prepared (SQLite
        # prepares a statement when it first runs, or again after the schema changed, both inside execute;
        # what the door lets through depends on the text alone, so a statement kept and run again is the same).
        if self.door is not None:
            self.door.writing = permissions.written(sql)

    def _refused(self, error: sqlite3.DatabaseError) -> None:
        text = str(error)
        if self.door is not None and self.door.refused is not None and ("authorized" in text or "prohibited" in text):
            words, self.door.refused = self.door.in_words(), None
            raise PermissionDenied(words) from error


def in_lists(values: Sequence[T], size: int = 500) -> Iterator[tuple[list[T], str]]:
    """``values`` at most ``size`` at a time, each list with its SQL placeholders ("?,?,?"): for a query
    ``WHERE column IN (...)`` reading the rows of many records at once, in as few statements as may be."""
    for start in range(0, len(values), size):
        chunk = list(values[start : start + size])
        yield chunk, ",".join("?" for _ in chunk)


def _busy(error: sqlite3.OperationalError) -> bool:
    """Whether SQLite gave up waiting for another connection's lock."""
    return "locked" in str(error) or "busy" in str(error)


def _read_only(error: sqlite3.OperationalError) -> bool:
    """Whether SQLite refused a write because the file, its folder or its shared lock file is read-only."""
    return "readonly" in str(error)


class Register:
    """An open register file and the person working in it.

    Every audited write notes what it changed here (``note_change``); the window takes the
    changes after a save (``take_changes``) to redraw only what they concern.
    """

    def __init__(self, path: Path, connection: sqlite3.Connection, actor: Actor):
        self.path = path
        self.db = Database(connection)
        self.actor = actor
        self._tables: set[str] = set()
        self._children: set[int] = set()
        self._every_child = False
        self._records: list[tuple[str, int, str]] = []
        self._concerning: list[int] = []
        # Whether the file passed its check: True (or not checked, for a register opened to do one job),
        # None while a check runs (writes wait for it), else the damage found, in words (writes refused).
        self.soundness: bool | None | str = True
        self.network: str | None = None  # the network file system it is on, if any (then no write-ahead log)
        # Opened for viewing only (open_register(..., read_only=True)): why, in words; None when it can be written.
        self.read_only: str | None = None
        # What the person's role lets them read, change and do (permissions.Door): set by open_register.
        self.door: permissions.Door | None = None
        # A real register's signed-in user and the key their passphrase unlocked (keys.Unlocked), in memory
        # only, for the connections a worker opens; None for a demo register.
        self.unlocked: keys.Unlocked | None = None
        # How long a write waits for another person's write lock (an import, a save) before it is refused,
        # and what it is told every WAIT_STEP of that wait (True), and once when the wait ends (False): a
        # window says it is waiting and keeps painting.
        self.busy_seconds = BUSY_SECONDS
        self.waiting: Callable[[bool], None] = lambda waiting: None

    @contextlib.contextmanager
    def concerning(self, child_id: int) -> Iterator[None]:
        """Inside the block, a changed row with no child_id of its own (an enquiry, a visit) is noted as the child's."""
        self._concerning.append(child_id)
        try:
            yield
        finally:
            self._concerning.pop()

    def note_change(self, table: str, row: dict[str, Any] | None, row_id: int | None = None, action: str = "") -> None:
        """Note that a row of ``table`` changed (its values before or after, whichever exists); a record written
        on its own gives its ``row_id`` and the audit's ``action``."""
        self._tables.add(table)
        if row_id is not None:
            self._records.append((table, row_id, action))
        child_id = (row or {}).get("id" if table == "children" else "child_id")
        if child_id is None and self._concerning:
            child_id = self._concerning[-1]
        if child_id is None:
            self._every_child = True
        else:
            self._children.add(int(child_id))

    def take_changes(self) -> Change:
        """What was noted since the changes were last taken; the notes start again empty."""
        change = Change(frozenset(self._tables), frozenset(self._children), self._every_child, tuple(self._records))
        self._tables, self._children, self._every_child, self._records = set(), set(), False, []
        return change

    def admit(self) -> None:
        """Hold every statement on this register's connection to the person's role from now on.

        Raises PermissionDenied if the register knows no such role.
        """
        if self.actor.role not in permissions.ROLES:
            raise PermissionDenied(
                f"There is no role called “{self.actor.role}”: choose one of {', '.join(sorted(permissions.ROLES))}."
            )
        self.door = permissions.Door(permissions.ROLES[self.actor.role], permissions.foreign_keys(self.db.conn))
        self.db.conn.set_authorizer(self.door)
        if isinstance(self.db.conn, Connection):
            self.db.conn.door = self.door

    @contextlib.contextmanager
    def unguarded(self) -> Iterator[None]:
        """Inside the block the door stands open: only for work the program does itself (filling a new demo
        register with synthetic children drops and rebuilds indexes), or for a read narrower than the door
        can say that the role was checked for first (a record's history: the audit rows of one table the
        role reads whole), never for what a person asked. Setting the door again makes SQLite prepare anew
        every statement prepared meanwhile (sqlite3_set_authorizer), so none is reused unchecked."""
        self.db.conn.set_authorizer(None)
        try:
            yield
        finally:
            self.db.conn.set_authorizer(self.door)

    def require(self, action: str) -> None:
        """Raise PermissionDenied, in words, unless the person's role may do ``action`` (permissions.BACKUP, …)."""
        if self.door is not None and action not in self.door.role.actions:
            raise PermissionDenied(
                f"Your role ({self.door.role.label}) may not {action}. If your work needs it, ask your manager "
                "or the register's administrator."
            )

    def require_whole(self, table: str) -> None:
        """Raise PermissionDenied unless the person's role may read all of ``table`` (a record's history
        holds every column it ever had, so a role with columns hidden may not read it)."""
        if self.door is not None and (table not in self.door.role.reads or self.door.role.hidden.get(table)):
            holds = permissions.WHAT_A_TABLE_HOLDS.get(table, table)
            raise PermissionDenied(
                f"Your role ({self.door.role.label}) may not see the history of {holds}. If your work needs it, "
                "ask your manager or the register's administrator."
            )

    def may(self, action: str) -> bool:
        """Whether the person's role may do ``action`` (permissions.BACKUP, …): for hiding what they cannot use."""
        return self.door is None or action in self.door.role.actions

    def may_read(self, table: str, column: str = "") -> bool:
        """Whether the person's role may read ``table`` (and, if given, ``column`` of it)."""
        if self.door is None:
            return True
        role = self.door.role
        return table in role.reads and column not in role.hidden.get(table, ())

    def may_change(self, table: str) -> bool:
        """Whether the person's role may add to, change or delete from ``table``."""
        return self.door is None or table in self.door.role.writes

    def refuse_if_read_only(self) -> None:
        """Raise RegisterFileError, in words that say what to do, if the register is open for viewing only."""
        if self.read_only is not None:
            raise RegisterFileError(
                f"The register is open for viewing only: {self.read_only}. Nothing was saved. To make changes, "
                f"ask for write access to {self.path} and its folder, then open the register again."
            )

    def _cannot_write(self) -> RegisterFileError:
        # The file looked writable when it was opened, but SQLite refused the write (its folder or its
        # shared lock file, .sqlite-shm, is read-only; access was taken away meanwhile).
        return RegisterFileError(
            f"{self.path} cannot be written to (the file, its folder or its .sqlite-shm file is read-only). "
            "Nothing was saved. Ask for write access to it, then open the register again."
        )

    @contextlib.contextmanager
    def atomic(self, while_checked: bool = False) -> Iterator[Database]:
        """One transaction: everything inside commits together or not at all (a block inside another is
        a savepoint of it).

        The outermost block takes the write lock first (BEGIN IMMEDIATE), waiting up to the busy timeout
        for another process to finish: a transaction that read before it wrote could not wait, and would
        fail at once under contention. Raises RegisterBusyError if the lock is not had in time or the
        file's check is still running, RegisterFileError if the check found it damaged or it cannot be
        written (it is open for viewing only, or SQLite finds it read-only). With ``while_checked`` it does not
        wait for the check (the access log's rows: a person reading the register while it is checked).
        """
        self.refuse_if_read_only()
        if self.db.conn.in_transaction:
            with self.db.atomic() as db:
                yield db
            return
        if self.soundness is None and not while_checked:
            raise RegisterBusyError(
                "The register is still being checked for damage (a big register takes up to a minute when the "
                "computer has just started). Nothing was saved; your changes are kept. Try Save again in a moment."
            )
        if isinstance(self.soundness, str):
            raise RegisterFileError(f"{self.soundness} Nothing was saved.")
        try:
            self._begin_immediate()
        except sqlite3.OperationalError as error:
            self._refuse_in_words(error)
            raise
        try:
            yield self.db
        except sqlite3.OperationalError as error:
            if self.db.conn.in_transaction:
                self.db.conn.execute("ROLLBACK")
            self._refuse_in_words(error, busy=False)
            raise
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.conn.execute("ROLLBACK")
            raise
        try:
            self.db.conn.execute("COMMIT")
        except sqlite3.OperationalError as error:
            if self.db.conn.in_transaction:
                self.db.conn.execute("ROLLBACK")
            self._refuse_in_words(error)
            raise

    def _begin_immediate(self) -> None:
        """Take the write lock (BEGIN IMMEDIATE), trying again for up to ``busy_seconds`` while another
        connection holds it, and calling ``waiting(True)`` between tries (about every WAIT_STEP seconds) and
        ``waiting(False)`` when the wait ends: SQLite's own wait (its busy timeout) would hold the calling
        thread, a window's included, without a word. Raises SQLite's OperationalError ("database is
        locked") once the time is up."""
        deadline, waited = time.monotonic() + self.busy_seconds, False
        self.db.conn.execute(f"PRAGMA busy_timeout = {int(WAIT_STEP * 1000)}")
        try:
            while True:
                try:
                    self.db.conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as error:
                    if not _busy(error) or time.monotonic() >= deadline:
                        raise
                waited = True
                self.waiting(True)
        finally:
            self.db.conn.execute(f"PRAGMA busy_timeout = {int(self.busy_seconds * 1000)}")
            if waited:
                self.waiting(False)

    def _refuse_in_words(self, error: sqlite3.OperationalError, busy: bool = True) -> None:
        """Raise, in words, a write SQLite refused because its lock was held too long (with ``busy``), the
        file is read-only or the disk is full; any other error is unexpected and left to be raised as it is."""
        if busy and _busy(error):
            raise RegisterBusyError() from error
        if _read_only(error):
            raise self._cannot_write() from error
        if "full" in str(error):  # SQLITE_FULL: "database or disk is full"
            raise RegisterFileError(
                f"The disk that holds {self.path} is full. Nothing was saved; your changes are kept. Free some "
                "space on it (or ask IT to), then try again."
            ) from error

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """One read transaction: everything read inside sees the register as it was at the first read,
        whatever others commit meanwhile (they are not held up: the write-ahead log keeps both).
        Writes to the connection's temporary database (``temp.``) inside are kept; none may touch the
        register itself (that takes the write lock: use atomic())."""
        if self.db.conn.in_transaction:
            yield
            return
        self.db.conn.execute("BEGIN")
        try:
            self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot is taken here
            yield
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.conn.execute("ROLLBACK")
            raise
        if self.db.conn.in_transaction:
            self.db.conn.execute("COMMIT")

    def data_version(self) -> int:
        """A number that changes when another connection (in this or another process) commits a change."""
        return int(self.db.conn.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        self.db.conn.close()
