"""The idle lock of a window on a real register: after the setting's minutes without a key pressed or the
mouse used, the window is covered and its other windows (a child's record, a form half typed) are hidden,
until the signed-in person types their passphrase again. Nothing open is closed, so nothing typed is lost.
A wrong passphrase counts toward the account's lockout, as at sign-in. docs/security.md ("The idle lock")."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from register import RegisterError
from register.core import keys, settings
from register.core.db import Change, Register
from ui.shell.events import RegisterEvents
from ui.shell.passphrase import secret_field
from ui.shell.sign_in import check_passphrase

# The windows the lock hides: a child's record, a form, a message box (not a tooltip or a menu's popup).
HIDDEN_KINDS = (Qt.WindowType.Window, Qt.WindowType.Dialog)

# What counts as the person using the program: a key, the mouse, the wheel, a touch.
INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class LockCover(QWidget):
    """What covers the window while it is locked: whose it is, the passphrase, and a way out."""

    def __init__(self, parent: QMainWindow, name: str, minutes: int):
        super().__init__(parent)
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)  # opaque: nothing of the window shows through
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet("QWidget#lockCover { background: palette(window); }")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QFrame(self)
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setFixedWidth(540)
        column = QVBoxLayout(box)
        heading = QLabel("<b>The register is locked</b>", box)
        column.addWidget(heading)
        said = QLabel(
            f"It was locked after {minutes} minute{'s' if minutes != 1 else ''} without use, so that nobody "
            f"else reads it. Everything you had open is kept as you left it.\n\n{name}, type your passphrase "
            "to go on.",
            box,
        )
        said.setWordWrap(True)
        column.addWidget(said)
        self.passphrase = secret_field(box)
        self.passphrase.setAccessibleName("Passphrase")
        label = QLabel("&Passphrase:", box)
        label.setBuddy(self.passphrase)
        column.addWidget(label)
        column.addWidget(self.passphrase)
        self.message = QLabel(box)  # why the last try was refused
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.hide()
        column.addWidget(self.message)
        self.buttons = QDialogButtonBox(box)
        self.unlock = QPushButton("&Unlock", box)
        self.unlock.setDefault(True)
        self.sign_out = QPushButton("Sign &out and close", box)
        self.sign_out.setToolTip("Closes the register: what you had typed and not saved is lost.")
        self.buttons.addButton(self.unlock, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.sign_out, QDialogButtonBox.ButtonRole.RejectRole)
        column.addWidget(self.buttons)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(box)
        middle.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)
        self.passphrase.returnPressed.connect(self.unlock.click)

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))


class IdleLock(QObject):
    """Watches the whole program's input; locks ``window`` after ``minutes`` idle (the setting, read again
    when Settings change it). ``cover`` is the lock's cover while locked, else None."""

    def __init__(self, window: QMainWindow, register: Register, events: RegisterEvents):
        super().__init__(window)
        self.window, self.register = window, register
        self.cover: LockCover | None = None
        self._hidden: list[QWidget] = []  # the windows hidden by the lock, shown again by the passphrase
        self._focus: QWidget | None = None
        self._leaving = False  # closing from the cover: what the window asks then (an import running) shows
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self._read_setting()
        events.changed.connect(self._changed)
        QApplication.instance().installEventFilter(self)  # removed by Qt when the lock goes with its window
        self.timer.start()

    @property
    def minutes(self) -> int:
        return self.timer.interval() // 60_000

    def _read_setting(self) -> None:
        self.timer.setInterval(settings.get_int(self.register, settings.IDLE_LOCK_MINUTES) * 60_000)

    @Slot(object)
    def _changed(self, change: Change) -> None:
        if "settings" in change.tables:
            self._read_setting()
            if self.cover is None:
                self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if not isValid(self.window) or not self.window.isVisible():
            return False  # closed (or being deleted): the program is ending, and its lock with it
        if self.cover is None:
            if kind in INPUT:
                self.timer.start()  # the idle time counts again from now
        elif kind == QEvent.Type.Show and isinstance(watched, QWidget) and self._hides(watched):
            if watched not in self._hidden and not self._leaving:  # a box that opened while locked (a worker's)
                self._hidden.append(watched)
                QTimer.singleShot(0, watched, watched.hide)  # not if it is gone by then
        elif kind == QEvent.Type.Resize and watched is self.window:
            self.cover.setGeometry(self.window.rect())
        return False

    @Slot()
    def lock(self) -> None:
        """Cover the window and hide the program's other windows, keeping each as it is."""
        if self.cover is not None or not self.window.isVisible():
            return
        self.timer.stop()
        self._focus = QApplication.focusWidget()
        self._hidden = [
            widget for widget in QApplication.topLevelWidgets() if widget.isVisible() and self._hides(widget)
        ]
        for widget in self._hidden:
            widget.hide()
        for part in self._parts():
            part.setEnabled(False)  # no shortcut, menu or Tab reaches what is under the cover
        self.cover = LockCover(self.window, self.register.actor.name, self.minutes)
        self.cover.setGeometry(self.window.rect())
        self.cover.unlock.clicked.connect(self.try_passphrase)
        self.cover.sign_out.clicked.connect(self.sign_out)
        self.cover.show()
        self.cover.raise_()
        self.cover.passphrase.setFocus()

    def _hides(self, widget: QWidget) -> bool:
        """Whether the lock hides ``widget``: a window of the program's other than the one it covers."""
        return widget is not self.window and widget.isWindow() and widget.windowType() in HIDDEN_KINDS

    def _parts(self) -> list[QWidget]:
        parts = [self.window.menuBar(), self.window.centralWidget(), self.window.statusBar()]
        return [part for part in parts if part is not None]

    @Slot()
    def try_passphrase(self) -> None:
        """Unlock if the passphrase typed is the signed-in person's; else say why, and count it as sign-in does."""
        assert self.cover is not None
        credentials = keys.Credentials(self.register.actor.name, self.cover.passphrase.text())
        try:
            check_passphrase(self.register.path, credentials)
        except RegisterError as refused:  # wrong (with the tries left), or the account now locked
            self.cover.say(str(refused))
            self.cover.passphrase.clear()
            self.cover.passphrase.setFocus()
            return
        self.unlock()

    @Slot()
    def sign_out(self) -> None:
        """Close the window from the cover (asked first if an import is running: that question shows)."""
        self._leaving = True
        try:
            self.window.close()
        finally:
            self._leaving = False

    def unlock(self) -> None:
        """Take the cover away and show again what the lock hid, as it was."""
        if self.cover is None:
            return
        self.cover.hide()
        self.cover.deleteLater()
        self.cover = None
        for part in self._parts():
            part.setEnabled(True)
        hidden, self._hidden = self._hidden, []
        for widget in hidden:
            if isValid(widget):  # not closed meanwhile by the program (a page rebuilt)
                widget.show()
        if self._focus is not None and isValid(self._focus):
            self._focus.activateWindow()
            self._focus.setFocus()
        self.timer.start()
