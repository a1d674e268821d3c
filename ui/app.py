"""Start the program: read the command line, sign in to the register (or create it), show the window."""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from PySide6.QtCore import QEventLoop, QThreadPool
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from register import Actor, RegisterError, RegisterReadOnlyError, demo, open_register
from register.backups import store
from register.core import keys, permissions
from register.core.db import DEMO_FILE, REGISTER_FILE, Register, data_dir, default_actor
from ui.shell import msgbox, unexpected
from ui.shell.idle_lock import IdleLock
from ui.shell.sign_in import offer_to_forget_plain_copies, start_dialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow

LOG_FILE = "register.log"
STYLE = """
QLabel#fieldError { color: #a4000f; }
QLabel#banner { background: #fdecea; color: #6b0000; padding: 6px; border: 1px solid #e0a0a0; }
QGroupBox { font-weight: bold; }
"""


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="main.py", description="The children missing register.")
    parser.add_argument("--data-dir", help="folder holding the register")
    parser.add_argument("--demo", action="store_true", help="open the separate demo register of synthetic children")
    parser.add_argument("--user", help="your name (filled in at sign-in; on the demo register, for its audit trail)")
    parser.add_argument(
        "--role",
        default="coordinator",
        choices=sorted(permissions.ROLES),
        help="the role to try the demo register as (in the real register, the one its administrator gave you)",
    )
    return parser.parse_args(argv[1:])


class OwnerOnlyLog(logging.handlers.RotatingFileHandler):
    """A log file, and each copy its rotation keeps, readable and writable by its owner only (0600), like
    the register: a traceback may hold what a record said. A log made before is made owner-only too."""

    def _open(self) -> TextIO:
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.fchmod(descriptor, 0o600)
        return open(descriptor, self.mode, encoding=self.encoding, errors=self.errors)


def _keep_a_log(folder: Path) -> None:
    """Tracebacks (a worker's unexpected failure) go to register.log beside the registers (owner-only), never
    to a dialog."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = OwnerOnlyLog(folder / LOG_FILE, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:  # a folder that cannot be written to: the register will say so when it opens
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)


def _backup_on_close(register: Register) -> None:
    """Today's automatic backup, if none was made yet today; a failure is said before the program ends.

    A register open for viewing only is backed up too (into a folder that can be written to), but its
    backup failing is a line in the log, not a box: the person chose to view a register they cannot change.
    """
    if not register.may(permissions.BACKUP):  # the role may not back up: the day's backup is someone else's
        return
    try:
        store.backup_if_due(register)
    except Exception as error:  # noqa: BLE001 - the program is ending: said in a box, kept in the log
        if register.read_only is not None:
            logging.getLogger(__name__).warning("No backup was made of the register open for viewing only: %s", error)
            return
        logging.getLogger(__name__).exception("The automatic backup failed")
        said = (
            str(error) if isinstance(error, RegisterError) else "Something went wrong; the details are in register.log."
        )
        QMessageBox.warning(None, "Today's backup was not made", f"{said} Make one from Register ▸ Backups.")


def _wait_for(box: QDialog) -> None:
    """Wait, before any window is open, until the person has answered ``box`` (opened without blocking)."""
    if box.isVisible():
        loop = QEventLoop()
        box.finished.connect(loop.quit)
        loop.exec()


def _ask_to_view(
    refused: RegisterReadOnlyError, path: Path, actor: Actor, sign_in: keys.Unlocked | None
) -> Register | None:
    """Ask whether to open a register that cannot be written to for viewing only; the register so opened,
    or None if the person said no."""
    answered: list[bool] = []
    box = msgbox.confirm(
        None,  # type: ignore[arg-type]  # no window yet
        "The register is read-only",
        f"{refused}\n\nOpen it for viewing only? You will see its records but nothing can be saved.",
        lambda: answered.append(True),
    )
    if isinstance(box, QMessageBox) and not answered:
        _wait_for(box)
    return open_register(path, actor, create=False, read_only=True, sign_in=sign_in) if answered else None


def ask_to_sign_in(path: Path, name: str = "") -> keys.Unlocked | None:
    """Ask the person to sign in to the real register at ``path`` (or, with no keys file beside it, to name
    the administrator of a new register, or of a register from before sign-in existed, which is then
    encrypted); the key their sign-in unlocked, or None if they cancelled. ``name`` is filled in.

    Raises RegisterError, in words, for a file there that is not a register (said before anything is asked).
    """
    if path.exists() and not keys.is_real(path):
        open_register(path, default_actor(), create=False).close()  # a register, brought up to date, or refused
    dialog = start_dialog(path, name)
    dialog.open()
    _wait_for(dialog)
    return dialog.unlocked


def open_window(
    path: Path, actor: Actor, demo_register: bool = False, sign_in: keys.Unlocked | None = None
) -> MainWindow | None:
    """The window on the register at ``path``, not yet shown; None (said in a box) if it cannot be opened.

    A real register is opened with the key the person's sign-in unlocked (``sign_in``), and its window
    locks when left idle (IdleLock); ``actor`` is then ignored. A register that cannot be written to may be
    opened for viewing only, if the person says so.
    """
    try:
        try:
            register = open_register(path, actor, sign_in=sign_in)
        except RegisterReadOnlyError as refused:
            viewed = _ask_to_view(refused, path, actor, sign_in)
            if viewed is None:
                return None
            register = viewed
        if demo_register and register.read_only is None:
            with register.unguarded():  # whether the demo is still empty is the program's own question, any role
                empty = not register.db["children"].count
            if empty:
                demo.build(register)
    except RegisterError as error:
        QMessageBox.critical(None, "The register cannot be opened", str(error))
        return None
    from ui.main_window import MainWindow

    window = MainWindow(register, demo=demo_register)
    if register.unlocked is not None:
        IdleLock(window, register, window.events)  # a child of the window, gone with it
    return window


def main(argv: list[str]) -> int:
    arguments = _arguments(argv)
    app = QApplication.instance() or QApplication(argv[:1])
    app.setApplicationName("Children missing register")
    app.setStyleSheet(STYLE)
    actor = Actor(arguments.user or default_actor().name, arguments.role)
    folder = data_dir(arguments.data_dir)
    _keep_a_log(folder)
    if arguments.demo:  # synthetic children: nobody signs in
        window = open_window(folder / DEMO_FILE, actor, demo_register=True)
    else:
        try:
            unlocked = ask_to_sign_in(folder / REGISTER_FILE, arguments.user or "")
        except RegisterError as error:
            QMessageBox.critical(None, "The register cannot be opened", str(error))
            return 2
        if unlocked is None:  # the person cancelled: nothing was opened or made
            return 0
        window = open_window(folder / REGISTER_FILE, actor, sign_in=unlocked)
    if window is None:
        return 2
    unexpected.install(window)
    window.show()
    if not arguments.demo:  # a demo register keeps its made-up names
        window.ask_names_if_first_start()
        offer_to_forget_plain_copies(window, window.register)
    try:
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone()  # a page still filling finishes before its register closes
        _backup_on_close(window.register)  # as the role last chosen (the demo register's Role menu)
        window.register.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
