"""What every form shares: a field per row, its error shown beside it, and a save that may be refused."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from register import ConflictError, NotFoundError, RegisterError, ValidationError
from register.core.db import Register
from ui.shell.events import RegisterEvents
from ui.shell.saving import save_and_announce
from ui.shell.screen import room


class FieldsScroll(QScrollArea):
    """Scrolls its fields up and down, never sideways: as wide as the fields need, and as tall as they are
    where there is room."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _around(self, size: QSize) -> QSize:
        return size + QSize(self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth(), 2 * self.frameWidth())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        inner = self.widget()
        return self._around(inner.sizeHint()) if inner is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        inner = self.widget()
        if inner is None:
            return super().minimumSizeHint()
        return QSize(self._around(inner.minimumSizeHint()).width(), super().minimumSizeHint().height())


class FormDialog(QDialog):
    """A dialog whose OK saves; a refused save keeps the dialog open with what was typed.

    Each form defines ``save()``, which reads the fields and saves through register/, raising
    ValidationError or ConflictError to refuse.
    """

    def __init__(self, register: Register, events: RegisterEvents, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.register, self.events = register, events
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._errors: dict[str, QLabel] = {}
        self._unreadable: dict[str, str] = {}
        self._fitted = False
        layout = QVBoxLayout(self)
        self.banner = QLabel(self)
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        layout.addWidget(self.banner)
        self.field_area = QWidget(self)  # the fields scroll; the banner above and the buttons below stay in view
        # never squeezed below its natural height: where there is no room, it scrolls instead
        self.field_area.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.form = QFormLayout(self.field_area)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.scroll = FieldsScroll(self)
        self.scroll.setWidget(self.field_area)
        layout.addWidget(self.scroll, 1)
        # A field reached by Tab or by its Alt+letter is scrolled into view, whichever way focus came.
        QApplication.instance().focusChanged.connect(self._follow_focus)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        # Shown once a save is refused because someone else changed the record meanwhile (``reloads_with``).
        self.reload_button = self.buttons.addButton("Reload (F5)", QDialogButtonBox.ButtonRole.ResetRole)
        self.reload_button.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.reload_button.setToolTip("F5: show the record as it is now in the register (what was typed here goes)")
        self.reload_button.clicked.connect(self.reload)
        self.reload_button.hide()
        self._reread: Callable[[], None] | None = None
        layout.addWidget(self.buttons)
        if register.read_only is not None:  # nothing typed here could be saved: say so before anything is typed
            self.view_only("the register is open for viewing only")

    def view_only(self, because: str = "your role may not change this record") -> None:
        """Opened for reading only (by a role that may not change the record, or on a register open for viewing
        only): Save is greyed out, and the banner says why."""
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(False)
        save.setToolTip(f"For reading: {because}.")
        self.show_banner(f"For reading: {because}.")

    def reloads_with(self, reread: Callable[[], None]) -> None:
        """This form changes a record already in the register: ``reread()`` reads it again and shows it in
        the fields (raising NotFoundError if it was deleted meanwhile). When a save is refused because
        someone else changed the record, Reload (F5) does this, so that their changes are seen."""
        self._reread = reread

    @Slot()
    def reload(self) -> None:
        """Show the record as it is now in the register, in place of what was typed."""
        if self._reread is None:
            return
        self.show_problems({})
        try:
            self._reread()
        except NotFoundError as error:
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            self.show_banner(f"{error} Nothing here can be saved: close the form.")
        else:
            self.show_banner(
                "Reloaded: this is the record as it is now, with their changes. Make yours again, then Save."
            )
        self.reload_button.hide()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Every field in view, if the screen has room; else as tall as it has (the fields scroll)."""
        return super().sizeHint().boundedTo(room(self))

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        """Opened at the size asked for, or the natural one, but never taller or wider than its screen."""
        if not self._fitted:
            self._fitted = True
            wanted = self.size() if self.testAttribute(Qt.WidgetAttribute.WA_Resized) else self.sizeHint()
            self.resize(wanted.expandedTo(self.minimumSizeHint()).boundedTo(room(self)))
        super().showEvent(event)

    @Slot(object, object)
    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.field_area.isAncestorOf(new):
            self.scroll.ensureWidgetVisible(new, 0, 12)

    def add_field(self, label: str, widget: QWidget, *fields: str) -> QWidget:
        """A labelled row; errors for any of ``fields`` appear under it."""
        holder = QWidget(self.field_area)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = QLabel(holder)
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        self.form.addRow(label, holder)
        label_widget = self.form.labelForField(holder)
        if isinstance(label_widget, QLabel):
            label_widget.setBuddy(widget)
        for field in fields:
            self._errors[field] = error
        return widget

    def error_text(self, field: str) -> str:
        label = self._errors.get(field)
        return label.text() if label is not None and not label.isHidden() else ""

    def show_problems(self, problems: dict[str, str]) -> None:
        for label in self._errors.values():
            label.clear()
            label.hide()
        unplaced = []
        for field, message in problems.items():
            label = self._errors.get(field)
            if label is None:
                unplaced.append(message)
                continue
            label.setText((label.text() + "\n" if label.text() else "") + message)
            label.show()
        if problems:
            self.show_banner("Nothing was saved: " + (" ".join(unplaced) or "put right what is marked below."))
        else:
            self.show_banner("")

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def read(self, field: str, reader):  # type: ignore[no-untyped-def]
        """A widget's value, or None with the field noted if what was typed cannot be read."""
        try:
            return reader()
        except ValueError as error:
            self._unreadable[field] = str(error)
            return None

    def require(self, field: str, value: object, message: str) -> None:
        """Note a required field left empty (unless it was already noted as unreadable)."""
        if value is None and field not in self._unreadable:
            self._unreadable[field] = message

    def refuse_unreadable(self) -> None:
        """Note that the fields are read. A field that could not be read (or was needed and left empty) stops
        the save, but only after the register has checked the rest as typed, so that every problem is marked
        at once (``_save_or_say_all``)."""

    def _save_or_say_all(self) -> None:
        """Save as typed; with any field unreadable, still let the register check the rest (what it wrote is
        rolled back) and refuse with its problems and the unreadable fields' together."""
        self._unreadable = {}
        try:
            with self.register.atomic():
                self.save()
                if self._unreadable:
                    raise ValidationError(self._unreadable)
        except ValidationError as error:
            raise ValidationError({**error.problems, **self._unreadable}) from error
        except (TypeError, AttributeError):
            # A field the record cannot be made without was unreadable: its problem is the one to show.
            if not self._unreadable:
                raise
            raise ValidationError(self._unreadable) from None

    @Slot()
    def submit(self) -> None:
        try:
            save_and_announce(self.register, self.events, self._save_or_say_all)
        except ValidationError as error:
            self.show_problems(error.problems)
        except (ConflictError, NotFoundError) as error:
            self.show_problems({})
            self.show_banner(f"Nothing was saved. {error}")
            if isinstance(error, ConflictError) and self._reread is not None:
                self.reload_button.show()
        except RegisterError as error:  # the register is busy, say: its message says what to do
            self.show_problems({})
            self.show_banner(str(error))
        else:
            self.accept()
