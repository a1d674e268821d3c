"""The coordinator's commentary on each section of a period's board summary."""

from __future__ import annotations

from dataclasses import dataclass

from register.core.audit import save_row
from register.core.db import Register


@dataclass(frozen=True)
class Commentary:
    period: str  # the period's key: 2026-Q2, 2026-27
    section: str  # the section's key: missing, education, fostering, equality, overlap
    text: str = ""
    id: int | None = None
    version: int = 0


def for_period(register: Register, period: str) -> dict[str, Commentary]:
    rows = register.db.query("SELECT * FROM commentaries WHERE period = ?", [period])
    return {row["section"]: Commentary(period, row["section"], row["text"], row["id"], row["version"]) for row in rows}


def save(register: Register, commentary: Commentary) -> Commentary:
    """Keep the text written for a section; refused (ConflictError) if someone saved it since it was read."""
    text = commentary.text.strip()
    with register.atomic():
        values = {"period": commentary.period, "section": commentary.section, "text": text}
        row_id, version = save_row(register, "commentaries", commentary.id, commentary.version, values)
    return Commentary(commentary.period, commentary.section, text, row_id, version)
