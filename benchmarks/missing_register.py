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
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from register import Actor, open_register, people  # noqa: E402
from register.db import DEMO_FILE  # noqa: E402
from register.episode_list import EPISODES, EpisodeFilter  # noqa: E402

REGISTER_IMPORTED = time.perf_counter()
results: list[tuple[str, float, float, str]] = []


def record(label: str, seconds: float, target: float, unit: str = "s") -> None:
    results.append((label, seconds, target, unit))
    verdict = "ok" if seconds <= target else "OVER TARGET"
    print(f"{label:<58} {seconds:9.3f} {unit}  (target {target} {unit})  {verdict}", flush=True)


def timed(function):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    value = function()
    return time.perf_counter() - started, value


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--episodes", type=int, default=1_000_000)
    arguments = parser.parse_args()
    folder = arguments.data_dir or Path(tempfile.mkdtemp(prefix="register-bench-"))
    path = folder / DEMO_FILE
    if not path.exists():
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "register", "--data-dir", str(folder), "demo", "--children",
             str(arguments.children), "--episodes", str(arguments.episodes)],
            check=True, cwd=Path(__file__).resolve().parents[1],
        )  # fmt: skip
        record(f"build demo ({arguments.children:,} children, {arguments.episodes:,} episodes)",
               time.perf_counter() - started, 60)  # fmt: skip
    print(f"register file: {path} ({path.stat().st_size / 2**20:.0f} MiB)")

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

    page = window.episodes
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
        "last seen in 2025": EpisodeFilter(started_from=people.date(2025, 1, 1), started_to=people.date(2025, 12, 31)),
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

    def fill_dashboard() -> None:
        window.dashboard.refresh()
        window.dashboard.repaint()

    window.tabs.setCurrentWidget(window.dashboard)
    record("dashboard fills", timed(fill_dashboard)[0], 0.5)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    record("peak resident memory of the window process", rss, 400, "MB")
    over = [label for label, value, target, _ in results if value > target]
    print("all within target" if not over else f"over target: {', '.join(over)}")
    register.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
