"""What a register declares of itself, so that what spans every register (the chronology, the
health check, the demo, the command line, the board's summary and its PDF) reads one list of these
and never names a register. Adding a register means a new folder and one line in ``register/faces.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from register.core.chronology_entry import Entry
from register.core.db import Register
from register.core.demo import DemoContext
from register.core.figures import Section
from register.core.paging import Listing
from register.core.periods import Period


@dataclass(frozen=True)
class Column:
    """A column of an import's spreadsheet as the import dialog and the template show it: its header,
    what it holds (a few words, for a coordinator), an example cell, and whether a row may leave it blank."""

    name: str
    meaning: str
    example: str
    required: bool = False


@dataclass(frozen=True)
class Importer:
    """A spreadsheet a register reads: ``python -m register import KIND FILE.csv`` (or FILE.xlsx).

    ``run(register, path, progress, sheet=None)`` imports the file (a workbook's first sheet, or
    ``sheet``) whole or raises ImportRefused (writing nothing); ``progress(done, total)`` returns False
    to cancel. ``columns`` are the header the file needs, in the template's order.
    """

    kind: str
    what: str  # what the file holds, for help text and the import dialog's choice
    columns: tuple[Column, ...]
    run: Callable[..., Any]

    @property
    def names(self) -> tuple[str, ...]:
        """The header, in order."""
        return tuple(column.name for column in self.columns)

    @property
    def example(self) -> tuple[str, ...]:
        """One row of good values, in the header's order, for the template."""
        return tuple(column.example for column in self.columns)


@dataclass(frozen=True)
class DemoOption:
    """A size of a demo register's part (``--NAME N`` on the command line); empty follows the children."""

    name: str
    help: str


@dataclass(frozen=True)
class Chart:
    """A trend chart in the board's PDF: bars for each (legend, row key) across the periods."""

    title: str
    series: tuple[tuple[str, str], ...]
    percent: bool = False


@dataclass(frozen=True)
class BoardSection:
    """A register's section of the board's summary, and what it adds to the sections every register shares.

    ``figures(register, periods, headings, keys, prepared)`` works the section out for the periods
    (oldest first) with their column headings and keys; ``prepare(register, periods)``, if given, is
    its slow part, run first on a connection of its own beside the other sections, and its result
    is ``prepared``. ``reached`` is the equality table's title and the SQL of the children the
    register reached in a period; ``known(register, period)`` the SQL (and its own parameters) of
    the children it knew at any time in it. Both SQL select child_id and may use :t0, :t1 (UTC
    instants) and :d0, :d1 (local dates) of ``figures.bounds``.
    """

    key: str
    counts: str  # what the section counts, printed under its heading
    figures: Callable[[Register, list[Period], tuple[str, ...], tuple[str, ...], Any], Section]
    reached: tuple[str, str]
    known: Callable[[Register, Period], tuple[str, dict[str, str]]]
    known_as: str  # "missing education", in "Missing from home or care and missing education"
    open_record: str  # "a CME case", in "Children with an episode, a CME case or ... open at any time"
    prepare: Callable[[Register, list[Period]], Any] | None = None
    at_a_glance: tuple[tuple[str, str], ...] = ()  # (row key, as the reader sees it) on the first page
    charts: tuple[Chart, ...] = ()


@dataclass(frozen=True)
class RegisterList:
    """A register's big list: the page that browses it and ``python -m register export list KEY``.

    ``first`` is the filter (a frozen dataclass with a ``status`` field, one of ``statuses``, and a
    ``search`` field) the page opens with; ``dates`` names its two fields that ``--from`` and ``--to`` fill
    (days, both included), and ``dated`` says in words what those dates are of ("last seen").
    """

    key: str  # "episodes"
    title: str  # "Missing episodes": the workbook's sheet, the audit row, the suggested file name
    listing: Listing[Any, Any]
    first: Any
    statuses: tuple[str, ...]
    dates: tuple[str, str]
    dated: str


@dataclass(frozen=True)
class RegisterFace:
    """One register as the rest of the program sees it."""

    key: str
    title: str
    records: str  # its main records in words ("episodes"), counted in its first table
    tables: tuple[str, ...]  # the tables it keeps, children's records included
    chronology: Callable[[Register, int], list[Entry]]  # a child's lines, in any order
    check: Callable[[Register], Iterator[str]]  # each record breaking a rule, in words
    importers: tuple[Importer, ...]
    demo: Callable[[DemoContext, dict[str, int | None]], None]  # fill a demo register's part
    demo_options: tuple[DemoOption, ...]
    board: BoardSection
    # What a coded column's values mean, by "table.column" (a child's whole record shows both).
    meanings: Mapping[str, Mapping[Any, str]] = field(default_factory=dict)
    # Records still open, which keep a child's records from being erased at the end of retention: each as
    # (what it is, in words: "a missing episode not yet ended"; SQL selecting the child_id of each).
    open_now: tuple[tuple[str, str], ...] = ()
    lists: tuple[RegisterList, ...] = ()  # its lists, which the window browses and exports

    def readable(self, register: Register) -> bool:
        """Whether the person's role may read this register: its tables and the children they belong to
        (some columns may still be hidden from it). What the window shows of the register follows this."""
        return all(register.may_read(table) for table in ("children", *self.tables))

    def changeable(self, register: Register) -> bool:
        """Whether the person's role may add to, change and delete from every table of this register."""
        return all(register.may_change(table) for table in self.tables)
