"""Local settings kept in the register file, with their defaults."""

from __future__ import annotations

from dataclasses import dataclass

from register.core.audit import put_keyed_row
from register.core.db import Register
from register.core.errors import ValidationError


@dataclass(frozen=True)
class Setting:
    key: str
    label: str
    default: str
    minimum: int | None = None  # a whole-number setting: at least this ...
    maximum: int | None = None  # ... and at most this


REPEAT_MISSING_EPISODES = Setting("repeat_missing_episodes", "Repeat missing: episodes", "3", 2, 100)
REPEAT_MISSING_DAYS = Setting("repeat_missing_days", "Repeat missing: within days", "90", 1, 3660)
AUTHORITY_NAME = Setting("authority_name", "Authority name", "Local authority")
CME_STALE_DAYS = Setting("cme_stale_days", "CME: flag a case with no enquiry for days", "10", 1, 366)

ALL = (AUTHORITY_NAME, REPEAT_MISSING_EPISODES, REPEAT_MISSING_DAYS, CME_STALE_DAYS)


def get(register: Register, setting: Setting) -> str:
    rows = list(register.db.query("SELECT value FROM settings WHERE key = ?", [setting.key]))
    return rows[0]["value"] if rows else setting.default


def get_int(register: Register, setting: Setting) -> int:
    return int(get(register, setting))


def put(register: Register, values: dict[Setting, str]) -> None:
    """Save settings (setting -> value as typed, kept trimmed); each change is audited under the setting's rowid.

    Whole numbers are checked first, and nothing is saved if one is wrong: ValidationError
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
        elif not value.strip():
            problems[setting.key] = f"{setting.label} cannot be empty"
    if problems:
        raise ValidationError(problems)
    with register.atomic():
        for setting, value in values.items():
            put_keyed_row(register, "settings", "key", {"key": setting.key, "value": value.strip()})
