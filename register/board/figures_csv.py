"""The board's figures as CSV, one row per figure and period: the same figures as the PDF.

The first column is the figure's key (``missing.began.episodes``), which stays the same when the
wording in the measure column changes, so a later export can be matched with this one by key.
"""

from __future__ import annotations

import csv
from pathlib import Path

from register.core.figures import Summary
from register.core.files import replaced_when_complete

COLUMNS = ["key", "section", "measure", "period", "value", "provisional"]


def write_figures_csv(summary: Summary, path: str | Path, published: bool = False) -> None:
    """Write the summary's figures to ``path`` as CSV under a header of COLUMNS: a published copy hides
    what the PDF hides ("<5", "*"); "provisional" says "provisional: figures to DD/MM/YYYY" for the
    period's figures if it was not over when they were worked out.

    The file is written whole or not at all (OSError says why; a file already there is left as it was)."""
    with replaced_when_complete(path) as partial, partial.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(summary.figures(published))
