"""A real register's users: creating one with its administrator, encrypting a plain one, and what an
administrator does with users (add, disable, reset a passphrase, set a role, list them).

A user is a row of the users table inside the encrypted register (name, role, when disabled: audited
like any record) and a key slot in the keys file beside it (keys.py). Only an administrator may manage
users (permissions.USERS); nobody may disable the last administrator or take their role away.
docs/security.md ("Sign-in and users") describes it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from register.core import clock, keys, permissions, settings, timescales
from register.core.audit import insert_row, log_entry, put_keyed_row, update_row
from register.core.clock import LONDON
from register.core.db import Actor, Register
from register.core.errors import NotFoundError, PermissionDenied, RegisterError, ValidationError
from register.core.opening import SIGN_IN, SIGN_IN_REQUIRED, keyed, open_file, open_register
from register.core.sqlite import sqlite3

ADMINISTRATOR = "administrator"
UNENCRYPTED = "-unencrypted-"  # in the name of a plain register kept aside once it is encrypted
NEEDS_RESET = "no passphrase: an administrator must reset it"  # an active user without a key slot


@dataclass(frozen=True)
class User:
    name: str
    role: str
    disabled_at: datetime | None  # UTC; None while they may sign in
    locked_until: datetime | None  # UTC, after too many wrong passphrases; None if not locked
    has_slot: bool = True  # False for an active user with no key slot (after a restore): no passphrase opens

    @property
    def label(self) -> str:
        """The user as a list shows them: name, role, and whether they may sign in."""
        role = permissions.ROLES[self.role].label if self.role in permissions.ROLES else self.role
        state = (
            f"disabled {timescales.show_instant(self.disabled_at)}"
            if self.disabled_at
            else NEEDS_RESET
            if not self.has_slot
            else f"locked until {timescales.show_instant(self.locked_until)}"
            if self.locked_until
            else "active"
        )
        return f"{self.name}  ({role}, {state})"


def _check_new(credentials: keys.Credentials, role: str) -> None:
    """ValidationError, naming the field, for a blank name, an unknown role or a weak passphrase."""
    problems = {}
    if not credentials.name.strip():
        problems["name"] = "Type the user's name."
    if role not in permissions.ROLES:
        problems["role"] = f"There is no role called “{role}”: choose one of {', '.join(sorted(permissions.ROLES))}."
    weak = keys.passphrase_problem(credentials.passphrase, credentials.name.strip())
    if weak:
        problems["passphrase"] = weak
    if problems:
        raise ValidationError(problems)


def _first_user(register: Register, name: str) -> None:
    """The administrator's row and the marker that makes the file a real register, audited."""
    with register.atomic():
        insert_row(register, "users", {"name": name, "role": ADMINISTRATOR})
        put_keyed_row(register, "settings", "key", {"key": SIGN_IN, "value": SIGN_IN_REQUIRED})


def create(path: Path, administrator: keys.Credentials) -> Register:
    """Create a new real register at ``path``, encrypted, with its administrator, who is signed in to it.

    A plain register already at ``path`` is encrypted instead (encrypt()). Raises ValidationError for a
    blank name or a weak passphrase, RegisterError if ``path`` is already a real register.
    """
    if path.exists():
        register, _ = encrypt(path, administrator)
        return register
    _check_new(administrator, ADMINISTRATOR)
    name = administrator.name.strip()
    keys_file = keys.keys_path(path)
    if keys_file.exists():
        raise RegisterError(f"{keys_file} is already there: {path} is a real register, or its keys file was left.")
    path.parent.mkdir(parents=True, exist_ok=True)
    file_key = keys.new_file_key()
    keys.create(keys_file)
    try:
        keys.put_slot(keys_file, name, administrator.passphrase, file_key, new=True)
        register = open_file(path, Actor(name, ADMINISTRATOR), True, False, file_key)
        register.admit()
        _first_user(register, name)
    except BaseException:
        keys_file.unlink(missing_ok=True)
        for made in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            made.unlink(missing_ok=True)
        raise
    register.unlocked = keys.Unlocked(name, file_key)
    return register


def encrypt(path: Path, administrator: keys.Credentials) -> tuple[Register, Path]:
    """Encrypt the plain register at ``path`` (brought up to date first) with a new random key, making
    ``administrator`` its first user; returns it, open and signed in, and where the plain file is kept
    aside (``register-unencrypted-DATE.sqlite``, owner-only) until the person confirms it may be deleted
    (forget_plain_copy).

    Run when nobody else has the register open. Raises ValidationError for a blank name or weak
    passphrase, RegisterError if it is already a real register.
    """
    _check_new(administrator, ADMINISTRATOR)
    name = administrator.name.strip()
    keys_file = keys.keys_path(path)
    if keys_file.exists():
        raise RegisterError(f"{path} is already encrypted (its keys file {keys_file} is beside it).")
    if not is_plain(path):
        raise RegisterError(keys_file_missing(path))
    open_register(path, Actor(name, ADMINISTRATOR)).close()  # brought up to date, its log folded in
    file_key = keys.new_file_key()
    encrypting = path.with_name(f".{path.name}.encrypting")
    new_keys = keys_file.with_name(f".{keys_file.name}.new")
    for leftover in (encrypting, new_keys):
        leftover.unlink(missing_ok=True)
    keys.owner_only(encrypting)
    plain = sqlite3.connect(path, isolation_level=None, timeout=10)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        plain.execute("ATTACH DATABASE ? AS encrypted KEY ''", [str(encrypting)])
        plain.execute(keyed(file_key, "encrypted"))
        plain.execute("SELECT sqlcipher_export('encrypted')")  # the schema and every row, encrypted
        application_id = plain.execute("PRAGMA main.application_id").fetchone()[0]
        plain.execute(f"PRAGMA encrypted.application_id = {int(application_id)}")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    keys.create(new_keys)
    keys.put_slot(new_keys, name, administrator.passphrase, file_key, new=True)
    register = open_file(encrypting, Actor(name, ADMINISTRATOR), True, False, file_key)
    register.admit()
    with register.atomic():
        log_entry(register, "encrypt", "register", 0, None, {"by": name})
    _first_user(register, name)
    register.close()
    kept = path.with_name(f"{path.stem}{UNENCRYPTED}{clock.now().astimezone(LONDON):%Y-%m-%d-%H%M%S}{path.suffix}")
    os.replace(path, kept)
    os.chmod(kept, 0o600)
    os.replace(encrypting, path)
    os.replace(new_keys, keys_file)
    return open_register(path, sign_in=keys.Unlocked(name, file_key)), kept


def is_plain(path: Path) -> bool:
    """Whether the file at ``path`` opens without a key (plain SQLite): False for an encrypted register (or
    a file that is no database at all)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()
    return True


def keys_file_missing(path: Path) -> str:
    """What to say of the encrypted register at ``path`` when its keys file is not beside it."""
    keys_file = keys.keys_path(path)
    return (
        f"{path} is encrypted, but its keys file {keys_file} is missing, so nobody can unlock it. Copy "
        f"{keys_file.name} back beside it from the register's backups folder (each backup keeps a copy)."
    )


def plain_copies(path: Path) -> list[Path]:
    """The plain registers kept aside when the register at ``path`` was encrypted, not yet deleted."""
    return sorted(path.parent.glob(f"{path.stem}{UNENCRYPTED}*{path.suffix}"))


def forget_plain_copy(kept: Path) -> None:
    """Delete a plain register kept aside by encrypt(), once the person has confirmed the encrypted one opens."""
    for part in (kept, Path(f"{kept}-wal"), Path(f"{kept}-shm")):
        part.unlink(missing_ok=True)


def _keys_file(register: Register) -> Path:
    """The register's keys file, once the person is an administrator signed in to a real register."""
    register.require(permissions.USERS)
    if register.unlocked is None:
        raise RegisterError("A demo register has no users: anyone may try it, choosing a role.")
    return keys.keys_path(register.path)


def _row(register: Register, name: str) -> dict:
    rows = list(register.db.query("SELECT * FROM users WHERE name = ? COLLATE NOCASE", [name.strip()]))
    if not rows:
        raise NotFoundError(f"There is no user called {name.strip()}.")
    return rows[0]


def _refuse_if_last_administrator(register: Register, user: dict, doing: str) -> None:
    others = register.db.execute(
        "SELECT count(*) FROM users WHERE role = ? AND disabled_at IS NULL AND id != ?", [ADMINISTRATOR, user["id"]]
    ).fetchone()[0]
    if user["role"] == ADMINISTRATOR and user["disabled_at"] is None and not others:
        raise PermissionDenied(
            f"{user['name']} is the register's last administrator: nobody may {doing}. Make someone else an "
            "administrator first."
        )


def add(register: Register, new: keys.Credentials, role: str) -> User:
    """Add a user with a role and a first passphrase (a slot of their own; nobody else's passphrase needed).

    Raises PermissionDenied unless the person is an administrator, ValidationError (by field) for a blank
    name, an unknown role or a weak passphrase, keys.SignInRefused if the name is already a user's.
    """
    keys_file = _keys_file(register)
    _check_new(new, role)
    name = new.name.strip()
    with register.atomic():
        if register.db.execute("SELECT 1 FROM users WHERE name = ? COLLATE NOCASE", [name]).fetchone():
            raise ValidationError({"name": f"There is already a user called {name}."})
        insert_row(register, "users", {"name": name, "role": role})
        keys.put_slot(keys_file, name, new.passphrase, register.unlocked.key, new=True)  # type: ignore[union-attr]
    refresh_backups_copy(register)
    return _user(register, _row(register, name), keys.names(keys_file))


def disable(register: Register, name: str) -> None:
    """Stop a user signing in: their slot is removed (their passphrase no longer opens the register) and
    their row says when. Raises PermissionDenied for the last administrator, NotFoundError for no such user."""
    keys_file = _keys_file(register)
    with register.atomic():
        user = _row(register, name)
        _refuse_if_last_administrator(register, user, "disable them")
        update_row(register, "users", user["id"], user["version"], {"disabled_at": timescales.to_text(clock.now())})
        keys.remove_slot(keys_file, user["name"])
    refresh_backups_copy(register)


def reset(register: Register, reset_to: keys.Credentials) -> None:
    """Give a user a new passphrase (ending a lockout), or give a disabled user back their access with it.

    Raises ValidationError for a weak passphrase, NotFoundError for no such user.
    """
    keys_file = _keys_file(register)
    weak = keys.passphrase_problem(reset_to.passphrase, reset_to.name.strip())
    if weak:
        raise ValidationError({"passphrase": weak})
    with register.atomic():
        user = _row(register, reset_to.name)
        if user["disabled_at"] is not None:
            update_row(register, "users", user["id"], user["version"], {"disabled_at": None})
        else:
            log_entry(register, "reset passphrase", "users", user["id"], None, None)
        keys.remove_slot(keys_file, user["name"])
        keys.put_slot(keys_file, user["name"], reset_to.passphrase, register.unlocked.key, new=True)  # type: ignore[union-attr]
    refresh_backups_copy(register)


def set_role(register: Register, name: str, role: str) -> None:
    """Change a user's role (from their next sign-in). Raises PermissionDenied when it would leave no
    administrator, ValidationError for an unknown role, NotFoundError for no such user."""
    _keys_file(register)
    if role not in permissions.ROLES:
        raise ValidationError({"role": f"There is no role called “{role}”."})
    with register.atomic():
        user = _row(register, name)
        if role != ADMINISTRATOR:
            _refuse_if_last_administrator(register, user, "take their administrator's role away")
        update_row(register, "users", user["id"], user["version"], {"role": role})


def _user(register: Register, row: dict, slots: list[str]) -> User:
    locked = keys.locked_until(keys.keys_path(register.path), row["name"])
    has_slot = row["name"].casefold() in {name.casefold() for name in slots}
    return User(row["name"], row["role"], timescales.instant_from_text(row["disabled_at"]), locked, has_slot)


def listing(register: Register) -> list[User]:
    """Every user, by name, with their role and whether they may sign in (an active user with no key slot,
    after a restore, may not until an administrator resets their passphrase). Administrators only."""
    slots = keys.names(_keys_file(register))
    rows = register.db.query("SELECT * FROM users ORDER BY name COLLATE NOCASE")
    return [_user(register, row, slots) for row in rows]


def match_slots_to_users(register: Register) -> tuple[list[str], list[str]]:
    """After a restore, make the keys file agree with the restored users table: the key slot of every name
    that is not an active user there is removed (their passphrase no longer opens the register), and the
    backups folder's copy of the keys file refreshed. Returns the names whose slots were removed, and the
    active users with no slot (who sign in only once an administrator resets their passphrase), by name.
    For the person who restored, whatever their role; RegisterError as refresh_backups_copy."""
    keys_file = keys.keys_path(register.path)
    active = [row[0] for row in register.db.execute("SELECT name FROM users WHERE disabled_at IS NULL ORDER BY name")]
    slots = keys.names(keys_file)
    removed = [name for name in slots if name.casefold() not in {each.casefold() for each in active}]
    for name in removed:
        keys.remove_slot(keys_file, name)
    refresh_backups_copy(register)
    return removed, [name for name in active if name.casefold() not in {each.casefold() for each in slots}]


def refresh_backups_copy(register: Register) -> None:
    """Once key slots have changed, write the copy of the keys file kept in the backups folder again, whole
    and owner-only, so that a slot taken away is gone from it too (nothing if the folder has no copy).

    Raises RegisterError, in words, if it cannot be written: the change itself is made.
    """
    keys_file = keys.keys_path(register.path)
    copy = settings.backups_folder(register) / keys_file.name
    if not copy.exists():
        return
    try:
        keys.copy_to(keys_file, copy)
    except (OSError, sqlite3.Error) as error:
        raise RegisterError(
            f"The change is made, but the copy of the keys file in {copy.parent} could not be written again "
            f"({getattr(error, 'strerror', None) or error}), so it still holds the key slots as they were. Delete "
            f"{copy}, and make a backup once that folder can be written to."
        ) from error
