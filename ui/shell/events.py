"""One signal says what changed in the register; pages refresh from it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class RegisterEvents(QObject):
    """Emitted on the GUI thread after a successful write."""

    changed = Signal(str)  # the table that changed
