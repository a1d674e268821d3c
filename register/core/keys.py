"""The keys file beside a real register: one key slot per user, each unlocking the register's own key.

A real register is an SQLCipher database encrypted with a random 32-byte key (the file key). Nobody
types it: each user's slot holds a copy of it, wrapped (AES-256-GCM, ``cryptography``) with a key
derived from that user's passphrase by Argon2id (``argon2-cffi``, RFC 9106), so a slot is opened with
one passphrase and adding or removing one needs nobody else's. Each slot also holds an Argon2id hash
of the passphrase (``argon2.PasswordHasher``), which says whether a passphrase is right before the key
is unwrapped, and counts wrong tries: after ``tries`` of them (5) the account is locked for
``lockout_minutes`` (15).

The slots must be read before the register can be, so they live in a small plain SQLite file of their
own (``register.keys`` beside ``register.sqlite``), created readable and writable by its owner only,
changed in transactions so two administrators adding users at once lose nothing. It holds no
passphrase and no key in the clear. docs/security.md ("Encryption and keys") describes it.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import argon2
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from register.core import clock, timescales
from register.core.errors import RegisterError, RegisterFileError
from register.core.sqlite import sqlite3

KEY_BYTES = 32  # the file key: SQLCipher's raw 256-bit key
SALT_BYTES = 16
NONCE_BYTES = 12  # AES-GCM's standard nonce
TRIES = 5
LOCKOUT_MINUTES = 15
MINIMUM_LENGTH = 12
STRENGTH_HINT = (
    f"At least {MINIMUM_LENGTH} characters. Three or four ordinary words that have nothing to do with each "
    "other (“kettle orbit lantern sixty”) are easy to remember and hard to guess; avoid names, dates and "
    "anything about the children or the service."
)


@dataclass(frozen=True)
class Derivation:
    """Argon2id's cost: passes over memory, memory in KiB, lanes. Stored with each slot."""

    time_cost: int
    memory_kib: int
    parallelism: int


# RFC 9106 section 4, second recommended option (t=3, 64 MiB, 4 lanes): about a quarter of a second here.
DERIVATION = Derivation(time_cost=3, memory_kib=64 * 1024, parallelism=4)


@dataclass(frozen=True)
class Credentials:
    """What a person types to sign in."""

    name: str
    passphrase: str = field(repr=False)


@dataclass(frozen=True)
class Unlocked:
    """A signed-in person's name and the register's key their slot unlocked: kept in memory only, so that
    a worker's own connection opens without asking again. Never written anywhere."""

    name: str
    key: bytes = field(repr=False)


class SignInRefused(RegisterError):
    """A name and passphrase that do not open the register (wrong, unknown, or the account locked)."""


def keys_path(register_path: Path) -> Path:
    """The keys file of the register at ``register_path``: ``register.keys`` beside ``register.sqlite``."""
    return register_path.with_suffix(".keys")


def is_real(register_path: Path) -> bool:
    """Whether the register at ``register_path`` is a real (encrypted, signed-in) one: it has a keys file."""
    return keys_path(register_path).exists()


def new_file_key() -> bytes:
    """A random key for a new register file (32 bytes, from the operating system's secure source)."""
    return secrets.token_bytes(KEY_BYTES)


def passphrase_problem(passphrase: str, name: str = "") -> str | None:
    """What is wrong with a new passphrase, in words (None if it will do): shorter than 12 characters,
    one character repeated, or containing the person's name or any part of it of 3 letters or more
    (“alice” in “alice horse battery” for Alice Admin), whatever the case."""
    if len(passphrase) < MINIMUM_LENGTH:
        return f"The passphrase must be at least {MINIMUM_LENGTH} characters long (it has {len(passphrase)})."
    if len(set(passphrase)) <= 2:
        return "The passphrase repeats one or two characters: anyone could guess it."
    squeezed = passphrase.casefold().replace(" ", "")
    parts = [part for part in re.split(r"[\W\d_]+", name.casefold()) if len(part) >= 3]
    if name.strip() and name.casefold().replace(" ", "") in squeezed:
        return "The passphrase must not contain your name."
    for part in parts:
        if part in squeezed:
            return f"The passphrase must not contain any part of your name (it has “{part}”)."
    return None


def owner_only(path: Path) -> None:
    """Create ``path`` empty, readable and writable by its owner only (0600), before SQLite opens it."""
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


@contextlib.contextmanager
def _keys_file(path: Path, writing: bool = False) -> Iterator[sqlite3.Connection]:
    """The keys file's connection; with ``writing``, inside one transaction that holds its write lock."""
    if not path.exists():
        raise RegisterFileError(
            f"The keys file {path} is missing, so the register beside it cannot be unlocked. Restore it from the "
            "register's backups folder (each backup keeps a copy)."
        )
    connection = sqlite3.connect(path, isolation_level=None, timeout=10)
    try:
        if writing:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        else:
            yield connection
    finally:
        connection.close()


def create(path: Path, tries: int = TRIES, lockout_minutes: int = LOCKOUT_MINUTES) -> None:
    """Make a new, empty keys file at ``path`` (owner-only). Raises FileExistsError if there is one."""
    owner_only(path)
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.executescript(
            f"""
            BEGIN;
            CREATE TABLE lockout (tries INTEGER NOT NULL, minutes INTEGER NOT NULL);
            INSERT INTO lockout VALUES ({int(tries)}, {int(lockout_minutes)});
            CREATE TABLE slots (
                name TEXT PRIMARY KEY COLLATE NOCASE,
                verifier TEXT NOT NULL,
                salt BLOB NOT NULL, time_cost INTEGER NOT NULL, memory_kib INTEGER NOT NULL,
                parallelism INTEGER NOT NULL,
                nonce BLOB NOT NULL, wrapped BLOB NOT NULL,
                failures INTEGER NOT NULL DEFAULT 0, locked_until TEXT
            );
            COMMIT;
            """
        )
    finally:
        connection.close()


def _kek(passphrase: str, salt: bytes, cost: Derivation) -> bytes:
    """The key that wraps a slot: Argon2id of the passphrase (32 bytes)."""
    return hash_secret_raw(
        passphrase.encode(), salt, cost.time_cost, cost.memory_kib, cost.parallelism, KEY_BYTES, Type.ID
    )


def _hasher(cost: Derivation) -> argon2.PasswordHasher:
    return argon2.PasswordHasher(cost.time_cost, cost.memory_kib, cost.parallelism, type=Type.ID)


def _slot_values(name: str, passphrase: str, file_key: bytes) -> dict[str, object]:
    cost, salt, nonce = DERIVATION, secrets.token_bytes(SALT_BYTES), secrets.token_bytes(NONCE_BYTES)
    wrapped = AESGCM(_kek(passphrase, salt, cost)).encrypt(nonce, file_key, name.casefold().encode())
    return {
        "name": name,
        "verifier": _hasher(cost).hash(passphrase),
        "salt": salt,
        "time_cost": cost.time_cost,
        "memory_kib": cost.memory_kib,
        "parallelism": cost.parallelism,
        "nonce": nonce,
        "wrapped": wrapped,
    }


def put_slot(path: Path, name: str, passphrase: str, file_key: bytes, new: bool) -> None:
    """Give ``name`` a slot that ``passphrase`` opens to ``file_key`` (a new user's, ``new``; else a reset
    one's, which also ends a lockout). Raises SignInRefused if a new user's name already has a slot, or a
    reset one's has none."""
    values = _slot_values(name, passphrase, file_key)  # the slow part, before the lock is taken
    with _keys_file(path, writing=True) as connection:
        exists = connection.execute("SELECT 1 FROM slots WHERE name = ?", [name]).fetchone() is not None
        if new and exists:
            raise SignInRefused(f"There is already a user called {name}.")
        if not new and not exists:
            raise SignInRefused(f"{name} has no passphrase to reset: they are not a user, or were disabled.")
        connection.execute("DELETE FROM slots WHERE name = ?", [name])
        columns = ", ".join(values)
        connection.execute(
            f"INSERT INTO slots ({columns}) VALUES ({', '.join('?' * len(values))})", list(values.values())
        )


def remove_slot(path: Path, name: str) -> None:
    """Take away ``name``'s slot: their passphrase no longer opens the register. Nothing if they have none."""
    with _keys_file(path, writing=True) as connection:
        connection.execute("DELETE FROM slots WHERE name = ?", [name])


def names(path: Path) -> list[str]:
    """The names that have a slot, as each was typed when added."""
    with _keys_file(path) as connection:
        return [row[0] for row in connection.execute("SELECT name FROM slots ORDER BY name")]


def locked_until(path: Path, name: str, now: datetime | None = None) -> datetime | None:
    """Until when ``name``'s account is locked after too many wrong tries (UTC), or None if it is not."""
    with _keys_file(path) as connection:
        row = connection.execute("SELECT locked_until FROM slots WHERE name = ?", [name]).fetchone()
    until = timescales.from_text(row[0]) if row and row[0] else None
    return until if until is not None and until > (now or clock.now()) else None


def unlock(path: Path, credentials: Credentials, now: datetime | None = None) -> Unlocked:
    """The register's key that ``credentials`` unlock from the keys file at ``path``.

    Each try is counted before the passphrase is checked (Argon2id is slow), under the keys file's write
    lock, so tries made at once from many processes are counted one by one: the ``tries``-th in a row (5)
    locks the account for ``lockout_minutes`` (15) as it starts, so at most that many are ever checked;
    while locked even the right passphrase is refused. A right one clears the count (and a lock its own
    try began). In a keys file that cannot be written (a read-only folder) a try cannot be counted: a
    right passphrase still opens, a wrong one raises sqlite3.OperationalError.
    Raises SignInRefused, in words (an unknown name is told that the name and passphrase do not match), or
    RegisterFileError if the keys file is missing or the slot is damaged.
    """
    now = now or clock.now()
    row, counted = _count_try(path, credentials.name.strip(), now)
    cost = Derivation(row["time_cost"], row["memory_kib"], row["parallelism"])
    try:
        _hasher(cost).verify(row["verifier"], credentials.passphrase)
    except argon2.exceptions.VerificationError:
        if counted is None:  # not counted: the keys file cannot be written, which is raised
            counted = _count_try(path, row["name"], now, reading=False)[1]
        raise SignInRefused(counted) from None
    try:
        key = AESGCM(_kek(credentials.passphrase, row["salt"], cost)).decrypt(
            row["nonce"], row["wrapped"], row["name"].casefold().encode()
        )
    except InvalidTag:
        raise RegisterFileError(
            f"{credentials.name}'s key slot in {path} is damaged. Ask the administrator to reset their passphrase."
        ) from None
    if counted is not None:
        with _keys_file(path, writing=True) as connection:
            connection.execute("UPDATE slots SET failures = 0, locked_until = NULL WHERE name = ?", [row["name"]])
    return Unlocked(row["name"], key)


_NO_MATCH = "That name and passphrase do not match. Check both and try again (capital letters count)."


def _locked_words(until: datetime) -> str:
    return (
        f"Too many wrong passphrases: this account is locked until {timescales.show_instant(until)}. "
        "Try again then, or ask the register's administrator to reset your passphrase."
    )


def _count_try(path: Path, name: str, now: datetime, reading: bool = True) -> tuple[sqlite3.Row, str | None]:
    """Count a try at ``name``'s passphrase before it is checked, locking the account at the last try.

    Returns the slot and what to say if the passphrase proves wrong (None if the try could not be counted
    because the keys file cannot be written, and ``reading``: then the slot is only read). Raises
    SignInRefused for an unknown name or a locked account, sqlite3.OperationalError if the keys file
    cannot be written and not ``reading``.
    """
    try:
        with _keys_file(path, writing=True) as connection:
            row = _slot(connection, name, now)
            tries, minutes = connection.execute("SELECT tries, minutes FROM lockout").fetchone()
            failures = row["failures"] + 1
            if failures >= tries:
                until = now + timedelta(minutes=minutes)
                connection.execute(
                    "UPDATE slots SET failures = 0, locked_until = ? WHERE name = ?",
                    [timescales.to_text(until), row["name"]],
                )
                return row, _locked_words(until)
            connection.execute("UPDATE slots SET failures = ? WHERE name = ?", [failures, row["name"]])
    except sqlite3.OperationalError as error:
        if not reading or "readonly" not in str(error):
            raise
        with _keys_file(path) as connection:
            return _slot(connection, name, now), None
    left = tries - failures
    return row, (
        f"{_NO_MATCH} {left} {'try' if left == 1 else 'tries'} left before the account is locked for {minutes} minutes."
    )


def _slot(connection: sqlite3.Connection, name: str, now: datetime) -> sqlite3.Row:
    """``name``'s slot; SignInRefused if there is none or the account is locked at ``now``."""
    connection.row_factory = sqlite3.Row
    row = connection.execute("SELECT * FROM slots WHERE name = ?", [name]).fetchone()
    if row is None:
        raise SignInRefused(_NO_MATCH)
    until = timescales.from_text(row["locked_until"]) if row["locked_until"] else None
    if until is not None and until > now:
        raise SignInRefused(_locked_words(until))
    return row


def copy_to(path: Path, target: Path) -> None:
    """Copy the keys file to ``target`` (owner-only), whole, through SQLite: a backup's own copy."""
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    owner_only(partial)
    try:
        with _keys_file(path) as connection:
            copy = sqlite3.connect(partial)
            try:
                connection.backup(copy)
            finally:
                copy.close()
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
