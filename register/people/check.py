"""The person index's part of the health check: children who may be one child recorded twice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from register.core.db import Register
from register.core.names import fold
from register.people.index import Child, child_from_row


def possible_duplicates(register: Register) -> Iterator[str]:
    """Each group of children with the same name (folded: "Lucja" is Łucja) and date of birth, in words,
    as an import made before names were folded by transliteration may have left them. Read a date of
    birth at a time, so memory does not grow with the register."""
    dob: date | None = None
    same_day: list[Child] = []
    rows = register.db.execute("SELECT * FROM children ORDER BY dob, id")
    names = [column[0] for column in rows.description]
    for values in rows:
        child = child_from_row(dict(zip(names, values, strict=True)))
        if child.dob != dob:
            yield from _same_names(same_day)
            dob, same_day = child.dob, []
        same_day.append(child)
    yield from _same_names(same_day)


def _same_names(children: list[Child]) -> Iterator[str]:
    groups: dict[tuple[str, str], list[Child]] = {}
    for child in children:
        groups.setdefault((fold(child.forenames), fold(child.surname)), []).append(child)
    for group in groups.values():
        if len(group) > 1:
            named = "; ".join(
                f"{child.label}, id {child.id}" + (f", child_ref {child.la_id}" if child.la_id else "")
                for child in group
            )
            yield f"Children who may be one child recorded twice (same name and date of birth): {named}"
