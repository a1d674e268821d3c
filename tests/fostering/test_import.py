from datetime import date
from pathlib import Path

import pytest

from register import fostering, people
from register.fostering.import_csv import COLUMNS, import_fostering
from register.imports.spreadsheet import ImportRefused

ROWS = [
    "LA201,Chiamaka,Okafor,02/04/2011,F,N,02/11/2026,carer,advance,20/11/2026,,,Grace Adeyemi,family_friend,05/11/2026,Y",
    "LA202,Kwame,Mensah,01/01/2012,M,Y,2026-03-02,School,late,2026-03-01,2026-07-20,returned_to_parents,Ama Boateng,cousin,2026-03-09,N",
]


def write(tmp_path: Path, lines) -> Path:
    path = tmp_path / "fostering.csv"
    path.write_text("\n".join([",".join(COLUMNS), *lines]) + "\n", encoding="utf-8")
    return path


def test_import_adds_arrangements_and_visits_once(register, tmp_path):
    summary = import_fostering(register, write(tmp_path, ROWS))
    assert summary.counts == {"children added": 2, "arrangements added": 2, "initial visits added": 2}
    kwame = register.db.execute("SELECT id FROM children WHERE la_id = 'LA202'").fetchone()[0]
    arrangement = fostering.arrangements_for_child(register, kwame)[0]
    assert (arrangement.notice, arrangement.disabled, arrangement.end_reason) == ("late", True, "returned_to_parents")
    visit = fostering.visits_for_arrangement(register, arrangement.id)[0]
    assert (visit.kind, visit.seen_alone) == ("initial", False)
    import_fostering(register, write(tmp_path, ROWS))
    assert register.db["pf_arrangements"].count == 2 and register.db["pf_visits"].count == 2


def test_bad_rows_write_nothing(register, tmp_path):
    lines = [
        *ROWS,
        "LA203,Ana,Stoica,01/01/2012,F,N,02/11/2026,carer,,20/11/2026,,,Maria Stoica,grandparent,,",  # close relative
        "LA204,Omar,Haddad,01/01/2009,M,N,02/11/2026,carer,,20/11/2026,,,Sam Lee,family_friend,,",  # 17 at the start
        "LA205,Ioana,Popescu,01/01/2013,F,N,02/11/2026,carer,,20/11/2026,,,Sam Lee,family_friend,01/11/2026,Y",  # visit first
        "LA206,Maja,Nowak,01/01/2013,F,N,02/11/2026,carer,,20/11/2026,19/11/2026,moved_carer,Sam Lee,cousin,,",  # end first
    ]
    with pytest.raises(ImportRefused) as refused:
        import_fostering(register, write(tmp_path, lines))
    assert {(p.row, p.column) for p in refused.value.problems} == {
        (4, "carer_relationship"),
        (5, "started_on"),
        (6, "initial_visit_on"),
        (7, "ended_on"),
    }
    assert register.db["pf_arrangements"].count == 0 and register.db["children"].count == 0


def test_each_imported_record_has_its_audit_row_as_a_form_save_leaves_it(register, tmp_path):
    """Kwame's arrangement ended: it is added once, ended, beside its initial visit (one insert, no update)."""
    from register.core.audit import history

    import_fostering(register, write(tmp_path, ROWS))
    for table in ("children", "pf_arrangements", "pf_visits"):
        for stored in register.db.query(f"SELECT * FROM {table}"):
            [entry] = history(register, table, stored["id"])
            assert (entry.action, entry.actor, entry.before, entry.after) == ("insert", "Jo Coordinator", None, stored)
    assert register.db.execute("SELECT count(*) FROM pf_arrangements WHERE ended_on IS NOT NULL").fetchone()[0] == 1


def _stored_open_arrangement(register):
    child = people.save_child(register, people.Child("Ana", "Stoica", date(2012, 1, 1), "F", la_id="LA210"))
    return fostering.save_arrangement(
        register,
        fostering.Arrangement(
            child.id, date(2026, 9, 1), "carer", "notified", date(2026, 9, 1), "Sam Lee", "family_friend"
        ),
    )


def test_a_row_ending_a_stored_open_arrangement_changes_it_as_a_form_save_would(register, tmp_path):
    from register.core.audit import history

    stored = _stored_open_arrangement(register)
    line = "LA210,Ana,Stoica,01/01/2012,F,N,01/09/2026,carer,,,20/11/2026,returned_to_parents,Sam Lee,family_friend,03/09/2026,Y"
    summary = import_fostering(register, write(tmp_path, [line]))
    assert summary.counts == {
        "children already in the register": 1,
        "arrangements already in the register": 1,
        "initial visits added": 1,
    }
    ended = fostering.get_arrangement(register, stored.id)
    assert (ended.ended_on, ended.end_reason, ended.version) == (date(2026, 11, 20), "returned_to_parents", 2)
    [inserted, changed] = history(register, "pf_arrangements", stored.id)
    assert (changed.action, changed.after) == ("update", register.db["pf_arrangements"].get(stored.id))
    assert changed.changes() == [("ended_on", None, "2026-11-20"), ("end_reason", None, "returned_to_parents")]


def test_a_second_open_arrangement_is_refused_against_the_stored_one_and_one_planned_earlier_in_the_file(
    register, tmp_path
):
    _stored_open_arrangement(register)
    lines = [
        "LA210,Ana,Stoica,01/01/2012,F,N,01/10/2026,carer,,,,,Jo Bell,family_friend,,",  # Ana's is open already
        "LA211,Maja,Nowak,01/01/2013,F,N,20/10/2026,carer,,,,,Sam Lee,cousin,,",  # checked after row 4: refused
        "LA211,Maja,Nowak,01/01/2013,F,N,05/10/2026,carer,,,,,Jo Bell,cousin,,",
        "LA211,Maja,Nowak,01/01/2013,F,N,01/09/2026,carer,,,30/09/2026,moved_carer,Al Day,cousin,,",  # ended: fine
        "LA212,Omar,Haddad,01/01/2013,M,N,01/09/2026,carer,,,10/09/2026,moved_carer,Al Day,cousin,15/09/2026,Y",
    ]
    with pytest.raises(ImportRefused) as refused:
        import_fostering(register, write(tmp_path, lines))
    problems = {(p.row, p.column): p.problem for p in refused.value.problems}
    assert set(problems) == {(2, "notified_on"), (3, "notified_on"), (6, "ended_on")}
    assert "already has an open private fostering arrangement (notified 01/09/2026)" in problems[(2, "notified_on")]
    assert "already has an open private fostering arrangement (notified 05/10/2026)" in problems[(3, "notified_on")]
    assert problems[(6, "ended_on")] == "A visit is recorded after this end date, on 15/09/2026."
    assert register.db["pf_arrangements"].count == 1


def test_an_ended_arrangement_is_checked_as_it_will_be_stored(register, tmp_path):
    """An earlier arrangement that ended is not open beside the child's open one, whichever comes first."""
    _stored_open_arrangement(register)
    line = (
        "LA210,Ana,Stoica,01/01/2012,F,N,01/03/2026,carer,,,31/05/2026,moved_carer,Jo Bell,family_friend,05/03/2026,Y"
    )
    summary = import_fostering(register, write(tmp_path, [line]))
    assert summary.counts["arrangements added"] == 1
    assert register.db["pf_arrangements"].count == 2


def test_whether_the_child_was_seen_alone_is_said_never_assumed(register, tmp_path):
    """A visit with seen_alone blank is refused (the board counts the share seen alone); so is a seen_alone
    with no visit for it to describe. Blank both, and the arrangement is taken with no visit."""
    lines = [
        "LA207,Ada,Obi,01/01/2012,F,N,02/11/2026,carer,,20/11/2026,,,Sam Lee,family_friend,23/11/2026,",
        "LA208,Bea,Obi,01/01/2012,F,N,02/11/2026,carer,,20/11/2026,,,Sam Lee,family_friend,,N",
    ]
    with pytest.raises(ImportRefused) as refused:
        import_fostering(register, write(tmp_path, lines))
    assert [(p.row, p.column) for p in refused.value.problems] == [(2, "seen_alone"), (3, "seen_alone")]
    assert "seen alone" in refused.value.problems[0].problem
    assert register.db["pf_arrangements"].count == 0
    summary = import_fostering(register, write(tmp_path, [lines[1][:-1]]))
    assert summary.counts == {"children added": 1, "arrangements added": 1}
