"""Who may see and change what: the one permission table, and the door every read and write passes.

The door is SQLite's own authorizer (``sqlite3.Connection.set_authorizer``), set on every connection
a register opens for a person: each column a statement reads and each table it writes is put to the
person's role before the statement runs. A column the role may not see reads as empty (NULL), so a
list or a chronology still works and shows no more than the role may see; a table the role may not
read, or may not change, refuses the statement, and the register raises PermissionDenied in words.
Actions that are not a table (backups, users, the access log) are asked with ``Register.require``.

docs/security.md shows this table; tests/core/test_permissions.py holds every role to it through the
Python API and the command line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from register.core.sqlite import sqlite3

# ---- what the tables hold ----------------------------------------------------------

PEOPLE = frozenset({"children", "child_name_words"})
MISSING = frozenset({"missing_episodes", "return_interviews", "interview_episodes"})
EDUCATION = frozenset(
    {
        "cme_cases",
        "cme_enquiries",
        "cme_escalations",
        "cme_outcomes",
        "absences",
        "schools",
        "school_terms",
        "school_closures",
    }
)
# England's working days, which every register's due dates count (a fostering visit's, a CME enquiry's).
CALENDAR = frozenset({"calendar_days"})
FOSTERING = frozenset({"pf_arrangements", "pf_visits", "pf_visit_schedule", "pf_next_visit"})  # and two views
BOARD = frozenset({"commentaries", "figure_cache"})
SYSTEM = frozenset({"settings", "audit_log", "trail_heads", "_sqlite_migrations", "users", "access_log"})
# What is left of a child whose records were erased at the end of their retention: no name, no content.
RETAINED = frozenset({"erasures"})
RECORDS = PEOPLE | MISSING | EDUCATION | FOSTERING

WHAT_A_TABLE_HOLDS = {
    **{table: "children's details" for table in PEOPLE},
    **{table: "missing from home or care records" for table in MISSING},
    **{table: "children missing education records" for table in EDUCATION},
    **{table: "private fostering records" for table in FOSTERING},
    **{table: "the board's summaries and commentary" for table in BOARD},
    "calendar_days": "the calendar of working days",
    "settings": "the register's settings",
    "audit_log": "the audit trail",
    "trail_heads": "the audit trail",
    "access_log": "the access log",
    "_sqlite_migrations": "the register's structure",
    "users": "the register's users",
    "erasures": "the record of erasures",
    "sqlite_stat1": "SQLite's statistics of the register's indexes",
    "sqlite_stat4": "SQLite's statistics of the register's indexes",
}

# What a practitioner found out or wrote down, beyond the dates and states of a record.
MISSING_FINDINGS = {
    "missing_episodes": frozenset(
        {"last_seen_place", "found_place", "notes", "police_reference", "cse", "cce", "county_lines", "trafficking"}
    ),
    "return_interviews": frozenset(
        {
            "offered_by",
            "outcome_reason",
            "completed_by",
            "push_factors",
            "pull_factors",
            "harm_disclosed",
            "where_went",
            "with_whom",
            "exploitation_indicators",
            "referred_cse_panel",
            "referred_mash",
            "shared_with_police",
            "strategy_meeting",
            "notes",
        }
    ),
}
# What names a child or says where they live, and what was written about them in words.
IDENTIFYING = {
    "children": frozenset(
        {"forenames", "surname", "other_names", "address", "postcode", "school", "upn", "nhs_number", "la_id"}
    ),
    "child_name_words": frozenset({"word"}),
    "cme_cases": frozenset({"assigned_officer", "school_age_note", "notes", "closing_note", "referrer_name"}),
    "cme_enquiries": frozenset({"result"}),
    "cme_escalations": frozenset({"note"}),
    "absences": frozenset({"note"}),
    "pf_arrangements": frozenset(
        {"carer_name", "carer_address", "parents", "purpose", "suitability_note", "end_destination", "notes"}
    ),
    "pf_visits": frozenset({"officer", "not_alone_reason", "matters", "notes"}),
    **MISSING_FINDINGS,
}

# Each audit row's record as it was before and after the change, every column of it: read as empty by a role that
# may not read every record whole (audit.history reads a table's own rows for a role that reads that table whole).
TRAIL_CONTENT = {"audit_log": frozenset({"before", "after"})}

# ---- the roles ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    """What one role may read (tables, less the columns hidden from it), change, and do."""

    label: str
    reads: frozenset[str]
    writes: frozenset[str]
    hidden: dict[str, frozenset[str]] = field(default_factory=dict)
    actions: frozenset[str] = frozenset()


# Actions that are not a table.
BACKUP, RESTORE, USERS, SETTINGS, ACCESS_LOG, RETENTION, PUBLISH = (
    "back up the register",
    "restore a backup",
    "manage users",
    "change the settings",
    "read the access log",
    "review and erase records past their retention",
    "publish the board's summaries",
)
# Exports (register/exports, docs/exports.md): each names children or counts them from their records.
RETURN_903, ANNEX_A, CME_RETURN, EXPORT_LISTS = (
    "produce the SSDA903 Missing table",
    "produce Ofsted's Annex A list of children in care who went missing",
    "produce the termly children missing education return",
    "export a list as a spreadsheet",
)
# Checking every record against its last audit row and the rules (register/check.py): for a role that reads them all.
CHECK = "check the register against its audit trail and the rules"
# A child's whole record (a subject access request, a transfer): the registers the role reads whole.
WHOLE_RECORD = "export a child's whole record"
# The registers' tables without names, identifiers, addresses or free text, each child a pseudonym.
PSEUDONYMISED = "produce a pseudonymised extract for analysts"

_TRAIL = frozenset({"audit_log", "trail_heads"})
_EVERY_READ = (
    RECORDS | CALENDAR | BOARD | _TRAIL | RETAINED | {"settings", "_sqlite_migrations", "users"}
)  # users: who did what
# Every role that writes adds audit rows (and moves the trail's end); figures are cached.
_AUDITED = _TRAIL | {"figure_cache"}
# Tables that only grow: a row may be added, never changed or deleted, by any role.
APPEND_ONLY = frozenset({"audit_log", "access_log"})
# Every role adds to the access log what it opens, prints, exports, reports and finds (register/core/access.py),
# moving its trail's end; it may read of it only the chain's links, to add the next row after the last.
# Reading the log itself is the manager's (ACCESS_LOG).
_NOTED = frozenset({"access_log", "trail_heads"})
CHAIN_LINKS = {"access_log": frozenset({"id", "hash"})}

ROLES: dict[str, Role] = {
    "coordinator": Role(
        "Missing children coordinator",
        reads=_EVERY_READ,
        writes=PEOPLE | MISSING | {"commentaries"} | _AUDITED | _NOTED,
        actions=frozenset({BACKUP, PUBLISH, RETURN_903, ANNEX_A, EXPORT_LISTS, WHOLE_RECORD, CHECK}),
    ),
    "ewo": Role(
        "Education welfare officer",
        reads=_EVERY_READ - FOSTERING,
        writes=PEOPLE | EDUCATION | _AUDITED | _NOTED,
        hidden={**MISSING_FINDINGS, **TRAIL_CONTENT},
        actions=frozenset({BACKUP, CME_RETURN, EXPORT_LISTS, WHOLE_RECORD}),
    ),
    "pf_officer": Role(
        "Private fostering officer",
        reads=PEOPLE
        | FOSTERING
        | CALENDAR
        | _TRAIL
        | {"settings", "_sqlite_migrations", "figure_cache", "commentaries", "users"},
        writes=PEOPLE | FOSTERING | _AUDITED | _NOTED,
        hidden=TRAIL_CONTENT,
        actions=frozenset({BACKUP, EXPORT_LISTS, WHOLE_RECORD}),
    ),
    "manager": Role(
        "Team manager",
        reads=_EVERY_READ | {"access_log"},
        writes=RECORDS | BOARD | RETAINED | {"settings"} | _AUDITED | _NOTED,
        actions=frozenset(
            {
                BACKUP,
                RESTORE,
                ACCESS_LOG,
                RETENTION,
                PUBLISH,
                SETTINGS,
                RETURN_903,
                ANNEX_A,
                CME_RETURN,
                EXPORT_LISTS,
                WHOLE_RECORD,
                PSEUDONYMISED,
                CHECK,
            }
        ),
    ),
    "analyst": Role(
        "Analyst",
        reads=_EVERY_READ,
        writes=_AUDITED | _NOTED,  # its extracts' audit rows and access-log lines; it changes no record
        hidden={**IDENTIFYING, **TRAIL_CONTENT},
        actions=frozenset({PSEUDONYMISED}),
    ),
    "board_reader": Role(
        "Safeguarding partnership board reader",
        reads=frozenset({"figure_cache", "commentaries", "settings", "_sqlite_migrations", "trail_heads"}),
        writes=_NOTED,
    ),
    "administrator": Role(
        "Administrator",
        reads=_TRAIL | {"settings", "_sqlite_migrations", "users"},
        writes=_TRAIL | {"settings", "users"} | _NOTED,
        hidden=TRAIL_CONTENT,
        actions=frozenset({BACKUP, RESTORE, USERS, SETTINGS}),
    ),
}


def foreign_keys(connection: sqlite3.Connection) -> frozenset[tuple[str, str]]:
    """Every (table, column) of the register that is one end of a foreign key, as SQLite checks them."""
    keys = set()
    tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        for row in connection.execute(f"PRAGMA foreign_key_list([{table}])"):
            parent, column, parent_column = row[2], row[3], row[4]
            keys |= {(table, column), (parent, parent_column or "rowid")}
    return frozenset(keys)


# ---- the door ----------------------------------------------------------------------------


@dataclass
class Door:
    """The authorizer of one connection, for one role; remembers what it last refused, to say so."""

    role: Role
    # Columns SQLite reads itself to keep foreign keys true (an episode's child_id when a child is deleted):
    # let through only while a write is prepared (``writing``: the words of its text, set by db.Connection)
    # whose text does not name their table, never for a person's statement that reads them (a SELECT, an
    # INSERT ... SELECT), which would learn from them whose records a table holds.
    keys: frozenset[tuple[str, str]] = frozenset()
    writing: frozenset[str] | None = None
    refused: tuple[str, str] | None = None  # ("read" or "change", table)

    def __call__(self, action: int, first: str | None, second: str | None, database: str | None, _: str | None) -> int:
        if database == "temp" or action in _ALWAYS or action in _TEMPORARY or (action == _ALTER and first == "temp"):
            return sqlite3.SQLITE_OK  # the connection's own temporary tables (an import's staging) are its own
        if action == sqlite3.SQLITE_READ:
            table, column = first or "", second or ""
            if _own(table) or table in self.role.reads and column not in self.role.hidden.get(table, ()):
                return sqlite3.SQLITE_OK
            if table in self.role.reads:
                return sqlite3.SQLITE_IGNORE  # the column reads as empty
            if column in CHAIN_LINKS.get(table, ()) or self._checking_key(table, column):
                return sqlite3.SQLITE_OK
            return self._refuse("read", table)
        if action in _WRITES:
            table = first or ""
            if table.startswith("sqlite_"):
                return sqlite3.SQLITE_OK  # SQLite's own (a table-valued function's first use, ANALYZE's statistics)
            if table in self.role.writes and not (table in APPEND_ONLY and action != sqlite3.SQLITE_INSERT):
                return sqlite3.SQLITE_OK
            return self._refuse("change", table)
        return self._refuse("change", "the register's structure")  # CREATE, DROP, ALTER of the register's own

    def _checking_key(self, table: str, column: str) -> bool:
        """Whether SQLite reads this key column for a foreign key check of the write being prepared."""
        return self.writing is not None and (table, column) in self.keys and table.lower() not in self.writing

    def _refuse(self, what: str, table: str) -> int:
        self.refused = (what, table)
        return sqlite3.SQLITE_DENY

    def in_words(self) -> str:
        """What was last refused, in words that say what to do."""
        what, table = self.refused or ("use", "this part of the register")
        holds = WHAT_A_TABLE_HOLDS.get(table, "the register's structure")
        if table in APPEND_ONLY and what == "change":
            return f"Nobody may change or delete {holds}: it only grows."
        return (
            f"Your role ({self.role.label}) may not {what} {holds}. Nothing was changed. If your work needs it, "
            "ask your manager or the register's administrator."
        )


def _own(table: str) -> bool:
    """SQLite's own tables and its table-valued functions (json_each, pragma_table_info), which hold no record;
    not its index statistics (sqlite_stat1, sqlite_stat4), which sample indexed values: names, identifiers."""
    if table.startswith("sqlite_stat"):
        return False
    return table.startswith(("sqlite_", "pragma_")) or table in ("json_each", "json_tree")


_WRITE = re.compile(r"\s*(?:(?:--[^\n]*(?:\n|$)|/\*.*?\*/)\s*)*(INSERT|UPDATE|DELETE|REPLACE|WITH)\b", re.I | re.S)
# After a WITH clause's last closing bracket, the statement itself: a write if it begins with one of these.
_AFTER_WITH = re.compile(r"\)\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.I)


def writes(sql: str) -> bool:
    """Whether the statement ``sql`` changes a table (INSERT, UPDATE, DELETE, REPLACE, a WITH clause before one)."""
    found = _WRITE.match(sql)
    if found is None:
        return False
    return found.group(1).upper() != "WITH" or _AFTER_WITH.search(sql) is not None


def written(sql: str) -> frozenset[str] | None:
    """The words of ``sql`` in lower case if it is a write (``writes``), else None: while it is prepared the
    door lets SQLite read the key columns its foreign key checks need, of tables the text does not name."""
    return frozenset(re.findall(r"\w+", sql.lower())) if writes(sql) else None


_ALWAYS = {
    sqlite3.SQLITE_SELECT,
    sqlite3.SQLITE_FUNCTION,
    sqlite3.SQLITE_TRANSACTION,
    sqlite3.SQLITE_SAVEPOINT,
    sqlite3.SQLITE_PRAGMA,
    sqlite3.SQLITE_RECURSIVE,
    sqlite3.SQLITE_ANALYZE,
}
_WRITES = {sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE}
_TEMPORARY = {
    sqlite3.SQLITE_CREATE_TEMP_TABLE,
    sqlite3.SQLITE_CREATE_TEMP_INDEX,
    sqlite3.SQLITE_DROP_TEMP_TABLE,
    sqlite3.SQLITE_DROP_TEMP_INDEX,
}
_ALTER = sqlite3.SQLITE_ALTER_TABLE

Authorizer = Callable[[int, str | None, str | None, str | None, str | None], int]
