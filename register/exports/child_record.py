"""A child's whole record, for a subject access request or a transfer to another authority: every field of
the child's details and of every record each register keeps of the child, what each code means, and the
history of changes to each (the audit trail). ``child_export`` writes it as JSON and as a PDF.

Which records are the child's is read from the register's own foreign keys, never from a list here: a
table of a register (its face's ``tables``) with a ``child_id`` pointing at the child, or pointing at a
record that is the child's (an enquiry at its case, a visit at its arrangement). A table no record of
the child's path reaches (the schools, the CME outcomes) is a list of names for codes: the code's name
is given beside it. What each other code means comes from the register's face (``meanings``).

A role gets the registers it may read whole (every column, as a record's history holds every column it
ever had): an education welfare officer's export leaves out the missing from home or care register,
whose findings are hidden from the role, and says so on the first page and in the JSON. A role that may
not read the child's details whole may not export the record at all (permissions.WHOLE_RECORD).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from register.core import audit, clock, codes, permissions, settings, timescales
from register.core.audit import AuditEntry
from register.core.db import Register
from register.core.errors import NotFoundError, PermissionDenied
from register.faces import REGISTERS

FORMAT = "register-whole-record"
FORMAT_VERSION = 1
CHILD_MEANINGS = {
    "children.sex": codes.SEXES,
    "children.ethnicity": codes.ETHNICITIES,
    "children.disabled": codes.YES_NO,
    "children.looked_after": codes.YES_NO,
    "children.looked_after_by": codes.LOOKED_AFTER_BY,
}


@dataclass(frozen=True)
class Record:
    """One record: every column as stored (dates ISO 8601, instants UTC ending Z, yes/no as 0 or 1), what
    each coded column's value means, and its changes oldest first (None for a link between two records,
    whose changes are in its owner's history)."""

    table: str
    id: int  # SQLite's rowid: the record's id where it has one
    fields: dict[str, Any]
    meanings: dict[str, str]
    history: list[AuditEntry] | None


@dataclass(frozen=True)
class Part:
    """One register's part of the record: its records by table, in the register's order, or why it was left out."""

    key: str
    title: str
    tables: dict[str, list[Record]]
    left_out: str  # empty when the part is included


@dataclass(frozen=True)
class WholeRecord:
    """All the register holds of one child, as read in one snapshot by one person."""

    child: Record
    parts: list[Part]
    produced: datetime
    by: str
    role: str  # the role's key
    role_label: str
    authority: str

    @property
    def name(self) -> str:
        return f"{self.child.fields['forenames']} {self.child.fields['surname']}"

    def records(self) -> list[Record]:
        """The child's details, then every record of every included part."""
        return [self.child, *(r for part in self.parts for rows in part.tables.values() for r in rows)]


def whole_record(register: Register, child_id: int) -> WholeRecord:
    """Everything the register holds of the child ``child_id`` (the register's number) that the person's role
    may read whole, as one snapshot. Raises PermissionDenied unless the role may export a whole record
    (permissions.WHOLE_RECORD) and read the child's details whole; NotFoundError if there is no such child."""
    register.require(permissions.WHOLE_RECORD)
    register.require_whole("children")
    role = permissions.ROLES.get(register.actor.role)
    with register.reading():
        found = list(register.db.query("SELECT * FROM children WHERE id = ?", [child_id]))
        if not found:
            raise NotFoundError(f"There is no child numbered {child_id} in the register.")
        child = _record(register, "children", child_id, found[0], CHILD_MEANINGS, {})
        parts = [_part(register, face.key, face.title, face.tables, face.meanings, child_id) for face in REGISTERS]
        authority = settings.get(register, settings.AUTHORITY_NAME)
    return WholeRecord(
        child,
        parts,
        clock.now(),
        register.actor.name,
        register.actor.role,
        role.label if role else register.actor.role,
        authority,
    )


def _reads_whole(register: Register, table: str) -> bool:
    try:
        register.require_whole(table)
    except PermissionDenied:
        return False
    return True


def _part(register: Register, key: str, title: str, tables: tuple[str, ...], meanings: Any, child_id: int) -> Part:
    if not all(_reads_whole(register, table) for table in tables):
        label = register.door.role.label if register.door else register.actor.role
        return Part(key, title, {}, f"your role ({label}) may not read all of the {title.lower()} register's records")
    paths = _child_paths(register, tables)
    found: dict[str, list[Record]] = {}
    for table in tables:
        if table not in paths:
            continue  # a list of names for codes, not the child's
        lookups = _lookups(register, table, paths)
        rows = register.db.query(
            f"SELECT rowid AS [rowid], * FROM [{table}] WHERE {paths[table]} ORDER BY rowid", {"child": child_id}
        )
        found[table] = [_record(register, table, row.pop("rowid"), row, meanings, lookups) for row in rows]
    return Part(key, title, found, "")


def _child_paths(register: Register, tables: tuple[str, ...]) -> dict[str, str]:
    """For each table whose records are a child's, the SQL condition choosing the child's (``:child``)."""
    paths: dict[str, str] = {}
    grown = True
    while grown:
        grown = False
        for table in tables:
            if table in paths:
                continue
            for _, _, parent, column, parent_column, *_ in register.db.execute(f"PRAGMA foreign_key_list([{table}])"):
                if parent == "children":
                    paths[table] = f"[{column}] = :child"
                elif parent in paths:
                    paths[table] = (
                        f"[{column}] IN (SELECT [{parent_column or 'id'}] FROM [{parent}] WHERE {paths[parent]})"
                    )
                else:
                    continue
                grown = True
                break
    return paths


def _lookups(register: Register, table: str, paths: dict[str, str]) -> dict[str, tuple[str, str]]:
    """The columns of ``table`` that name a row of a list of names (a school by its URN): column -> (list, its key)."""
    return {
        column: (parent, parent_column)
        for _, _, parent, column, parent_column, *_ in register.db.execute(f"PRAGMA foreign_key_list([{table}])")
        if parent != "children" and parent not in paths and parent_column
    }


def _record(
    register: Register,
    table: str,
    row_id: int,
    row: dict[str, Any],
    meanings: Any,
    lookups: dict[str, tuple[str, str]],
) -> Record:
    said: dict[str, str] = {}
    for column, value in row.items():
        if value is None:
            continue
        codes_of = meanings.get(f"{table}.{column}")
        if codes_of is not None and value in codes_of:
            said[column] = codes_of[value]
        elif column in lookups:
            named = _named(register, *lookups[column], value)
            if named:
                said[column] = named
    history = None if table in audit.NOT_RECORDS else audit.history(register, table, row_id)
    return Record(table, row_id, dict(row), said, history)


def _named(register: Register, table: str, key: str, value: Any) -> str:
    """The name a list gives ``value`` (the first text beside its key), or empty if it has none."""
    for row in register.db.query(f"SELECT * FROM [{table}] WHERE [{key}] = ?", [value]):
        return next((text for column, text in row.items() if column != key and isinstance(text, str)), "")
    return ""


def as_json(record: WholeRecord) -> dict[str, Any]:
    """The record as the JSON object docs/exports.md describes: stable keys, values as stored."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "produced_at": timescales.to_text(record.produced),
        "produced_by": {"name": record.by, "role": record.role, "role_label": record.role_label},
        "authority": record.authority,
        "child": _record_json(record.child),
        "registers": [
            {
                "key": part.key,
                "title": part.title,
                "included": not part.left_out,
                "left_out_because": part.left_out or None,
                "tables": {table: [_record_json(r) for r in rows] for table, rows in part.tables.items()},
            }
            for part in record.parts
        ],
    }


def _record_json(record: Record) -> dict[str, Any]:
    return {
        "table": record.table,
        "id": record.id,
        "fields": record.fields,
        "meanings": record.meanings,
        "history": None if record.history is None else [_change_json(entry) for entry in record.history],
    }


def _change_json(entry: AuditEntry) -> dict[str, Any]:
    return {
        "at": timescales.to_text(entry.at),
        "by": entry.actor,
        "role": entry.role,
        "action": entry.action,
        "changes": [{"field": field, "before": before, "after": after} for field, before, after in entry.changes()],
    }
