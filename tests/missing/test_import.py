import pytest

from register import missing
from register.imports import spreadsheet
from register.imports.spreadsheet import ImportCancelled, ImportRefused
from register.missing.import_csv import import_missing
from tests.helpers.spreadsheets import GOOD, write


def counts(register):
    written = register.db.execute(
        "SELECT COUNT(*) FROM audit_log WHERE actor NOT IN ('default calendar', 'register upgrade')"
    ).fetchone()[0]
    return {t: register.db[t].count for t in ("children", "missing_episodes", "return_interviews")} | {
        "audit_log": written
    }


def test_import_adds_children_episodes_and_interviews(register, tmp_path):
    summary = import_missing(register, write(tmp_path, GOOD))
    assert summary.counts == {"children added": 3, "episodes added": 4, "interviews added": 2}
    assert counts(register)["children"] == 3
    zofia = register.db.execute("SELECT id FROM children WHERE la_id = 'LA001'").fetchone()[0]
    first, second = missing.episodes_for_child(register, zofia)
    assert first.interview_state == "in_time" and second.interview_state == "declined"
    assert register.db.execute("SELECT surname FROM children WHERE forenames = 'محمد'").fetchone()[0] == "خان"


def test_importing_the_same_file_twice_adds_nothing(register, tmp_path):
    path = write(tmp_path, GOOD)
    import_missing(register, path)
    before = counts(register)
    summary = import_missing(register, path)
    assert counts(register) == before
    assert "children added" not in summary.counts and "episodes added" not in summary.counts


def test_one_bad_row_writes_nothing_and_every_problem_is_reported(register, tmp_path):
    bad = [
        *GOOD,
        "LA003,Andrei,Popescu,31/02/2012,M,WROM,N,M,20/11/2026 10:00,,,,,,",  # no such date
        "LA004,Ioana,Stoica,01/01/2012,F,WROM,N,M,20/11/2026 10:00,19/11/2026 10:00,,,,,",  # end before start
        "LA001,Zofia,Kowalska,01/05/2012,F,WOTH,N,M,21/11/2026 08:00,21/11/2026 12:00,,,,,",  # overlaps row 2
        "LA005,Kwame,Mensah,01/01/2012,M,BAFR,maybe,M,20/11/2026 10:00,,,,,,",  # looked_after
    ]
    with pytest.raises(ImportRefused) as refused:
        import_missing(register, write(tmp_path, bad))
    found = {(p.row, p.column) for p in refused.value.problems}
    assert found == {(6, "dob"), (7, "ended"), (8, "started"), (9, "looked_after")}
    assert "Row 7, ended:" in str(refused.value)
    assert counts(register) == {"children": 0, "missing_episodes": 0, "return_interviews": 0, "audit_log": 0}


def test_a_start_on_the_date_of_birth_is_refused_as_the_form_refuses_it(register, tmp_path):
    on_birthday = "LA006,Amira,Hassan,14/02/2013,F,AOTH,N,M,14/02/2013 10:00,14/02/2013 11:00,,,,,"  # 903 rule 586
    with pytest.raises(ImportRefused) as refused:
        import_missing(register, write(tmp_path, [*GOOD, on_birthday]))
    assert [(p.row, p.column, p.problem) for p in refused.value.problems] == [
        (
            6,
            "started",
            "This is on or before the child's date of birth (14/02/2013): an episode starts after it. Check the date.",
        )
    ]
    assert counts(register)["missing_episodes"] == 0


def test_a_file_without_the_columns_is_refused(register, tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("name,date\nx,y\n")
    with pytest.raises(ImportRefused, match="lacks the column"):
        import_missing(register, path)


def test_cancelling_writes_nothing(register, tmp_path):
    with pytest.raises(ImportCancelled):
        import_missing(register, write(tmp_path, GOOD), progress=lambda done, total: done < 3)
    assert counts(register)["missing_episodes"] == 0


def test_each_imported_record_has_its_audit_row_as_a_form_save_leaves_it(register, tmp_path):
    from register.core.audit import history

    import_missing(register, write(tmp_path, GOOD))
    for table in ("children", "missing_episodes", "return_interviews"):
        for stored in register.db.query(f"SELECT * FROM {table}"):
            [entry, *links] = history(register, table, stored["id"])
            assert (entry.action, entry.actor, entry.before, entry.after) == ("insert", "Jo Coordinator", None, stored)
            if table == "return_interviews":
                [episode_id] = [
                    row[0]
                    for row in register.db.execute(
                        "SELECT episode_id FROM interview_episodes WHERE interview_id = ?", [stored["id"]]
                    )
                ]
                assert [(link.action, link.after) for link in links] == [("link", {"episodes": [episode_id]})]
            else:
                assert links == []


def test_an_interview_imported_for_an_episode_already_in_the_register_updates_its_state(register, tmp_path):
    """The first file has Zofia's episodes without their interviews; the second adds the interviews.
    Each episode's interview state is then derived again, as saving the interview in the form does."""
    without = [",".join(row.split(",")[:12] + ["", "", ""]) for row in GOOD[:2]]
    import_missing(register, write(tmp_path, without, "first.csv"))
    zofia = register.db.execute("SELECT id FROM children WHERE la_id = 'LA001'").fetchone()[0]
    assert [e.interview_state for e in missing.episodes_for_child(register, zofia)] == ["pending", "pending"]
    summary = import_missing(register, write(tmp_path, GOOD[:2], "second.csv"))
    assert summary.counts == {
        "children already in the register": 1,
        "episodes already in the register": 2,
        "interviews added": 2,
    }
    first, second = missing.episodes_for_child(register, zofia)
    assert (first.interview_state, second.interview_state) == ("in_time", "declined")
    derived = register.db.execute(
        "SELECT count(*) FROM audit_log WHERE action = 'derive' AND table_name = 'missing_episodes'"
    ).fetchone()[0]
    assert derived == 2


def test_an_import_keeps_its_rows_on_disk_not_in_memory(register, tmp_path):
    """SQLCipher's SQLite keeps temporary tables in memory unless told: the rows and plans an import
    stages there would then grow with the file (479 MB at 150,000 rows)."""
    seen = []

    def progress(done, total):
        seen.append(register.db.execute("PRAGMA temp_store").fetchone()[0])
        return True

    import_missing(register, write(tmp_path, GOOD), progress)
    assert seen and set(seen) == {1}  # FILE, while the import works
    assert register.db.execute("PRAGMA temp_store").fetchone()[0] == 0  # and the default again after


def _statements_reading(register, tables):
    """A list that fills with each statement the register's connection runs that reads one of ``tables``."""
    seen = []
    register.db.conn.set_trace_callback(
        lambda sql: (
            seen.append(sql) if sql.lstrip().upper().startswith("SELECT") and any(t in sql for t in tables) else None
        )
    )
    return seen


def test_an_import_reads_the_register_a_batch_of_children_at_a_time_not_a_child_at_a_time(register, tmp_path):
    """1,200 children, two episodes each (the first with its interview): imported, then imported again,
    the children, their identifiers, episodes and interviews are read in a few queries for each 500
    children (once at least 5 a child: 6,000 queries the second time)."""
    rows = []
    for n in range(1200):
        child = f"LB{n:05d},Child{n},Bulk,01/01/2012,F,,N,M"
        rows.append(f"{child},01/03/2025 10:00,01/03/2025 12:00,,,02/03/2025 10:00,accepted,03/03/2025 10:00")
        rows.append(f"{child},01/04/2025 10:00,01/04/2025 12:00,,,,,")
    path = write(tmp_path, rows)
    tables = ("children", "missing_episodes", "interview_episodes", "return_interviews")
    first = _statements_reading(register, tables)
    assert import_missing(register, path).counts == {
        "children added": 1200,
        "episodes added": 2400,
        "interviews added": 1200,
    }
    again = _statements_reading(register, tables)
    assert import_missing(register, path).counts == {
        "children already in the register": 1200,
        "episodes already in the register": 2400,
    }
    register.db.conn.set_trace_callback(None)
    assert len(first) < 20 and len(again) < 20
    assert counts(register) == {"children": 1200, "missing_episodes": 2400, "return_interviews": 1200} | {
        "audit_log": 1200 + 2400 + 1200 + 1200  # a record each, and each interview's link to its episode
    }


def test_the_summary_says_how_long_each_part_of_the_import_took(register, tmp_path):
    seconds = import_missing(register, write(tmp_path, GOOD)).seconds
    parts = ["reading", "checking", "waiting", "writing"]
    assert list(seconds.wall) == parts and list(seconds.cpu) == parts
    assert all(value >= 0 for value in [*seconds.wall.values(), *seconds.cpu.values()])
    assert seconds.wall["writing"] > 0


def test_of_more_problems_than_are_kept_those_of_the_first_rows_are_told(register, tmp_path, monkeypatch):
    """Rows are checked child by child (by child_ref), not in the file's order: the problems kept are
    still the first rows'."""
    monkeypatch.setattr(spreadsheet, "_PROBLEMS_KEPT", 2)
    before_birth = ",Child,Early,01/01/2012,F,,N,M,01/01/2011 10:00,01/01/2011 12:00,,,,,"
    path = write(tmp_path, [f"LZ001{before_birth}", f"LA001{before_birth}", f"LM001{before_birth}"])
    with pytest.raises(ImportRefused) as refused:
        import_missing(register, path)
    assert refused.value.total == 3
    assert [(problem.row, problem.column) for problem in refused.value.problems] == [(2, "started"), (3, "started")]
