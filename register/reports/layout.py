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
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from register.core import timescales

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
MARKING = "OFFICIAL-SENSITIVE"
PAGE = A4
MARGIN = 18 * mm


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


def page_frame(title: str, produced: datetime):
    """A page callback drawing the marking, the title, the date produced and the page number."""

    def draw(canvas, document) -> None:
        register_fonts()
        width, height = PAGE
        canvas.saveState()
        canvas.setFont("Sans-Bold", 9)
        canvas.setFillColor(colors.HexColor("#8a1c1c"))
        canvas.drawCentredString(width / 2, height - 10 * mm, MARKING)
        canvas.drawCentredString(width / 2, 8 * mm, MARKING)
        canvas.setFillColor(colors.black)
        canvas.setFont("Sans", 8)
        canvas.drawString(MARGIN, 13 * mm, f"{title} · produced {timescales.show_instant(produced)}")
        canvas.drawRightString(width - MARGIN, 13 * mm, f"Page {document.page}")
        canvas.restoreState()

    return draw
