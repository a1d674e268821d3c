"""Small input widgets shared by the forms."""

from __future__ import annotations

from datetime import date, datetime

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
    """A wall-clock date and time in England, typed as DD/MM/YYYY and HH:MM, with a Now button."""

    def __init__(self, parent: QWidget | None = None, now_button: bool = True):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.date = DateField(self)
        self.time = QLineEdit(self)
        self.time.setPlaceholderText("HH:MM")
        self.time.setMaximumWidth(70)
        layout.addWidget(self.date)
        layout.addWidget(self.time)
        if now_button:
            self.now_button = QPushButton("Now", self)
            self.now_button.setAutoDefault(False)
            self.now_button.clicked.connect(lambda: self.set_value(clock.now()))
            layout.addWidget(self.now_button)
        layout.addStretch(1)
        self.setFocusProxy(self.date)

    def is_empty(self) -> bool:
        return not self.date.text().strip() and not self.time.text().strip()

    def value(self) -> datetime | None:
        """The UTC instant typed, None if both parts are empty; ValueError says what is wrong."""
        if self.is_empty():
            return None
        if not self.date.text().strip():
            raise ValueError("Enter the date as well as the time.")
        if not self.time.text().strip():
            raise ValueError("Enter the time as well as the date (HH:MM).")
        return timescales.parse_local(self.date.text(), self.time.text())

    def set_value(self, instant: datetime | None) -> None:
        day, clock_time = timescales.local_parts(instant)
        self.date.setText(day)
        self.time.setText(clock_time)


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
