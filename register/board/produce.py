"""Producing the board's summary for a period: figures, commentary, PDF and CSV in one step."""

from __future__ import annotations

from pathlib import Path

from register.board import commentary
from register.board import summary as measures
from register.board.figures_csv import write_figures_csv
from register.core import access, permissions
from register.core.db import Register
from register.core.errors import RegisterError
from register.core.figures import Summary
from register.core.periods import Period
from register.reports.board_pdf import write_board_summary


def produce(
    register: Register, period: Period, pdf: str | Path | None, csv: str | Path | None = None, published: bool = False
) -> Summary:
    """Write the period's summary as a PDF and/or CSV; returns the figures written.

    A published copy (disclosure control applied) written by someone who may publish is also kept as the
    period's published copy. A board reader, who may read only that, always gets it: RegisterError, in
    words, if it has not been published yet."""
    if measures.reads_published_only(register):
        kept = measures.published_summary(register, period)
        if kept is None:
            raise RegisterError(
                f"The summary for {period.label} has not been published yet: ask the missing children coordinator "
                "or a team manager to publish it."
            )
        summary, published = kept, True
    else:
        summary = measures.cached_summary(register, period)
        if published and register.may(permissions.PUBLISH):
            measures.publish(register, summary)
    written = {key: note.text for key, note in commentary.for_period(register, period.key).items()}
    if pdf is not None:
        write_pdf(register, summary, written, pdf, published)
    if csv is not None:
        write_csv(register, summary, csv, published)
    return summary


def write_pdf(register: Register, summary: Summary, written: dict[str, str], path: str | Path, published: bool) -> None:
    """Write the board's summary as a PDF (reports/board_pdf.py) with the commentary ``written`` (by section
    key), and note it in the access log. OSError if it cannot be written; RegisterBusyError if the note cannot."""
    write_board_summary(summary, written, path, published)
    access.note(register, access.REPORTED, f"{_which(summary, published)} as PDF to {path}")


def write_csv(register: Register, summary: Summary, path: str | Path, published: bool) -> None:
    """Write the board's figures as CSV (board/figures_csv.py) and note it in the access log. OSError if it
    cannot be written; RegisterBusyError if the note cannot."""
    write_figures_csv(summary, path, published)
    access.note(register, access.REPORTED, f"{_which(summary, published)} as CSV to {path}")


def _which(summary: Summary, published: bool) -> str:
    return f"board summary for {summary.period.label}" + (" (published copy)" if published else "")
