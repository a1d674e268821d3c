"""A register's list (the episodes, the CME cases, the private fostering arrangements) as a spreadsheet,
as filtered and sorted on screen: the same columns, the same text in each cell, the same order, every page.
Each register declares its lists in its face (``RegisterFace.lists``); nothing here names a register."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from register.core import permissions
from register.core.db import Register
from register.core.errors import PermissionDenied
from register.core.face import RegisterFace, RegisterList
from register.exports import sheets
from register.exports.writing import write_export
from register.faces import REGISTERS

# Each list by its key (``export list KEY``), with the register it lists.
LISTS: dict[str, tuple[RegisterFace, RegisterList]] = {
    declared.key: (face, declared) for face in REGISTERS for declared in face.lists
}
PAGE = 2000


def declared_for(listing: object) -> RegisterList | None:
    """The list declared with this listing (a page's), or None if no register declares it."""
    return next((declared for _, declared in LISTS.values() if declared.listing is listing), None)


def filtered(
    kind: str, status: str | None = None, start: date | None = None, end: date | None = None, search: str = ""
) -> Any:
    """The filter of list ``kind`` (a key of LISTS) as its page opens, narrowed to ``status`` (one of the
    list's statuses; None keeps the page's first), to dates from ``start`` to ``end`` (both included; what
    they are dates of is the list's ``dated``) and to the children a ``search`` finds, as its search box
    would. Raises ValueError, in words, for a status the list does not have."""
    _, declared = LISTS[kind]
    if status is not None and status not in declared.statuses:
        raise ValueError(f"--status “{status}” is not a state of the {kind} list: {', '.join(declared.statuses)}")
    chosen = {"status": status} if status is not None else {}
    first, last = declared.dates
    return replace(declared.first, **chosen, **{first: start, last: end}, search=search)


def write_list(
    register: Register,
    kind: str,
    list_filter: Any,
    sort_column: int,
    descending: bool,
    now: datetime,
    path: str | Path,
) -> int:
    """Write the list ``kind`` (a key of LISTS) narrowed by ``list_filter`` and sorted by column
    ``sort_column`` to ``path``: an .xlsx workbook or a .csv file. Every row, as one snapshot of the
    register; each cell's text as the list shows it at ``now``. Returns the rows written. Raises
    PermissionDenied unless the role may export lists (permissions.EXPORT_LISTS) and read the register
    the list is of (RegisterFace.readable); the role's hidden columns are empty here as on screen.
    ValueError, in words, if ``path`` ends otherwise; ExportNotWritten if the file cannot be written."""
    register.require(permissions.EXPORT_LISTS)
    face, declared = LISTS[kind]
    if not face.readable(register):
        raise PermissionDenied(
            f"Your role may not read the {face.title.lower()} register, so it may not export its list "
            f"({declared.title.lower()}). If your work needs it, ask your manager or the register's administrator."
        )
    workbook = sheets.format_of(path, ("xlsx", "csv")) == "xlsx"
    title, listing = declared.title, declared.listing
    header = [label for label, _ in listing.columns]
    rows: list[list[sheets.Cell]] = []
    children: list[int] = []  # whose records the list names, for the access log
    with register.reading():
        total = listing.count(register, list_filter, now)
        for offset in range(0, total, PAGE):
            for row in listing.page(register, list_filter, sort_column, descending, offset, PAGE, now):
                rows.append([listing.show(row, column, now) for column in range(len(header))])
                children.append(row.child_id)

    def write_rows(partial: Path) -> int:
        if workbook:
            return sheets.write_workbook(partial, [(title, header, rows)])
        return sheets.write_csv(partial, header, rows)

    order = f"{header[sort_column]} {'descending' if descending else 'ascending'}"
    details = {"filter": repr(list_filter), "sorted": order}
    return write_export(register, path, f"list: {title}", details, write_rows, children)
