"""The main window: every register's pages (from ``ui/faces.py``), the children and the reports, with menus
and shortcuts."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QThreadPool, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QSizePolicy, QTabWidget, QWidget

from register import Actor, RegisterError, open_register, people
from register.backups import store
from register.core import permissions, settings
from register.core.db import Change, Register
from register.core.opening import OUT_OF_DATE, damage
from ui.child_record import ChildRecord
from ui.export_files import export_pseudonymised
from ui.faces import changeable, importers, readable
from ui.people.child_form import ChildDialog
from ui.people.children_page import ChildrenPage
from ui.reports.page import ReportsPage
from ui.shell import list_export, msgbox
from ui.shell.access_log_dialog import AccessLogDialog
from ui.shell.backups_dialog import BackupsDialog
from ui.shell.dialogs import open_dialog
from ui.shell.events import RegisterEvents
from ui.shell.first_run import FirstRunDialog, is_first_start
from ui.shell.import_dialog import ImportDialog
from ui.shell.list_page import ListPage
from ui.shell.page import Page
from ui.shell.retention_dialog import RetentionDialog
from ui.shell.saving import saved_message
from ui.shell.screen import fit_to_screen
from ui.shell.settings_dialog import SettingsDialog
from ui.shell.users_dialog import UsersDialog
from ui.shell.workers import Worker

VIEWING_ONLY = "viewing only (read-only)"
WAITING_FOR_LOCK = "Waiting for someone else's save or import to finish…"
# Where the pages every register shares stand among the registers' own (see each PageSpec's order).
CHILDREN_ORDER, REPORTS_ORDER = 20, 90


def _plain(text: str) -> str:
    """A menu's or button's text as read: no mnemonic marks, no trailing dots."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")


class MainWindow(QMainWindow):
    """The register's pages and menus, as the person's role may use them: a page of a register the role may
    not read is not made, and what would change what it may not change is left out (the register refuses
    both anyway). On the demo register, the Role menu reopens it as another role and builds all again."""

    def __init__(self, register: Register, demo: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.demo = demo
        self.events = RegisterEvents(self)
        self.records: dict[int, ChildRecord] = {}
        self.import_dialog: ImportDialog | None = None
        self._closing = False
        self._waiting = False  # a save is waiting for someone else's write lock
        self._notes: list[QLabel] = []
        self._connect_signals()
        self._build(register)
        fit_to_screen(self, 1280, 800)
        self._check_for_damage()

    def _build(self, register: Register) -> None:
        """Make the title, pages, status notes and menus for ``register`` as its person's role may use them."""
        self.register = register
        register.waiting = self._waiting_for_lock
        authority = settings.get(register, settings.AUTHORITY_NAME) if register.may_read("settings") else ""
        self.setWindowTitle(
            "Children missing register"
            + (f" – {authority}" if authority else "")
            + (" – DEMO (synthetic data)" if self.demo else "")
            + (f" – {VIEWING_ONLY}" if register.read_only is not None else "")
        )
        self.tabs = QTabWidget(self)
        made: list[tuple[int, str, str, Page]] = []
        if register.may_read("children"):
            made.append(
                (CHILDREN_ORDER, "children", "&Children", ChildrenPage(register, self.open_child, self.new_child, self))
            )
        if register.may_read("figure_cache"):
            made.append((REPORTS_ORDER, "reports", "&Reports", ReportsPage(register, self.events, self)))
        for face in readable(register):
            for spec in face.pages:
                made.append((spec.order, spec.key, spec.title, spec.make(register, self.open_child, self)))
        made.sort(key=lambda page: page[0])
        self.pages: dict[str, Page] = {}
        for _, key, title, page in made:
            self.pages[key] = page
            self.tabs.addTab(page, title)
            if isinstance(page, ListPage):
                page.said.connect(self.show_note)  # what its export wrote
        self.titles = [title for _, _, title, _ in made]
        if not made:
            self.tabs.addTab(self._nothing_to_read(), "Your role")
        self.setCentralWidget(self.tabs)  # the pages of a role chosen before go with their tabs
        for note in self._notes:
            self.statusBar().removeWidget(note)
            note.deleteLater()
        self._notes = []
        role = permissions.ROLES[register.actor.role].label
        # Who is signed in, and in which role, is always whole; the register's path gives way on a narrow screen.
        self._add_to_status_bar(QLabel(f"Signed in as {register.actor.name} ({role})", self), gives_way=False)
        self._add_to_status_bar(QLabel(str(register.path), self))
        if register.network:
            self._add_to_status_bar(
                QLabel(
                    f"On a network folder ({register.network}): for a team, install the register on a terminal "
                    "server or shared server rather than sharing the file.",
                    self,
                )
            )
        if register.read_only is not None:  # kept short, so the window still fits a 1366-wide screen; why in the tip
            stale = " What is shown may be out of date." if register.read_only == OUT_OF_DATE else ""
            note = QLabel(f"Open for {VIEWING_ONLY}: nothing can be saved or logged.{stale}", self)
            note.setToolTip(
                f"The register is open for viewing only: {register.read_only}. What you open, print or find is not "
                "written in the access log."
            )
            self._add_to_status_bar(note)
        self.saved_note = QLabel(self)  # what the last save wrote, at the foot of the window
        self._add_to_status_bar(self.saved_note)
        self.menuBar().clear()
        self._build_menus()

    def _nothing_to_read(self) -> QLabel:
        """What a role that reads no register sees in place of pages."""
        role = permissions.ROLES[self.register.actor.role].label
        note = QLabel(
            f"Your role ({role}) may read none of the registers' records or the board's summaries. "
            "What it may do is in the Register menu.",
            self,
        )
        note.setWordWrap(True)
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return note

    def _add_to_status_bar(self, label: QLabel, gives_way: bool = True) -> None:
        """A note at the foot of the window that gives way (cut short, whole in its tip) on a narrow screen
        rather than widening the window past it; one that does not give way is always shown whole."""
        if gives_way:
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            label.setMinimumWidth(120)
        if not label.toolTip():
            label.setToolTip(label.text())
        self.statusBar().addPermanentWidget(label, 1 if gives_way else 0)
        self._notes.append(label)

    def _action(self, menu, text: str, slot, shortcut="") -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        register = self.register
        register_menu = self.menuBar().addMenu("Re&gister")
        writes: list[QAction] = []
        if "children" in self.pages:
            self._action(register_menu, "&Find a child…", self.find_child, QKeySequence.StandardKey.Find)
            if register.may_change("children"):
                writes.append(self._action(register_menu, "&New child…", self.new_child, QKeySequence.StandardKey.New))
            else:
                children = self.pages["children"]
                assert isinstance(children, ChildrenPage)
                children.new_button.hide()
            register_menu.addSeparator()
        changed = [face for face in readable(register) if changeable(face, register)]
        if importers(register):
            writes.append(self._action(register_menu, "&Import a spreadsheet…", self.open_import, "Ctrl+Shift+I"))
        register_menu.addSeparator()
        for face in changed:
            for item in face.menu:
                self._action(
                    register_menu,
                    item.text,
                    lambda _=False, m=item.make: open_dialog(m(self.register, self.events, self)),
                )
        if register.may(permissions.SETTINGS):
            writes.append(self._action(register_menu, "&Settings…", self.edit_settings, "Ctrl+,"))
        if register.may(permissions.USERS) and register.unlocked is not None:  # a demo register has no users
            self._action(register_menu, "Us&ers…", lambda: open_dialog(UsersDialog(self.register, self.events, self)))
        if register.may(permissions.BACKUP) or register.may(permissions.RESTORE):
            self._action(
                register_menu, "Back&ups…", lambda: open_dialog(BackupsDialog(self.register, self.events, self))
            )
        if register.may(permissions.ACCESS_LOG):
            self._action(register_menu, "Access lo&g…", lambda: open_dialog(AccessLogDialog(self.register, self)))
        if register.may(permissions.PSEUDONYMISED):
            self._action(
                register_menu, "Pseudonymised e&xtract for analysts…", lambda: export_pseudonymised(self, self.register)
            )
        if register.may(permissions.RETENTION):
            self._action(
                register_menu, "&Retention…", lambda: open_dialog(RetentionDialog(self.register, self.events, self))
            )
        register_menu.addSeparator()
        self._action(register_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        view_menu = self.menuBar().addMenu("&View")
        for number, title in enumerate(self.titles):
            self._action(view_menu, title, lambda _=False, n=number: self.tabs.setCurrentIndex(n), f"Ctrl+{number + 1}")
        self._action(view_menu, "Re&fresh", self.refresh_all, QKeySequence.StandardKey.Refresh)
        if self.demo:
            self._role_menu()
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts…", self.show_shortcuts, QKeySequence.StandardKey.HelpContents)
        self._action(help_menu, "&Where the register is kept…", self.show_where)
        if register.read_only is not None:  # what only writes is greyed out; the register refuses it anyway
            for action in writes:
                action.setEnabled(False)
            children = self.pages.get("children")
            if isinstance(children, ChildrenPage):
                children.new_button.setEnabled(False)

    def _role_menu(self) -> None:
        """The demo register's Role menu: every role the register knows, the one in use ticked."""
        menu = self.menuBar().addMenu("R&ole")
        self.role_actions: dict[str, QAction] = {}
        group = QActionGroup(menu)
        for key, role in permissions.ROLES.items():
            action = self._action(menu, role.label, lambda _=False, k=key: self.choose_role(k))
            action.setCheckable(True)
            action.setChecked(key == self.register.actor.role)
            action.setToolTip(f"Reopen the demo register as a {role.label.lower()}")
            group.addAction(action)
            self.role_actions[key] = action

    def choose_role(self, role: str) -> None:
        """Reopen the register as ``role`` (the demo register's role picker): the register holds every
        statement to it, exactly as for a person signed in with it, and the pages are made again for it.
        Open child records close; an import still running keeps the role as it is."""
        if role == self.register.actor.role:
            return
        if self.import_dialog is not None and self.import_dialog.running:
            msgbox.warn(self, "Role not changed", "An import is still running. Choose the role once it has finished.")
            self.role_actions[self.register.actor.role].setChecked(True)
            return
        before = self.register
        try:
            chosen = open_register(
                before.path, Actor(before.actor.name, role), create=False, read_only=before.read_only is not None
            )
        except RegisterError as error:
            msgbox.warn(self, "Role not changed", str(error))
            self.role_actions[before.actor.role].setChecked(True)
            return
        for record in list(self.records.values()):
            record.close()
            record.deleteLater()
        self.records.clear()
        if self.import_dialog is not None:  # it offers the kinds the role before may import
            self.import_dialog.deleteLater()
            self.import_dialog = None
        # The pages' work under way finishes and reaches them before they go, then the register closes.
        QThreadPool.globalInstance().waitForDone()
        QCoreApplication.processEvents()
        chosen.soundness = before.soundness
        self._build(chosen)
        before.close()

    def shortcut_text(self) -> str:
        """Every keyboard shortcut of the window and of a child's record, in words."""
        lines = ["In the main window:"]
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            for action in menu.actions() if menu is not None else []:
                if not action.shortcut().isEmpty():
                    lines.append(
                        f"    {action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}\t"
                        f"{_plain(menu_action.text())} ▸ {_plain(action.text())}"
                    )
        lines += [
            "    Alt+underlined letter\tthe menu, page, button or field it marks",
            f"    {list_export.KEYS}\tExport… the list of the page in view, as filtered and sorted there",
            "",
            "In a child's record:",
        ]
        for part, text, keys in ChildRecord.shortcuts():
            lines.append(f"    {keys}\t{_plain(text)} ({part})")
        lines.append("    Enter\topens the chosen line of a list or of the chronology")
        lines += ["", "In a form:", "    F5\tReload, once a save is refused because someone else changed the record"]
        return "\n".join(lines)

    @Slot()
    def show_shortcuts(self) -> None:
        msgbox.inform(self, "Keyboard shortcuts", self.shortcut_text())

    @Slot()
    def show_where(self) -> None:
        backups = store.folder_of(self.register)
        msgbox.inform(
            self,
            "Where the register is kept",
            f"The register is the file\n{self.register.path}\n\nIts backups are kept in\n{backups}\n"
            "(one is made on the first close of each day; Register ▸ Backups makes one now, checks them or "
            f"restores one).\n\nProblems are noted in\n{self.register.path.parent / 'register.log'}",
        )

    @Slot(str)
    def show_note(self, words: str) -> None:
        """Say at the foot of the window what was last saved or exported (whole in its tip)."""
        self.saved_note.setText(words)
        self.saved_note.setToolTip(words)

    def _connect_signals(self) -> None:
        self.events.changed.connect(self._changed)

    @Slot(object)
    def _changed(self, change: Change) -> None:
        """Redraw the pages that show what changed (a hidden page only notes that it is out of date). After a
        restore (the whole register replaced) the file is checked again before anything is saved to it."""
        if store.RESTORED in change.tables:
            self._check_for_damage()
        said = saved_message(self.register, change)
        if said:
            self.show_note(said)
        for page in self.pages.values():
            if page.concerned(change):
                page.refresh()

    @Slot()
    def refresh_all(self) -> None:
        for page in self.pages.values():
            page.refresh()

    @Slot()
    def find_child(self) -> None:
        children = self.pages["children"]
        assert isinstance(children, ChildrenPage)
        self.tabs.setCurrentWidget(children)
        children.search.setFocus()
        children.search.selectAll()

    @Slot()
    def new_child(self) -> None:
        open_dialog(
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

    def open_import(self) -> ImportDialog:
        """The import dialog, offering the kinds of spreadsheet the person's role may import; one already
        open (an import running, say) is brought forward rather than a second opened."""
        if self.import_dialog is None or not self.import_dialog.isVisible():
            if self.import_dialog is not None:
                self.import_dialog.deleteLater()
            self.import_dialog = ImportDialog(self.register, importers(self.register), self.events, self)
        self.import_dialog.show()  # not modal: the window stays usable while an import runs
        self.import_dialog.raise_()
        self.import_dialog.activateWindow()
        return self.import_dialog

    @Slot()
    def ask_names_if_first_start(self) -> None:
        """On a new register's first start, ask for the authority's and the partnership's names."""
        if is_first_start(self.register):
            self.first_run = open_dialog(FirstRunDialog(self.register, self.events, self))

    def edit_settings(self) -> None:
        open_dialog(SettingsDialog(self.register, self.events, self))

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        """Closing while an import runs asks first, then stops the import (nothing of it is written)."""
        running = self.import_dialog is not None and self.import_dialog.running
        if running and not self._closing:
            event.ignore()
            msgbox.confirm(
                self,
                "An import is running",
                "A spreadsheet is still being checked and imported. Stop the import and close the register? "
                "Nothing from that spreadsheet will be written.",
                self._stop_import_and_close,
            )
            return
        super().closeEvent(event)

    def _stop_import_and_close(self) -> None:
        self._closing = True
        if self.import_dialog is not None:
            self.import_dialog.cancel()
        self.close()

    def _waiting_for_lock(self, waiting: bool) -> None:
        """While a save waits for someone else's write lock (an import, another person's save): a wait cursor
        and a word in the status bar, and the windows kept painted. Keys and clicks wait until the save is
        done, so nothing is typed into a form being saved or saved twice."""
        if waiting and not self._waiting:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            self.statusBar().showMessage(WAITING_FOR_LOCK)
        elif not waiting and self._waiting:
            QApplication.restoreOverrideCursor()
            self.statusBar().clearMessage()
        self._waiting = waiting
        if waiting:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def _check_for_damage(self) -> None:
        """Check the file for damage off the window's thread; until it passes, saves wait and the board's
        figures are not worked out. Damage is said at once, with the way to a backup."""
        self.register.soundness = None
        self.checking = QLabel("Checking the register for damage…", self)
        self.statusBar().addWidget(self.checking)
        worker = Worker.beside(self.register, lambda register, progress: damage(register))
        worker.signals.finished.connect(self._checked)
        worker.signals.failed.connect(lambda error: self._checked(str(error)))
        self.check_worker = worker
        worker.start()

    def _checked(self, found: str | None) -> None:
        self.check_worker = None
        self.register.soundness = True if found is None else found
        self.statusBar().removeWidget(self.checking)
        if "reports" in self.pages:
            self.pages["reports"].refresh()
        if found is not None:
            self.statusBar().showMessage("The register is damaged: nothing can be saved or reported.")
            msgbox.warn(self, "The register is damaged", f"{found}")
            open_dialog(BackupsDialog(self.register, self.events, self))
