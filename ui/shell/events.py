"""One signal says what changed in the register; pages and records redraw only if it concerns them."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class RegisterEvents(QObject):
    """Emitted on the GUI thread after a successful write, with the register's Change."""

    changed = Signal(object)  # register.core.db.Change
