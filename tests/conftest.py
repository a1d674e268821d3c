"""Every test runs offscreen on a laptop-sized screen, in its own data folder, with the fixtures of tests/helpers."""

from __future__ import annotations

import os
from pathlib import Path

# The offscreen screen is what a 1366×768 laptop leaves once its taskbar is drawn (Qt's offscreen platform
# has no taskbar of its own), so that windows sized to the screen are sized as on the smallest screen used.
LAPTOP_SCREEN = Path(__file__).parent / "helpers" / "laptop_screen.json"
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={LAPTOP_SCREEN}")

pytest_plugins = [
    "tests.helpers.every_kind",
    "tests.helpers.fixtures",
    "tests.helpers.hand_built",
    "tests.helpers.read_only",
    "tests.helpers.sign_in",
]
