"""A child's whole record written to a folder as two files, together through the shared writer (both written
whole or neither, audited, logged): ``whole-record-child-N-YYYY-MM-DD-HHMMSS.json`` for a system and
``….pdf`` for a person. The files are named by the register's number for the child, not the child's name,
so the name is not left in folder listings, the audit trail's file names or the log; and by the time on
England's clocks to the second it was produced, so that a second export of the same child (another
person's, another role's) never replaces the first: if those names are taken, ``-2``, ``-3``… is added."""

from __future__ import annotations

import json
from pathlib import Path

from register.core import clock
from register.core.db import Register
from register.core.errors import NotFoundError
from register.exports.child_record import as_json, whole_record
from register.exports.child_record_pdf import write_pdf
from register.exports.writing import ExportFile, write_exports

EXPORT = "whole record of a child"


def find_child(register: Register, reference: str) -> int:
    """The register's number for the child ``reference`` names: the case system id, the UPN or the NHS
    number as recorded, else the register's own number. Raises NotFoundError, in words, if none does."""
    typed = reference.strip()
    found = register.db.execute(
        "SELECT id FROM children WHERE la_id = :ref OR upn = :ref OR replace(nhs_number, ' ', '') = :bare "
        "OR (CAST(id AS TEXT) = :ref) ORDER BY id",
        {"ref": typed, "bare": typed.replace(" ", "")},
    ).fetchall()
    if len(found) != 1:
        raise NotFoundError(
            f"“{reference}” names {'no child' if not found else 'more than one child'} in the register: give the "
            "case system id, the UPN, the NHS number or the register's number of one child."
        )
    return int(found[0][0])


def write(register: Register, child_id: int, folder: str | Path) -> tuple[Path, Path]:
    """Write the whole record of the child ``child_id`` into ``folder`` (which must exist) as JSON and PDF;
    returns (the JSON file, the PDF file), named as above. Each file leaves an audit row (export, file,
    records, the child's number, the registers included and left out) and a log line, and the export a row
    in the access log for the child. Raises PermissionDenied unless the role may export it
    (child_record.whole_record), NotFoundError if there is no such child, ExportNotWritten if either file
    cannot be written (then neither is left)."""
    record = whole_record(register, child_id)
    stem = _free(
        Path(folder) / f"whole-record-child-{child_id}-{record.produced.astimezone(clock.LONDON):%Y-%m-%d-%H%M%S}"
    )
    details = {
        "child_id": child_id,
        "registers": [part.key for part in record.parts if not part.left_out],
        "left_out": [part.key for part in record.parts if part.left_out],
    }
    counted = len(record.records())

    def write_json(partial: Path) -> int:
        partial.write_text(json.dumps(as_json(record), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return counted

    paths = stem.with_suffix(".json"), stem.with_suffix(".pdf")
    write_exports(
        register,
        [
            ExportFile(paths[0], f"{EXPORT} (JSON)", details, write_json),
            ExportFile(paths[1], f"{EXPORT} (PDF)", details, lambda partial: write_pdf(record, partial)),
        ],
        [child_id],
    )
    return paths


def _free(stem: Path) -> Path:
    """``stem``, or ``stem-2``, ``stem-3``… the first with neither a .json nor a .pdf file of its name."""
    chosen, number = stem, 1
    while chosen.with_suffix(".json").exists() or chosen.with_suffix(".pdf").exists():
        number += 1
        chosen = stem.with_name(f"{stem.name}-{number}")
    return chosen
