"""The board's summary on screen: figures, commentary, preview, print, and saving the PDF and CSV."""

from __future__ import annotations

import csv

from pypdf import PdfReader
from pypdfium2 import PdfDocument
from PySide6.QtPrintSupport import QPrinter

from register.board import commentary
from tests.helpers.hand_built import Q1
from tests.helpers.widgets import choose, type_into
from ui.shell import msgbox

NAMES = ("Zofia", "Kowalska", "Bilal", "Ahmed", "Dawit", "Bekele", "Hodan", "Warsame", "Chiamaka", "Okafor")


def text_of(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def at_a_glance(path) -> dict[str, tuple[str, str]]:
    """The first page's headline figures, by the words the reader sees: (the period before, this period)."""
    lines = PdfReader(path).pages[0].extract_text().splitlines()
    start, end = lines.index("At a glance") + 3, lines.index("Contents")  # past the two periods' headings
    return {lines[line]: (lines[line + 1], lines[line + 2]) for line in range(start, end, 3)}


# The register of tests/test_measures.py, worked out by hand: October to December 2025, then January to March 2026.
HEADLINES = {
    "Missing and away episodes that began": ("1", "7"),
    "Children who went missing or away": ("1", "3"),
    "Children missing repeatedly": ("0", "1"),
    "Still missing at the end": ("1", "1"),
    "Return interviews within 72 hours (% of returns)": ("–", "28.6%"),
    "Children referred as missing education": ("1", "2"),
    "CME cases open at the end": ("1", "2"),
    "… of which whereabouts unknown": ("1", "1"),
    "Private fostering notifications": ("1", "2"),
    "Initial visits within 7 working days (%)": ("100.0%", "100.0%"),
    "Later visits on time (%)": ("100.0%", "50.0%"),
}


def open_reports(qtbot, window, period_label="January to March 2026"):
    page = window.pages["reports"]
    window.tabs.setCurrentWidget(page)
    choose(page.kind, "Quarterly summary")
    choose(page.period, period_label)
    qtbot.waitUntil(
        lambda: page.worker is None and page.summary is not None and page.summary.period.key == Q1.key, timeout=15000
    )
    assert len(page.summary.periods) == 5  # the chosen quarter first, then the four before it for the trend
    return page


def test_the_coordinator_prepares_the_quarterly_summary(
    qtbot,
    window,
    register,
    hand_built,
    answered,
    monkeypatch,
    tmp_path,
):
    page = open_reports(qtbot, window)
    assert page.figure_text("missing.began.episodes") == "7"
    assert page.figure_text("missing.began.episodes", 0) == "Episodes, all"
    assert page.figure_text("missing.interviews.in_time.percent") == "28.6%"
    assert page.figure_text("equality.missing.sex.M.share") == "66.7%"
    page.published.setChecked(True)
    assert page.figure_text("missing.began.children") == "<5"
    page.published.setChecked(False)

    # She writes the commentary and it is kept with the period.
    type_into(
        qtbot, page.editors["missing"], "Episodes fell after the summer holidays; two children went missing often."
    )
    page.buttons["save_notes"].click()
    kept = commentary.for_period(register, "2026-Q1")
    assert kept["missing"].text.startswith("Episodes fell after the summer holidays")

    # She saves the PDF.
    pdf = tmp_path / "board.pdf"
    monkeypatch.setattr(
        msgbox, "choose_file_to_save", lambda parent, title, suggested, filters, chosen: chosen(str(pdf))
    )
    page.buttons["pdf"].click()
    qtbot.waitUntil(pdf.exists, timeout=15000)
    qtbot.waitUntil(lambda: bool(answered) and answered[-1][0] == "Summary saved", timeout=15000)
    text = text_of(pdf)
    assert "OFFICIAL-SENSITIVE" in text and "January to March 2026" in text and "Contents" in text
    assert "Episodes fell after the summer holidays" in text and "Page 2" in text
    assert not any(name in text for name in NAMES)

    # The figures as CSV: the same as on screen, one row per figure.
    figures = tmp_path / "figures.csv"
    monkeypatch.setattr(
        msgbox, "choose_file_to_save", lambda parent, title, suggested, filters, chosen: chosen(str(figures))
    )
    page.buttons["csv"].click()
    rows = list(csv.DictReader(figures.open(encoding="utf-8")))
    assert {
        "key": "missing.began.episodes",
        "section": "Missing from home or care",
        "measure": "Episodes that began in the period: Episodes, all",
        "period": "2026-Q1",
        "value": "7",
    } in rows

    # Preview shows the pages; printing sends them to the printer chosen.
    page.buttons["preview"].click()
    qtbot.waitUntil(lambda: getattr(page, "preview_dialog", None) is not None, timeout=15000)
    assert len(page.preview_dialog.pages) == len(PdfReader(pdf).pages)
    page.preview_dialog.reject()
    printed = tmp_path / "printed.pdf"
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    monkeypatch.setattr(msgbox, "choose_printer", lambda parent, chosen: chosen(printer))
    page.buttons["print"].click()
    qtbot.waitUntil(lambda: page.status.text().startswith("Sent"), timeout=15000)
    assert len(PdfDocument(str(printed))) == len(PdfReader(pdf).pages)
