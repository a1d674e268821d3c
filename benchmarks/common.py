"""What the benchmarks share: building the big demo register once, timing, and the report."""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from register.core import codes, timescales  # noqa: E402
from register.core.db import DEMO_FILE  # noqa: E402
from register.missing.import_csv import COLUMNS  # noqa: E402
from register.people.demo import FORENAMES, SURNAMES  # noqa: E402

results: list[tuple[str, float, float, str]] = []

# The registers side by side at the sizes the issues name.
FULL_DEMO = ("--children", "100000", "--episodes", "1000000", "--cases", "50000", "--absences", "500000")


def record(label: str, value: float, target: float | None, unit: str = "s") -> None:
    """Print a figure beside its target (None: a figure reported with no target to meet)."""
    if target is None:
        print(f"{label:<62} {value:9.3f} {unit}", flush=True)
        return
    results.append((label, value, target, unit))
    verdict = "ok" if value <= target else "OVER TARGET"
    print(f"{label:<62} {value:9.3f} {unit}  (target {target} {unit})  {verdict}", flush=True)


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = function()
    return time.perf_counter() - started, value


def demo_register(folder: Path, *demo_arguments: str, target: float = 30) -> Path:
    """The demo register in ``folder``, built (and its build timed) if it is not there yet.

    Besides the wall time against ``target``, prints the build's processor time (user and system, seconds:
    on a machine others share, the wall time can be several times it) and its peak memory (MiB).
    """
    path = folder / DEMO_FILE
    if not path.exists():
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "register", "--data-dir", str(folder), "demo", *demo_arguments], check=True, cwd=ROOT
        )
        label = f"build demo ({' '.join(demo_arguments)})"
        record(label, time.perf_counter() - started, target)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        processor = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        record("  its processor time (user and system)", processor, None)
        # ru_maxrss is in KiB on Linux, and the largest of the finished children: the build, run first.
        record("  its peak memory", after.ru_maxrss / 1024, None, "MiB")
    print(f"register file: {path} ({path.stat().st_size / 2**20:.0f} MiB)", flush=True)
    return path


def fill_page(app: Any, page: Any) -> None:
    """Ask a page to fill itself and wait until what it gathered (on a worker) is on screen and drawn."""
    page.refresh()
    while getattr(page, "filling", False):
        app.processEvents()
        time.sleep(0.001)
    page.repaint()


def write_episodes_csv(path: Path, rows: int, seed: int = 7) -> Path:
    """``rows`` missing episodes in the import's columns: five closed episodes a child, weeks apart,
    some graded, some looked after (a few away without authorisation), a third with an interview."""
    rng = random.Random(seed)
    ethnicities = sorted(codes.ETHNICITIES)
    grades = ["", *codes.RISK_GRADES]
    first = date(2023, 1, 2)

    def instant(day: date, hour: int) -> str:
        return f"{timescales.show_date(day)} {hour:02d}:00"

    lines = [",".join(COLUMNS)]
    children = max(1, rows // 5)
    for number in range(rows):
        child, episode = number % children, number // children
        child_rng = random.Random(seed * 1_000_003 + child)  # the same child on each of its rows
        sex = child_rng.choice("MF")
        dob = date(2010, 1, 1) + timedelta(days=child_rng.randint(0, 4 * 365))
        looked_after = child_rng.random() < 0.3
        start = first + timedelta(days=episode * 60 + child % 50)
        back = start + timedelta(days=1)
        interview = ["", "", ""]
        if rng.random() < 0.33:
            accepted = rng.random() < 0.7
            interview = [instant(back + timedelta(days=1), 10), "accepted" if accepted else "declined", ""]
            if accepted:
                interview[2] = instant(back + timedelta(days=2), 15)
        cells = [
            f"BX{child:07d}",
            child_rng.choice(FORENAMES["F" if sex == "F" else "M"]),
            child_rng.choice(SURNAMES),
            timescales.show_date(dob),
            sex,
            child_rng.choice(ethnicities),
            "Y" if looked_after else "N",
            "A" if looked_after and rng.random() < 0.2 else "M",
            instant(start, 18),
            instant(back, 14),
            rng.choice(grades),
            f"BX-{number}",
            *interview,
        ]
        lines.append(",".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def summary() -> int:
    over = [label for label, value, target, _ in results if value > target]
    print("all within target" if not over else f"over target: {', '.join(over)}")
    return 0
