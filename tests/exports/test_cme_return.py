"""The termly CME return, worked out by hand at the autumn 2026 census date (Thursday 1 October 2026)."""

from __future__ import annotations

import csv
from datetime import date

import openpyxl

from register import education, people
from register.core import codes
from register.exports import cme_return

AUTUMN_2026 = cme_return.term("autumn-2026")


def test_census_dates_are_the_school_census_thursdays():
    assert AUTUMN_2026.census == date(2026, 10, 1)  # the first Thursday in October is the 1st
    assert cme_return.term("autumn-2025").census == date(2025, 10, 2)
    assert cme_return.term("Spring-2027").census == date(2027, 1, 21)  # third Thursday: the 1st is a Friday
    assert cme_return.term("summer-2027").census == date(2027, 5, 20)
    assert cme_return.term("summer-2027").school_year_starts == date(2026, 9, 1)


def _case(register, forenames, sex, born, referred, reason, closed=None, note=""):
    child = people.save_child(register, people.Child(forenames, "Test", born, sex))
    case = education.save_case(
        register, education.CmeCase(child.id, referred, "admissions", reason, school_age_note=note)
    )
    if closed:
        education.close_case(register, case, "on_roll_here", closed)
    return child


def _filled(register):
    _case(register, "Ann", "F", date(2015, 3, 15), date(2026, 10, 1), "not_on_roll")  # referred on the census day
    _case(register, "Bob", "M", date(2014, 9, 1), date(2026, 9, 3), "deletion_g", date(2026, 10, 1))  # closed on it
    _case(register, "Cal", "M", date(2014, 8, 31), date(2026, 9, 3), "absent_10_days", date(2026, 10, 2))  # day after
    _case(register, "Dee", "F", date(2022, 1, 10), date(2026, 6, 4), "other", note="Reception place lost")
    _case(register, "Eli", "M", date(2009, 5, 5), date(2026, 8, 1), "deletion_f", note="Year 13, sixth form")
    _case(register, "Fay", "F", date(2013, 1, 1), date(2026, 7, 1), "other", date(2026, 8, 31))  # closed before 1/9
    _case(register, "Gus", "M", date(2013, 1, 1), date(2026, 7, 1), "other", date(2026, 9, 1))  # closed on 1/9
    _case(register, "Hal", "M", date(2013, 1, 1), date(2026, 10, 2), "other")  # referred the day after
    ivy = _case(register, "Ivy", "F", date(2016, 2, 2), date(2026, 1, 1), "other", date(2026, 2, 1))
    education.save_case(register, education.CmeCase(ivy.id, date(2026, 9, 10), "health", "not_on_roll"))


# Worked out from the rules (register/exports/cme_return.py): on 1 October 2026 Ann (Year 7, 0 days),
# Cal (born 31 August: Year 8, 28 days), Dee (Reception, 119 days), Eli (17 on 31 August: above Year 11,
# 61 days) and Ivy (Year 6, 21 days; her earlier case closed in February) were missing education; in
# the school year from 1 September, also Bob and Gus; not Fay (closed 31 August) or Hal (referred 2 October).
MEASURE = "Missing education on the census date"
EXPECTED = {
    (MEASURE, "All"): 5,
    (f"{MEASURE}, by sex", "Male"): 2,
    (f"{MEASURE}, by sex", "Female"): 3,
    (f"{MEASURE}, by year group", "Reception"): 1,
    (f"{MEASURE}, by year group", "Year 6"): 1,
    (f"{MEASURE}, by year group", "Year 7"): 1,
    (f"{MEASURE}, by year group", "Year 8"): 1,
    (f"{MEASURE}, by year group", "Below Reception or above Year 11"): 1,
    (f"{MEASURE}, by length of time", "Under 4 weeks"): 2,
    (f"{MEASURE}, by length of time", "4 weeks to under 8 weeks"): 1,
    (f"{MEASURE}, by length of time", "8 weeks to under 12 weeks"): 1,
    (f"{MEASURE}, by length of time", "12 weeks or more"): 1,
    (f"{MEASURE}, by primary reason", codes.CME_REASONS["not_on_roll"]): 2,
    (f"{MEASURE}, by primary reason", codes.CME_REASONS["absent_10_days"]): 1,
    (f"{MEASURE}, by primary reason", codes.CME_REASONS["other"]): 1,
    (f"{MEASURE}, by primary reason", codes.CME_REASONS["deletion_f"]): 1,
    ("Missing education at any time in the school year to the census date", "All"): 7,
}


def test_the_census_date_counts_and_the_year_to_date(register):
    _filled(register)
    rows = cme_return.figures(register, AUTUMN_2026)
    assert {(measure, breakdown): n for measure, breakdown, n in rows if n} == EXPECTED
    assert len(rows) == 1 + 3 + 13 + 4 + 7 + 1  # every category listed, with 0 where none


def test_the_return_as_csv_and_as_a_workbook(register, tmp_path):
    _filled(register)
    out = tmp_path / "cme.csv"
    assert cme_return.write(register, AUTUMN_2026, out) == 29
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[:2] == [list(cme_return.COLUMNS), [MEASURE, "All", "5"]]
    book = tmp_path / "cme.xlsx"
    cme_return.write(register, AUTUMN_2026, book)
    sheet = openpyxl.load_workbook(book)["CME return"]
    read = list(sheet.iter_rows(values_only=True))
    assert read[0][0] == "Children missing education return, autumn 2026: census date 01/10/2026"
    assert read[1] == cme_return.COLUMNS
    assert read[2] == (MEASURE, "All", 5) and read[-1][2] == 7
