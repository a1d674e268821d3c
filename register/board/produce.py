"""Producing the board's summary for a period: figures, commentary, PDF and CSV in one step."""

from __future__ import annotations

from pathlib import Path

from register.board import commentary
from register.board import summary as measures
from register.board.figures_csv import write_figures_csv
from register.core import permissions
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
        write_board_summary(summary, written, pdf, published)
    if csv is not None:
        write_figures_csv(summary, csv, published)
    return summary
