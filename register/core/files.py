"""Writing an output file whole or not at all: a PDF, a CSV, an export never replaces a good one with
half of a new one (a full disk, a crash, a cancelled write)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def replaced_when_complete(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary file beside ``path`` to write; it takes ``path``'s place (by rename) only once the
    block has finished, and is removed if the block fails, leaving whatever was at ``path`` as it was.

    Raises OSError if the folder cannot be written to (it does not exist, is read-only, the disk is full).
    Never used for the register itself, which SQLite alone writes.
    """
    target = Path(path)
    handle, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    try:
        yield Path(partial)
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
