"""A child's printed chronology says first whether the child is missing now, and numbers its pages."""

from pypdf import PdfReader

from register.missing.records import Episode, save_episode
from register.reports.chronology_pdf import write_chronology
from tests.helpers.pdf import page_foot, text_of
from tests.helpers.values import at


def test_a_child_still_missing_is_said_to_be_so_with_since_when(register, child, tmp_path):
    save_episode(register, Episode(child.id, "M", at("01/11/2026 10:00"), ended_at=at("01/11/2026 20:00")))
    save_episode(register, Episode(child.id, "M", at("24/11/2026 22:30")))  # 2 days 18 h 30 min before now
    path = tmp_path / "chronology.pdf"
    write_chronology(register, child.id, path)
    first = " ".join(PdfReader(path).pages[0].extract_text().split())
    said = "Still missing: missing since 24/11/2026 22:30, 2 days 18 hours when this chronology was produced"
    assert first.index(said) < first.index("Date of birth")  # above the child's details
    assert text_of(path).count(said) == 2  # and again as the last line of the events
    assert [text for _, _, text in page_foot(path, 1) if text.startswith("Page")] == ["Page 1 of 1"]


def test_a_child_back_home_is_not_said_to_be_missing(register, child, tmp_path):
    save_episode(register, Episode(child.id, "M", at("01/11/2026 10:00"), ended_at=at("01/11/2026 20:00")))
    write_chronology(register, child.id, tmp_path / "chronology.pdf")
    assert "Still missing" not in text_of(tmp_path / "chronology.pdf")
