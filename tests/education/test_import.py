import pytest

from register import education
from register.education.import_csv import ABSENCE_COLUMNS, CASE_COLUMNS, import_absences, import_cases
from register.imports.spreadsheet import ImportRefused
from tests.helpers.spreadsheets import ABSENCES, CASES, write_csv


def test_cases_import_whole_then_adds_nothing_again(register, tmp_path):
    path = write_csv(tmp_path, CASE_COLUMNS, CASES)
    summary = import_cases(register, path)
    assert summary.counts == {"children added": 2, "cases added": 3}
    andrei = register.db.execute("SELECT id FROM children WHERE la_id = 'LA101'").fetchone()[0]
    first, second = education.cases_for_child(register, andrei)
    assert (first.reason, first.outcome, first.referred_by) == ("deletion_i", "left_country", "police")
    assert (second.referrer_urn, second.is_open) == ("123456", True)
    again = import_cases(register, path)
    assert register.db["cme_cases"].count == 3 and "cases added" not in again.counts


def test_bad_case_rows_are_all_reported_and_nothing_written(register, tmp_path):
    lines = [
        *CASES,
        "LA103,Maja,Nowak,05/01/2012,F,10/11/2026,school,other,,N,,",  # "school" without a URN
        "LA104,Omar,Haddad,05/01/2012,M,10/11/2026,police,other,,N,,09/11/2026",  # closed before referral, no outcome
        "LA105,Ama,Mensah,05/01/2012,F,10/11/2026,police,truancy,,N,,",  # unknown reason
    ]
    with pytest.raises(ImportRefused) as refused:
        import_cases(register, write_csv(tmp_path, CASE_COLUMNS, lines))
    found = {(problem.row, problem.column) for problem in refused.value.problems}
    assert found == {(5, "referred_by"), (6, "closed_on"), (6, "outcome"), (7, "reason")}
    assert register.db["cme_cases"].count == 0 and register.db["children"].count == 0


def test_absences_import_and_make_a_run(register, tmp_path):
    summary = import_absences(register, write_csv(tmp_path, ABSENCE_COLUMNS, ABSENCES))
    assert summary.counts == {"children added": 2, "absences added": 3}
    assert register.db["schools"].get("654321")["name"] == "Elm Academy"
    assert (
        import_absences(register, write_csv(tmp_path, ABSENCE_COLUMNS, ABSENCES)).counts.get("absences added") is None
    )


def test_bad_absence_rows(register, tmp_path):
    lines = [
        "LA101,Andrei,Popescu,12/03/2013,M,12345,Oak Park Primary,19/10/2026,23/10/2026,10",
        "LA101,Andrei,Popescu,12/03/2013,M,123456,Oak Park Primary,23/10/2026,19/10/2026,",
        "LA101,Andrei,Popescu,12/03/2013,M,123456,Oak Park Primary,19/10/2026,20/10/2026,lots",
    ]
    with pytest.raises(ImportRefused) as refused:
        import_absences(register, write_csv(tmp_path, ABSENCE_COLUMNS, lines))
    assert {(p.row, p.column) for p in refused.value.problems} == {(2, "school_urn"), (3, "to"), (4, "sessions_missed")}
    assert register.db["absences"].count == 0
