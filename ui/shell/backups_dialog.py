"""The register's backups in the window: make one now, see them all, restore one (with progress)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from register.backups import store
from register.core import timescales
from register.core.db import Register
from register.core.words import counted
from ui.shell import msgbox
from ui.shell.events import RegisterEvents
from ui.shell.face import add_button
from ui.shell.screen import fit_to_screen
from ui.shell.tables import ListTable
from ui.shell.workers import Worker, while_alive


class BackupsDialog(QDialog):
    """Every backup of the register, newest first, with Back up now and Restore the chosen backup."""

    def __init__(self, register: Register, events: RegisterEvents, parent: QWidget | None = None):
        super().__init__(parent)
        self.register, self.events = register, events
        self.worker: Worker | None = None
        self.setWindowTitle("Backups")
        layout = QVBoxLayout(self)
        self.where = QLabel(self)
        self.where.setWordWrap(True)
        layout.addWidget(self.where)
        self.list = ListTable(["Made", "Size", "File"], self)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.back_up = add_button(self, "Back &up now", "", self.make)
        self.restore = add_button(self, "&Restore the chosen backup…", "", self.ask_to_restore)
        if register.read_only is not None:  # a backup may still be made of it, but none put in its place
            self.restore.setEnabled(False)
            self.restore.setToolTip("The register is open for viewing only: nothing can be restored over it.")
        row.addWidget(self.back_up)
        row.addWidget(self.restore)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.progress = QProgressBar(self)
        self.progress.hide()
        layout.addWidget(self.progress)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        fit_to_screen(self, 720, 420)
        self.refresh()

    def refresh(self) -> None:
        folder = store.folder_of(self.register)
        found = store.backups(self.register.path, folder)
        self.where.setText(
            f"{counted(len(found), 'backup')} in {folder}. Each was checked when it was made; "
            f"the newest of each of the last {store.KEEP_DAILY} days, {store.KEEP_WEEKLY} weeks and "
            f"{store.KEEP_MONTHLY} months are kept."
        )
        self.list.fill(
            [
                (backup, [timescales.show_instant(backup.made_at), f"{backup.size / 2**20:,.1f} MB", backup.path.name])
                for backup in found
            ]
        )

    def _run(self, what: str, job, then) -> None:  # type: ignore[no-untyped-def]
        """Run ``job(register, progress)`` on a worker with the progress shown; ``then(result)`` after."""
        self.status.setText(what)
        self.progress.setValue(0)
        self.progress.show()
        self.back_up.setEnabled(False)
        self.restore.setEnabled(False)
        worker = Worker.beside(self.register, job)
        worker.signals.progress.connect(
            lambda done, total: (self.progress.setMaximum(total), self.progress.setValue(done))
        )
        worker.signals.changed.connect(self.events.changed.emit)
        worker.signals.finished.connect(while_alive(self, lambda result: (self._done(), then(result))))
        worker.signals.failed.connect(while_alive(self, lambda error: (self._done(), self.status.setText(str(error)))))
        self.worker = worker
        worker.start()

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _done(self) -> None:
        self.worker = None
        self.progress.hide()
        self.back_up.setEnabled(True)
        self.restore.setEnabled(self.register.read_only is None)
        self.refresh()

    @Slot()
    def make(self) -> None:
        def job(register: Register, progress) -> tuple[store.Backup, list[Path]]:  # type: ignore[no-untyped-def]
            made = store.make_backup(register, progress=progress)
            return made, store.rotate(register.path, store.folder_of(register))

        def done(result: tuple[store.Backup, list[Path]]) -> None:
            made, gone = result
            self.status.setText(f"Backed up and checked: {made.path.name}.{store.rotated_words(gone)}")

        self._run("Backing up…", job, done)

    @Slot()
    def ask_to_restore(self) -> None:
        chosen = self.list.current_value()
        if chosen is None:
            self.status.setText("Choose the backup to restore first.")
            return
        msgbox.confirm(
            self,
            "Restore a backup",
            f"Put the backup made {timescales.show_instant(chosen.made_at)} in the register's place? Everything "
            "recorded since then will no longer show. The register as it is now is kept as a backup first, so "
            "this can be undone by restoring that.",
            lambda: self._restore(chosen),
        )

    def _restore(self, chosen: store.Backup) -> None:
        self._run(
            "Restoring…",
            lambda register, progress: store.restore(register, chosen.path, progress),
            lambda restored: self.status.setText(
                f"Restored the backup made {timescales.show_instant(chosen.made_at)}. "
                + restored.words(restored.kept.path.name)
            ),
        )

    def reject(self) -> None:
        if self.worker is None:  # a backup or restore under way finishes first
            super().reject()
