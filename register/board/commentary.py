"""The coordinator's commentary on each section of a period's board summary."""

from __future__ import annotations

from dataclasses import dataclass

from register.core import timescales
from register.core.audit import save_row
from register.core.db import Register
from register.core.errors import ConflictError


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
    """Keep the text written for a section; refused (ConflictError, naming who and when) if someone saved it
    since it was read, the first commentary for the section included."""
    text = commentary.text.strip()
    with register.atomic():
        if commentary.id is None:
            first = register.db.execute(
                "SELECT updated_by, updated_at FROM commentaries WHERE period = ? AND section = ?",
                [commentary.period, commentary.section],
            ).fetchone()
            if first is not None:
                raise ConflictError(
                    f"This commentary was written by {first[0]} at "
                    f"{timescales.show_instant(timescales.from_text(first[1]))} since you opened the summary; "
                    "nothing was saved. Choose the period again to see theirs, then add yours."
                )
        values = {"period": commentary.period, "section": commentary.section, "text": text}
        row_id, version = save_row(register, "commentaries", commentary.id, commentary.version, values)
    return Commentary(commentary.period, commentary.section, text, row_id, version)
