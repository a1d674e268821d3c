"""Opening the register file: checks, pragmas, migrations, and the rows a new file starts with."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

from sqlite_utils import Database

from register.core import clock, keys, migrations, names, term_calendar, working_days
from register.core.db import APPLICATION_ID, BUSY_SECONDS, Actor, Connection, Register, default_actor
from register.core.errors import PermissionDenied, RegisterError, RegisterFileError, RegisterReadOnlyError
from register.core.sqlite import sqlite3


def _seed_term_calendar(register: Register) -> None:
    term_calendar.seed_defaults(register, clock.today())


# Who the rows a new file starts with are written by, in their audit rows.
STARTING_ROWS_ACTOR = Actor("default calendar", "system")


# Who rebuilds the name index's words when the way names are folded changes, in its audit row.
NAME_INDEX_ACTOR = Actor("name index", "system")


def _refold_name_words(register: Register) -> None:
    names.refold_name_words(Register(register.path, register.db.conn, NAME_INDEX_ACTOR))


# Rows a migration's new tables start with that depend on the day they are created, and words made by
# live code (the name index), so cannot be written in the migration itself: filled once, when the
# migration is first applied.
FIRST_FILLS = {"m002_education_register": _seed_term_calendar, "m005_fold_names_with_anyascii": _refold_name_words}


def _refuse(path: Path, why: str) -> RegisterFileError:
    return RegisterFileError(f"{path} cannot be opened as a register: {why}")


def _check_path(path: Path) -> None:
    # The file itself is never opened outside SQLite: closing any descriptor of a database
    # file drops every SQLite lock this process holds on it (SQLite's "How To Corrupt an
    # SQLite Database File", 2.2), and a worker opens the register beside the window's connection.
    if path.is_dir():
        raise _refuse(path, "it is a folder, not a file.")
    if path.exists() and path.stat().st_size == 0:
        raise _refuse(
            path,
            "the file is empty (0 bytes). A register is never empty: it may have been cut short when it was "
            "copied or saved. Restore it from a backup; if it was made by mistake, delete it and open again.",
        )


CANNOT_BE_WRITTEN = "it cannot be written to (the file or its folder is read-only). Ask for write access to it."
VIEWING_ONLY = "the file or its folder is read-only"
# Opened without SQLite's shared lock file (.sqlite-shm), which a read-only folder cannot hold.
OUT_OF_DATE = (
    "its folder is read-only, so it was opened without SQLite's shared lock file; if someone else is changing "
    "it, what is shown may be out of date until it is opened again"
)


def _writable(path: Path) -> bool:
    """Whether this person may write the file and its folder (where SQLite keeps its journal and lock file).

    Asked of the operating system (access(2)), never by opening the file outside SQLite.
    """
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def open_register(
    path: str | os.PathLike[str],
    actor: Actor | None = None,
    create: bool = True,
    read_only: bool = False,
    sign_in: keys.Credentials | keys.Unlocked | None = None,
) -> Register:
    """Open the register at ``path`` (creating it if absent, unless ``create`` is False) and bring its
    schema up to date; with ``read_only``, open it for viewing only (``Register.read_only`` says why).

    A real register (one with a keys file beside it, keys.is_real) is encrypted and opens only for a
    user: ``sign_in`` is their name and passphrase (keys.Credentials), or the key a sign-in already
    unlocked (keys.Unlocked, ``Register.unlocked``: a worker's own connection). Its person is the user,
    with the role the users table gives them; ``actor`` is ignored. A demo register (no keys file) is
    opened for ``actor`` (default: the computer's login name, as a coordinator), and ``sign_in`` is ignored.

    Refuses, with SignInRefused, a real register without ``sign_in``, with a wrong passphrase, a locked
    account, or a user disabled; with a RegisterFileError, a file that is not a register, is damaged,
    cannot be decrypted with its keys file's key, was written by a newer version of the program, or (with
    ``create`` False, or ``read_only``) is not there; with a RegisterReadOnlyError, a file that cannot be
    written to (it may still be opened with ``read_only``). A register opened for viewing only is never
    written, not even to bring its schema up to date: one written by an older version is refused.
    """
    path = Path(path)
    _check_path(path)
    unlocked = _unlock(path, sign_in)
    register = open_file(path, actor or default_actor(), create, read_only, unlocked.key if unlocked else None)
    if unlocked is not None:
        try:
            register.actor = _signed_in(register, unlocked.name)
        except RegisterError:
            register.close()
            raise
        register.unlocked = unlocked
    _admit(register)
    return register


def _unlock(path: Path, sign_in: keys.Credentials | keys.Unlocked | None) -> keys.Unlocked | None:
    """The key that opens the register at ``path``: None for a demo register (no keys file)."""
    if not keys.is_real(path):
        if isinstance(sign_in, keys.Unlocked):  # it was a real register when the person signed in
            raise _refuse(path, f"its keys file {keys.keys_path(path)} is missing. Restore it from the backups folder.")
        return None
    if sign_in is None:
        raise keys.SignInRefused(f"{path} is a real register: sign in with your name and passphrase to open it.")
    if not path.exists():
        raise _refuse(path, "the file is no longer there, though its keys file is (it may have been moved or deleted).")
    return sign_in if isinstance(sign_in, keys.Unlocked) else keys.unlock(keys.keys_path(path), sign_in)


# The row a real register holds inside (readable only once decrypted) to say it is one.
SIGN_IN = "sign_in"
SIGN_IN_REQUIRED = "name and passphrase"


def _signed_in(register: Register, name: str) -> Actor:
    """The user called ``name`` (any case), with their role; SignInRefused if they may not use it."""
    marker = register.db.execute("SELECT value FROM settings WHERE key = ?", [SIGN_IN]).fetchone()
    if marker is None or marker[0] != SIGN_IN_REQUIRED:
        raise _refuse(register.path, "it opened with the key of its keys file, but is not a real register.")
    row = register.db.execute(
        "SELECT name, role, disabled_at FROM users WHERE name = ? COLLATE NOCASE", [name]
    ).fetchone()
    if row is None or row[2] is not None:
        raise keys.SignInRefused(f"{name} may no longer use this register. Ask the register's administrator.")
    return Actor(row[0], row[1])


def open_file(path: Path, actor: Actor, create: bool, read_only: bool, key: bytes | None) -> Register:
    """The register file at ``path`` opened for ``actor`` (decrypted with ``key`` if given), checked and
    brought up to date, not yet admitted (its door is not set): open_register's work on the file itself."""
    if (read_only or not create) and not path.exists():
        raise _refuse(path, "the file is no longer there (it may have been moved or deleted). Nothing was changed.")
    if read_only:
        return _open_read_only(path, actor, key)
    if path.exists() and not _writable(path):
        raise RegisterReadOnlyError(f"{path} cannot be opened as a register: {CANNOT_BE_WRITTEN}")
    created = False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            keys.owner_only(path)  # its -wal and -shm files are made with the same permissions (0600)
            created = True
        connection = _connect(str(path), key)
    except (OSError, sqlite3.Error) as error:
        raise _refuse(path, f"its folder cannot be used ({getattr(error, 'strerror', None) or error}).") from error
    try:
        network = network_filesystem(path)
        _prepare(path, connection, network)
    except sqlite3.DatabaseError as error:
        connection.close()
        words = in_words(error, key is not None)
        raise (RegisterReadOnlyError if words == CANNOT_BE_WRITTEN else RegisterFileError)(
            f"{path} cannot be opened as a register: {words}"
        ) from error
    except RegisterFileError:
        connection.close()
        if created:
            path.unlink(missing_ok=True)
        raise
    register = Register(path, connection, actor)
    register.network = network
    return register


def _connect(target: str, key: bytes | None, uri: bool = False) -> sqlite3.Connection:
    """A connection to the register file (``target``: a path, or a file: URI), keyed with ``key`` if given."""
    connection = sqlite3.connect(
        target, uri=uri, isolation_level=None, timeout=10, check_same_thread=True, factory=Connection
    )
    connection.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is said in words, not logged to stderr
    if key is not None:
        connection.execute(keyed(key))
    return connection


def keyed(key: bytes, schema: str = "") -> str:
    """The PRAGMA that gives a connection (or an attached ``schema``) SQLCipher's raw 256-bit key."""
    return f"PRAGMA {schema + '.' if schema else ''}key = \"x'{key.hex()}'\""


def _admit(register: Register) -> None:
    try:
        register.admit()
    except PermissionDenied:
        register.close()
        raise


def _connect_read_only(path: Path, immutable: bool, key: bytes | None) -> sqlite3.Connection:
    uri = f"file:{urllib.parse.quote(str(path.absolute()))}?mode=ro" + ("&immutable=1" if immutable else "")
    connection = _connect(uri, key, uri=True)
    connection.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
    return connection


def _open_read_only(path: Path, actor: Actor, key: bytes | None) -> Register:
    # A register in write-ahead log mode needs its shared lock file (.sqlite-shm) even to be read; a
    # read-only folder cannot hold one, and then only immutable=1 (no locks at all) opens it.
    reason = VIEWING_ONLY
    connection: sqlite3.Connection | None = None
    try:
        try:
            connection = _connect_read_only(path, False, key)
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as error:
            if connection is not None:
                connection.close()
            if "readonly" not in str(error) and "unable to open" not in str(error):
                raise
            connection = _connect_read_only(path, True, key)
            reason = OUT_OF_DATE
        _check_read_only(path, connection)
    except sqlite3.DatabaseError as error:
        if connection is not None:
            connection.close()
        words = in_words(error, key is not None)
        if words == CANNOT_BE_WRITTEN or "unable to open" in str(error):
            words = f"it cannot be read, even for viewing only ({error}). Ask for access to it."
        raise _refuse(path, words) from error
    except RegisterFileError:
        if connection is not None:
            connection.close()
        raise
    register = Register(path, connection, actor)
    register.network = network_filesystem(path)
    register.read_only = reason
    return register


def _check_read_only(path: Path, connection: sqlite3.Connection) -> None:
    """The checks of ``_prepare`` that need no write: a register, and of this version's schema."""
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    if not tables:
        raise _refuse(path, "it holds no register yet, so there is nothing to view.")
    if application_id != APPLICATION_ID:
        raise _refuse(path, "it is an SQLite database, but not a register.")
    applied = {migration.name for migration in migrations.migrations.applied(Database(connection))}
    _refuse_if_newer(path, applied)
    if set(migrations.KNOWN) - applied:
        raise _refuse(
            path,
            "it was written by an older version of this program, and a register open for viewing only cannot "
            "be brought up to date. Ask for write access to it and open it once with write access to bring "
            "it up to date.",
        )
    connection.execute("PRAGMA foreign_keys = ON")


def _refuse_if_newer(path: Path, applied: set[str]) -> None:
    newer = applied - set(migrations.KNOWN)
    if newer:
        raise _refuse(
            path,
            "it was written by a newer version of this program "
            f"({', '.join(sorted(newer))}). Install the newer version to open it.",
        )


def _prepare(path: Path, connection: sqlite3.Connection, network: str | None) -> None:
    connection.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    if application_id != APPLICATION_ID and tables:
        raise _refuse(path, "it is an SQLite database, but not a register.")
    db = Database(connection)
    applied = {migration.name for migration in migrations.migrations.applied(db)}
    _refuse_if_newer(path, applied)
    # SQLite's write-ahead log needs shared memory that network file systems do not give: there the
    # rollback journal keeps the file sound (https://sqlite.org/wal.html, "WAL does not work over a
    # network filesystem").
    connection.execute(f"PRAGMA journal_mode = {'DELETE' if network else 'WAL'}")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA foreign_keys = ON")
    if not tables:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.migrations.apply(db)
    filling = Register(path, connection, STARTING_ROWS_ACTOR)
    for name in {migration.name for migration in migrations.migrations.applied(db)} - applied:
        if name in FIRST_FILLS:
            with filling.atomic():  # all or nothing, and its audit rows chained under the write lock
                FIRST_FILLS[name](filling)
    working_days.refresh(db, clock.today())


# File systems whose files are on another computer: Linux's names, as /proc/mounts gives them, and a
# Mac's, as `mount` gives them.
NETWORK_FILESYSTEMS = {
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "fuse.sshfs", "davfs", "fuse.davfs", "afs", "afpfs", "webdav",
}  # fmt: skip
MOUNTS = Path("/proc/mounts")
MAC_MOUNT = "/sbin/mount"
_MAC_MOUNT_LINE = re.compile(r"^.+? on (?P<point>.+) \((?P<kind>[^,)]+)")


def network_filesystem(path: Path, mounts: str | None = None, platform: str = sys.platform) -> str | None:
    """The network file system ``path`` is on ("nfs4", "cifs", "smbfs", "a Windows network share"), or
    None if it is on this computer's own disks (or the mounts cannot be read).

    ``mounts`` is the list of mounted file systems as the platform gives it (read if not given): on
    Linux /proc/mounts, on a Mac the output of ``mount`` ("//jo@nas/team on /Volumes/team (smbfs,
    nodev, ...)"); on Windows, a UNC path (\\\\server\\share) or a mapped network drive counts.
    """
    if platform == "win32":
        text = str(path)
        if text.startswith("\\\\") or text.startswith("//"):
            return "a Windows network share"
        drive = os.path.splitdrive(os.path.abspath(text))[0]
        if drive:
            import ctypes

            if ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4:  # type: ignore[attr-defined]  # DRIVE_REMOTE
                return "a Windows network drive"
        return None
    if mounts is None:
        try:
            if platform == "darwin":
                mounts = subprocess.run([MAC_MOUNT], capture_output=True, text=True, timeout=10, check=True).stdout
            else:
                mounts = MOUNTS.read_text()
        except (OSError, subprocess.SubprocessError):
            return None
    where = str(path.absolute())
    found, longest = None, -1
    for point, kind in _mount_points(mounts, platform):
        inside = where == point or where.startswith(point.rstrip("/") + "/")
        if inside and len(point) > longest:
            found, longest = kind, len(point)
    return found if found in NETWORK_FILESYSTEMS else None


def _mount_points(mounts: str, platform: str) -> list[tuple[str, str]]:
    """(where it is mounted, file system type) for each line of ``mounts``."""
    points = []
    for line in mounts.splitlines():
        if platform == "darwin":
            match = _MAC_MOUNT_LINE.match(line)
            if match:
                points.append((match["point"], match["kind"].strip()))
            continue
        fields = line.split()
        if len(fields) >= 3:
            points.append((fields[1].replace("\\040", " "), fields[2]))
    return points


def in_words(error: sqlite3.DatabaseError, encrypted: bool = False) -> str:
    """What an SQLite error at opening means, in words that say what to do (``encrypted``: the file was
    opened with the key of a real register's keys file)."""
    text = str(error)
    if "file is not a database" in text and encrypted:
        return (
            "it cannot be decrypted with the key its keys file holds: the keys file belongs to another register, "
            "or the file is damaged. Restore both from the same backup."
        )
    if "file is not a database" in text:
        return (
            "it is not a register file (not an SQLite database), or it is a real, encrypted register whose "
            "keys file (register.keys beside it) is missing."
        )
    if "readonly" in text:
        return CANNOT_BE_WRITTEN
    if "unable to open" in text:
        return "it cannot be opened for writing: check that its folder exists and that you may write in it."
    if "full" in text:
        return "the disk is full. Free some space, then open it again; nothing was changed."
    if "locked" in text or "busy" in text:
        return "another program has held it locked for too long. Try again in a moment."
    return f"the file is damaged ({text}). Restore it from a backup."


_WHICH_DATABASE = "*** in database main ***\n"


def _found(rows: list[tuple[str]]) -> list[str]:
    """The problems an integrity or quick check reports (SQLite 3.50 and later head the first with the
    database it is in, always ours: left out)."""
    return [row[0].removeprefix(_WHICH_DATABASE) for row in rows if row[0] != "ok"]


def integrity_problems(register: Register) -> list[str]:
    """What SQLite's own integrity and foreign key checks find wrong with the file (a damaged file that
    cannot even be checked is one problem, in words); an empty list for a sound file."""
    try:
        problems = _found(register.db.execute("PRAGMA integrity_check").fetchall())
        for table, rowid, parent, _ in register.db.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(f"{table} row {rowid} points to a missing {parent} record")
    except sqlite3.DatabaseError as error:
        return [f"the file is damaged ({error})"]
    return problems


def damage(register: Register) -> str | None:
    """What SQLite's quick check finds wrong with the file, in words that say what to do; None if sound.

    (PRAGMA quick_check: about a second for a register of a million episodes once it is in the
    operating system's cache, a minute when it is not.)
    """
    try:
        problems = _found(register.db.execute("PRAGMA quick_check").fetchall())
    except sqlite3.DatabaseError as error:
        problems = [str(error)]
    if not problems:
        return None
    return (
        f"{register.path} is damaged ({problems[0]}): nothing was written or reported. Restore the latest "
        "good backup (python -m register backups, then restore FILE, or Register > Backups in the window)."
    )


def refuse_if_damaged(register: Register) -> None:
    """Raise RegisterFileError, in words that say what to do, if SQLite's quick check finds the file damaged.

    Run before anything is written to the register or reported from it: a damaged register is neither.
    """
    found = damage(register)
    if found:
        raise RegisterFileError(found)
