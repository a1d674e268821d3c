"""The exports started from the window that write files of their own: a child's whole record (from the
child's record) and the analysts' pseudonymised extract (from the Register menu). Each asks where, then
writes on a worker (register/exports writes it, asks the role, audits and logs it) and says what it wrote,
or, in words, why nothing was written (a RegisterError, which the worker carries to the window)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from register.core import clock
from register.core.db import Register
from register.core.words import counted
from register.exports import child_export, pseudonymised
from ui.shell import msgbox
from ui.shell.workers import Worker, while_alive


def _run(
    parent: QWidget,
    register: Register,
    job: Callable[[Register], Any],
    done: Callable[[Any], None],
    busy: Callable[[bool], None],
) -> None:
    """Run ``job`` on a worker; ``busy(True)`` now, ``busy(False)`` once it has ended, before its message."""

    def ended(say: Callable[[Any], None]) -> Callable[[Any], None]:
        return while_alive(parent, lambda result: (busy(False), say(result)))

    worker = Worker.beside(register, lambda own, _progress: job(own))
    worker.signals.finished.connect(ended(done))
    worker.signals.failed.connect(ended(lambda error: msgbox.warn(parent, "Not exported", str(error))))
    busy(True)
    worker.start()


def _idle(_: bool) -> None:
    """What shows nothing while an export is written."""


def export_whole_record(
    parent: QWidget, register: Register, child_id: int, busy: Callable[[bool], None] = _idle
) -> None:
    """Ask for a folder (Documents first), then write the child's whole record there as JSON and PDF;
    ``busy(True)`` while it is written (a child with hundreds of records takes a minute), ``busy(False)`` after."""

    def chosen(folder: str) -> None:
        if not folder:
            return
        _run(
            parent,
            register,
            lambda own: child_export.write(own, child_id, folder),
            lambda paths: msgbox.inform(
                parent,
                "Whole record exported",
                f"Wrote the whole record as {paths[1].name} (to read) and {paths[0].name} (for another "
                f"system) in {folder}. They hold personal data: keep them as OFFICIAL-SENSITIVE.",
            ),
            busy,
        )

    msgbox.choose_folder(parent, "Export the whole record into a folder", chosen)


def export_pseudonymised(parent: QWidget, register: Register) -> None:
    """Ask for a file (Documents first), then write the analysts' pseudonymised extract to it."""

    def chosen(path: str) -> None:
        if not path:
            return
        target = Path(path if path.lower().endswith((".sqlite", ".db")) else f"{path}.sqlite")
        _run(
            parent,
            register,
            lambda own: pseudonymised.write(own, target),
            lambda rows: msgbox.inform(
                parent, "Extract saved", f"Wrote {counted(rows, 'row')} without names or identifiers to {target}."
            ),
            _idle,
        )

    suggested = f"pseudonymised-extract-{clock.today().isoformat()}.sqlite"
    msgbox.choose_file_to_save(
        parent, "Save the pseudonymised extract", suggested, "SQLite database (*.sqlite)", chosen
    )
