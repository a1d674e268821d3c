"""A pseudonymised extract for analysts: the children and every register's tables, as a plain SQLite file
(Datasette, DB Browser, Excel's Power Query, Python's sqlite3 open it), with nothing that names a child.

- Removed: every column that names a child, identifies them, says where they live or holds words someone
  wrote (permissions.IDENTIFYING, the columns hidden from an analyst), who last changed each record
  (``updated_by``, a member of staff), and every school: the schools table and each column holding a
  school's URN (SCHOOLS), which names the school on the DfE's public register (Get Information about
  Schools) and, beside a child's pseudonym, narrows down who the child is.
- Each child is a pseudonym (core/pseudonyms.py): ``child`` in place of the child's number in the
  children table and of ``child_id`` everywhere else; the same child has the same pseudonym in every
  extract of the same register, and it cannot be worked out from the child's number without the
  register's secret.
- The date of birth is reduced to its year and month (``born``, YYYY-MM): enough for the board's
  figures, which count age at the end of a month, quarter or year (the birthday's day never changes
  it) and the national curriculum year group (which turns on the month alone).
- Text a spreadsheet would run as a formula (what is left is codes, dates and names of lists, which a
  manager may type) is stored after an apostrophe, as in a CSV export: an analyst copies tables into Excel.
- A table ``about_this_extract`` says when it was produced, from which register, and what was removed.

Source of the rule: ICO, "Anonymisation, pseudonymisation and privacy enhancing technologies guidance"
(2025, pseudonymisation); the issue's list of what analysts may see (docs/security.md).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from register.core import clock, permissions, pseudonyms, settings, timescales
from register.core.db import Register
from register.core.errors import RegisterFileError
from register.exports import sheets
from register.exports.writing import write_export
from register.faces import REGISTERS

STAFF = frozenset({"updated_by"})
SCHOOLS = {"absences": frozenset({"school_urn"}), "cme_cases": frozenset({"referrer_urn"})}  # a school's URN
SCHOOL_LIST = "schools"
ABOUT = "about_this_extract"


def tables() -> list[str]:
    """The tables an extract holds, in the program's order: the children, then each register's but the
    list of schools."""
    return ["children", *(table for face in REGISTERS for table in face.tables if table != SCHOOL_LIST)]


def kept_columns(register: Register, table: str) -> list[str]:
    """The columns of ``table`` an extract keeps, as the register names them (before the child's number
    and date of birth are replaced)."""
    removed = permissions.IDENTIFYING.get(table, frozenset()) | STAFF | SCHOOLS.get(table, frozenset())
    names = [row[1] for row in register.db.execute(f"PRAGMA table_info([{table}])")]
    return [name for name in names if name not in removed]


def _cell(value: Any) -> Any:
    return f"'{value}" if sheets.runs_as_formula(value) else value


def write(register: Register, path: str | Path) -> int:
    """Write the extract to ``path`` (an SQLite file; anything there is replaced once the extract is whole);
    returns the rows written, over every table. Raises PermissionDenied unless the role may produce it
    (permissions.PSEUDONYMISED), RegisterFileError if the register has no secret yet (opened for viewing
    only since this version came), ExportNotWritten (in words) if the file cannot be written."""
    register.require(permissions.PSEUDONYMISED)
    secret_row = register.db.execute("SELECT value FROM settings WHERE key = ?", [pseudonyms.SECRET]).fetchone()
    if secret_row is None:
        raise RegisterFileError(
            "This register has no pseudonyms yet: someone must open it once for writing (not for viewing only) "
            "with this version of the program. Nothing was written."
        )
    secret = secret_row[0]
    produced = clock.now()

    def write_tables(partial: Path) -> int:
        written = 0
        extract = sqlite3.connect(partial)
        try:
            with register.reading():
                for table in tables():
                    written += _copy(register, extract, table, secret)
                authority = settings.get(register, settings.AUTHORITY_NAME)
            extract.execute(f"CREATE TABLE {ABOUT} (item TEXT PRIMARY KEY, value TEXT NOT NULL)")
            extract.executemany(
                f"INSERT INTO {ABOUT} VALUES (?, ?)",
                [
                    ("produced_at", timescales.to_text(produced)),
                    ("authority", _cell(authority)),
                    ("child", "a pseudonym: the same child has the same one in every extract of this register"),
                    ("born", "the date of birth's year and month only (YYYY-MM)"),
                    ("removed", "names, identifiers, addresses, postcodes, schools, notes and other free text, staff"),
                ],
            )
            extract.commit()
        finally:
            extract.close()
        return written

    return write_export(register, path, "pseudonymised extract", {"tables": len(tables())}, write_tables)


def _copy(register: Register, extract: sqlite3.Connection, table: str, secret: str) -> int:
    """Copy the kept columns of ``table`` into ``extract``, each child's number as its pseudonym."""
    info = {row[1]: row[2] for row in register.db.execute(f"PRAGMA table_info([{table}])")}
    columns = kept_columns(register, table)
    child_column = "id" if table == "children" else "child_id"
    names = ["child" if c == child_column else "born" if (table, c) == ("children", "dob") else c for c in columns]
    kinds = ["TEXT" if c in (child_column, "dob") else info[c] or "" for c in columns]
    extract.execute(
        f"CREATE TABLE [{table}] ({', '.join(f'[{n}] {k}'.strip() for n, k in zip(names, kinds, strict=True))})"
    )
    order = "ORDER BY 1" if table != "children" else ""
    selected = ", ".join(f"[{c}]" for c in columns)
    rows = []
    for values in register.db.query(f"SELECT {selected} FROM [{table}] {order}"):
        if values.get(child_column) is not None:
            values[child_column] = pseudonyms.key_of(secret, values[child_column])
        if table == "children" and values.get("dob"):
            values["dob"] = values["dob"][:7]
        rows.append([_cell(values[c]) for c in columns])
    if table == "children":
        rows.sort(key=lambda values: values[columns.index(child_column)])  # not the order children were added
    extract.executemany(f"INSERT INTO [{table}] VALUES ({', '.join('?' for _ in columns)})", rows)
    return len(rows)
