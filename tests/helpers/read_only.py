"""Files and folders made read-only as the operating system makes them for a person without write access
(the fixture ``read_only``), and a file's fingerprint to show it was left as it was.

Root writes through permission bits, so as root the file or folder is also made immutable (chattr +i),
which root cannot write through either; both are undone when the test ends, so tmp_path can be cleaned.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

AS_ROOT = os.geteuid() == 0


def fingerprint(path: Path) -> str:
    """The file's SHA-256. Only while no connection of this process is open on it (see toolchain.md)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def read_only():
    """``read_only(path)`` makes a file 0444 or a folder 0555 (and immutable, as root); returns the path."""
    made: list[Path] = []

    def make(path: Path) -> Path:
        path.chmod(0o444 if path.is_file() else 0o555)
        made.append(path)
        if AS_ROOT:
            chattr = shutil.which("chattr")
            if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode:
                pytest.skip("running as root, which writes through read-only files, and chattr +i is not available")
        assert not os.access(path, os.W_OK)
        return path

    yield make
    for path in reversed(made):
        if AS_ROOT:
            subprocess.run(["chattr", "-i", str(path)], capture_output=True)
        path.chmod(0o644 if path.is_file() else 0o755)
