"""What a register declares of itself, so that what spans every register (the chronology, the
health check, the demo, the command line, the board's summary) reads one list of these and never
names a register. Adding a register means a new folder and one line in ``register/faces.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from register.core.chronology_entry import Entry
from register.core.db import Register
from register.core.demo import DemoContext


@dataclass(frozen=True)
class Importer:
    """A spreadsheet a register reads: ``python -m register import KIND FILE.csv``.

    ``run(register, path, progress)`` imports the file whole or raises ImportRefused (writing nothing);
    ``progress(done, total)`` returns False to cancel.
    """

    kind: str
    what: str  # what the file holds, for help text
    columns: tuple[str, ...]
    run: Callable[[Register, Path, Callable[[int, int], bool] | None], Any]


@dataclass(frozen=True)
class DemoOption:
    """A size of a demo register's part (``--NAME N`` on the command line); empty follows the children."""

    name: str
    help: str


@dataclass(frozen=True)
class RegisterFace:
    """One register as the rest of the program sees it."""

    key: str
    title: str
    tables: tuple[str, ...]  # the tables it keeps, children's records included
    chronology: Callable[[Register, int], list[Entry]]  # a child's lines, in any order
    check: Callable[[Register], Iterator[str]]  # each record breaking a rule, in words
    importers: tuple[Importer, ...]
    demo: Callable[[DemoContext, dict[str, int | None]], None]  # fill a demo register's part
    demo_options: tuple[DemoOption, ...]
