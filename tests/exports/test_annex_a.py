"""Ofsted's Annex A List 8, worked out by hand: the 12-month window's edges, the latest missing
episode deciding "offered" and "accepted", read back from the workbook and the CSV."""

from __future__ import annotations

import csv
from datetime import date, datetime

import openpyxl
import pytest

from register import people
from register.exports import annex_a
from register.missing.records import Episode, ReturnInterview, save_episode, save_interview
from tests.helpers.values import at

CENSUS = date(2026, 3, 31)  # the 12 months: 1 April 2025 to 31 March 2026 (BST from 29 March 2026)


def _child(register, forenames, born, la_id, sex="F", by="this"):
    child = people.Child(
        forenames, "Test", born, sex, ethnicity="WBRI", looked_after=bool(by), looked_after_by=by, la_id=la_id
    )
    return people.save_child(register, child)


def _episode(register, child, kind, start, end=None, by="this"):
    placed = {"looked_after": bool(by), "looked_after_by": by, "placing_authority": "Kent" if by == "other" else ""}
    return save_episode(register, Episode(child.id, kind, at(start), ended_at=at(end) if end else None, **placed))


def _interview(register, episode, **answer):
    save_interview(register, ReturnInterview(episode.child_id, (episode.id,), **answer))


@pytest.fixture
def in_care(register):
    amira = _child(register, "Amira", date(2010, 6, 15), "LA0001")
    _episode(register, amira, "M", "25/03/2025 10:00", "25/03/2025 20:00")  # ended before the 12 months
    straddling = _episode(register, amira, "M", "30/03/2025 18:00", "01/04/2025 09:00")  # into the 12 months
    _interview(
        register,
        straddling,
        offered_at=at("01/04/2025 10:00"),
        outcome="accepted",
        completed_at=at("02/04/2025 10:00"),
        completed_by="Ruth Okoye",
    )
    _episode(register, amira, "A", "10/10/2025 10:00", "10/10/2025 12:00")
    latest = _episode(register, amira, "M", "01/03/2026 20:00", "02/03/2026 08:00")
    _interview(register, latest, outcome="not_offered", outcome_reason="Child moved placement the same day")
    _episode(register, amira, "M", "01/04/2026 00:30", "01/04/2026 03:00")  # 23:30 UTC on the 31st: after the census
    ben = _child(register, "Ben", date(2012, 2, 29), "LA0002", sex="M")
    declined = _episode(register, ben, "M", "05/05/2025 10:00", "06/05/2025 10:00")
    _interview(
        register, declined, offered_at=at("06/05/2025 12:00"), outcome="declined", outcome_reason="Did not want to"
    )
    _episode(register, ben, "M", "31/03/2026 23:30", "01/04/2026 01:00")  # the census day's last half hour
    cara = _child(register, "Cara", date(2011, 4, 1), '=HYPERLINK("http://example.invalid")')
    _episode(register, cara, "A", "01/04/2025 00:00", "01/04/2025 02:00")  # the first minute of the 12 months
    dev = _child(register, "Dev", date(2012, 2, 2), "LA0004", sex="M")
    _episode(register, dev, "M", "30/03/2025 22:00", "31/03/2025 23:59")  # the 12 months' eve
    eve = _child(register, "Eve", date(2012, 3, 3), "LA0005", by="other")
    _episode(register, eve, "A", "01/06/2025 10:00", "01/06/2025 11:00", by="other")  # placed by Kent
    return register


# Worked out from the rule (module docstring): Amira's first episode ended before the 12 months, her
# second straddles their start, her last missing one (not offered) decides; Ben's declined interview is
# followed by a later episode with none recorded; Cara was only away; Dev's ended the day before; Eve is Kent's.
EXPECTED = [
    ('=HYPERLINK("http://example.invalid")', "Female", "WBRI", date(2011, 4, 1), 14, "No", 0, 1, "", ""),
    ("LA0001", "Female", "WBRI", date(2010, 6, 15), 15, "No", 2, 1, "No", "No"),
    ("LA0002", "Male", "WBRI", date(2012, 2, 29), 14, "No", 2, 0, "Unknown", "Unknown"),
]


def test_the_headings_are_the_templates_own_words():
    # The List 8 sheet of an Annex A workbook, as Social Finance's Annex A cleaner (CSCDP/sfdata-annexa-clean,
    # annex-a-merge.yml and its sample workbooks) reads it: the register's columns, in the template's order.
    assert annex_a.COLUMNS == (
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        "Does the Child have a Disability",
        "Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months",
        "Number of Episodes the Child has been ‘Absent’ from their Placement in the last 12 months",
        "Was the child offered a Return Interview after their last missing episode (Y/N)?",
        "Did the child accept a Return Interview after their last missing episode (Y/N)?",
    )


def test_list_8_counts_the_12_months_to_the_census_date_and_the_latest_missing_episode_decides(in_care):
    assert [row.cells() for row in annex_a.list_8(in_care, CENSUS)] == EXPECTED


def test_the_12_months_to_29_february_and_to_28_february(in_care):
    assert annex_a.window(date(2028, 2, 29)) == (date(2027, 3, 1), date(2028, 2, 29))
    assert annex_a.window(date(2025, 2, 28)) == (date(2024, 2, 29), date(2025, 2, 28))


def test_the_workbook_holds_the_title_the_templates_columns_and_the_rows_with_a_formula_kept_as_text(in_care, tmp_path):
    out = tmp_path / "annex-a.xlsx"
    assert annex_a.write(in_care, CENSUS, out) == 3
    sheet = openpyxl.load_workbook(out)["List 8"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == ("Annex A List 8: children in care missing or away from placement, 12 months to 31/03/2026")
    assert rows[1] == annex_a.COLUMNS
    read = [tuple(_as_written(value) for value in row) for row in rows[2:]]
    assert read == EXPECTED
    formula = sheet["A3"]
    assert (formula.value, formula.data_type, formula.quotePrefix) == (EXPECTED[0][0], "s", True)
    assert sheet["D3"].number_format == "DD/MM/YYYY"


def _as_written(value):
    """A cell read back: openpyxl reads a date cell as a datetime at midnight, an empty text as None."""
    if isinstance(value, datetime):
        assert value.time() == datetime.min.time()
        return value.date()
    return "" if value is None else value


def test_the_csv(in_care, tmp_path):
    out = tmp_path / "annex-a.csv"
    assert annex_a.write(in_care, CENSUS, out) == 3
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(annex_a.COLUMNS)
    assert rows[1] == [
        '\'=HYPERLINK("http://example.invalid")',
        "Female",
        "WBRI",
        "01/04/2011",
        "14",
        "No",
        "0",
        "1",
        "",
        "",
    ]
    assert rows[2][0] == "LA0001" and rows[3][8:] == ["Unknown", "Unknown"]
