"""The access log as a spreadsheet, for a subject access request or an investigation, and the command line's
``python -m register access-log``: both a team manager's only (permissions.ACCESS_LOG)."""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path

from register.core import access, permissions, timescales
from register.core.db import Register
from register.core.errors import RegisterError
from register.core.words import counted
from register.exports import sheets
from register.exports.writing import ExportNotWritten, write_export

COLUMNS = ["Row", "When (UK time)", "Who", "Role", "Action", "What", "Child's number", "Child", "Born", "Event"]


def cells(entry: access.Access) -> list[sheets.Cell]:
    """One row of the access log as the export and the command line show it."""
    return [
        entry.id,
        timescales.show_instant(entry.at),
        entry.actor,
        role_label(entry.role),
        entry.action,
        entry.what,
        entry.child_id,
        entry.child_name,
        entry.child_born,
        entry.event,
    ]


def role_label(role: str) -> str:
    """A role as people call it ("Education welfare officer" for ewo); a role no longer known, as stored."""
    known = permissions.ROLES.get(role)
    return role if known is None else known.label


def write(register: Register, chosen: access.AccessFilter, path: str | Path) -> int:
    """Write the rows of the access log ``chosen`` picks to ``path`` (an .xlsx workbook, else CSV; text that
    a spreadsheet would run as a formula is neutralised), oldest first; returns the rows written. The export
    leaves its audit row and its own rows in the access log, one for each child it names. PermissionDenied
    unless the role may read the access log; ExportNotWritten (in words) if the file cannot be written."""
    found = access.entries(register, chosen)
    rows = [cells(entry) for entry in found]
    title = f"Access log: {describe(chosen)}"

    try:
        workbook = sheets.format_of(path, ("xlsx", "csv")) == "xlsx"
    except ValueError as error:  # its ending is neither: said, like a file that cannot be written
        raise ExportNotWritten(str(error)) from error

    def write_rows(partial: Path) -> int:
        if workbook:
            return sheets.write_workbook(partial, [("Access log", COLUMNS, rows)], notes=[title])
        return sheets.write_csv(partial, COLUMNS, rows)

    children = [entry.child_id for entry in found if entry.child_id is not None]
    return write_export(register, path, "access log", {"selection": describe(chosen)}, write_rows, children)


def describe(chosen: access.AccessFilter) -> str:
    """The selection in words: "child 12, by Sam, from 01/11/2026 to 30/11/2026"; "every row" for none."""
    parts = []
    if chosen.child_id is not None:
        parts.append(f"child {chosen.child_id}")
    if chosen.actor.strip():
        parts.append(f"by {chosen.actor.strip()}")
    if chosen.since is not None:
        parts.append(f"from {timescales.show_date(chosen.since)}")
    if chosen.until is not None:
        parts.append(f"to {timescales.show_date(chosen.until)}")
    return ", ".join(parts) or "every row"


def child_of(register: Register, reference: str) -> int:
    """The register's number of the child ``reference`` names: their case id, UPN or NHS number, or the
    number itself (a child deleted since keeps theirs in the log). RegisterError, in words, if none."""
    compact = re.sub(r"[\s-]+", "", reference).upper()
    found = register.db.execute(
        "SELECT id FROM children WHERE la_id = ? OR upn = ? OR nhs_number = ? LIMIT 2",
        [reference.strip(), compact, compact],
    ).fetchall()
    if len(found) == 1:
        return int(found[0][0])
    if found:
        raise RegisterError(f"--child “{reference}” names more than one child: give the child's number instead.")
    if reference.strip().isdigit():
        return int(reference.strip())
    raise RegisterError(f"--child “{reference}” is not a child's case id, UPN, NHS number or number in the register.")


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise RegisterError(
            f"{option} “{text}” is not a date: write it as YYYY-MM-DD, for example 2026-11-01"
        ) from None


def run(arguments: argparse.Namespace, register: Register) -> int:
    """``python -m register access-log [--child REF] [--user NAME] [--from DATE] [--to DATE] [--out FILE]``:
    the rows chosen, printed one a line, or written to FILE (.xlsx or .csv). 0 when done. PermissionDenied
    (a role that may not read the log), ExportNotWritten (the file cannot be written) and other
    RegisterErrors pass to the caller, which says them."""
    chosen = access.AccessFilter(
        child_id=None if arguments.child is None else child_of(register, arguments.child),
        actor=arguments.by_user or "",
        since=_day(arguments.since, "--from"),
        until=_day(arguments.until, "--to"),
    )
    if arguments.out is not None:
        written = write(register, chosen, arguments.out)
        print(f"Access log ({describe(chosen)}): wrote {counted(written, 'row')} to {arguments.out}")
        return 0
    found = access.entries(register, chosen)
    for entry in found:
        child = f"child {entry.child_id} {entry.child_name}".rstrip() if entry.child_id is not None else "no child"
        print(
            f"{entry.id}\t{timescales.show_instant(entry.at)}\t{entry.actor} ({entry.role})\t{entry.action}\t"
            f"{child}\t{entry.what}"
        )
    print(f"Access log ({describe(chosen)}): {counted(len(found), 'row')}")
    return 0
