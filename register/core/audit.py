"""The audit trail, and the only functions that write records.

Every insert, update and delete of a record goes through here, so each one leaves an
audit row (who, when, table, row, before and after) in the same transaction, and each
update is refused if the record changed since the person opened it.

An audit row names its record by SQLite's rowid. For the records people edit (tables with
``id INTEGER PRIMARY KEY`` and a version) the rowid is the id; the few tables keyed by
text (schools by urn, cme_outcomes by code, settings by key) carry no version and are
written by put_keyed_row (or add_keyed_row, which adds a row but never changes one).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from register.core import clock, timescales
from register.core.db import Register
from register.core.errors import ConflictError, NotFoundError, ValidationError


@dataclass(frozen=True)
class AuditEntry:
    """One change to one record."""

    at: datetime
    actor: str
    role: str
    action: str
    table_name: str
    row_id: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def changes(self) -> list[tuple[str, Any, Any]]:
        """The fields that differ: (field, before, after), leaving out bookkeeping."""
        before, after = self.before or {}, self.after or {}
        fields = [key for key in {**before, **after} if key not in ("version", "updated_at", "updated_by")]
        return [(key, before.get(key), after.get(key)) for key in fields if before.get(key) != after.get(key)]


def log_entry(
    register: Register, action: str, table: str, row_id: int, before: dict | None, after: dict | None
) -> None:
    """Write one audit row, and note the change on the register; the caller is inside the transaction that made it.

    A delete's ``after`` holds no record but why it was deleted (``{"reason": ...}``), if a reason was given.
    """
    register.note_change(table, before if action == "delete" else after or before, row_id, action)
    register.db.execute(
        "INSERT INTO audit_log (at, actor, role, action, table_name, row_id, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            timescales.to_text(clock.now()),
            register.actor.name,
            register.actor.role,
            action,
            table,
            row_id,
            None if before is None else json.dumps(before, ensure_ascii=False),
            None if after is None else json.dumps(after, ensure_ascii=False),
        ],
    )


def _row(register: Register, table: str, row_id: int) -> dict[str, Any] | None:
    # rowid is the id of a table with "id INTEGER PRIMARY KEY", so this reads every table alike.
    rows = list(register.db.query(f"SELECT * FROM [{table}] WHERE rowid = ?", [row_id]))
    return rows[0] if rows else None


def get_row(register: Register, table: str, row_id: int, missing: str) -> dict[str, Any]:
    """One record of ``table`` by its id, as column name -> stored value.

    Raises NotFoundError carrying the message ``missing`` (in a coordinator's words) if
    there is no such record, for example because someone deleted it.
    """
    row = _row(register, table, row_id)
    if row is None:
        raise NotFoundError(missing)
    return row


def insert_row(register: Register, table: str, values: dict[str, Any]) -> int:
    """Insert a record at version 1 and audit it. Call inside register.atomic()."""
    record = {
        **values,
        "version": 1,
        "updated_at": timescales.to_text(clock.now()),
        "updated_by": register.actor.name,
    }
    return _insert(register, table, record)


def _insert(register: Register, table: str, values: dict[str, Any]) -> int:
    """Insert a row as given and audit it; returns its rowid."""
    columns = ", ".join(f"[{key}]" for key in values)
    marks = ", ".join("?" for _ in values)
    cursor = register.db.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", list(values.values()))
    row_id = int(cursor.lastrowid or 0)
    log_entry(register, "insert", table, row_id, None, _row(register, table, row_id))
    return row_id


def _set(
    register: Register, action: str, table: str, row_id: int, before: dict[str, Any] | None, values: dict[str, Any]
) -> None:
    """Set columns of one row (by rowid) and audit the change, if it changed anything, as ``action``."""
    assignments = ", ".join(f"[{key}] = ?" for key in values)
    register.db.execute(f"UPDATE [{table}] SET {assignments} WHERE rowid = ?", [*values.values(), row_id])
    after = _row(register, table, row_id)
    if after != before:
        log_entry(register, action, table, row_id, before, after)


def update_row(register: Register, table: str, row_id: int, version: int, values: dict[str, Any]) -> int:
    """Change a record that was read at ``version``; returns the new version.

    Refused with ConflictError if someone else saved it in the meantime, NotFoundError if it was deleted.
    """
    before = get_row(
        register, table, row_id, f"That record ({table} {row_id}) no longer exists; it may have been deleted."
    )
    if before["version"] != version:
        raise ConflictError(
            f"This record was changed by {before['updated_by']} at "
            f"{timescales.show_instant(timescales.from_text(before['updated_at']))}; "
            "reload it to see their changes, then make yours again."
        )
    record = {
        **values,
        "version": version + 1,
        "updated_at": timescales.to_text(clock.now()),
        "updated_by": register.actor.name,
    }
    # The version read above is still the row's: the write lock has been held since (BEGIN IMMEDIATE).
    _set(register, "update", table, row_id, before, record)
    return version + 1


def save_row(
    register: Register, table: str, row_id: int | None, version: int, values: dict[str, Any]
) -> tuple[int, int]:
    """Insert a new record (no id yet) or update one read at ``version``; returns its id and new version."""
    if row_id is None:
        return insert_row(register, table, values), 1
    return row_id, update_row(register, table, row_id, version, values)


def put_keyed_row(register: Register, table: str, key: str, values: dict[str, Any]) -> int:
    """Insert or update, by its natural key, a row of a table that carries no version; returns its rowid.

    For the tables keyed by text (schools by urn, cme_outcomes by code, settings by key):
    the row whose ``key`` column equals ``values[key]`` gets the other columns of ``values``,
    or a new row is inserted if there is none. The change is audited under the row's rowid
    with the whole row before and after, and an update that changes nothing leaves no audit
    row. Call inside register.atomic(). A new row that lacks a required column is refused
    by SQLite (sqlite3.IntegrityError).
    """
    row_id = _keyed_rowid(register, table, key, values[key])
    if row_id is None:
        return _insert(register, table, values)
    _set(
        register, "update", table, row_id, _row(register, table, row_id), {c: v for c, v in values.items() if c != key}
    )
    return row_id


def add_keyed_row(register: Register, table: str, key: str, values: dict[str, Any]) -> int | None:
    """Insert a row of a table keyed by text unless one with that key is there already, which is left
    as it is; returns the new row's rowid, or None. A new row is audited as put_keyed_row audits it.
    Call inside register.atomic()."""
    if _keyed_rowid(register, table, key, values[key]) is not None:
        return None
    return _insert(register, table, values)


def _keyed_rowid(register: Register, table: str, key: str, value: Any) -> int | None:
    found = register.db.execute(f"SELECT rowid FROM [{table}] WHERE [{key}] = ?", [value]).fetchone()
    return None if found is None else int(found[0])


def touch_derived(register: Register, table: str, row_id: int, values: dict[str, Any]) -> None:
    """Update columns the register derives itself (not typed by anyone), auditing the change."""
    _set(register, "derive", table, row_id, _row(register, table, row_id), values)


def reason_given(reason: str) -> str:
    """The reason a person gave for deleting a record, trimmed; ValidationError (field ``reason``) if none."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why this is deleted (for example: entered twice, or the wrong child)."})
    return reason.strip()


def delete_row(register: Register, table: str, row_id: int, version: int, reason: str = "") -> None:
    """Delete a record that was read at ``version``, keeping its last state in the audit trail, and the
    ``reason`` it was deleted in the same audit row (its ``after``: ``{"reason": reason}``).

    Raises ConflictError if someone changed it since it was read."""
    before = _row(register, table, row_id)
    if before is None:
        return
    if before["version"] != version:
        raise ConflictError(
            f"This record was changed by {before['updated_by']} at "
            f"{timescales.show_instant(timescales.from_text(before['updated_at']))}; reload it first."
        )
    register.db.execute(f"DELETE FROM [{table}] WHERE id = ?", [row_id])
    log_entry(register, "delete", table, row_id, before, {"reason": reason} if reason else None)


def log_bulk(register: Register, table: str, description: str) -> None:
    """Record a bulk creation (the demo generator) as one audit row."""
    log_entry(register, "bulk insert", table, 0, None, {"description": description})


def history(register: Register, table: str, row_id: int) -> list[AuditEntry]:
    """Every change to one record (``row_id`` is its rowid, the id where it has one), oldest first.

    A record the demo generator created in bulk has no insert row of its own; the bulk
    row for its table stands first instead. Raises PermissionDenied if the person's role may not read
    all of ``table``.
    """
    register.require_whole(table)
    rows = list(
        register.db.query("SELECT * FROM audit_log WHERE table_name = ? AND row_id = ? ORDER BY id", [table, row_id])
    )
    if not any(row["action"] == "insert" for row in rows):
        bulk = register.db.query(
            "SELECT * FROM audit_log WHERE table_name = ? AND action = 'bulk insert' ORDER BY id", [table]
        )
        rows = [*bulk, *rows]
    return [
        AuditEntry(
            at=timescales.from_text(row["at"]),
            actor=row["actor"],
            role=row["role"],
            action=row["action"],
            table_name=row["table_name"],
            row_id=row["row_id"],
            before=json.loads(row["before"]) if row["before"] else None,
            after=json.loads(row["after"]) if row["after"] else None,
        )
        for row in rows
    ]
