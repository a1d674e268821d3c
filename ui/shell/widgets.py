"""Small input widgets shared by the forms."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from register.core import clock, timescales


class DateField(QLineEdit):
    """A date typed as DD/MM/YYYY (empty allowed)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText("DD/MM/YYYY")
        self.setMinimumWidth(96)
        self.setMaximumWidth(120)

    def value(self) -> date | None:
        text = self.text().strip()
        return timescales.parse_date(text) if text else None

    def set_value(self, day: date | None) -> None:
        self.setText(timescales.show_date(day))


class DateTimeField(QWidget):
    """A wall-clock date and time in England, typed as DD/MM/YYYY and HH:MM, with a Now button.

    When the time typed happened twice (01:00-01:59 on the last Sunday of October, when the clocks go
    back), a choice appears beside it asking which: "01:30 BST (first)" or "01:30 GMT (second)".
    """

    def __init__(self, parent: QWidget | None = None, now_button: bool = True):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.date = DateField(self)
        self.time = QLineEdit(self)
        self.time.setPlaceholderText("HH:MM")
        self.time.setMaximumWidth(70)
        self.which = QComboBox(self)
        self.which.setToolTip("This time happened twice: the clocks went back an hour at 02:00 BST")
        self.which.hide()
        layout.addWidget(self.date)
        layout.addWidget(self.time)
        layout.addWidget(self.which)
        if now_button:
            self.now_button = QPushButton("Now", self)
            self.now_button.setAutoDefault(False)
            self.now_button.clicked.connect(lambda: self.set_value(clock.now()))
            layout.addWidget(self.now_button)
        layout.addStretch(1)
        self.setFocusProxy(self.date)
        self.date.textChanged.connect(self._ask_which)
        self.time.textChanged.connect(self._ask_which)

    def is_empty(self) -> bool:
        return not self.date.text().strip() and not self.time.text().strip()

    def _repeated(self) -> timescales.RepeatedTime | None:
        """The repeated time typed, if what is typed is one."""
        try:
            timescales.parse_local(self.date.text(), self.time.text())
        except timescales.RepeatedTime as repeated:
            return repeated
        except ValueError:
            pass
        return None

    @Slot()
    def _ask_which(self) -> None:
        repeated = self._repeated()
        if repeated is None:
            self.which.hide()
            return
        typed = f"{repeated.first.astimezone(clock.LONDON):%H:%M}"
        chosen = self.which.currentData()
        self.which.clear()
        self.which.addItem("Which?", None)
        self.which.addItem(f"{typed} BST (first)", "BST")
        self.which.addItem(f"{typed} GMT (second)", "GMT")
        self.which.setCurrentIndex(max(self.which.findData(chosen), 0) if chosen else 0)
        self.which.show()

    def value(self) -> datetime | None:
        """The UTC instant typed, None if both parts are empty; ValueError says what is wrong (and, for
        a time that happened twice, that the person has not yet said which)."""
        if self.is_empty():
            return None
        if not self.date.text().strip():
            raise ValueError("Enter the date as well as the time.")
        if not self.time.text().strip():
            raise ValueError("Enter the time as well as the date (HH:MM).")
        zone = self.which.currentData() if self._repeated() is not None else None
        return timescales.parse_local(self.date.text(), self.time.text(), zone)

    def set_value(self, instant: datetime | None) -> None:
        day, clock_time = timescales.local_parts(instant)
        self.date.setText(day)
        self.time.setText(clock_time)
        if instant is not None and not self.which.isHidden():
            self.which.setCurrentIndex(self.which.findData(timescales.zone_of(instant)))


class CodeChoice(QComboBox):
    """A choice from a code list (codes.py), optionally with a blank first entry."""

    def __init__(self, codes: dict[str, str], blank: str | None = "", parent: QWidget | None = None):
        super().__init__(parent)
        if blank is not None:
            self.addItem(blank, "")
        for code, label in codes.items():
            self.addItem(label, code)

    def code(self) -> str:
        return self.currentData() or ""

    def set_code(self, code: str) -> None:
        index = self.findData(code or "")
        self.setCurrentIndex(max(index, 0))
