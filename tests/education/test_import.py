import json
from datetime import date

import pytest

from register import education, people
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


def _assert_one_insert_each(register, table, key="id"):
    """Each row of ``table`` has exactly one audit row, its insert, holding the row as stored."""
    from register.core.audit import history

    rows = list(register.db.query(f"SELECT rowid AS audit_id, * FROM {table}"))
    assert rows
    for stored in rows:
        row_id = stored.pop("audit_id")
        [entry] = history(register, table, row_id)
        assert (entry.action, entry.actor, entry.before, entry.after) == ("insert", "Jo Coordinator", None, stored)


def test_each_imported_case_has_its_audit_row_as_a_form_save_leaves_it(register, tmp_path):
    import_cases(register, write_csv(tmp_path, CASE_COLUMNS, CASES))
    for table in ("children", "cme_cases"):
        _assert_one_insert_each(register, table)


def test_each_imported_absence_and_new_school_has_its_audit_row_as_a_form_save_leaves_it(register, tmp_path):
    education.save_absence(
        register,
        education.Absence(
            people.save_child(register, people.Child("Ada", "Lee", date(2013, 1, 1), "F")).id,
            "111111",
            date(2026, 10, 1),
            date(2026, 10, 2),
            school_name="Ash Primary",
        ),
    )
    import_absences(register, write_csv(tmp_path, ABSENCE_COLUMNS, ABSENCES))
    for table in ("children", "absences", "schools"):
        _assert_one_insert_each(register, table)
    form, imported = (
        [
            (row["action"], row["table_name"], json.loads(row["after"]))
            for row in register.db.query(
                "SELECT * FROM audit_log WHERE table_name = 'schools' "
                "AND row_id = (SELECT rowid FROM schools WHERE urn = ?)",
                [urn],
            )
        ]
        for urn in ("111111", "123456")
    )
    assert form == [("insert", "schools", {"urn": "111111", "name": "Ash Primary"})]
    assert imported == [("insert", "schools", {"urn": "123456", "name": "Oak Park Primary"})]  # named once, added once


def test_a_second_open_case_is_refused_against_the_stored_one_and_one_planned_earlier_in_the_file(
    register, pupil, tmp_path
):
    education.save_case(register, education.CmeCase(pupil.id, date(2026, 9, 1), "police", "other"))
    lines = [
        ",Andrei,Popescu,12/03/2013,M,01/10/2026,police,other,,N,,",  # Andrei's case is open already
        "LA301,Maja,Nowak,05/01/2013,F,20/10/2026,police,other,,N,,",  # checked after row 4: refused
        "LA301,Maja,Nowak,05/01/2013,F,05/10/2026,police,other,,N,,",
        "LA301,Maja,Nowak,05/01/2013,F,01/09/2026,police,other,,N,left_country,15/09/2026",  # closed: fine
    ]
    with pytest.raises(ImportRefused) as refused:
        import_cases(register, write_csv(tmp_path, CASE_COLUMNS, lines))
    problems = {(p.row, p.column): p.problem for p in refused.value.problems}
    assert set(problems) == {(2, "referred_on"), (3, "referred_on")}
    assert "already has an open CME case (referred 01/09/2026)" in problems[(2, "referred_on")]
    assert "already has an open CME case (referred 05/10/2026)" in problems[(3, "referred_on")]
    assert register.db["cme_cases"].count == 1


def test_an_overlapping_absence_is_refused_against_the_stored_one_and_one_planned_earlier_in_the_file(
    register, pupil, tmp_path
):
    education.save_absence(
        register, education.Absence(pupil.id, "123456", date(2026, 10, 19), date(2026, 10, 23), school_name="Oak")
    )
    lines = [
        ",Andrei,Popescu,12/03/2013,M,123456,,21/10/2026,22/10/2026,",  # overlaps the stored one
        ",Andrei,Popescu,12/03/2013,M,654321,,21/10/2026,22/10/2026,",  # another school: fine
        "LA301,Maja,Nowak,05/01/2013,F,777777,,05/11/2026,10/11/2026,",  # overlaps row 5, checked first
        "LA301,Maja,Nowak,05/01/2013,F,777777,Birch School,03/11/2026,06/11/2026,",
        "LA302,Omar,Haddad,05/01/2013,M,888888,,03/11/2026,06/11/2026,",  # a new school nobody names
    ]
    with pytest.raises(ImportRefused) as refused:
        import_absences(register, write_csv(tmp_path, ABSENCE_COLUMNS, lines))
    problems = {(p.row, p.column): p.problem for p in refused.value.problems}
    assert set(problems) == {(2, "from"), (3, "school_name"), (4, "from"), (6, "school_name")}
    assert "overlaps the absence already logged at this school from 19/10/2026" in problems[(2, "from")]
    assert "overlaps the absence already logged at this school from 03/11/2026" in problems[(4, "from")]
    assert register.db["absences"].count == 1


def test_a_school_new_to_the_register_need_be_named_once_in_the_file(register, tmp_path):
    lines = [
        "LA301,Maja,Nowak,05/01/2013,F,777777,,03/11/2026,06/11/2026,",  # checked first
        "LA302,Omar,Haddad,05/01/2013,M,777777,Birch School,05/11/2026,10/11/2026,",
    ]
    summary = import_absences(register, write_csv(tmp_path, ABSENCE_COLUMNS, lines))
    assert summary.counts == {"children added": 2, "absences added": 2}
    assert [dict(row) for row in register.db.query("SELECT * FROM schools")] == [
        {"urn": "777777", "name": "Birch School"}
    ]
    _assert_one_insert_each(register, "schools")
