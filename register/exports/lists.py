"""A register's list (the episodes, the CME cases) as a spreadsheet, as filtered and sorted on screen:
the same columns, the same text in each cell, the same order, every page."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from register.core import permissions
from register.core.db import Register
from register.core.paging import Listing
from register.education.listing import CASES, CaseFilter
from register.exports import sheets
from register.exports.writing import write_export
from register.missing.listing import EPISODES, EpisodeFilter

# Each list: its title, its listing, and the filter its page opens with.
LISTS: dict[str, tuple[str, Listing[Any, Any], Any]] = {
    "episodes": ("Missing episodes", EPISODES, EpisodeFilter()),
    "cme-cases": ("CME cases", CASES, CaseFilter()),
}
PAGE = 2000


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
    ``sort_column`` to ``path``: an .xlsx workbook, else CSV. Every row, as one snapshot of the
    register; each cell's text as the list shows it at ``now``. Returns the rows written. Raises
    PermissionDenied unless the role may export lists (permissions.EXPORT_LISTS); the role's hidden
    columns are empty here as on screen. OSError if the file cannot be written."""
    register.require(permissions.EXPORT_LISTS)
    title, listing, _ = LISTS[kind]
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
        if sheets.is_workbook(path):
            return sheets.write_workbook(partial, [(title, header, rows)])
        return sheets.write_csv(partial, header, rows)

    order = f"{header[sort_column]} {'descending' if descending else 'ascending'}"
    details = {"filter": repr(list_filter), "sorted": order}
    return write_export(register, path, f"list: {title}", details, write_rows, children)
