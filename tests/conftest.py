"""Every test runs offscreen, in its own data folder, with the fixtures of tests/helpers."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.helpers.fixtures", "tests.helpers.hand_built", "tests.helpers.read_only"]
