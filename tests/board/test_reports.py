"""The board's summary as PDF and CSV: from the command line, and unmoved by reworded labels."""

from __future__ import annotations

import csv
from dataclasses import replace

import pytest
from pypdf import PdfReader

from register.board import summary as measures
from register.board.figures_csv import write_figures_csv
from register.cli import main
from register.core import codes
from register.reports.board_pdf import write_board_summary
from tests.helpers.hand_built import Q1
from tests.helpers.pdf import HEADLINES, at_a_glance, text_of
from tests.helpers.sign_in import JO


def test_reports_from_the_command_line_of_a_real_register_as_a_scheduled_job(real_path, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("REGISTER_PASSPHRASE", JO.passphrase)  # a scheduled job reads it: nothing is asked
    data = ["--data-dir", str(real_path.parent), "--user", JO.name]
    out, figures = tmp_path / "q.pdf", tmp_path / "q.csv"
    assert (
        main(
            [
                *data,
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
    said = capsys.readouterr()
    assert "Q4 2025-26 (January to March 2026): wrote" in said.out
    assert "“2026-Q1” is the old way of writing a quarter" in said.err and "this one is 2025-26-Q4" in said.err
    assert out.exists() and figures.read_text().startswith("key,section,measure,period,value,provisional\n")
    annual = tmp_path / "y.pdf"
    assert main([*data, "report", "annual", "--year", "2025-26", "--out", str(annual)]) == 0
    assert "April 2025 to March 2026" in text_of(annual)
    assert main([*data, "report", "annual", "--year", "2025-27", "--out", str(annual)]) == 2
    assert "is not a year" in capsys.readouterr().err
    assert main([*data, "report", "quarterly", "--quarter", "2026-Q1"]) == 2
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
        "period": "2025-26-Q4",
        "value": "1",
        "provisional": "",
    } in after
    assert {
        "key": "missing.began.risk.high",
        "section": "Missing from home or care",
        "measure": "Episodes by police risk grade: Very high (reworded)",
        "period": "2025-26-Q4",
        "value": "2",
        "provisional": "",
    } in after


def test_a_full_disk_leaves_the_previous_pdf_and_csv_as_they_were(hand_built, monkeypatch, tmp_path):
    import errno

    from reportlab.pdfgen.canvas import Canvas

    out = tmp_path / "out"
    out.mkdir()
    pdf, csv_file = out / "board.pdf", out / "board.csv"
    write_board_summary(hand_built, {}, pdf)
    write_figures_csv(hand_built, csv_file)
    good_pdf, good_csv = pdf.read_bytes(), csv_file.read_bytes()

    def full_disk(canvas, *arguments, **keywords):
        with open(canvas._filename, "wb") as handle:  # half a file, then the disk is full
            handle.write(b"%PDF-1.4 truncated")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Canvas, "save", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write_board_summary(hand_built, {"missing": "new words"}, pdf)
    monkeypatch.setattr(
        type(hand_built),
        "figures",
        lambda self, published=False: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device")),
    )
    with pytest.raises(OSError, match="No space left"):
        write_figures_csv(hand_built, csv_file)
    assert pdf.read_bytes() == good_pdf and csv_file.read_bytes() == good_csv
    assert sorted(path.name for path in out.iterdir()) == ["board.csv", "board.pdf"]  # no part-written file left
