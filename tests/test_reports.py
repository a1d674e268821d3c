"""The board's summary: on screen, printed, previewed and saved, and from the command line."""

from __future__ import annotations

import csv

from pypdf import PdfReader
from pypdfium2 import PdfDocument
from PySide6.QtPrintSupport import QPrinter

from register.board import commentary
from register.cli import main
from register.core.db import REGISTER_FILE
from tests.test_measures import Q1, hand_built  # noqa: F401  (fixture)
from tests.test_ui_walk import answered, choose, type_into, window  # noqa: F401  (fixtures)
from ui.shell import msgbox

NAMES = ("Zofia", "Kowalska", "Bilal", "Ahmed", "Dawit", "Bekele", "Hodan", "Warsame", "Chiamaka", "Okafor")


def text_of(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def open_reports(qtbot, window, period_label="January to March 2026"):  # noqa: F811
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
    answered,  # noqa: F811
    monkeypatch,
    tmp_path,
):
    page = open_reports(qtbot, window)
    assert page.figure_text("Episodes that began in the period", "Episodes, all") == "7"
    assert (
        page.figure_text(
            "Return home interviews after episodes that ended in the period",
            "Completed within 72 hours, % of episodes that ended",
        )
        == "28.6%"
    )
    page.published.setChecked(True)
    assert page.figure_text("Episodes that began in the period", "Children") == "<5"
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


def test_reports_from_the_command_line(tmp_path, now, capsys, monkeypatch):
    from register import open_register

    register = open_register(tmp_path / REGISTER_FILE)
    register.close()
    out, figures = tmp_path / "q.pdf", tmp_path / "q.csv"
    assert (
        main(
            [
                "--data-dir",
                str(tmp_path),
                "report",
                "quarterly",
                "--quarter",
                "2026-Q1",
                "--out",
                str(out),
                "--csv",
                str(figures),
                "--published",
            ]
        )
        == 0
    )
    assert "January to March 2026: wrote" in capsys.readouterr().out
    assert out.exists() and figures.read_text().startswith("section,measure,period,value")
    annual = tmp_path / "y.pdf"
    assert main(["--data-dir", str(tmp_path), "report", "annual", "--year", "2025-26", "--out", str(annual)]) == 0
    assert "April 2025 to March 2026" in text_of(annual)
    assert main(["--data-dir", str(tmp_path), "report", "annual", "--year", "2025-27", "--out", str(annual)]) == 2
    assert "is not a year" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path), "report", "quarterly", "--quarter", "2026-Q1"]) == 2
    assert "--out" in capsys.readouterr().err
