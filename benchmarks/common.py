"""What the benchmarks share: building the big demo register once, timing, and the report."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from register.core.db import DEMO_FILE  # noqa: E402

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


def demo_register(folder: Path, *demo_arguments: str, target: float = 60) -> Path:
    """The demo register in ``folder``, built (and its build timed) if it is not there yet."""
    path = folder / DEMO_FILE
    if not path.exists():
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "register", "--data-dir", str(folder), "demo", *demo_arguments], check=True, cwd=ROOT
        )
        record(f"build demo ({' '.join(demo_arguments)})", time.perf_counter() - started, target)
    print(f"register file: {path} ({path.stat().st_size / 2**20:.0f} MiB)", flush=True)
    return path


def fill_page(app: Any, page: Any) -> None:
    """Ask a page to fill itself and wait until what it gathered (on a worker) is on screen and drawn."""
    page.refresh()
    while getattr(page, "filling", False):
        app.processEvents()
        time.sleep(0.001)
    page.repaint()


def summary() -> int:
    over = [label for label, value, target, _ in results if value > target]
    print("all within target" if not over else f"over target: {', '.join(over)}")
    return 0
