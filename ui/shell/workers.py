"""Slow work off the GUI thread: a QRunnable with its own register connection."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid

from register import Actor, RegisterError, open_register
from register.core.db import Register
from register.core.keys import Unlocked

log = logging.getLogger(__name__)

UNEXPECTED = "Something went wrong and nothing was changed. Please tell the register's support team."


class WorkerSignals(QObject):
    progress = Signal(int, int)
    changed = Signal(object)  # the register.core.db.Change the job wrote, before finished
    finished = Signal(object)  # the job's result
    failed = Signal(object)  # the RegisterError that stopped it, carried whole (an ImportRefused keeps its rows)


class Worker(QRunnable):
    """Runs ``job(register, progress)`` on a pool thread, on its own connection to the file.

    ``progress(done, total)`` returns False once cancel() was called; the job stops then. A job that
    fails on purpose (a RegisterError) reaches ``failed`` as that error; any other error is logged with
    its traceback and reaches ``failed`` as a RegisterError in words for the person. A started worker
    keeps itself alive until it has finished, whoever still holds it. With ``read_only`` (the window's
    register is open for viewing only) its connection is opened for viewing only too.
    """

    _running: set[Worker] = set()

    def __init__(
        self,
        path: Path,
        actor: Actor,
        job: Callable[[Register, Callable[[int, int], bool]], Any],
        read_only: bool = False,
        unlocked: Unlocked | None = None,
    ):
        super().__init__()
        self.signals = WorkerSignals()
        self._path, self._actor, self._job, self._read_only = path, actor, job, read_only
        self._unlocked = unlocked  # a real register's key, unlocked at sign-in: never asked again
        self._cancelled = threading.Event()
        self.setAutoDelete(False)  # the caller keeps it until finished

    @classmethod
    def beside(cls, register: Register, job: Callable[[Register, Callable[[int, int], bool]], Any]) -> Worker:
        """A worker whose own connection opens ``register``'s file as it was opened: for the same person,
        for viewing only if it was, with the key its sign-in unlocked."""
        return cls(register.path, register.actor, job, register.read_only is not None, register.unlocked)

    def cancel(self) -> None:
        self._cancelled.set()

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self._cancelled.is_set()

    def run(self) -> None:
        try:
            # The window's file, or none; opened as the window's was.
            register = open_register(
                self._path, self._actor, create=False, read_only=self._read_only, sign_in=self._unlocked
            )
            try:
                result = self._job(register, self._progress)
                change = register.take_changes()
            finally:
                register.close()
        except RegisterError as error:
            self.signals.failed.emit(error)
        except Exception:  # noqa: BLE001 - a bug must reach the person as a message, not kill the thread
            log.exception("A background job failed")
            self.signals.failed.emit(RegisterError(UNEXPECTED))
        else:
            if change:
                self.signals.changed.emit(change)
            self.signals.finished.emit(result)

    def start(self) -> None:
        # Let go only once the result has reached the window's thread.
        Worker._running.add(self)
        self.signals.finished.connect(lambda _: Worker._running.discard(self))
        self.signals.failed.connect(lambda _: Worker._running.discard(self))
        QThreadPool.globalInstance().start(self)


def while_alive(receiver: QObject, callback: Callable[..., Any]) -> Callable[..., None]:
    """``callback``, called only while ``receiver`` (a page, a dialog) still exists: a worker's result may
    arrive after the page that asked for it was closed, or rebuilt for another role."""

    def deliver(*arguments: Any) -> None:
        if isValid(receiver):
            callback(*arguments)

    return deliver
