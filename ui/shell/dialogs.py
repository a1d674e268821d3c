"""Opening a dialog without blocking: the one way every window opens its forms."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog


def open_dialog(dialog: QDialog) -> QDialog:
    """Show ``dialog`` window-modal without waiting for it; it is deleted once closed. Returns it."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
