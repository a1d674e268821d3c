"""Making, listing, rotating and restoring backups of a register.

A backup is a copy made with SQLite's online backup API (a consistent snapshot, taken while others
work), written beside its final name and renamed into place only once ``PRAGMA integrity_check``
of the copy passes. They live in ``backups/`` beside the register unless another folder is given,
named ``<register>-YYYY-MM-DD-HHMMSS.sqlite`` after the local time they were made (``-2``, ``-3``
added to a second backup made within the same second).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from register.core import clock, keys, permissions, settings, timescales, users
from register.core.audit import log_entry
from register.core.clock import LONDON
from register.core.db import APPLICATION_ID, Register
from register.core.errors import RegisterError
from register.core.opening import keyed
from register.core.sqlite import sqlite3

FOLDER = settings.BACKUPS_BESIDE
RESTORED = "register"  # the table a restore is noted under in the audit trail: the whole register
BEFORE_RESTORE = "before-restore-"  # in the name of the register kept aside when a backup is restored
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
PAGES_AT_A_TIME = 1024
Progress = Callable[[int, int], object]  # (pages copied, pages in all)


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: datetime  # the UTC instant it was made, from its name
    size: int  # bytes
    before_restore: bool = False  # the register as it was when a backup was restored over it: never rotated away

    @property
    def label(self) -> str:
        kept = "  (the register before a restore)" if self.before_restore else ""
        return f"{timescales.show_instant(self.made_at)}  {self.size / 2**20:,.1f} MB  {self.path.name}{kept}"


@dataclass(frozen=True)
class Restored:
    """What a restore did: where the register as it was is kept, and how the keys file was made to agree
    with the restored users (users.match_slots_to_users)."""

    kept: Backup  # the register as it was before the restore, kept as a backup of its own
    slots_removed: tuple[str, ...] = ()  # names not active in the restored register: their slots went
    without_passphrase: tuple[str, ...] = ()  # active users in the restored register with no key slot

    def words(self, kept_as: Path | str) -> str:
        """What to tell the person who restored, after “Restored …”, naming the kept file ``kept_as``."""
        said = [f"The register as it was is kept as {kept_as}."]
        if len(self.slots_removed) == 1:
            said.append(
                f"{self.slots_removed[0]}'s passphrase no longer opens it (their key slot was removed): they are not "
                "an active user in the restored register. Add them again if they should be."
            )
        elif self.slots_removed:
            said.append(
                f"The passphrases of {', '.join(self.slots_removed)} no longer open it (their key slots were "
                "removed): they are not active users in the restored register. Add them again if they should be."
            )
        if self.without_passphrase:
            who = ", ".join(self.without_passphrase)
            said.append(
                f"{who} {'are users' if len(self.without_passphrase) > 1 else 'is a user'} in the restored register "
                "with no passphrase that opens it: an administrator must reset their passphrase (Users), or disable "
                "them."
            )
        return " ".join(said)


def folder_for(register_path: Path, chosen: Path | None = None) -> Path:
    """Where a register's backups go: the folder chosen, else ``backups/`` beside the register."""
    return chosen if chosen is not None else register_path.parent / FOLDER


def folder_of(register: Register, chosen: Path | None = None) -> Path:
    """Where this register's backups go: the folder chosen, else the one in Settings, else ``backups/``
    beside the register."""
    return chosen if chosen is not None else settings.backups_folder(register)


def _pattern(register_path: Path) -> re.Pattern[str]:
    return re.compile(
        re.escape(register_path.stem) + rf"-({BEFORE_RESTORE})?(\d{{4}}-\d{{2}}-\d{{2}}-\d{{6}})(?:-\d+)?\.sqlite$"
    )


def _connect(target: str, key: bytes | None, uri: bool = False) -> sqlite3.Connection:
    """A connection to a backup (a path, or a file: URI), keyed with the register's key if it is encrypted."""
    connection = sqlite3.connect(target, uri=uri)
    connection.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        connection.execute(keyed(key))
    return connection


def key_of(register: Register) -> bytes | None:
    """The key a real register's backups are encrypted with (its own); None for a demo register."""
    return register.unlocked.key if register.unlocked is not None else None


def _problems(path: Path, key: bytes | None = None) -> list[str]:
    """What is wrong with a copy: not a register (or not one ``key`` decrypts), or what SQLite's integrity
    check finds (nothing if sound)."""
    connection = _connect(f"file:{path}?mode=ro", key, uri=True)
    try:
        if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return ["it is not a copy of a register"]
        rows = [row[0] for row in connection.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.DatabaseError as error:
        return [str(error)]
    finally:
        connection.close()
    return [row for row in rows if row != "ok"]


def _pages(progress: Progress | None) -> Callable[[int, int, int], object] | None:
    """SQLite's backup progress (status, pages remaining, pages in all) as (pages copied, pages in all)."""
    if progress is None:
        return None
    return lambda status, remaining, total: progress(total - remaining, total)


def _copy(source: sqlite3.Connection, target_path: Path, progress: Progress | None, key: bytes | None) -> None:
    # An encrypted register's pages are copied into a copy encrypted with the same key.
    target = _connect(str(target_path), key)
    try:
        source.backup(target, pages=PAGES_AT_A_TIME, progress=_pages(progress))
        target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, with no -wal beside it
    finally:
        target.close()


def _claim(partial: Path, folder: Path, stem: str) -> Path:
    """Give a verified copy its name: ``stem.sqlite``, or ``stem-2.sqlite``... if another backup made in
    the same second (in this process or another) already has it. The name is claimed by creating it
    exclusively (which network shares honour too) before the copy takes its place, so no backup is ever
    overwritten by another."""
    number = 1
    while True:
        final = folder / (f"{stem}.sqlite" if number == 1 else f"{stem}-{number}.sqlite")
        try:
            os.close(os.open(final, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            number += 1
            continue
        os.replace(partial, final)
        return final


def make_backup(
    register: Register, folder: Path | None = None, progress: Progress | None = None, before_restore: bool = False
) -> Backup:
    """Copy the open register into ``folder`` (default: the one in Settings, else ``backups/`` beside it)
    and verify the copy.

    Returns the verified Backup. Raises RegisterError, keeping no copy, if the copy fails its
    integrity check or cannot be written (a full disk, a folder that cannot be written to);
    PermissionDenied if the person's role may not make backups.
    """
    register.require(permissions.BACKUP)
    target_folder = folder_of(register, folder)
    made_at = clock.now()
    marker = BEFORE_RESTORE if before_restore else ""
    stem = f"{register.path.stem}-{marker}{made_at.astimezone(LONDON):%Y-%m-%d-%H%M%S}"
    partial: Path | None = None
    try:
        target_folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        # A part file of this process's own, so that two people backing up at once never share one; made
        # empty and owner-only (0600), which SQLite keeps as it fills it.
        handle, name = tempfile.mkstemp(prefix=f".{stem}.", suffix=".part", dir=target_folder)
        os.close(handle)
        partial = Path(name)
        _copy(register.db.conn, partial, progress, key_of(register))
        # The register kept aside by a restore is kept as it was, damage and all: it is what is replaced.
        problems = [] if before_restore else _problems(partial, key_of(register))
        if problems:
            raise RegisterError(f"The backup failed its check ({problems[0]}); it was not kept.")
        size = partial.stat().st_size
        final = _claim(partial, target_folder, stem)
        if register.unlocked is not None:  # without its keys file (and a passphrase) no backup can be read
            keys.copy_to(keys.keys_path(register.path), target_folder / keys.keys_path(register.path).name)
    except (OSError, sqlite3.Error) as error:
        raise RegisterError(
            f"The backup could not be written to {target_folder}: {getattr(error, 'strerror', None) or error}."
        ) from error
    finally:
        if partial is not None:
            partial.unlink(missing_ok=True)
    return Backup(final, made_at, size, before_restore)


def backups(register_path: Path, folder: Path | None = None) -> list[Backup]:
    """A register's backups in ``folder`` (default ``backups/`` beside it), newest first."""
    target_folder = folder_for(register_path, folder)
    pattern = _pattern(register_path)
    found = []
    for path in target_folder.glob(f"{register_path.stem}-*.sqlite") if target_folder.is_dir() else []:
        match = pattern.match(path.name)
        try:
            size = path.stat().st_size
        except FileNotFoundError:  # rotated away by another person's backup meanwhile
            continue
        if match:
            local = datetime.strptime(match.group(2), "%Y-%m-%d-%H%M%S").replace(tzinfo=LONDON)
            found.append(Backup(path, local.astimezone(UTC), size, bool(match.group(1))))
    return sorted(found, key=lambda backup: backup.made_at, reverse=True)


def check_backup(backup: Backup, key: bytes | None = None) -> list[str]:
    """What SQLite's integrity check finds wrong with a backup now (an empty list if it is sound); a real
    register's backup is read with its ``key`` (``Register.unlocked.key``)."""
    return _problems(backup.path, key)


def kept_by_rotation(found: list[Backup]) -> list[Backup]:
    """Which backups the rotation keeps: the newest of each of the last 7 days, 4 ISO weeks and 12 months
    (local dates) that have one. ``found`` is newest first; the newest backup is always kept."""
    kept: dict[Path, Backup] = {}
    for period_of, limit in (
        (lambda day: day, KEEP_DAILY),
        (lambda day: day.isocalendar()[:2], KEEP_WEEKLY),
        (lambda day: (day.year, day.month), KEEP_MONTHLY),
    ):
        periods: list[object] = []
        for backup in found:
            period = period_of(timescales.local_date(backup.made_at))
            if period not in periods:
                periods.append(period)
                if len(periods) > limit:
                    break
                kept[backup.path] = backup
    return [backup for backup in found if backup.path in kept]


def rotate(register_path: Path, folder: Path | None = None) -> list[Path]:
    """Delete the backups the rotation no longer keeps (never a register kept aside by a restore);
    returns the files deleted."""
    found = [backup for backup in backups(register_path, folder) if not backup.before_restore]
    kept = {backup.path for backup in kept_by_rotation(found)}
    gone = [backup.path for backup in found if backup.path not in kept]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def rotated_words(gone: list[Path]) -> str:
    """What a rotation removed, in words to say after a backup ("" if nothing): the newest backup of a day
    replaces that day's earlier ones, so someone who backed up before a risky change knows it went."""
    if not gone:
        return ""
    names = ", ".join(path.name for path in gone)
    return (
        f" The rotation (the newest backup of each of the last {KEEP_DAILY} days, {KEEP_WEEKLY} weeks and "
        f"{KEEP_MONTHLY} months is kept) removed {names}; copy a backup elsewhere to keep it for good."
    )


def backup_if_due(register: Register, folder: Path | None = None) -> Backup | None:
    """A backup of the register, rotated, unless one was already made today (local date); None then."""
    today: date = clock.today()
    target_folder = folder_of(register, folder)
    if any(timescales.local_date(backup.made_at) == today for backup in backups(register.path, target_folder)):
        return None
    made = make_backup(register, target_folder)
    rotate(register.path, target_folder)
    return made


def restore(register: Register, backup_file: Path, progress: Progress | None = None) -> Restored:
    """Put a backup's records in place of the open register's, after checking the backup.

    The register as it was is first kept as a backup of its own (never rotated away, and kept as it
    was even if damaged, which is when a restore is most needed). In a real register the keys file is
    then made to agree with the restored users table (users.match_slots_to_users): the slot of anyone
    not an active user there is removed, and active users with no slot are named. Returns what was done.
    Raises RegisterError, changing nothing, if the backup fails its check or is not a register copy;
    PermissionDenied if the person's role may not restore backups.
    """
    register.require(permissions.RESTORE)
    register.refuse_if_read_only()  # the backup would be copied over it before its audit row is refused
    problems = _problems(backup_file, key_of(register))
    if problems:
        raise RegisterError(f"{backup_file} cannot be restored: it fails its check ({problems[0]}).")
    kept_aside = make_backup(register, before_restore=True)
    source = _connect(f"file:{backup_file}?mode=ro", key_of(register), uri=True)
    try:
        source.backup(register.db.conn, pages=PAGES_AT_A_TIME, progress=_pages(progress))
    except sqlite3.Error as error:
        raise RegisterError(f"{backup_file} could not be restored: {error}. The register was kept aside.") from error
    finally:
        source.close()
    removed, without = users.match_slots_to_users(register) if register.unlocked is not None else ([], [])
    done = {"from": backup_file.name, "kept": kept_aside.path.name} | ({"slots removed": removed} if removed else {})
    with register.atomic():  # the restored trail says so itself
        log_entry(register, "restore", RESTORED, 0, None, done)
    for table in register.db.table_names():  # every record may have changed
        register.note_change(table, None)
    return Restored(kept_aside, tuple(removed), tuple(without))
