"""Time the board's summaries on the demo register of 1,000,000 episodes with the other
registers beside it: the quarterly and annual PDFs, and the figures on the Reports page.

    python benchmarks/board_reports.py [--data-dir DIR]

Each PDF is timed from nothing kept (the figure cache emptied first) and then again with the
figures kept from the first run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from common import FULL_DEMO, demo_register, record, summary, timed

from register import Actor, open_register
from register.board import produce as board
from register.core import clock, periods


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    arguments = parser.parse_args()
    folder = arguments.data_dir or Path(tempfile.mkdtemp(prefix="register-bench-"))
    path = demo_register(folder, *FULL_DEMO, target=90)
    register = open_register(path, Actor("Benchmark"))
    out = Path(tempfile.mkdtemp(prefix="board-"))
    quarter = periods.quarter_of(clock.today()).previous()  # the latest complete quarter
    year = periods.year_of(clock.today()).previous()
    for label, period, target in (("quarterly", quarter, 3), ("annual", year, 5)):
        register.db.execute("DELETE FROM figure_cache")
        seconds, _ = timed(
            lambda period=period: board.produce(register, period, out / f"{period.key}.pdf", out / f"{period.key}.csv")
        )
        record(f"{label} PDF and CSV, {period.label}, nothing kept", seconds, target)
        seconds, _ = timed(lambda period=period: board.produce(register, period, out / f"{period.key}-2.pdf"))
        record(f"{label} PDF again, figures kept", seconds, target)
    register.close()

    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    register = open_register(path, Actor("Benchmark"))
    from ui.reports.page import ReportsPage
    from ui.shell.events import RegisterEvents

    events = RegisterEvents()
    page = ReportsPage(register, events)
    page.resize(1400, 900)
    page.show()

    def on_screen(index: int) -> tuple[float, float]:
        """Seconds until the chosen period's figures show, and until the trend beside them does."""
        started = time.perf_counter()
        page.period.setCurrentIndex(index)
        first = None
        while page.worker is not None:
            app.processEvents()
            if first is None and page.summary is not None and page.summary.period == page.chosen():
                page.repaint()
                first = time.perf_counter() - started
        page.repaint()
        whole = time.perf_counter() - started
        return first or whole, whole

    while page.worker is not None:  # the page works out the latest complete quarter as it opens
        app.processEvents()
    register.db.execute("DELETE FROM figure_cache")
    first, whole = on_screen(2)
    record("figures on screen for a quarter, nothing kept", first, 1)
    record("  and the four quarters before it, for the trend", whole, 3)
    on_screen(1)
    first, whole = on_screen(2)
    record("figures on screen, back to a quarter already worked out", whole, 1)
    register.close()
    print(f"PDFs in {out}")
    return summary()


if __name__ == "__main__":
    sys.exit(main())
