"""The main window: dashboard, children and the episode register, with menus and shortcuts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from register import people
from register.core import settings
from register.core.db import Register
from ui.child_record import ChildRecord
from ui.education.calendar_dialog import CalendarDialog
from ui.education.cases_page import CasesPage
from ui.education.dashboard import EducationPage
from ui.education.outcomes_dialog import OutcomesDialog
from ui.fostering.dashboard import FosteringPage
from ui.missing.dashboard import DashboardPage
from ui.missing.episodes_page import EpisodesPage
from ui.people.child_form import ChildDialog
from ui.people.children_page import ChildrenPage
from ui.reports.page import ReportsPage
from ui.shell import msgbox
from ui.shell.events import RegisterEvents
from ui.shell.import_dialog import ImportDialog
from ui.shell.settings_dialog import SettingsDialog


class MainWindow(QMainWindow):
    def __init__(self, register: Register, demo: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.register = register
        self.events = RegisterEvents(self)
        self.records: dict[int, ChildRecord] = {}
        authority = settings.get(register, settings.AUTHORITY_NAME)
        self.setWindowTitle(f"Children missing register – {authority}" + (" – DEMO (synthetic data)" if demo else ""))
        self.tabs = QTabWidget(self)
        self.dashboard = DashboardPage(register, self.open_child, self)
        self.children_page = ChildrenPage(register, self.open_child, self.new_child, self)
        self.episodes = EpisodesPage(register, self.open_child, self)
        self.education = EducationPage(register, self.open_child, self)
        self.cases = CasesPage(register, self.open_child, self)
        self.fostering = FosteringPage(register, self.open_child, self)
        self.reports = ReportsPage(register, self.events, self)
        self.pages = [
            (self.dashboard, "&Dashboard"),
            (self.children_page, "&Children"),
            (self.episodes, "&Missing episodes"),
            (self.education, "&Education"),
            (self.cases, "CME c&ases"),
            (self.fostering, "&Private fostering"),
            (self.reports, "&Reports"),
        ]
        for page, title in self.pages:
            self.tabs.addTab(page, title)
        self.setCentralWidget(self.tabs)
        where = QLabel(f"{register.path} · signed in as {register.actor.name} ({register.actor.role})", self)
        self.statusBar().addPermanentWidget(where)
        self._build_menus()
        self._connect_signals()
        self.resize(1280, 800)

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        register_menu = self.menuBar().addMenu("&Register")
        self._action(register_menu, "&Find a child…", self.find_child, QKeySequence.StandardKey.Find)
        self._action(register_menu, "&New child…", self.new_child, QKeySequence.StandardKey.New)
        register_menu.addSeparator()
        self._action(register_menu, "&Import episodes from CSV…", lambda: self.import_csv("missing"), "Ctrl+Shift+I")
        self._action(register_menu, "Import CME &cases from CSV…", lambda: self.import_csv("cme"))
        self._action(register_menu, "Import &absences from CSV…", lambda: self.import_csv("absences"))
        self._action(register_menu, "Import private &fostering from CSV…", lambda: self.import_csv("fostering"))
        register_menu.addSeparator()
        self._action(
            register_menu, "&Term calendar…", lambda: self._open(CalendarDialog(self.register, self.events, self))
        )
        self._action(
            register_menu, "CME &outcomes…", lambda: self._open(OutcomesDialog(self.register, self.events, self))
        )
        self._action(register_menu, "&Settings…", self.edit_settings, "Ctrl+,")
        register_menu.addSeparator()
        self._action(register_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        view_menu = self.menuBar().addMenu("&View")
        for number, (_, title) in enumerate(self.pages):
            self._action(view_menu, title, lambda _=False, n=number: self.tabs.setCurrentIndex(n), f"Ctrl+{number + 1}")
        self._action(view_menu, "&Refresh", self.refresh_all, QKeySequence.StandardKey.Refresh)

    def _connect_signals(self) -> None:
        self.events.changed.connect(self.refresh_all)

    @Slot()
    def refresh_all(self) -> None:
        for page, _ in self.pages:
            page.refresh()

    @Slot()
    def find_child(self) -> None:
        self.tabs.setCurrentWidget(self.children_page)
        self.children_page.search.setFocus()
        self.children_page.search.selectAll()

    @Slot()
    def new_child(self) -> None:
        self._open(
            ChildDialog(self.register, self.events, on_saved=lambda child: self.open_child(child.id), parent=self)
        )

    def open_child(self, child_id: int) -> ChildRecord:
        """Show the child's record, reusing its window if it is already open."""
        record = self.records.get(child_id)
        if record is None:
            people.get_child(self.register, child_id)
            record = ChildRecord(self.register, self.events, child_id, self)
            record.finished.connect(lambda _=0, cid=child_id: self.records.pop(cid, None))
            self.records[child_id] = record
        record.show()
        record.raise_()
        record.activateWindow()
        return record

    def import_csv(self, kind: str) -> None:
        msgbox.choose_file_to_open(
            self,
            "Import a spreadsheet",
            "CSV files (*.csv);;All files (*)",
            lambda chosen: self.start_import(kind, chosen),
        )

    def start_import(self, kind: str, csv_file: str) -> None:
        if not csv_file:
            return
        self.import_dialog = ImportDialog(
            self.register.path, self.register.actor, kind, Path(csv_file), self.events, self
        )
        self.import_dialog.start()

    def _open(self, dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.last_dialog = dialog

    @Slot()
    def edit_settings(self) -> None:
        self._open(SettingsDialog(self.register, self.events, self))
