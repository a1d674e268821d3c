"""The person index: children, their identifiers, finding them and matching new ones."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from register.core import access, clock, codes, identifiers, timescales
from register.core.audit import delete_row, get_row, reason_given, save_row
from register.core.bulk import NewId, Plan
from register.core.db import Register, in_lists
from register.core.errors import RegisterError, ValidationError
from register.core.names import fold, name_words
from register.core.sqlite import sqlite3


@dataclass(frozen=True)
class Child:
    """A child in the person index."""

    forenames: str
    surname: str
    dob: date
    sex: str = "U"
    other_names: str = ""
    ethnicity: str = ""
    disabled: bool = False
    looked_after: bool = False
    looked_after_by: str = ""
    address: str = ""
    postcode: str = ""
    school: str = ""
    first_language: str = ""
    upn: str = ""
    nhs_number: str = ""
    la_id: str = ""
    id: int | None = None
    version: int = 0

    @property
    def name(self) -> str:
        """Forenames and surname; where the person's role may not see names, the child's number instead."""
        return shown_name(f"{self.forenames} {self.surname}", self.id)

    @property
    def label(self) -> str:
        """Name and date of birth, as a coordinator tells children apart."""
        return f"{self.name} (born {timescales.show_date(self.dob)})"


def shown_name(name: str | None, child_id: int | None) -> str:
    """A child's name as shown; where it is hidden from the person's role (it reads as empty), the child's
    number in the register ("Child 42"), which names nobody outside it; "—" for a child not yet saved."""
    if name and name.strip():
        return name.strip()
    return f"Child {child_id}" if child_id else "—"


_TEXT_FIELDS = ("other_names", "ethnicity", "looked_after_by", "address", "postcode", "school", "first_language")


def child_from_row(row: dict[str, Any]) -> Child:
    values: dict[str, Any] = {field.name: row.get(field.name) for field in fields(Child)}
    values["dob"] = date.fromisoformat(row["dob"])
    values["disabled"] = bool(row["disabled"])
    values["looked_after"] = bool(row["looked_after"])
    for key in ("forenames", "surname", *_TEXT_FIELDS, "upn", "nhs_number", "la_id"):
        values[key] = values[key] or ""  # a name hidden from the person's role reads as empty
    return Child(**values)


def get_child(register: Register, child_id: int) -> Child:
    row = get_row(register, "children", child_id, "That child is no longer in the register.")
    return child_from_row(row)


def open_record(register: Register, child_id: int) -> Child:
    """The child whose record a person opens, noted in the access log (core/access.py) once the child is
    found. NotFoundError if the child is no longer in the register; RegisterBusyError (the record is not
    shown) if the note cannot be written in time."""
    child = get_child(register, child_id)
    access.note(register, access.OPENED, "the child's record", [child_id])
    return child


def children_by_ids(register: Register, child_ids: list[int]) -> dict[int, Child]:
    if not child_ids:
        return {}
    marks = ",".join("?" for _ in child_ids)
    rows = register.db.query(f"SELECT * FROM children WHERE id IN ({marks})", child_ids)
    return {row["id"]: child_from_row(row) for row in rows}


def normalised(child: Child) -> Child:
    """A child's typed values tidied as they are stored (trimmed, identifiers upper case); the child
    itself if they are tidy already (as an import's usually are: it asks for many)."""
    tidy = {
        "forenames": " ".join(child.forenames.split()),
        "surname": " ".join(child.surname.split()),
        "other_names": " ".join(child.other_names.split()),
        "upn": identifiers.normalise_upn(child.upn),
        "nhs_number": identifiers.normalise_nhs_number(child.nhs_number),
        "la_id": child.la_id.strip(),
        "postcode": child.postcode.strip().upper(),
        **{key: getattr(child, key).strip() for key in ("address", "school", "first_language")},
    }
    if all(getattr(child, key) == value for key, value in tidy.items()):
        return child
    return replace(child, **tidy)


_IDENTIFIERS = (("upn", "UPN"), ("nhs_number", "NHS number"), ("la_id", "case system id"))

Holders = dict[tuple[str, str], Child]
"""The children in the register holding identifiers: (column, value) -> the child."""


def identifier_holders(register: Register, children: list[Child]) -> Holders:
    """The children in the register that hold any identifier (UPN, NHS number, case system id) of
    ``children`` (as ``normalised`` leaves them), read in one query a column for many children at once.
    Each identifier belongs to one child at most (the register's unique indexes)."""
    held: Holders = {}
    for column, _label in _IDENTIFIERS:
        values = sorted({getattr(child, column) for child in children} - {""})
        for chunk, marks in in_lists(values):
            for row in register.db.query(f"SELECT * FROM children WHERE {column} IN ({marks})", chunk):
                held[column, row[column]] = child_from_row(row)
    return held


def child_problems(register: Register, child: Child, holders: Holders | None = None) -> dict[str, str]:
    """What is wrong with a child's details, by field (empty when the child can be saved).

    ``holders`` (``identifier_holders``) are read from the register when not given: an import reads
    them for many children at once.
    """
    problems: dict[str, str] = {}
    if not child.forenames:
        problems["forenames"] = "Enter the child's forenames (one or more)."
    if not child.surname:
        problems["surname"] = "Enter the child's surname."
    if child.dob > clock.today():
        problems["dob"] = "The date of birth is in the future."
    if child.sex not in codes.SEXES:
        problems["sex"] = "Choose male, female or not known."
    if child.ethnicity and child.ethnicity not in codes.ETHNICITIES:
        problems["ethnicity"] = f"“{child.ethnicity}” is not a DfE ethnicity code."
    if child.looked_after_by and child.looked_after_by not in codes.LOOKED_AFTER_BY:
        problems["looked_after_by"] = "Choose this authority or another authority."
    if child.upn:
        problem = identifiers.upn_problem(child.upn)
        if problem:
            problems["upn"] = f"UPN: {problem}."
    if child.nhs_number:
        problem = identifiers.nhs_number_problem(child.nhs_number)
        if problem:
            problems["nhs_number"] = f"NHS number: {problem}."
    if holders is None:
        holders = identifier_holders(register, [child])
    for column, label in _IDENTIFIERS:
        value = getattr(child, column)
        other = holders.get((column, value)) if value and column not in problems else None
        if other is not None and other.id != child.id:
            problems[column] = f"This {label} already belongs to {other.label}."
    return problems


def _columns(child: Child) -> dict[str, Any]:
    return {
        "forenames": child.forenames,
        "surname": child.surname,
        "other_names": child.other_names or None,
        "dob": child.dob.isoformat(),
        "sex": child.sex,
        "ethnicity": child.ethnicity or None,
        "disabled": int(child.disabled),
        "looked_after": int(child.looked_after),
        "looked_after_by": child.looked_after_by or None,
        "address": child.address or None,
        "postcode": child.postcode or None,
        "school": child.school or None,
        "first_language": child.first_language or None,
        "upn": child.upn or None,
        "nhs_number": child.nhs_number or None,
        "la_id": child.la_id or None,
    }


def _index_names(register: Register, child: Child, child_id: int) -> None:
    register.db.execute("DELETE FROM child_name_words WHERE child_id = ?", [child_id])
    register.db.conn.executemany(
        "INSERT INTO child_name_words (word, child_id) VALUES (?, ?)",
        [(word, child_id) for word in name_words(child.forenames, child.surname, child.other_names)],
    )


def plan_child(register: Register, plan: Plan, child: Child, holders: Holders | None = None) -> tuple[Child, NewId]:
    """Plan a new child as save_child would add it (an import's); returns the child and the id it will have.
    ``holders``: as ``child_problems`` takes them.

    Refused with ValidationError, by field, if the details break a rule.
    """
    child = normalised(child)
    problems = child_problems(register, child, holders)
    if problems:
        raise ValidationError(problems)
    child_id = plan.add("children", _columns(child))
    for word in name_words(child.forenames, child.surname, child.other_names):
        plan.add_row("child_name_words", {"word": word, "child_id": child_id})
    return child, child_id


def save_child(register: Register, child: Child) -> Child:
    """Add a new child or save changes to one; refused with ValidationError or ConflictError."""
    child = normalised(child)
    problems = child_problems(register, child)
    if problems:
        raise ValidationError(problems)
    with register.atomic():
        child_id, version = save_row(register, "children", child.id, child.version, _columns(child))
        _index_names(register, child, child_id)
    return replace(child, id=child_id, version=version)


# ---- finding children ---------------------------------------------------------


def delete_child(register: Register, child: Child, reason: str) -> None:
    """Remove a child added in error (twice, say) who has no records in any register; the audit trail keeps
    their details and ``reason``. ValidationError without a reason; RegisterError, saying so, if the child
    has records (delete those first, or correct the details instead)."""
    assert child.id is not None
    reason = reason_given(reason)
    with register.atomic():
        register.db.execute("DELETE FROM child_name_words WHERE child_id = ?", [child.id])
        try:
            delete_row(register, "children", child.id, child.version, reason)
        except sqlite3.IntegrityError as error:  # a record of some register still names the child
            raise RegisterError(
                f"{child.name} has records in the register, so cannot be deleted: delete those entered in error "
                "first, or correct the child's details."
            ) from error


def _date_or_none(text: str) -> date | None:
    try:
        return timescales.parse_date(text)
    except ValueError:
        return None


def first_children(register: Register, limit: int = 200) -> tuple[list[Child], int]:
    """The first children by surname, forenames and date of birth, and how many the register holds."""
    rows = register.db.query("SELECT * FROM children ORDER BY surname, forenames, dob, id LIMIT ?", [limit])
    children = [child_from_row(row) for row in rows]
    total = register.db.execute("SELECT count(*) FROM children").fetchone()[0]
    return children, total


def find_children(register: Register, text: str, limit: int = 100) -> list[Child]:
    """Children whose names start with each typed word, or whose date of birth or identifier was typed (at
    most ``limit``). A search that finds children is noted in the access log with the children found and
    how it was made (core/access.py; the typed text is not kept): RegisterBusyError if that cannot be
    written in time."""
    found, how = _found(register, text.strip(), limit)
    if found:
        access.note(register, access.SEARCHED, f"find a child {how}: {len(found)} found", [c.id for c in found if c.id])
    return found


def _found(register: Register, text: str, limit: int) -> tuple[list[Child], str]:
    """The children ``text`` finds, and how it found them, in words (by identifier, name, date of birth)."""
    if not text:
        return [], ""
    compact = re.sub(r"[\s-]+", "", text).upper()
    identifier_rows = list(
        register.db.query(
            "SELECT * FROM children WHERE upn = ? OR nhs_number = ? OR la_id = ? LIMIT ?",
            [compact, compact, text, limit],
        )
    )
    if identifier_rows:
        return [child_from_row(row) for row in identifier_rows], "by identifier"
    conditions, parameters, ways = [], [], []
    for word in text.split():
        day = _date_or_none(word)
        if day is not None:
            conditions.append("id IN (SELECT id FROM children WHERE dob = ?)")
            parameters.append(day.isoformat())
            ways.append("date of birth")
            continue
        for folded in name_words(word):
            conditions.append("id IN (SELECT child_id FROM child_name_words WHERE word >= ? AND word < ?)")
            parameters += [folded, folded + "\U0010ffff"]
            ways.append("name")
    if not conditions:
        return [], ""
    rows = register.db.query(
        f"SELECT * FROM children WHERE {' AND '.join(conditions)} ORDER BY surname, forenames, dob LIMIT ?",
        [*parameters, limit],
    )
    return [child_from_row(row) for row in rows], "by " + " and ".join(dict.fromkeys(ways))


def similar_children(
    register: Register, forenames: str, surname: str, dob: date, exclude: int | None = None
) -> list[Child]:
    """Existing children whose name and date of birth are close to these, closest first.

    Offered before a new child is added, so that one child is not recorded twice.
    """
    wanted = fold(f"{forenames} {surname}")
    surname_words = sorted(name_words(surname))
    nearby = [dob.isoformat()]
    # Day and month swapped, or the year mistyped by one, are common slips.
    if dob.day <= 12 and dob.day != dob.month:
        nearby.append(date(dob.year, dob.day, dob.month).isoformat())
    for year in (dob.year - 1, dob.year + 1):
        nearby.append(timescales.birthday(dob, year - dob.year).isoformat())
    marks = ",".join("?" for _ in nearby)
    query = f"SELECT * FROM children WHERE dob IN ({marks})"
    parameters: list[Any] = list(nearby)
    if surname_words:
        query += (
            " UNION SELECT * FROM children WHERE id IN (SELECT child_id FROM child_name_words WHERE word = ?)"
            " AND dob BETWEEN ? AND ?"
        )
        parameters += [
            surname_words[0],
            date(dob.year - 1, 1, 1).isoformat(),
            date(dob.year + 1, 12, 31).isoformat(),
        ]
    scored = []
    for row in register.db.query(query + " LIMIT 500", parameters):
        candidate = child_from_row(row)
        if candidate.id == exclude:
            continue
        name_score = difflib.SequenceMatcher(None, wanted, fold(candidate.name)).ratio()
        alias_score = max(
            (
                difflib.SequenceMatcher(None, fold(forenames), word).ratio()
                for word in name_words(candidate.other_names)
            ),
            default=0.0,
        )
        score = max(name_score, alias_score) + (0.2 if candidate.dob == dob else 0.0)
        if score >= 0.85:
            scored.append((score, candidate))
    scored.sort(key=lambda pair: -pair[0])
    return [candidate for _, candidate in scored[:10]]


def children_in(register: Register, table: str) -> dict[int, Child]:
    """Every child with a record in ``table`` (which has a child_id column), by id: for a register's check."""
    ids = [row[0] for row in register.db.execute(f"SELECT DISTINCT child_id FROM {table}")]
    found: dict[int, Child] = {}
    for start in range(0, len(ids), 500):
        found |= children_by_ids(register, ids[start : start + 500])
    return found
