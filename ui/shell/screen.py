"""Windows sized to the screen they open on, so that nothing (a form's Save button, say) is out of reach
on a 1366×768 laptop."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# What the window system adds around a window's contents: its frame and title bar.
FRAME = QSize(16, 40)


def available(widget: QWidget) -> QRect:
    """The screen's available geometry (less its taskbars) where ``widget`` opens: its parent's screen."""
    parent = widget.parentWidget()
    screen = (parent.window() if parent is not None else widget).screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def room(widget: QWidget) -> QSize:
    """The largest size a window's contents may have and still show whole, frame and all."""
    return available(widget).size() - FRAME


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size a window as asked, or smaller where its screen is smaller; a window of its own is centred."""
    window.resize(QSize(width, height).boundedTo(room(window)).expandedTo(window.minimumSizeHint()))
    if window.parentWidget() is None:
        area = available(window)
        frame = window.size() + FRAME
        window.move(area.x() + (area.width() - frame.width()) // 2, area.y() + (area.height() - frame.height()) // 2)
