"""What a register shows in the window, declared once, so that the main window and the child's
record read one list of these (``ui/faces.py``) and never name a register."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from register.core.chronology_entry import Entry
from register.core.db import Register
from register.people import Child
from ui.shell.events import RegisterEvents
from ui.shell.page import Page


class ChildRecordView(Protocol):
    """What a register's panel may use of the child's record it sits in."""

    register: Register
    events: RegisterEvents
    child: Child

    def selected(self) -> Entry | None: ...

    def open_dialog(self, dialog: QDialog) -> None: ...

    def write(self, write: Callable[[], object], failed: str) -> None: ...


# (key, text with its & mnemonic, shortcut or "", slot)
Action = tuple[str, str, "str | QKeySequence.StandardKey", Callable[[], None]]
# What a chronology line's record is, in words ("the absence from ..."), and how to delete it given a reason.
Deletion = tuple[str, Callable[[str], None]]


class RecordPanel(QGroupBox):
    """A register's part of a child's record: its buttons, and the forms its chronology lines open.

    Subclasses give ``title``, ``tables`` (whose chronology lines ``form_for`` opens), ``actions()``
    and ``refresh()`` (which enables the buttons for the child as now recorded). Where the person's role
    may not change the register (``may_change`` False) the panel has no buttons, and says why instead;
    ``summary`` is a line of what is recorded of the child, if the register gives one.
    """

    title_text = ""
    tables: tuple[str, ...] = ()

    def __init__(self, record: ChildRecordView, parent: QWidget, may_change: bool = True):
        super().__init__(self.title_text, parent)
        self.record, self.may_change = record, may_change
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.hide()
        grid.addWidget(self.summary, 0, 0, 1, 2)
        for number, (key, text, shortcut, slot) in enumerate(self.actions() if may_change else []):
            button = add_button(self, text, shortcut, slot)
            grid.addWidget(button, 1 + number // 2, number % 2)
            self.buttons[key] = button
        if not may_change:
            note = QLabel(f"For reading: your role may not change {self.title_text.lower()} records.", self)
            note.setWordWrap(True)
            grid.addWidget(note, 1, 0, 1, 2)

    def enable(self, key: str, enabled: bool) -> None:
        """Enable or grey out a button of the panel, if the panel has it (a role that may not change has none)."""
        if key in self.buttons:
            self.buttons[key].setEnabled(enabled)

    def show_summary(self, text: str) -> None:
        """Show (or, empty, hide) a line of what is recorded of the child above the buttons."""
        self.summary.setText(text)
        self.summary.setVisible(bool(text))

    def actions(self) -> list[Action]:
        """The panel's buttons, in order."""
        return []

    def refresh(self) -> None:
        """Enable the buttons that fit what is now recorded of the child."""

    def form_for(self, entry: Entry) -> QDialog:
        """The form that shows (and corrects) the record a chronology line of ``tables`` belongs to."""
        raise LookupError(entry.table)

    def deletion(self, entry: Entry) -> Deletion:
        """The record a chronology line of ``tables`` belongs to, in words, and its delete (entered in error)."""
        raise LookupError(entry.table)


def add_button(
    parent: QWidget, text: str, shortcut: str | QKeySequence.StandardKey, slot: Callable[[], None]
) -> QPushButton:
    """A push button that never takes Enter from a form, with its shortcut shown in its tooltip."""
    button = QPushButton(text, parent)
    button.setAutoDefault(False)
    if shortcut:
        sequence = QKeySequence(shortcut)
        button.setShortcut(sequence)
        button.setToolTip(sequence.toString(QKeySequence.SequenceFormat.NativeText))
    button.clicked.connect(slot)
    return button


@dataclass(frozen=True)
class PageSpec:
    """A page of the main window: its key (``MainWindow.pages[key]``), where it stands among the tabs (by
    ``order``), its title, and how it is made from (register, open_child, parent)."""

    key: str
    order: int
    title: str
    make: Callable[[Register, Callable[[int], object], QWidget], Page]


@dataclass(frozen=True)
class MenuAction:
    """An entry of the Register menu; ``make(register, events, parent)`` builds the dialog it opens."""

    text: str
    make: Callable[[Register, RegisterEvents, QWidget], QDialog]


@dataclass(frozen=True)
class WindowFace:
    """One register as the window shows it."""

    key: str
    pages: tuple[PageSpec, ...]
    menu: tuple[MenuAction, ...]
    panel: type[RecordPanel]
