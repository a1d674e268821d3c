"""Time building the demo register at the size the issue names: 100,000 children, 1,000,000 episodes.

    python benchmarks/demo_build.py [--children N] [--episodes N] [--times N]

Builds it ``--times`` times (default 2), each in a new folder in its own process, and prints each
build's wall time against the target (30 s on two cores), its processor time and its peak memory.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from common import demo_register, summary


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--episodes", type=int, default=1_000_000)
    parser.add_argument("--times", type=int, default=2)
    arguments = parser.parse_args()
    for _ in range(arguments.times):
        folder = Path(tempfile.mkdtemp(prefix="register-demo-build-"))
        try:
            demo_register(folder, "--children", str(arguments.children), "--episodes", str(arguments.episodes))
        finally:
            shutil.rmtree(folder)
    return summary()


if __name__ == "__main__":
    raise SystemExit(main())
