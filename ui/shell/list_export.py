"""Export… on a list page: the rows the page lists, as filtered and sorted, every page of them, to an
Excel workbook or a CSV file (register/exports/lists.py writes it, asks the role, audits and logs it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget

from register import RegisterError
from register.core import clock
from register.core.db import Register
from register.core.face import RegisterList
from register.core.words import counted
from register.exports import lists
from ui.shell import msgbox
from ui.shell.workers import Worker, while_alive

KEYS = "Ctrl+Shift+E"  # Ctrl+E is a child's record's New episode
# The file dialog's types, the first offered first, each with the extension it adds to a bare name.
TYPES = {"Excel workbook (*.xlsx)": ".xlsx", "CSV file, comma-separated (*.csv)": ".csv"}


def with_extension(path: str, chosen_type: str) -> Path:
    """``path`` as typed in the file dialog, with the extension of the type chosen there (``chosen_type``, a
    key of TYPES; else the first) added unless it already ends in .xlsx or .csv."""
    target = Path(path)
    if target.suffix.lower() in TYPES.values():
        return target
    return target.with_name(target.name + TYPES.get(chosen_type, next(iter(TYPES.values()))))


def export_list(
    parent: QWidget,
    register: Register,
    declared: RegisterList,
    shown: tuple[Any, int, bool],
    say: Callable[[str], None],
    busy: Callable[[bool], None],
) -> None:
    """Ask for a file (Documents first), then write the list ``declared`` as ``shown`` (its filter, sort
    column and descending, as on the page) on a worker; ``say(words)`` tells the person what is happening
    and then what was written ("CME cases: exported 42 rows to FILE"); ``busy(True)`` while it is written. A refusal
    or a disk's failure reaches the person in a message naming the file, and leaves no file."""
    list_filter, sort_column, descending = shown
    dialogs: list[QFileDialog] = []

    def chosen(path: str) -> None:
        if not path:
            return
        target = with_extension(path, dialogs[0].selectedNameFilter() if dialogs else "")

        def job(own: Register, _progress: Callable[[int, int], bool]) -> int:
            try:
                return lists.write_list(own, declared.key, list_filter, sort_column, descending, clock.now(), target)
            except ValueError as error:  # a name whose ending is neither .xlsx nor .csv, said in words
                raise RegisterError(str(error)) from error

        def failed(error: Exception) -> None:
            busy(False)
            say(f"{declared.title}: not exported")
            msgbox.warn(parent, "List not exported", str(error))

        def written(rows: int) -> None:
            busy(False)
            say(f"{declared.title}: exported {counted(rows, 'row')} to {target}")

        worker = Worker.beside(register, job)
        worker.signals.finished.connect(while_alive(parent, written))
        worker.signals.failed.connect(while_alive(parent, failed))
        busy(True)
        say(f"{declared.title}: exporting to {target}…")
        worker.start()

    suggested = f"{declared.title} {clock.today().isoformat()}"
    title = f"Export the {declared.title.lower()} as listed"
    dialogs.append(msgbox.choose_file_to_save(parent, title, suggested, ";;".join(TYPES), chosen))
