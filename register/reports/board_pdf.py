"""The board's quarterly or annual summary as an A4 PDF: contents, commentary, charts and tables."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from register.board.summary import COUNTS
from register.core import clock, timescales
from register.core.disclosure import PRIMARY, SECONDARY, SMALL
from register.core.figures import Row, Section, Summary
from register.core.files import replaced_when_complete
from register.faces import REGISTERS
from register.reports.charts import TrendChart
from register.reports.layout import (
    MARGIN,
    MARKING,
    PAGE,
    PAGE_BOX,
    PUBLISHED_MARKING,
    TABLE_STYLE,
    NumberedCanvas,
    page_frame,
    styles,
)

# What each section counts: every register's own, then those they share.
WHAT_EACH_SECTION_COUNTS = {face.board.key: face.board.counts for face in REGISTERS} | COUNTS
# The headline figures on the first page: (the row's key, as the reader sees it).
AT_A_GLANCE = [line for face in REGISTERS for line in face.board.at_a_glance]
CHARTS = {face.board.key: face.board.charts for face in REGISTERS}


class _Document(BaseDocTemplate):
    """Registers each section heading in the contents as the page it lands on is known."""

    def afterFlowable(self, flowable) -> None:  # noqa: N802 (reportlab's name)
        if isinstance(flowable, Paragraph) and flowable.style.name == "Heading":
            self.notify("TOCEntry", (0, flowable.getPlainText(), self.page))


def _chart_data(summary: Summary, key: str, published: bool) -> list[float | None]:
    """The row's values across the periods; in a published copy, a hidden one draws no bar."""
    row = summary.row(key)
    return [
        None if published and summary.shown(row, index, True) in (PRIMARY, SECONDARY) else value or 0
        for index, value in enumerate(row.values)
    ]


def title_of(summary: Summary) -> str:
    """What the summary is, as its first page and every page's footer say: the kind, for the safeguarding
    partnership (by its name, if set), the period, and whether it is provisional."""
    kind = "Quarterly" if summary.period.kind == "quarter" else "Annual"
    named = f" ({summary.partnership})" if summary.partnership else ""
    provisional = f" ({summary.provisional})" if summary.provisional else ""
    return f"{kind} summary for the safeguarding partnership{named}: {summary.period.label}{provisional}"


def _at_a_glance(summary: Summary, published: bool) -> Table:
    sheet = styles()
    previous, current = summary.periods[-2], summary.periods[-1]
    data = [
        [
            Paragraph("At a glance", sheet["CellBold"]),
            Paragraph(escape(previous.short), sheet["CellBold"]),
            Paragraph(escape(current.short), sheet["CellBold"]),
        ]
    ]
    for key, label in AT_A_GLANCE:
        row = summary.row(key)
        data.append(
            [
                Paragraph(escape(label), sheet["Cell"]),
                summary.shown(row, len(row.values) - 2, published),
                summary.shown(row, len(row.values) - 1, published),
            ]
        )
    width = PAGE[0] - 2 * MARGIN
    table = Table(data, colWidths=[width - 100 * mm, 50 * mm, 50 * mm])  # a quarter's heading on one line
    table.setStyle(
        TableStyle(
            TABLE_STYLE
            + [
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("BACKGROUND", (-1, 1), (-1, -1), colors.HexColor("#f2f5f9")),
                ("FONTNAME", (-1, 1), (-1, -1), "Sans-Bold"),
            ]
        )
    )
    return table


def _charts(summary: Summary, section: Section, published: bool) -> list:
    labels = [period.compact for period in summary.periods]
    return [
        TrendChart(
            chart.title,
            labels,
            [(legend, _chart_data(summary, key, published)) for legend, key in chart.series],
            chart.percent,
        )
        for chart in CHARTS.get(section.key, ())
    ]


def _with_shares(rows: list[Row]) -> list[tuple[str, Row, Row | None]] | None:
    """Each count beside its share (keyed as the count plus ".share"; a total has none) for a two-column
    table; None if no count has a share."""
    by_key = {row.key: row for row in rows}
    if not any(row.key.endswith(".share") for row in rows):
        return None
    return [(row.measure, row, by_key.get(f"{row.key}.share")) for row in rows if not row.key.endswith(".share")]


def _table(summary: Summary, rows: list[Row], title: str, headings: tuple[str, ...], published: bool) -> Table:
    sheet = styles()
    paired = _with_shares(rows) if len(headings) == 1 else None
    if paired is not None:  # the equality tables: children and their share, side by side
        width = PAGE[0] - 2 * MARGIN
        data = [
            [
                Paragraph(escape(title), sheet["CellBold"]),
                Paragraph("Children", sheet["CellBold"]),
                Paragraph("%", sheet["CellBold"]),
            ]
        ]
        data += [
            [
                Paragraph(escape(name), sheet["Cell"]),
                summary.shown(count, 0, published),
                "" if share is None else summary.shown(share, 0, published),
            ]
            for name, count, share in paired
        ]
        table = Table(data, colWidths=[width - 50 * mm, 25 * mm, 25 * mm], repeatRows=1)
        table.setStyle(TableStyle(TABLE_STYLE + [("ALIGN", (1, 0), (-1, -1), "RIGHT")]))
        return table
    width = PAGE[0] - 2 * MARGIN
    value_width = 22 * mm if len(headings) > 1 else 30 * mm
    data = [
        [
            Paragraph(escape(title), sheet["CellBold"]),
            *(Paragraph(escape(heading), sheet["CellBold"]) for heading in headings),
        ]
    ]
    for row in rows:
        data.append(
            [
                Paragraph(escape(row.measure), sheet["Cell"]),
                *(summary.shown(row, index, published) for index in range(len(headings))),
            ]
        )
    table = Table(data, colWidths=[width - value_width * len(headings), *([value_width] * len(headings))], repeatRows=1)
    style = TableStyle(TABLE_STYLE + [("ALIGN", (1, 0), (-1, -1), "RIGHT")])
    if len(headings) > 1:  # the period the summary is for stands out
        style.add("BACKGROUND", (-1, 1), (-1, -1), colors.HexColor("#f2f5f9"))
        style.add("FONTNAME", (-1, 1), (-1, -1), "Sans-Bold")
    table.setStyle(style)
    return table


def write_board_summary(
    summary: Summary, commentary: dict[str, str], path: str | Path, published: bool = False
) -> None:
    """Write the summary as an A4 PDF with a contents list, marked OFFICIAL-SENSITIVE for the partnership's
    members, or, if ``published``, OFFICIAL for publication with disclosure control applied
    (register/core/disclosure.py). No names or identifiers. OSError if it cannot be written."""
    sheet = styles()
    produced = clock.now()
    title = title_of(summary)
    document = _Document(
        str(path),
        **PAGE_BOX,
        title=title,
        author=summary.authority,
    )
    frame = Frame(MARGIN, 20 * mm, PAGE[0] - 2 * MARGIN, PAGE[1] - 38 * mm, id="body")
    marking = PUBLISHED_MARKING if published else MARKING
    # What the pack is and whether it is provisional first: a long authority's name is what gets cut short.
    kind = "Quarterly" if summary.period.kind == "quarter" else "Annual"
    provisional = f" ({summary.provisional})" if summary.provisional else ""
    footer = f"{kind} summary, {summary.period.label}{provisional} · {summary.authority}"
    document.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=page_frame(footer, produced, marking))])
    audience = (
        f"Marked {marking}: the published copy, for anyone to read. Counts of 1 to {SMALL - 1} are shown as "
        f"“{PRIMARY}”, and a figure from which one could be worked out (a total's other part, a percentage or "
        f"a rate) as “{SECONDARY}”; charts draw no bar for either."
        if published
        else f"Marked {marking}: for the partnership's members; not to be passed on. "
        "(The published copy hides small numbers.)"
    )

    contents = TableOfContents()
    contents.levelStyles = [sheet["Body"]]
    story: list = [
        Paragraph(escape(summary.authority), sheet["Small"]),
        Paragraph("Children missing from home, care and education, and private fostering", sheet["Title"]),
        Paragraph(escape(title), sheet["Body"]),
        Paragraph(
            escape(
                f"Produced {timescales.show_instant(produced)} from the register as it stood at "
                f"{timescales.show_instant(summary.produced)}. {audience}"
            ),
            sheet["Small"],
        ),
        Spacer(1, 3 * mm),
        Paragraph(
            escape(
                "Figures only: this summary names no child and gives no identifier. Each table shows the period "
                "and the four before it; the last column, shaded, is this period."
            ),
            sheet["Small"],
        ),
        Spacer(1, 5 * mm),
        _at_a_glance(summary, published),
        Spacer(1, 6 * mm),
        Paragraph("Contents", sheet["Heading2"]),
        contents,
        PageBreak(),
    ]
    for section in summary.sections:
        story.append(CondPageBreak(80 * mm))
        story.append(Paragraph(escape(section.title), sheet["Heading"]))
        story.append(Paragraph(escape(WHAT_EACH_SECTION_COUNTS[section.key]), sheet["Small"]))
        story.append(Spacer(1, 2 * mm))
        written = commentary.get(section.key, "").strip()
        story.append(
            Paragraph(
                "<b>Commentary.</b> "
                + (
                    escape(written).replace("\n", "<br/>")
                    if written
                    else "<i>No commentary was written for this section.</i>"
                ),
                sheet["Body"],
            )
        )
        story.append(Spacer(1, 3 * mm))
        charts = _charts(summary, section, published)
        if charts:
            chart_row = Table([charts], colWidths=[(PAGE[0] - 2 * MARGIN) / len(charts)] * len(charts))
            chart_row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
            story.append(chart_row)
            story.append(Spacer(1, 3 * mm))
        for table in section.tables:
            block = _table(summary, table.rows, table.title, table.headings, published)
            story.append(KeepTogether([block]) if len(table.rows) < 14 else block)
            story.append(Spacer(1, 4 * mm))
    with replaced_when_complete(path) as partial:  # a good PDF already there stays until this one is whole
        document.filename = str(partial)
        document.multiBuild(story, canvasmaker=NumberedCanvas)
