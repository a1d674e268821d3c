"""The printed chronology of one child: identifiers, then every event in order."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from register.chronology import chronology
from register.core import access, clock, codes, settings, timescales
from register.core.db import Register
from register.core.files import replaced_when_complete
from register.missing.records import missing_since
from register.people.index import get_child
from register.reports.layout import MARGIN, PAGE, PAGE_BOX, TABLE_STYLE, NumberedCanvas, page_frame, styles, text


def write_chronology(register: Register, child_id: int, path: str | Path) -> None:
    """Write the child's chronology as an A4 PDF marked OFFICIAL-SENSITIVE, numbered "Page N of M", saying
    first (and last, after the events) if the child is still missing, and since when. Noted in the access log
    (core/access.py) once written. OSError if it cannot be written; RegisterBusyError if the note cannot."""
    sheet = styles()
    child = get_child(register, child_id)
    produced = clock.now()
    authority = settings.get(register, settings.AUTHORITY_NAME)
    title = f"Chronology: {child.name}"

    def cell(value: str, style: str = "Cell") -> Paragraph:
        return Paragraph(text(value), sheet[style])

    details = [
        ("Name", child.name),
        ("Other names", child.other_names),
        ("Date of birth", timescales.show_date(child.dob)),
        ("Sex", codes.SEXES.get(child.sex, "")),
        ("Ethnicity", codes.ETHNICITIES.get(child.ethnicity, "")),
        ("Looked after", "Yes" if child.looked_after else "No"),
        ("UPN", child.upn),
        ("NHS number", child.nhs_number),
        ("Case system id", child.la_id),
    ]
    details_table = Table(
        [[cell(label, "CellBold"), cell(value)] for label, value in details if value],
        colWidths=[40 * mm, 120 * mm],
    )
    entries = chronology(register, child_id)
    rows = [[cell("When", "CellBold"), cell("Event", "CellBold"), cell("Details", "CellBold")]]
    rows += [[cell(e.when()), cell(e.event), cell(e.details)] for e in entries]
    since = missing_since(register, child_id)
    still = (
        f"Still missing: missing since {timescales.show_instant(since)}, "
        f"{_how_long(produced - since)} when this chronology was produced ({timescales.show_instant(produced)})."
        if since is not None
        else ""
    )
    if still:
        rows.append([cell(timescales.show_instant(produced)), cell("Still missing", "CellBold"), cell(still)])
    events_table = Table(rows, colWidths=[28 * mm, 38 * mm, PAGE[0] - 2 * MARGIN - 66 * mm], repeatRows=1)
    events_table.setStyle(TableStyle(TABLE_STYLE))
    story = [
        Paragraph(text(title), sheet["Title"]),
        Paragraph(text(f"{authority} · children missing register · times are UK local time"), sheet["Small"]),
        *([Spacer(1, 2 * mm), Paragraph(text(still), sheet["Alert"])] if still else []),
        Spacer(1, 4 * mm),
        details_table,
        Paragraph("Events", sheet["Heading"]),
        events_table if entries else Paragraph("Nothing recorded yet.", sheet["Body"]),
    ]
    document = SimpleDocTemplate(
        str(path),
        **PAGE_BOX,
        title=title,
        author=authority,
    )
    frame = page_frame(title, produced)
    with replaced_when_complete(path) as partial:
        document.filename = str(partial)
        document.build(story, onFirstPage=frame, onLaterPages=frame, canvasmaker=NumberedCanvas)
        access.note(register, access.CHRONOLOGY, f"PDF written to {path}", [child_id])


def _how_long(span: timedelta) -> str:
    """A span as a person says it: 3 days 4 hours, 5 hours, 40 minutes."""
    days, seconds = span.days, span.seconds
    hours, minutes = seconds // 3600, seconds % 3600 // 60
    if days:
        return f"{days} day{'s' * (days != 1)} {hours} hour{'s' * (hours != 1)}"
    if hours:
        return f"{hours} hour{'s' * (hours != 1)}"
    return f"{minutes} minute{'s' * (minutes != 1)}"
