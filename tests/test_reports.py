"""The board's summary: on screen, printed, previewed and saved, and from the command line."""

from __future__ import annotations

import csv
from dataclasses import replace

from pypdf import PdfReader
from pypdfium2 import PdfDocument
from PySide6.QtPrintSupport import QPrinter

from register.board import commentary
from register.board import summary as measures
from register.board.figures_csv import write_figures_csv
from register.cli import main
from register.core import codes
from register.core.db import REGISTER_FILE
from register.reports.board_pdf import write_board_summary
from tests.test_measures import Q1, hand_built  # noqa: F401  (fixture)
from tests.test_ui_walk import answered, choose, type_into, window  # noqa: F401  (fixtures)
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
    assert out.exists() and figures.read_text().startswith("key,section,measure,period,value")
    annual = tmp_path / "y.pdf"
    assert main(["--data-dir", str(tmp_path), "report", "annual", "--year", "2025-26", "--out", str(annual)]) == 0
    assert "April 2025 to March 2026" in text_of(annual)
    assert main(["--data-dir", str(tmp_path), "report", "annual", "--year", "2025-27", "--out", str(annual)]) == 2
    assert "is not a year" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path), "report", "quarterly", "--quarter", "2026-Q1"]) == 2
    assert "--out" in capsys.readouterr().err


def test_reworded_labels_leave_every_figure_where_it_was(register, hand_built, monkeypatch, tmp_path):
    write_board_summary(hand_built, {}, tmp_path / "before.pdf")
    write_figures_csv(hand_built, tmp_path / "before.csv")

    # Every measure reworded, and labels in the code lists too: codes.py's and the register's own outcomes.
    monkeypatch.setitem(codes.SEXES, "F", "Girl")
    monkeypatch.setitem(codes.RISK_GRADES, "high", "Very high")
    register.db.execute("UPDATE cme_outcomes SET label = 'Back on a roll here' WHERE code = 'on_roll_here'")
    computed = measures.summary(register, Q1)
    reworded = replace(
        computed,
        sections=[
            replace(
                section,
                tables=[
                    replace(table, rows=[replace(row, measure=f"{row.measure} (reworded)") for row in table.rows])
                    for table in section.tables
                ],
            )
            for section in computed.sections
        ],
    )
    write_board_summary(reworded, {}, tmp_path / "after.pdf")
    write_figures_csv(reworded, tmp_path / "after.csv")

    assert at_a_glance(tmp_path / "before.pdf") == HEADLINES
    assert at_a_glance(tmp_path / "after.pdf") == HEADLINES
    text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "after.pdf").pages)
    assert "Episodes, all (reworded)" in text and "Very high (reworded)" in text
    assert "Sex: Girl (reworded)\n1\n33.3%" in text  # the equality tables still put each count beside its share

    before, after = (
        list(csv.DictReader((tmp_path / name).open(encoding="utf-8"))) for name in ("before.csv", "after.csv")
    )
    assert [(row["key"], row["period"], row["value"]) for row in after] == [
        (row["key"], row["period"], row["value"]) for row in before
    ]
    assert all(row["measure"].endswith(" (reworded)") for row in after)
    assert {
        "key": "education.closed.outcome.on_roll_here",
        "section": "Children missing education",
        "measure": "Cases closed, by outcome: Back on a roll here (reworded)",
        "period": "2026-Q1",
        "value": "1",
    } in after
    assert {
        "key": "missing.began.risk.high",
        "section": "Missing from home or care",
        "measure": "Episodes by police risk grade: Very high (reworded)",
        "period": "2026-Q1",
        "value": "2",
    } in after
