"""What each import's columns hold, in words for the person filling a spreadsheet in: the child's
columns every import begins with, and the check that a register's words name its import's header."""

from __future__ import annotations

from collections.abc import Sequence

from register.core.face import Column


def child_columns(child_ref: str, forenames: str, surname: str, dob: str, sex: str) -> tuple[Column, ...]:
    """The five columns naming the child, which every import begins with, with these example cells."""
    return (
        Column("child_ref", "the child's reference in the authority's own system, if known", child_ref),
        Column("forenames", "the child's forenames", forenames, required=True),
        Column("surname", "the child's surname", surname, required=True),
        Column("dob", "date of birth, DD/MM/YYYY (or a date cell)", dob, required=True),
        Column("sex", "M, F, or blank if not known", sex),
    )


def in_header_order(header: Sequence[str], columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """``columns``, when they are exactly ``header`` (the columns the import reads), in its order.

    Raises ValueError otherwise, naming the difference: a column an import reads that the dialog and
    the template would not describe, or one described that the import no longer reads.
    """
    names = [column.name for column in columns]
    if names != list(header):
        raise ValueError(f"the columns described ({', '.join(names)}) are not the header read ({', '.join(header)})")
    return columns
