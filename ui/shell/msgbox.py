"""Every message box and file dialog goes through here, so tests can answer them.

Nothing blocks: boxes open with open() and call back when answered.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

# Each open print dialog with its printer: the dialog crashes if its printer is collected before it closes.
_printing: dict[QPrintDialog, QPrinter] = {}


def inform(parent: QWidget, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.open()
    return box


def warn(parent: QWidget, title: str, text: str, details: str = "") -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.open()
    return box


def confirm(parent: QWidget, title: str, text: str, on_yes: Callable[[], None]) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.accepted.connect(on_yes)
    box.open()
    return box


def ask_reason(parent: QWidget, title: str, text: str, on_given: Callable[[str], None]) -> QInputDialog:
    """Ask, in a box that does not block, for the reason of what ``text`` describes; ``on_given`` gets the
    reason typed once the person presses OK (Cancel does nothing)."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(text)
    dialog.setOkButtonText("Delete")
    dialog.textValueSelected.connect(on_given)
    dialog.open()
    return dialog


def documents_folder() -> Path:
    """The person's Documents folder, where file dialogs start (their home folder if it has none)."""
    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    return documents if documents.is_dir() else Path.home()


def choose_file_to_open(parent: QWidget, title: str, filters: str, on_chosen: Callable[[str], None]) -> QFileDialog:
    """The system's Open dialog, starting in the person's Documents folder; ``on_chosen`` gets the path."""
    dialog = QFileDialog(parent, title, str(documents_folder()), filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.fileSelected.connect(on_chosen)
    dialog.open()
    return dialog


def choose_file_to_save(
    parent: QWidget, title: str, suggested: str, filters: str, on_chosen: Callable[[str], None]
) -> QFileDialog:
    """The system's Save dialog, offering the name ``suggested`` in the person's Documents folder."""
    dialog = QFileDialog(parent, title, str(documents_folder() / suggested), filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.fileSelected.connect(on_chosen)
    dialog.open()
    return dialog


def choose_folder(parent: QWidget, title: str, on_chosen: Callable[[str], None]) -> QFileDialog:
    """The system's dialog for choosing a folder, starting in the person's Documents folder."""
    dialog = QFileDialog(parent, title, str(documents_folder()))
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.fileSelected.connect(on_chosen)
    dialog.open()
    return dialog


def choose_printer(
    parent: QWidget, on_chosen: Callable[[QPrinter], None], on_no_printer: Callable[[], None]
) -> QPrintDialog | None:
    """The system's print dialog, opened without blocking; ``on_chosen`` gets the printer once the person
    presses Print. With no printer set up on this computer, ``on_no_printer`` is called instead."""
    if not QPrinterInfo.availablePrinterNames():
        on_no_printer()
        return None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _printing[dialog] = printer

    def finished(result: int) -> None:
        _printing.pop(dialog, None)
        if result == QDialog.DialogCode.Accepted:
            on_chosen(printer)

    dialog.finished.connect(finished)
    QDialog.open(dialog)  # QPrintDialog.open() in PySide6 offers only open(receiver, member)
    return dialog
