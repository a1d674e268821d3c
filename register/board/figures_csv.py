"""The board's figures as CSV, one row per figure: the same figures as the PDF."""

from __future__ import annotations

import csv
from pathlib import Path

from register.board.summary import Summary

COLUMNS = ["section", "measure", "period", "value"]


def write_figures_csv(summary: Summary, path: str | Path, published: bool = False) -> None:
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(summary.figures(published))
