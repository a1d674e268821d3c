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
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from register.core import clock, timescales, trail
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
    """Write one audit row, chained to the one before (core/trail.py), and note the change on the register;
    the caller is inside the transaction that made it (RuntimeError otherwise).

    A delete's ``after`` holds no record but why it was deleted (``{"reason": ...}``), if a reason was given.
    """
    register.note_change(table, before if action == "delete" else after or before, row_id, action)
    trail.append(
        register,
        trail.AUDIT_TRAIL,
        {
            "at": timescales.to_text(clock.now()),
            "actor": register.actor.name,
            "role": register.actor.role,
            "action": action,
            "table_name": table,
            "row_id": row_id,
            "before": None if before is None else json.dumps(before, ensure_ascii=False),
            "after": None if after is None else json.dumps(after, ensure_ascii=False),
        },
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
    """Record a bulk creation (the demo generator) as one audit row, naming the highest rowid it made
    (``last_id``): the health check takes the records up to it, with no audit row of their own, as made
    by the demo."""
    last_id = register.db.execute(f"SELECT coalesce(max(rowid), 0) FROM [{table}]").fetchone()[0]
    log_entry(register, "bulk insert", table, 0, None, {"description": description, "last_id": last_id})


def history(register: Register, table: str, row_id: int) -> list[AuditEntry]:
    """Every change to one record (``row_id`` is its rowid, the id where it has one), oldest first.

    A record the demo generator created in bulk has no insert row of its own; the bulk
    row for its table stands first instead. Raises PermissionDenied if the person's role may not read
    all of ``table``.
    """
    register.require_whole(table)
    # The audit rows' records (before, after) are hidden from a role that may not read every record whole;
    # these rows hold only ``table``'s, which the role reads whole: the program reads them for it.
    with register.unguarded():
        rows = [
            row
            for row in register.db.query(
                "SELECT * FROM audit_log WHERE table_name = ? AND row_id = ? ORDER BY id", [table, row_id]
            )
            if not _erased(row["after"] or row["before"])  # a record erased before this one had its number
        ]
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


# ---- erasure at the end of retention ----------------------------------------------------------

# What an audit row about an erased record holds, in place of the record: the number of the child whose
# records were erased (register/retention), nothing else.
ERASED = "erased_child"


def _erased(text: str | None) -> bool:
    """Whether an audit row's before or after is the mark left by an erasure (``ERASED``)."""
    found = _json_object(text)
    return found is not None and ERASED in found


def erase_history(register: Register, records: dict[str, set[int]], child_id: int) -> tuple[int, int]:
    """Take the content out of every audit row about ``records`` (table -> rowids: the records of the child
    ``child_id`` being erased, those deleted before included): each row's ``before`` and ``after`` that
    held anything become ``{"erased_child": child_id}``; who did what, and when, stay. The trail is then
    hashed again from the first row changed (core/trail.rechain) and one audit row, ``rechain`` of
    ``audit_log``, says so: the rows it hashed again, and where the trail ended before (its last row and
    hash), so that a trail end written down before the erasure can still be matched.

    Returns (audit rows emptied, rows hashed again). Call inside register.atomic(), after the person's role
    was checked (permissions.RETENTION): the audit trail is otherwise changed by nobody, so the door is
    opened for this alone. RuntimeError outside a transaction.
    """
    if not register.db.conn.in_transaction:
        raise RuntimeError("audit rows are emptied only inside a write transaction (register.atomic())")
    mark = json.dumps({ERASED: child_id})
    ids: list[int] = []
    for table, row_ids in records.items():
        found = sorted(row_ids)
        for start in range(0, len(found), 500):
            chunk = found[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            ids += [
                row[0]
                for row in register.db.execute(
                    f"SELECT id FROM audit_log WHERE table_name = ? AND row_id IN ({marks}) "
                    "AND action <> 'bulk insert'",
                    [table, *chunk],
                )
            ]
    if not ids:
        return 0, 0
    ended = trail.head(register, trail.AUDIT_TRAIL)
    with register.unguarded():
        register.db.conn.executemany(
            "UPDATE audit_log SET before = CASE WHEN before IS NULL THEN NULL ELSE :mark END, "
            "after = CASE WHEN after IS NULL THEN NULL ELSE :mark END WHERE id = :id",
            [{"mark": mark, "id": audit_id} for audit_id in ids],
        )
        hashed = trail.rechain(register, trail.AUDIT_TRAIL, min(ids))
    log_entry(
        register,
        "rechain",
        "audit_log",
        min(ids),
        {"last_id": ended.last_id, "last_hash": ended.last_hash},
        {
            "why": f"the records of child {child_id} were erased",
            "emptied": len(ids),
            "hashed_again": hashed,
            "last_hash": trail.head(register, trail.AUDIT_TRAIL).last_hash,
        },
    )
    return len(ids), hashed


# ---- what the health check finds done behind the program's back ------------------------------

# Tables whose rows are not records of their own, so have no audit rows: the trails themselves,
# what the register derives (calendar_days from the term calendar, figure_cache from the records,
# child_name_words from the children's names), and links (interview_episodes: LINKS below compares them
# with the interview's "link" audit rows).
NOT_RECORDS = frozenset(
    {
        "audit_log",
        "access_log",
        "trail_heads",
        "_sqlite_migrations",
        "calendar_days",
        "figure_cache",
        "child_name_words",
        "interview_episodes",
    }
)
# Rows of audited tables that the register writes itself, unaudited (SQL conditions on the row).
DERIVED_ROWS = {"settings": "key IN ('calendar_signature', 'pseudonym_secret')"}


@dataclass(frozen=True)
class Links:
    """A table linking records of one table (the owner) to those of another (the members), audited on the
    owner as "link" with the members' ids under ``audit_key`` (as bulk.Plan.link and the one-record path
    write it)."""

    table: str
    owner_table: str
    owner_column: str
    member_table: str
    member_column: str
    audit_key: str


LINKS = [Links("interview_episodes", "return_interviews", "interview_id", "missing_episodes", "episode_id", "episodes")]


def _audit_row_in_words(row: dict[str, Any]) -> str:
    """An audit row as the health check names it: its id, what it was about, who and when."""
    try:
        when = timescales.show_instant(timescales.from_text(row["at"]))
    except (TypeError, ValueError):
        when = repr(row["at"])
    return f"audit row {row['id']} ({row['action']} of {row['table_name']} {row['row_id']} by {row['actor']}, {when})"


def trail_problems(register: Register) -> Iterator[str]:
    """Where the audit trail's hash chain does not fit (core/trail.py), in words naming the audit row."""
    yield from trail.breaks(register, trail.AUDIT_TRAIL, _audit_row_in_words)


def unaudited_changes(register: Register) -> Iterator[str]:
    """Each record whose state is not its last audited state, in words: changed, added or deleted outside
    the program (with sqlite3, say), which no audit row records.

    Every table but NOT_RECORDS is compared, row by row, with the ``after`` of the last audit row of each
    record (an insert, update, derive or delete); each owner of LINKS with its last "link" audit row.
    A record the demo generator made in bulk, and nobody has changed since, has no audit row of its
    own: it is compared with nothing. A column added after a record was last audited is not compared.
    """
    names = [name for name in register.db.table_names() if name not in NOT_RECORDS and not name.startswith("sqlite_")]
    for table in sorted(names):
        yield from _differences(register, table)
    for links in LINKS:
        yield from _link_differences(register, links)


def _link_differences(register: Register, links: Links) -> Iterator[str]:
    """Each owner whose links are not those its last "link" audit row left (leaving out members deleted
    since, whose links went with them), or that has links and no such row (unless the demo made it in bulk)."""
    members = (
        f"SELECT json_group_array([{links.member_column}]) FROM (SELECT [{links.member_column}] "
        f"FROM [{links.table}] WHERE [{links.owner_column}] = o.rowid ORDER BY 1)"
    )
    audited = (
        f"SELECT json_group_array(value) FROM (SELECT value FROM json_each(a.after, '$.{links.audit_key}') "
        f"WHERE value IN (SELECT rowid FROM [{links.member_table}]) ORDER BY 1)"
    )
    candidates = register.db.execute(
        "WITH last AS (SELECT row_id, max(id) AS id FROM audit_log WHERE table_name = ? AND action = 'link' "
        f"GROUP BY row_id) SELECT o.rowid, a.id, a.at, a.actor, ({members}) AS linked_now, ({audited}) AS linked_then "
        f"FROM [{links.owner_table}] o LEFT JOIN last ON last.row_id = o.rowid LEFT JOIN audit_log a ON a.id = last.id "
        f"WHERE (a.id IS NULL AND o.rowid > ? AND EXISTS (SELECT 1 FROM [{links.table}] WHERE [{links.owner_column}] "
        "= o.rowid)) OR (a.id IS NOT NULL AND linked_now IS NOT linked_then) ORDER BY o.rowid",
        [links.owner_table, _bulk_made(register, links.owner_table)],
    )
    for rowid, audit_id, at, actor, now, then in candidates:
        record = _record_in_words(register, links.owner_table, rowid, _row(register, links.owner_table, rowid))
        if audit_id is None:
            yield (
                f"{record} is linked to {links.member_table} {now} in {links.table}, with no audit row: linked "
                "outside the program"
            )
            continue
        row = {
            "id": audit_id,
            "at": at,
            "actor": actor,
            "action": "link",
            "table_name": links.owner_table,
            "row_id": rowid,
        }
        yield (
            f"{record} is linked to {links.member_table} {now} in {links.table}, but {_audit_row_in_words(row)} "
            f"left {then}: changed outside the program"
        )


def _bulk_made(register: Register, table: str) -> int:
    """The highest rowid the demo generator made in bulk in ``table`` (0: none). A bulk row written
    before it said so covers every rowid."""
    highest = 0
    for (after,) in register.db.execute(
        "SELECT after FROM audit_log WHERE table_name = ? AND action = 'bulk insert'", [table]
    ):
        highest = max(highest, json.loads(after).get("last_id", 2**62))
    return highest


# An audit row (a) left by an erasure, in SQL: the record it was about is gone with its content, as if deleted.
_ERASED_SQL = (
    f"(json_valid(coalesce(a.after, a.before)) AND json_extract(coalesce(a.after, a.before), '$.{ERASED}') IS NOT NULL)"
)


def _differences(register: Register, table: str) -> Iterator[str]:
    columns = [row[1] for row in register.db.execute(f"PRAGMA table_info([{table}])")]
    record = ", ".join(f"'{column}', r.[{column}]" for column in columns)
    derived = f"AND NOT ({DERIVED_ROWS[table]})" if table in DERIVED_ROWS else ""
    last = (
        "WITH last AS (SELECT row_id, max(id) AS id FROM audit_log WHERE table_name = ? "
        "AND action NOT IN ('link', 'bulk insert') GROUP BY row_id) "
    )
    # SQLite finds the candidates (json() writes the audited JSON as json_object writes the record: compact);
    # Python then compares each candidate's values, so that formatting alone is never reported.
    candidates = register.db.execute(
        f"{last}SELECT r.rowid, a.id, a.at, a.actor, a.action, a.row_id, a.after, json_object({record}) "
        f"FROM main.[{table}] r LEFT JOIN last ON last.row_id = r.rowid LEFT JOIN audit_log a ON a.id = last.id "
        f"WHERE ((a.id IS NULL AND r.rowid > ?) OR a.action = 'delete' OR {_ERASED_SQL} "
        f"OR (a.id IS NOT NULL AND json(a.after) IS NOT json_object({record}))) "
        f"{derived} ORDER BY r.rowid",
        [table, _bulk_made(register, table)],
    )
    for rowid, audit_id, at, actor, action, row_id, after, now in candidates:
        current = json.loads(now)
        record = _record_in_words(register, table, rowid, current)
        audited = {"id": audit_id, "at": at, "actor": actor, "action": action, "table_name": table, "row_id": row_id}
        if audit_id is None:
            yield f"{record} has no audit row: it was added outside the program"
        elif action == "delete":
            yield (
                f"{record} is in the register, but {_audit_row_in_words(audited)} deleted it: it was put back "
                "outside the program"
            )
        elif _erased(after):
            yield (
                f"{record} is in the register, but it was erased (its last audit row is "
                f"{_audit_row_in_words(audited)}): it was put back outside the program"
            )
        else:
            yield from _changed(record, audited, after, current)
    gone = register.db.execute(
        f"{last}SELECT a.id, a.at, a.actor, a.action, a.row_id, coalesce(a.after, a.before) "
        "FROM last JOIN audit_log a ON a.id = last.id "
        f"WHERE a.action <> 'delete' AND NOT {_ERASED_SQL} "
        f"AND NOT EXISTS (SELECT 1 FROM main.[{table}] r WHERE r.rowid = last.row_id) "
        "ORDER BY last.row_id",
        [table],
    )
    for audit_id, at, actor, action, row_id, last_state in gone:
        audited = {"id": audit_id, "at": at, "actor": actor, "action": action, "table_name": table, "row_id": row_id}
        record = _record_in_words(register, table, row_id, _json_object(last_state))
        yield (
            f"{record} is not in the register, but no audit row deletes it (the last is "
            f"{_audit_row_in_words(audited)}): it was deleted outside the program"
        )


def _json_object(text: str | None) -> dict[str, Any] | None:
    """The JSON object ``text`` holds; None if it holds anything else or is not JSON."""
    try:
        found = json.loads(text) if text else None
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _record_in_words(register: Register, table: str, rowid: int, values: dict[str, Any] | None) -> str:
    """A record as the health check names it: its table and rowid, and the child's name where it has one."""
    child_id = (values or {}).get("id" if table == "children" else "child_id")
    child = register.db.execute("SELECT forenames, surname FROM children WHERE id = ?", [child_id]).fetchone()
    return f"{table} {rowid}" + (f" ({child[0]} {child[1]})" if child else "")


def _changed(record: str, audited: dict[str, Any], after: str | None, current: dict[str, Any]) -> Iterator[str]:
    then = _json_object(after)
    if then is None:
        yield f"{record}: {_audit_row_in_words(audited)} does not hold the record as JSON"
        return
    fields = [
        f"{column} is {current[column]!r} (audited: {then[column]!r})"
        for column in current
        if column in then and then[column] != current[column]
    ]
    if fields:
        yield (
            f"{record} was changed outside the program: {'; '.join(fields)}; its last audit row is "
            f"{_audit_row_in_words(audited)}"
        )
