"""Time the missing register at the size the issue names: 100,000 children, 1,000,000 episodes.

    python benchmarks/missing_register.py [--data-dir DIR] [--children N] [--episodes N]

Builds the demo register (in its own process, timed) unless DIR already holds one, then
opens the window offscreen and times what the coordinator does on it. Prints each figure
beside its target.
"""

from __future__ import annotations

import time

PROCESS_START = time.perf_counter()

import argparse
import resource
import sys
import tempfile
from datetime import date
from pathlib import Path

from common import demo_register, fill_page, record, summary, timed

from register import Actor, open_register, people
from register.missing.listing import EPISODES, EpisodeFilter

REGISTER_IMPORTED = time.perf_counter()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--episodes", type=int, default=1_000_000)
    arguments = parser.parse_args()
    folder = arguments.data_dir or Path(tempfile.mkdtemp(prefix="register-bench-"))
    path = demo_register(folder, "--children", str(arguments.children), "--episodes", str(arguments.episodes))

    started = time.perf_counter()
    startup_imports = REGISTER_IMPORTED - PROCESS_START  # the program imports register/ first too
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    register = open_register(path, Actor("Benchmark"))
    from ui.main_window import MainWindow

    window = MainWindow(register, demo=True)
    window.show()
    window.repaint()
    app.processEvents()
    record("window usable after start (imports, open, first paint)", time.perf_counter() - started + startup_imports, 2)

    page = window.pages["episodes"]
    model, table = page.model, page.table
    window.tabs.setCurrentWidget(page)
    app.processEvents()

    def scroll_to(row: int) -> None:
        table.scrollTo(model.index(row, 0))
        table.viewport().repaint()  # paint now, fetching the rows on screen

    total = model.rowCount()
    for label, row in (("end", total - 1), ("middle", total // 2), ("start", 0)):
        record(f"scroll episode list to the {label}", timed(lambda row=row: scroll_to(row))[0], 0.3)
        top = table.rowAt(0)
        assert abs(top - row) < 100 and model.row_at(top) is not None, "the rows on screen were not fetched"

    filters = {
        "open only": EpisodeFilter(status="open"),
        "closed only": EpisodeFilter(status="closed"),
        "looked after": EpisodeFilter(looked_after=True),
        "risk high": EpisodeFilter(risk_grade="high"),
        "interview overdue": EpisodeFilter(interview_state="overdue"),
        "interview late": EpisodeFilter(interview_state="late"),
        "last seen in 2025": EpisodeFilter(started_from=date(2025, 1, 1), started_to=date(2025, 12, 31)),
        "search 'kow'": EpisodeFilter(search="kow"),
    }
    for label, episode_filter in filters.items():

        def apply(episode_filter=episode_filter):  # type: ignore[no-untyped-def]
            model.set_filter(episode_filter)
            table.viewport().repaint()
            return model.rowCount()

        seconds, count = timed(apply)
        record(f"filter: {label} ({count:,} rows)", seconds, 0.3)
    model.set_filter(EpisodeFilter())
    for column, (name, _) in enumerate(EPISODES.columns):
        for descending in (False, True):

            def sort(column=column, descending=descending):  # type: ignore[no-untyped-def]
                table.sortByColumn(column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
                table.viewport().repaint()

            record(f"sort by {name} {'descending' if descending else 'ascending'}", timed(sort)[0], 0.3)
        record("  then scroll to the end", timed(lambda: scroll_to(total - 1))[0], 0.3)

    worst = 0.0
    for prefix in ("kow", "sm", "ah", "wiś", "zof", "ion", "خا"):
        seconds, found = timed(lambda prefix=prefix: people.find_children(register, prefix))
        worst = max(worst, seconds)
    record("find a child by name prefix (worst of 7, 100 shown)", worst * 1000, 50, "ms")

    dashboard = window.pages["dashboard"]
    window.tabs.setCurrentWidget(dashboard)
    fill_page(app, dashboard)
    record("dashboard fills", timed(lambda: fill_page(app, dashboard))[0], 0.5)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    record("peak resident memory of the window process", rss, 400, "MB")
    register.close()
    return summary()


if __name__ == "__main__":
    sys.exit(main())
