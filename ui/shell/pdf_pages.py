"""Showing and printing a PDF the register wrote: its pages drawn by pdfium (the pypdfium2 wheel)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.shell.screen import fit_to_screen


def page_images(path: str | Path, dots_per_inch: int) -> list[QImage]:
    """Every page of the PDF as an image at the resolution asked for."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        images = []
        for page in document:
            bitmap = page.render(scale=dots_per_inch / 72)
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_BGR888)
            images.append(image.copy())  # the bitmap's memory goes with the page
        return images
    finally:
        document.close()


def print_pdf(path: str | Path, printer: QPrinter) -> int:
    """Print each page, scaled to the printer's page; returns the number of pages printed."""
    images = page_images(path, min(printer.resolution(), 300))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(f"The printer {printer.printerName() or printer.outputFileName()} could not be started.")
    try:
        for number, image in enumerate(images):
            if number:
                printer.newPage()
            area = QRectF(painter.viewport())
            size = image.size().scaled(area.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRectF(area.x(), area.y(), size.width(), size.height()), image)
    finally:
        painter.end()
    return len(images)


class PreviewDialog(QDialog):
    """The pages, one under another, as they will print."""

    def __init__(self, path: str | Path, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Preview: {title}")
        layout = QVBoxLayout(self)
        scroll = QScrollArea(self)
        pages = QWidget(scroll)
        column = QVBoxLayout(pages)
        self.pages = []
        for image in page_images(path, 96):
            label = QLabel(pages)
            label.setPixmap(QPixmap.fromImage(image))
            label.setFrameShape(QLabel.Shape.Box)
            column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.pages.append(label)
        scroll.setWidget(pages)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(scroll)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, 880, 900)
