"""The board's PDF as its reader sees it: whom it is for, whether its period is over, its footer and pages."""

from __future__ import annotations

from dataclasses import replace

from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from register.core.clock import frozen_at
from register.reports.board_pdf import write_board_summary
from tests.helpers.pdf import page_foot, text_of
from tests.helpers.values import at

LONG_NAME = (
    "The Royal Borough of Kensington and Chelsea and the Metropolitan Borough Council of the Wirral, "
    "Cheshire West and Chester, Bournemouth, Christchurch and Poole Council (Children's Services Directorate)"
)


def test_the_pack_is_for_the_safeguarding_partnership_by_its_name(hand_built, tmp_path):
    named = replace(hand_built, partnership="Northshire Safeguarding Children Partnership")
    write_board_summary(named, {}, tmp_path / "board.pdf")
    text = text_of(tmp_path / "board.pdf")
    assert (
        "Quarterly summary for the safeguarding partnership (Northshire Safeguarding Children Partnership): "
        "Q4 2025-26 (January to March 2026)" in text
    )
    assert "Local Safeguarding Children Board" not in text and "provisional" not in text


def test_a_period_not_over_says_so_in_its_title_and_on_every_page(hand_built, tmp_path):
    # Worked out at 10:00 on 15 March 2026, a fortnight before the quarter ends.
    early = replace(hand_built, produced=at("15/03/2026 10:00"))
    path = tmp_path / "board.pdf"
    write_board_summary(early, {}, path)
    first = PdfReader(path).pages[0].extract_text()
    assert "Q4 2025-26 (January to March 2026) (provisional: figures to 15/03/2026)" in " ".join(first.split())
    pages = PdfReader(path).pages
    for number in range(1, len(pages) + 1):
        foot = " ".join(text for _, _, text in page_foot(path, number))
        assert "provisional: figures to 15/03/2026" in foot, number


def test_the_footer_of_a_long_authority_name_keeps_clear_of_page_n_of_m(hand_built, tmp_path):
    path = tmp_path / "board.pdf"
    with frozen_at(at("02/04/2026 09:00")):
        write_board_summary(replace(hand_built, authority=LONG_NAME), {}, path)
    total = len(PdfReader(path).pages)
    assert total > 2
    for number in range(1, total + 1):
        foot = page_foot(path, number)
        page = [(x, y) for x, y, text in foot if text == f"Page {number} of {total}"]
        assert len(page) == 1, (number, foot)
        footer = [(x, y, text) for x, y, text in foot if not text.startswith(("Page", "OFFICIAL"))]
        said = " ".join(text for *_, text in reversed(footer))  # the top line first
        assert said.startswith("Quarterly summary, Q4 2025-26 (January to March 2026) · The Royal Borough"), said
        for x, _, text in footer:  # every footer line ends before the page number begins
            assert x + min(stringWidth(text, "Sans", size) for size in (6, 7, 8)) < page[0][0] - 5, text
        assert len({y for _, y, _ in footer}) <= 2  # at most two lines, above the marking
