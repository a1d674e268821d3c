"""The board's summary on screen: figures, commentary, preview, print, and saving the PDF and CSV."""

from __future__ import annotations

import csv

from pypdf import PdfReader
from pypdfium2 import PdfDocument
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog

from register.board import commentary
from tests.helpers.hand_built import Q1
from tests.helpers.pdf import NAMES, text_of
from tests.helpers.widgets import choose, last_dialog, save, type_into
from ui.shell import msgbox


def open_reports(qtbot, window, period_label="Q4 2025-26 (January to March 2026)"):
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
    kept = commentary.for_period(register, "2025-26-Q4")
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
        "period": "2025-26-Q4",
        "value": "7",
        "provisional": "",
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
    monkeypatch.setattr(msgbox, "choose_printer", lambda parent, chosen, no_printer: chosen(printer))
    page.buttons["print"].click()
    qtbot.waitUntil(lambda: page.status.text().startswith("Sent"), timeout=15000)
    assert len(PdfDocument(str(printed))) == len(PdfReader(pdf).pages)


def test_the_summary_stays_where_the_reader_was_when_a_record_changes(qtbot, window, register, hand_built):
    page = open_reports(qtbot, window)
    bar = page.scroll.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    where = bar.value()
    assert where > 0
    child = register.db.execute("SELECT id FROM children ORDER BY id LIMIT 1").fetchone()[0]
    record = window.open_child(child)
    record.buttons["details"].click()
    form = last_dialog(record)
    type_into(qtbot, form.school, "Oak Park Primary")
    save(form)
    qtbot.waitUntil(lambda: page.worker is None and not page.busy.isVisible(), timeout=15000)
    assert page.summary.produced is not None and bar.value() == where


def test_a_pdf_that_cannot_be_written_says_why(qtbot, window, hand_built, monkeypatch, answered):
    page = open_reports(qtbot, window)
    missing_folder = "/nonexistent-folder/board.pdf"
    monkeypatch.setattr(
        msgbox, "choose_file_to_save", lambda parent, title, suggested, filters, chosen: chosen(missing_folder)
    )
    page.buttons["pdf"].click()
    qtbot.waitUntil(lambda: bool(answered), timeout=15000)
    assert answered == [
        ("PDF not written", f"The PDF could not be written to {missing_folder}: No such file or directory.")
    ]


def test_print_opens_the_systems_print_dialog_without_waiting_on_it(qtbot, window, hand_built, monkeypatch, tmp_path):
    page = open_reports(qtbot, window)
    monkeypatch.setattr(msgbox.QPrinterInfo, "availablePrinterNames", staticmethod(lambda: ["Office"]))
    page.buttons["print"].click()
    dialog = last_dialog(page)
    assert isinstance(dialog, QPrintDialog) and dialog.isVisible()
    assert dialog.windowModality() == Qt.WindowModality.WindowModal  # opened with open(), never exec()
    printer = msgbox._printing[dialog]  # kept while the dialog is open
    printed = tmp_path / "printed.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    dialog.done(QDialog.DialogCode.Accepted)  # Print pressed (done() leaves the printer as the test set it)
    assert dialog not in msgbox._printing
    qtbot.waitUntil(lambda: page.status.text().startswith("Sent"), timeout=15000)
    assert "of the board summary for Q4 2025-26 (January to March 2026)" in page.status.text() and printed.exists()


def test_with_no_printer_the_summary_is_offered_as_a_pdf(qtbot, window, hand_built, answered, monkeypatch, tmp_path):
    page = open_reports(qtbot, window)
    assert not QPrinterInfo.availablePrinterNames()  # none on the machines the tests run on
    offered = []
    monkeypatch.setattr(msgbox, "confirm", lambda parent, title, text, on_yes: (offered.append(text), on_yes()))
    pdf = tmp_path / "instead.pdf"
    monkeypatch.setattr(
        msgbox, "choose_file_to_save", lambda parent, title, suggested, filters, chosen: chosen(str(pdf))
    )
    page.buttons["print"].click()
    assert offered == [
        "No printer is set up on this computer, so the board summary for Q4 2025-26 (January to March 2026) cannot be "
        "printed.\n\nSave it as a PDF instead?"
    ]
    qtbot.waitUntil(lambda: bool(answered) and answered[-1][0] == "Summary saved", timeout=15000)
    assert "January to March 2026" in text_of(pdf)


def test_the_current_period_is_offered_as_provisional_and_the_published_copy_hides_shares(
    qtbot, window, register, hand_built
):
    page = open_reports(qtbot, window)
    offered = [page.period.itemText(index) for index in range(page.period.count())]
    # Today is 27/11/2026: the third quarter of 2026-27 is not over, the second is.
    assert offered[0] == "Q3 2026-27 (October to December 2026): provisional: figures to 27/11/2026"
    assert offered[1] == "Q2 2026-27 (July to September 2026)"
    page.published.setChecked(True)
    assert page.figure_text("equality.missing.sex.F") == "<5"
    assert page.figure_text("equality.missing.sex.F.share") == "*"
    page.published.setChecked(False)
    assert page.figure_text("equality.missing.sex.F.share") == "33.3%"


def test_every_period_heading_is_read_whole(qtbot, window, hand_built):
    """A period's heading ("Q4 2025-26 (Jan-Mar 2026)") is shown whole above its column, not cut short."""
    page = open_reports(qtbot, window)
    for view in page.tables:
        header = view.horizontalHeader()
        metrics = header.fontMetrics()
        for column in range(1, view.columnCount()):
            text = view.horizontalHeaderItem(column).text()
            widest = max(metrics.horizontalAdvance(line) for line in text.splitlines())
            assert widest + 8 <= header.sectionSize(column), text
            assert header.height() >= metrics.height() * len(text.splitlines()), text
        # and every row below the headings is in view: no table scrolls inside the page
        assert view.verticalScrollBar().maximum() == 0, view.horizontalHeaderItem(0).text()
