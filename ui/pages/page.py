"""What every page of the main window shares: it fills itself when shown, not while hidden."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget


class Page(QWidget):
    """A page refreshed on every change in the register while it is shown; a hidden page only
    notes that it is out of date and fills itself when it is next shown."""

    _stale = True

    @Slot()
    def refresh(self) -> None:
        self._stale = not self.isVisible()
        if not self._stale:
            self.fill()

    def fill(self) -> None:
        """Read the register and show what it says."""
        raise NotImplementedError

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.refresh()
