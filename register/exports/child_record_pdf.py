"""A child's whole record as a PDF a person can read: on the first page whose record it is, who produced
it and what it holds (and leaves out); then the child's details, then each register's records, each
with every field (a code with its meaning) and its history of changes. A4, marked as personal data at
the top and bottom of every page, numbered "Page N of M" (the layout of every printed document)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from register.core import timescales
from register.core.audit import AuditEntry
from register.exports.child_record import Record, WholeRecord
from register.reports.layout import (
    MARGIN,
    MARKING,
    PAGE,
    PAGE_BOX,
    TABLE_STYLE,
    NumberedCanvas,
    page_frame,
    styles,
    text,
)

PERSONAL = f"{MARKING} · PERSONAL DATA"
_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WIDTH = PAGE[0] - 2 * MARGIN
_PADDING = 12  # points: a table cell's padding, left and right
_GURMUKHI = re.compile("[\u0a00-\u0a7f]")
PIECE = 500  # characters: the most a table cell holds; a longer value goes on in the rows below it


def shown(value: Any) -> str:
    """A stored value as a person reads it: an instant on England's clocks (DD/MM/YYYY HH:MM), a date as
    DD/MM/YYYY, nothing as a dash, anything else as it is."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str) and _INSTANT.match(value):
        return timescales.show_instant(timescales.from_text(value))
    if isinstance(value, str) and _DATE.match(value):
        return value[8:10] + "/" + value[5:7] + "/" + value[0:4]
    return str(value)


# Words in column names a person reads otherwise: initials in capitals, a short form in full.
_WORDS = {
    "dob": "date of birth",
    **{short: short.upper() for short in ("upn", "nhs", "urn", "la", "cme", "cse", "cce", "mash")},
}


def _cell(value: str, width: float, sheet: Any) -> str | Paragraph:
    """``value`` as a table cell ``width`` points wide: as it is where it fits on one line in the table's
    font, else a paragraph that wraps (and draws Gurmukhi in a font that has its letters)."""
    plain = "\n" not in value and not _GURMUKHI.search(value)
    if plain and pdfmetrics.stringWidth(value, "Sans", 8) <= width - _PADDING:
        return value
    return Paragraph(text(value), sheet["Cell"])


def pieces(value: str, most: int = PIECE) -> list[str]:
    """``value`` cut into pieces of at most ``most`` characters, each ending at a line's end or a space
    where one falls in its second half, so that no table cell is taller than a page (reportlab breaks a
    table between its rows, never inside a cell). The pieces joined make ``value`` again."""
    cut: list[str] = []
    while len(value) > most:
        window = value[:most]
        end = max(window.rfind("\n"), window.rfind(" ")) + 1
        end = end if end > most // 2 else most
        cut.append(value[:end])
        value = value[end:]
    return [*cut, value]


def heading(name: str) -> str:
    """A table's or a column's name in words: missing_episodes -> Missing episodes, nhs_number -> NHS number."""
    words = " ".join(_WORDS.get(word, word) for word in name.split("_"))
    return words[0].upper() + words[1:]


def write_pdf(record: WholeRecord, path: Path) -> int:
    """Write ``record`` to ``path`` as the PDF described above; returns the records written (the child's
    details counted). OSError if it cannot be written."""
    sheet = styles()
    title = f"Whole record: {record.name}"

    def table(headings: tuple[str, ...], rows: Sequence[tuple[str, ...]], widths: list[float]) -> Table:
        """A table of text, headings in bold; a cell is wrapped as a paragraph only when it needs to be
        (a whole record of hundreds of records is written in seconds, not minutes); a long value goes on
        in rows of its own below, so that the table can break between pages within it."""
        cells: list[list[str | Paragraph]] = [list(headings)]
        for row in rows:
            cut = [pieces(value) for value in row]
            for line in range(max(len(piece) for piece in cut)):
                cells.append(
                    [
                        _cell(piece[line] if line < len(piece) else "", w, sheet)
                        for piece, w in zip(cut, widths, strict=True)
                    ]
                )
        drawn = Table(cells, colWidths=widths, repeatRows=1)
        drawn.setStyle(TableStyle([*TABLE_STYLE, ("FONTNAME", (0, 0), (-1, 0), "Sans-Bold")]))
        return drawn

    def fields(one: Record) -> Table:
        rows = [(heading(column), shown(value), one.meanings.get(column, "")) for column, value in one.fields.items()]
        return table(("Field", "Value", "Meaning"), rows, [45 * mm, 70 * mm, _WIDTH - 115 * mm])

    def history(entries: list[AuditEntry]) -> list[Any]:
        if not entries:
            return [Paragraph("No changes recorded.", sheet["Small"])]
        rows = []
        for entry in entries:
            if entry.action == "bulk insert":  # a demo's records, made together: no row of their own
                changed = f"made with others at once ({(entry.after or {}).get('description', '')})"
            else:
                changed = "; ".join(f"{heading(f)}: {shown(b)} → {shown(a)}" for f, b, a in entry.changes())
                changed = f"{entry.action}{': ' + changed if changed else ''}"
            rows.append((timescales.show_instant(entry.at), f"{entry.actor} ({entry.role})", changed))
        return [
            Paragraph("History of changes", sheet["Small"]),
            table(("When", "Who", "What changed"), rows, [30 * mm, 40 * mm, _WIDTH - 70 * mm]),
        ]

    def one_record(one: Record, name: str, lead: tuple[Any, ...] = ()) -> list[Any]:
        """The record's fields kept on one page with its name (and ``lead``, the heading above it)."""
        said = [KeepTogether([*lead, Paragraph(text(name), sheet["Heading2"]), fields(one)])]
        if one.history is not None:
            said += [Spacer(1, 2 * mm), *history(one.history)]
        return said

    included = [part.title for part in record.parts if not part.left_out]
    story: list[Any] = [
        Paragraph(text(title), sheet["Title"]),
        Paragraph(
            text(
                f"{record.authority} · produced {timescales.show_instant(record.produced)} by {record.by} "
                f"({record.role_label}) · times are UK local time"
            ),
            sheet["Small"],
        ),
        Spacer(1, 3 * mm),
        Paragraph(
            text(
                "This document holds personal data about a child. Keep it as the authority's policy for "
                "OFFICIAL-SENSITIVE information says, and share it only with whom the request allows."
            ),
            sheet["Alert"],
        ),
        Spacer(1, 3 * mm),
        Paragraph(
            text(
                "It holds every field of the child's details and of every record "
                + (f"in these registers: {', '.join(included)}" if included else "in no register")
                + ", what each code means, and the history of changes to each record."
            ),
            sheet["Body"],
        ),
        *(
            Paragraph(text(f"Left out: {part.title}, because {part.left_out}."), sheet["Body"])
            for part in record.parts
            if part.left_out
        ),
        *one_record(record.child, f"Child {record.child.id}", (Paragraph("The child's details", sheet["Heading"]),)),
    ]
    for part in record.parts:
        lead: tuple[Any, ...] = (Paragraph(text(part.title), sheet["Heading"]),)
        held = [(table_name, one) for table_name, rows in part.tables.items() for one in rows]
        if part.left_out or not held:
            said = f"Left out: {part.left_out}." if part.left_out else "Nothing recorded."
            story.append(KeepTogether([*lead, Paragraph(text(said), sheet["Body"])]))
        for table_name, one in held:
            story += one_record(one, f"{heading(table_name)}: record {one.id}", lead)
            lead = ()
    document = SimpleDocTemplate(
        str(path),
        **PAGE_BOX,
        title=title,
        author=record.authority,
    )
    frame = page_frame(f"Whole record of child {record.child.id}", record.produced, PERSONAL)
    document.build(story, onFirstPage=frame, onLaterPages=frame, canvasmaker=NumberedCanvas)
    return len(record.records())
