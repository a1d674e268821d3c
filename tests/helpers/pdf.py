"""Reading back what a PDF says, and what the hand-built register's board summary must say."""

from __future__ import annotations

from pypdf import PdfReader

# The children of the hand-built register (tests/helpers/hand_built.py): none may appear in a summary.
NAMES = ("Zofia", "Kowalska", "Bilal", "Ahmed", "Dawit", "Bekele", "Hodan", "Warsame", "Chiamaka", "Okafor")


def text_of(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def at_a_glance(path) -> dict[str, tuple[str, str]]:
    """The first page's headline figures, by the words the reader sees: (the period before, this period)."""
    lines = PdfReader(path).pages[0].extract_text().splitlines()
    start, end = lines.index("At a glance") + 3, lines.index("Contents")  # past the two periods' headings
    return {lines[line]: (lines[line + 1], lines[line + 2]) for line in range(start, end, 3)}


# The hand-built register's headline figures, worked out by hand: October to December 2025, then January to March 2026.
HEADLINES = {
    "Missing and away episodes that began": ("1", "7"),
    "Children who went missing or away": ("1", "3"),
    "Children missing repeatedly": ("0", "1"),
    "Still missing at the end": ("1", "1"),
    "Return interviews within 72 hours (% of returns)": ("–", "28.6%"),
    "Children referred as missing education": ("1", "2"),
    "CME cases open at the end": ("1", "2"),
    "… of which whereabouts unknown": ("1", "1"),
    "Private fostering notifications": ("1", "2"),
    "Initial visits within 7 working days (%)": ("100.0%", "100.0%"),
    "Later visits on time (%)": ("100.0%", "50.0%"),
}


def page_foot(path, number: int) -> list[tuple[float, float, str]]:
    """The text drawn in the bottom 20 mm of a page (numbered from 1): (x, y, text) in points, bottom up."""
    found: list[tuple[float, float, str]] = []

    def seen(text, cm, tm, font, size) -> None:
        x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
        if text.strip() and y < 57:  # 20 mm
            found.append((x, y, text.strip()))

    PdfReader(path).pages[number - 1].extract_text(visitor_text=seen)
    return sorted(found, key=lambda item: (item[1], item[0]))
