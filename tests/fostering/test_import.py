from pathlib import Path

import pytest

from register import fostering
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
