"""What every printed document shares: fonts that draw any name, styles, and the page frame."""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from register.core import timescales

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
MARKING = "OFFICIAL-SENSITIVE"
PAGE = A4
MARGIN = 18 * mm
# Every document's page: A4, with room at the top and bottom for the marking, the footer and the page number.
PAGE_BOX = {
    "pagesize": PAGE,
    "leftMargin": MARGIN,
    "rightMargin": MARGIN,
    "topMargin": 18 * mm,
    "bottomMargin": 20 * mm,
}


@cache
def register_fonts() -> None:
    """DejaVu Sans draws Latin, Polish, Romanian, Cyrillic and Arabic letters; Helvetica cannot."""
    pdfmetrics.registerFont(TTFont("Sans", str(FONTS / "DejaVuSans.ttf"), shapable=True))
    pdfmetrics.registerFont(TTFont("Sans-Bold", str(FONTS / "DejaVuSans-Bold.ttf"), shapable=True))
    pdfmetrics.registerFontFamily("Sans", normal="Sans", bold="Sans-Bold", italic="Sans", boldItalic="Sans-Bold")
    pdfmetrics.registerFont(TTFont("Gurmukhi", str(FONTS / "NotoSansGurmukhi-Regular.ttf"), shapable=True))


_GURMUKHI = re.compile(r"([\u0A00-\u0A7F]+(?:\s+[\u0A00-\u0A7F]+)*)")


def text(value: str) -> str:
    """Plain text as paragraph markup, with runs of Gurmukhi set in a font that has its letters."""
    return _GURMUKHI.sub(r'<font name="Gurmukhi">\1</font>', escape(value))


@cache
def styles() -> StyleSheet1:
    """The one place paragraph styles are derived."""
    register_fonts()
    sheet = StyleSheet1()
    base = ParagraphStyle("Body", fontName="Sans", fontSize=9, leading=12, alignment=TA_LEFT)
    sheet.add(base)
    sheet.add(ParagraphStyle("Small", parent=base, fontSize=8, leading=10))
    sheet.add(ParagraphStyle("Title", parent=base, fontName="Sans-Bold", fontSize=16, leading=20, spaceAfter=6))
    sheet.add(
        ParagraphStyle(
            "Heading", parent=base, fontName="Sans-Bold", fontSize=11, leading=14, spaceBefore=10, spaceAfter=4
        )
    )
    sheet.add(
        ParagraphStyle(
            "Heading2", parent=base, fontName="Sans-Bold", fontSize=10, leading=13, spaceBefore=6, spaceAfter=3
        )
    )
    sheet.add(ParagraphStyle("Cell", parent=base, fontSize=8, leading=10))
    sheet.add(ParagraphStyle("CellBold", parent=base, fontName="Sans-Bold", fontSize=8, leading=10))
    sheet.add(
        ParagraphStyle(
            "Alert", parent=base, fontName="Sans-Bold", fontSize=10, leading=13, textColor=colors.HexColor("#8a1c1c")
        )
    )
    return sheet


TABLE_STYLE = [
    ("FONTNAME", (0, 0), (-1, -1), "Sans"),
    ("FONTSIZE", (0, 0), (-1, -1), 8),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dfe6ee")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#b0b8c0")),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
]


PUBLISHED_MARKING = "OFFICIAL: FOR PUBLICATION"
_FOOTER_FONTS = (8, 7, 6)  # a long footer is set smaller before it is cut short
_PAGE_NUMBER_WIDTH = 28 * mm  # room for "Page 999 of 999" at 8 points


def footer_lines(footer: str, width: float) -> tuple[list[str], float]:
    """The footer broken into at most two lines that fit ``width`` (points), and the font size that
    fits them (8, 7 or 6 points); at 6 points, a footer still too long ends in "…"."""
    register_fonts()
    for size in _FOOTER_FONTS:
        lines = simpleSplit(footer, "Sans", size, width)
        if len(lines) <= 2:
            return lines, size
    lines = simpleSplit(footer, "Sans", _FOOTER_FONTS[-1], width)[:2]
    while pdfmetrics.stringWidth(lines[1] + "…", "Sans", _FOOTER_FONTS[-1]) > width:
        lines[1] = lines[1][:-1]
    return [lines[0], lines[1].rstrip() + "…"], _FOOTER_FONTS[-1]


def page_frame(footer: str, produced: datetime, marking: str = MARKING):
    """A page callback drawing the marking at the top and bottom, and the footer (what the document is,
    when it was produced) in the space left of the page number, which NumberedCanvas draws."""
    text = f"{footer} · produced {timescales.show_instant(produced)}"

    def draw(canvas, document) -> None:
        register_fonts()
        width, height = PAGE
        canvas.saveState()
        canvas.setFont("Sans-Bold", 9)
        canvas.setFillColor(colors.HexColor("#8a1c1c"))
        canvas.drawCentredString(width / 2, height - 10 * mm, marking)
        canvas.drawCentredString(width / 2, 6 * mm, marking)
        canvas.setFillColor(colors.black)
        lines, size = footer_lines(text, width - 2 * MARGIN - _PAGE_NUMBER_WIDTH)
        canvas.setFont("Sans", size)
        for number, line in enumerate(reversed(lines)):
            canvas.drawString(MARGIN, 12 * mm + number * (size + 2), line)
        canvas.restoreState()

    return draw


class NumberedCanvas(Canvas):
    """A canvas that holds each page back until the last is drawn, then numbers them "Page N of M"
    at the bottom right (reportlab's own recipe for a page count)."""

    def __init__(self, *arguments, **options) -> None:
        super().__init__(*arguments, **options)
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        register_fonts()
        total = len(self._pages)
        for page in self._pages:
            self.__dict__.update(page)
            self.setFont("Sans", 8)
            self.drawRightString(PAGE[0] - MARGIN, 12 * mm, f"Page {self._pageNumber} of {total}")
            super().showPage()
        super().save()
