"""Printing a PDF the register writes: the system's print dialog, or, with no printer, the PDF saved instead."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from ui.shell import msgbox
from ui.shell.pdf_pages import print_pdf


def print_document(
    parent: QWidget,
    what: str,
    file_name: str,
    write_pdf: Callable[[str, Callable[[str], None]], None],
    save_instead: Callable[[], None],
    printed: Callable[[str], None],
) -> None:
    """Ask for a printer, then write ``what`` as a PDF to a temporary file and print its pages.

    ``write_pdf(path, then)`` writes the PDF and calls ``then(path)`` once it is whole; ``printed`` is told in
    words what was sent where. With no printer set up, the person is told so and offered ``save_instead``.
    """

    def no_printer() -> None:
        msgbox.confirm(
            parent,
            "No printer",
            f"No printer is set up on this computer, so {what} cannot be printed.\n\nSave it as a PDF instead?",
            save_instead,
        )

    def chosen(printer: QPrinter) -> None:
        path = str(Path(tempfile.mkdtemp(prefix="register-print-")) / file_name)
        write_pdf(path, lambda written: send(written, printer))

    def send(path: str, printer: QPrinter) -> None:
        try:
            pages = print_pdf(path, printer)
        except OSError as error:
            msgbox.warn(parent, "Not printed", str(error))
            return
        where = printer.printerName() or printer.outputFileName()
        printed(f"Sent {pages} page{'s' if pages != 1 else ''} of {what} to {where}.")

    msgbox.choose_printer(parent, chosen, no_printer)
