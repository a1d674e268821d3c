"""Absences are counted in school days by the term calendar, with a warning for dates that are not school
days: in the form, in the chronology and in the import (the calendar a new register seeds: October
half-term 2026 is Monday 26 to Friday 30 October)."""

from __future__ import annotations

from datetime import date

from register import education
from register.core import term_calendar
from register.education.import_csv import ABSENCE_COLUMNS, NOT_SCHOOL_DAYS, import_absences
from tests.helpers.spreadsheets import write_csv
from tests.helpers.widgets import last_dialog, save, type_into

HALF_TERM = "26/10/2026 and 30/10/2026 are not school days (a weekend, holiday or closure in the term calendar)"


def test_the_register_counts_school_days_and_warns_of_dates_outside_them(register):
    calendar = term_calendar.calendar(register)
    # Mon 19/10 to Fri 06/11: a week of term, half-term, a week of term: 10 school days, ends in term.
    assert education.absence_school_days(calendar, date(2026, 10, 19), date(2026, 11, 6)) == (10, "")
    days, warning = education.absence_school_days(calendar, date(2026, 10, 26), date(2026, 10, 30))
    assert days == 0 and warning == f"{HALF_TERM}: check the dates."
    # Saturday 24/10 to Friday 23/10's next school week: only the Saturday is outside.
    days, warning = education.absence_school_days(calendar, date(2026, 10, 24), date(2026, 11, 6))
    assert days == 5 and warning.startswith("24/10/2026 is not a school day")


def test_the_form_counts_school_days_and_warns_over_half_term(qtbot, window, register, pupil):
    record = window.open_child(pupil.id)
    record.buttons["absence"].click()
    form = last_dialog(record)
    type_into(qtbot, form.school_urn, "123456")
    type_into(qtbot, form.school_name, "Oak Park Primary")
    type_into(qtbot, form.from_on, "19/10/2026")
    type_into(qtbot, form.to_on, "06/11/2026")
    assert form.school_days.text() == "10 school days"
    type_into(qtbot, form.from_on, "26/10/2026")
    type_into(qtbot, form.to_on, "30/10/2026")
    assert form.school_days.text() == f"0 school days. ⚠ {HALF_TERM}: check the dates."
    save(form)  # a warning, not a refusal: the school may have reported it so
    assert not form.isVisible() and register.db["absences"].count == 1
    line = next(
        record.chronology.item(row, 3).text()
        for row in range(record.chronology.rowCount())
        if record.chronology.item(row, 1).text() == "Absent from school"
    )
    assert "to 30/10/2026, 0 school days (26/10/2026 and 30/10/2026 are not school days" in line


def test_an_import_counts_the_absences_whose_dates_are_not_school_days(register, tmp_path):
    rows = [
        "LA101,Andrei,Popescu,12/03/2013,M,123456,Oak Park Primary,19/10/2026,23/10/2026,10",
        "LA101,Andrei,Popescu,12/03/2013,M,123456,Oak Park Primary,26/10/2026,30/10/2026,",
        "LA102,Ana,Pop,12/03/2013,F,123456,Oak Park Primary,21/11/2026,27/11/2026,",
    ]
    summary = import_absences(register, write_csv(tmp_path, ABSENCE_COLUMNS, rows))
    assert summary.counts["absences added"] == 3 and summary.counts[NOT_SCHOOL_DAYS] == 2
    assert f"3 absences added, 2 {NOT_SCHOOL_DAYS}" in str(summary)
