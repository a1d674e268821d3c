"""Local settings kept in the register file, with their defaults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from register.core import timescales
from register.core.audit import put_keyed_row
from register.core.db import Register
from register.core.errors import ConflictError, ValidationError


@dataclass(frozen=True)
class Setting:
    key: str
    label: str
    default: str
    minimum: int | None = None  # a whole-number setting: at least this ...
    maximum: int | None = None  # ... and at most this
    may_be_empty: bool = False


REPEAT_MISSING_EPISODES = Setting("repeat_missing_episodes", "Repeat missing: episodes", "3", 2, 100)
REPEAT_MISSING_DAYS = Setting("repeat_missing_days", "Repeat missing: within days", "90", 1, 3660)
AUTHORITY_NAME = Setting("authority_name", "Authority name", "Local authority")
# The local safeguarding partners (the authority, the police and the health boards) since 2019 (Children
# and Social Work Act 2017; Working Together 2018 and 2023), to whom the board's summaries go.
PARTNERSHIP_NAME = Setting("partnership_name", "Safeguarding partnership name", "", may_be_empty=True)
CME_STALE_DAYS = Setting("cme_stale_days", "CME: flag a case with no enquiry for days", "10", 1, 366)
# Empty: backups/ beside the register. A folder on another disk or a network share keeps copies safe
# from a disk that fails.
BACKUPS_BESIDE = "backups"
BACKUP_FOLDER = Setting("backup_folder", "Backups: folder (empty: beside the register)", "", may_be_empty=True)
# A real register's window covers what it shows and asks for the passphrase again after this long without a
# key pressed or the mouse used (docs/security.md, "Signing in through the window").
IDLE_LOCK_MINUTES = Setting("idle_lock_minutes", "Lock the window after minutes without use", "15", 1, 120)
# A child's records are reviewed, and may be erased, once the child reaches this age (register/retention).
RETENTION_AGE = Setting("retention_age", "Retention: review records when the child reaches (years)", "25", 18, 100)

ALL = (
    AUTHORITY_NAME,
    PARTNERSHIP_NAME,
    REPEAT_MISSING_EPISODES,
    REPEAT_MISSING_DAYS,
    CME_STALE_DAYS,
    BACKUP_FOLDER,
    IDLE_LOCK_MINUTES,
    RETENTION_AGE,
)


def get(register: Register, setting: Setting) -> str:
    rows = list(register.db.query("SELECT value FROM settings WHERE key = ?", [setting.key]))
    return rows[0]["value"] if rows else setting.default


def backups_folder(register: Register) -> Path:
    """Where the register's backups (and its keys file's copy) go: the folder in Settings, else
    ``backups/`` beside the register."""
    chosen = get(register, BACKUP_FOLDER).strip()
    return Path(chosen) if chosen else register.path.parent / BACKUPS_BESIDE


def is_set(register: Register, setting: Setting) -> bool:
    """Whether someone has set ``setting`` (else it reads as its default): false for a new register's names."""
    return register.db.execute("SELECT 1 FROM settings WHERE key = ?", [setting.key]).fetchone() is not None


def get_int(register: Register, setting: Setting) -> int:
    return int(get(register, setting))


def put(register: Register, values: dict[Setting, str], read: dict[Setting, str] | None = None) -> None:
    """Save settings (setting -> value as typed, kept trimmed); each change is audited under the setting's rowid.

    ``read`` holds the values as they were when the person began (the Settings dialog opened): a
    setting they left as it was is not written (a colleague's change to it since stays), and one they
    changed is refused with ConflictError, naming who changed it and when, if a colleague changed it
    since. Whole numbers are checked first, and nothing is saved if one is wrong: ValidationError
    carries a message for each wrong setting, by its key.
    """
    problems = {}
    for setting, value in values.items():
        if setting.minimum is not None:
            typed = value.strip()
            # isascii: "²" and other digits of other scripts are not numbers int() reads.
            if not (typed.isascii() and typed.isdigit()) or not setting.minimum <= int(typed) <= (setting.maximum or 0):
                problems[setting.key] = (
                    f"{setting.label} must be a whole number of at least {setting.minimum} "
                    f"and at most {setting.maximum}"
                )
        elif not value.strip() and not setting.may_be_empty:
            problems[setting.key] = f"{setting.label} cannot be empty"
    if problems:
        raise ValidationError(problems)
    with register.atomic():
        for setting, value in values.items():
            if read is not None and setting in read:
                if value.strip() == read[setting].strip():
                    continue  # left as it was
                if get(register, setting) != read[setting].strip():
                    raise ConflictError(_changed_since(register, setting))
            put_keyed_row(register, "settings", "key", {"key": setting.key, "value": value.strip()})


def _changed_since(register: Register, setting: Setting) -> str:
    """Who last changed a setting, and when, in words."""
    row = register.db.execute(
        "SELECT a.actor, a.at FROM audit_log a JOIN settings s ON a.table_name = 'settings' AND a.row_id = s.rowid "
        "WHERE s.key = ? ORDER BY a.id DESC LIMIT 1",
        [setting.key],
    ).fetchone()
    who = f" by {row[0]} at {timescales.show_instant(timescales.from_text(row[1]))}" if row else ""
    return (
        f"{setting.label} was changed{who} to “{get(register, setting)}” since you opened Settings. "
        "Close Settings and open it again to see their change, then make yours."
    )
