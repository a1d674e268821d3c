"""The tamper-evident trail: each audit row's hash is chained to the row before, and `check` names what was
changed, added or deleted behind the program's back (with sqlite3), in the audit trail or in the records."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from register import Actor, missing, open_register, people
from register.cli import main
from register.core import audit, migrations, trail
from register.core.db import APPLICATION_ID, DEMO_FILE
from register.core.sqlite import sqlite3
from register.missing.import_csv import import_missing
from tests.helpers.spreadsheets import GOOD, write
from tests.helpers.values import at
from tests.helpers.writer import finish, start


def behind_the_programs_back(path: Path, *statements: str) -> None:
    """What someone with the file and sqlite3 does: plain SQL on a connection of its own."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()


def check(tmp_path: Path, capsys) -> tuple[int, list[str]]:
    """`python -m register check` on the register in tmp_path: its exit code and the lines it printed."""
    code = main(["--data-dir", str(tmp_path), "--demo", "check"])  # a plain register, as the demo is
    return code, capsys.readouterr().out.splitlines()


def check_end(path: Path) -> str:
    """The line check ends with: where the audit trail ends (here: its last row, as stored)."""
    last_id, last_hash = audit_rows(path)[-1][::9]
    return (
        f"The audit trail ends at row {last_id}, hash {last_hash}. Written down outside the register, this shows "
        f"later whether the trail was rewritten: row {last_id} must still have this hash."
    )


@pytest.fixture
def worked(tmp_path, now):
    """A register with Zofia (child 1) and her episode 1 (risk grade high), saved by Jo Coordinator."""
    register = open_register(tmp_path / DEMO_FILE, Actor("Jo Coordinator"))
    zofia = people.save_child(register, people.Child("Zofia", "Kowalska", date(2012, 5, 1), "F"))
    missing.save_episode(register, missing.Episode(zofia.id, "M", at("20/11/2026 22:15"), risk_grade="high"))
    register.close()
    return tmp_path / DEMO_FILE


def audit_rows(path: Path) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT id, at, actor, role, action, table_name, row_id, before, after, hash FROM audit_log ORDER BY id"
        ).fetchall()
    finally:
        connection.close()


def test_each_audit_row_holds_the_sha256_of_its_content_and_the_hash_before_it(register):
    rows = audit_rows(register.path)
    # Worked from the rule in docs/security.md: the JSON array [hash before, id, at, actor, role, action,
    # table_name, row_id, before, after], compact, the before/after JSON as a string; "" before the first row.
    # A new file's first row says that the CME outcomes it starts with were there when the trail began.
    first, second = rows[0], rows[1]
    text = (
        f'["",1,"{first[1]}","register upgrade","system","bulk insert","cme_outcomes",0,null,'
        r'"{\"description\":\"the CME outcomes the register started with\",\"last_id\":9}"]'
    )
    assert first[9] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert second[:7] == (2, "2026-11-27T17:00:00Z", "default calendar", "system", "insert", "school_terms", 1)
    text = f'["{first[9]}",2,"2026-11-27T17:00:00Z","default calendar","system","insert","school_terms",1,null,'
    text += json.dumps(second[8], ensure_ascii=False) + "]"
    assert second[9] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert trail.head(register, trail.AUDIT_TRAIL) == trail.Head(len(rows), rows[-1][0], rows[-1][9])


def test_a_register_written_only_by_the_program_passes_its_check(tmp_path, now, capsys):
    register = open_register(tmp_path / DEMO_FILE, Actor("Jo Coordinator"))
    import_missing(register, write(tmp_path, GOOD))  # the bulk path: records, interviews and their links
    # Text that JSON escapes, and letters outside ASCII, written by the one-record path.
    child = people.save_child(register, people.Child('Zoë "Jo"', "O'Brien-Łukasz 🙂", date(2012, 5, 1), "F"))
    episode = missing.save_episode(
        register, missing.Episode(child.id, "M", at("20/11/2026 22:15"), notes='Said: "back later"\n\tthen \\ left')
    )
    episode = missing.save_episode(register, missing.Episode(**{**episode.__dict__, "risk_grade": "low"}))
    missing.delete_episode(register, episode, "entered twice")
    register.close()
    code, said = check(tmp_path, capsys)
    assert said[0] == f"{tmp_path / DEMO_FILE}: no problems found" and code == 0
    assert said[1] == check_end(tmp_path / DEMO_FILE)  # to be written down outside the register


def test_an_audit_row_edited_with_sqlite3_is_named_by_check(worked, tmp_path, capsys):
    [episode_row] = [row for row in audit_rows(worked) if row[5] == "missing_episodes"]
    behind_the_programs_back(worked, f"UPDATE audit_log SET actor = 'Someone Else' WHERE id = {episode_row[0]}")
    code, said = check(tmp_path, capsys)
    assert code == 1
    assert said[:-1] == [
        f"audit_log: audit row {episode_row[0]} (insert of missing_episodes 1 by Someone Else, 27/11/2026 17:00) "
        "does not fit the chain: it, or the row before it, was changed, added or deleted outside the program",
        f"{worked}: 1 problem found",
    ]


def test_an_audit_row_edited_and_its_hash_recomputed_is_found_at_the_row_after(worked, tmp_path, capsys):
    rows = audit_rows(worked)
    edited = rows[-2]  # the child's insert; the episode's insert comes after it
    forged = trail.row_hash(rows[-3][9], [edited[0], edited[1], "Someone Else", *edited[3:9]])
    behind_the_programs_back(
        worked, f"UPDATE audit_log SET actor = 'Someone Else', hash = '{forged}' WHERE id = {edited[0]}"
    )
    code, said = check(tmp_path, capsys)
    assert said[0].startswith(f"audit_log: audit row {rows[-1][0]} (insert of missing_episodes 1 by Jo Coordinator")
    assert said[1:] == [f"{worked}: 1 problem found", check_end(worked)] and code == 1


def test_audit_rows_deleted_from_the_middle_or_the_end_are_named(worked, tmp_path, capsys):
    last = audit_rows(worked)[-1][0]
    behind_the_programs_back(worked, "DELETE FROM audit_log WHERE id IN (3, 4)")
    _, said = check(tmp_path, capsys)
    assert "audit_log: rows 3 to 4 are missing: deleted outside the program" in said
    assert said[1].startswith("audit_log: audit row 5 (") and "does not fit the chain" in said[1]
    behind_the_programs_back(worked, f"DELETE FROM audit_log WHERE id = {last}")
    _, said = check(tmp_path, capsys)
    assert (
        f"audit_log: row {last} is missing from its end (it ended at row {last}): deleted outside the program" in said
    )
    # The episode's only audit row went with it, and the episode is said to have none.
    assert "missing_episodes 1 (Zofia Kowalska) has no audit row: it was added outside the program" in said


def test_rows_deleted_from_the_end_and_then_written_over_are_still_seen(worked, tmp_path, capsys):
    behind_the_programs_back(worked, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    register = open_register(worked, Actor("Jo Coordinator"))
    people.save_child(register, people.Child("Hodan", "Warsame", date(2011, 9, 30), "F"))
    rows = len(audit_rows(worked))
    register.close()
    _, said = check(tmp_path, capsys)
    assert (
        f"audit_log: {rows} rows where {rows + 1} were written: rows were deleted or added outside the program, "
        "and others written after them" in said
    )


def test_records_changed_added_or_deleted_with_sqlite3_are_named_by_check(worked, tmp_path, capsys):
    episode_row = next(row for row in audit_rows(worked) if row[5] == "missing_episodes")
    behind_the_programs_back(
        worked,
        "UPDATE missing_episodes SET risk_grade = 'low' WHERE id = 1",
        "INSERT INTO children (forenames, surname, dob, sex, disabled, looked_after, version, updated_at, updated_by) "
        "VALUES ('Kwame', 'Mensah', '2012-01-01', 'M', 0, 0, 1, '2026-11-27T17:00:00Z', 'nobody')",
    )
    code, said = check(tmp_path, capsys)
    assert code == 1
    assert said[:2] == [
        "children 2 (Kwame Mensah) has no audit row: it was added outside the program",
        "missing_episodes 1 (Zofia Kowalska) was changed outside the program: risk_grade is 'low' (audited: 'high'); "
        f"its last audit row is audit row {episode_row[0]} (insert of missing_episodes 1 by Jo Coordinator, "
        "27/11/2026 17:00)",
    ]
    behind_the_programs_back(worked, "DELETE FROM missing_episodes WHERE id = 1")
    _, said = check(tmp_path, capsys)
    assert (
        "missing_episodes 1 (Zofia Kowalska) is not in the register, but no audit row deletes it (the last is audit "
        f"row {episode_row[0]} (insert of missing_episodes 1 by Jo Coordinator, 27/11/2026 17:00)): it was deleted "
        "outside the program" in said
    )


def test_a_deleted_record_put_back_with_sqlite3_is_named(worked, tmp_path, now, capsys):
    register = open_register(worked, Actor("Jo Coordinator"))
    episode = missing.get_episode(register, 1)
    missing.delete_episode(register, episode, "entered twice")
    register.close()
    deleted = json.loads(audit_rows(worked)[-1][7])  # the episode as it was, kept by its delete row
    connection = sqlite3.connect(worked, isolation_level=None)
    connection.execute(
        f"INSERT INTO missing_episodes ({', '.join(deleted)}) VALUES ({', '.join('?' for _ in deleted)})",
        list(deleted.values()),
    )
    connection.close()
    _, said = check(tmp_path, capsys)
    assert said[0].startswith("missing_episodes 1 (Zofia Kowalska) is in the register, but audit row ")
    assert said[0].endswith("deleted it: it was put back outside the program")


def test_chained_rows_are_written_only_inside_a_write_transaction(register):
    with pytest.raises(RuntimeError):
        audit.log_entry(register, "update", "settings", 1, None, {"value": "x"})


def test_three_people_and_an_import_at_once_extend_one_chain(tmp_path):
    path = tmp_path / DEMO_FILE
    register = open_register(path, Actor("Jo Coordinator"))
    ids = [people.save_child(register, people.Child(f"Child{n}", "Test", date(2012, 1, 1), "F")).id for n in range(3)]
    register.close()
    rows = [f"LI{n:05d},Child{n},Import,01/01/2012,F,,N,M,20/11/2026 10:00,20/11/2026 12:00,,,,," for n in range(500)]
    workers = [start(path, f"Worker {n}", "episodes", str(child_id), "30") for n, child_id in enumerate(ids)]
    workers.append(start(path, "Data team", "import", str(write(tmp_path, rows))))
    assert [finish(worker)["refused"] for worker in workers] == [[], [], [], []]
    register = open_register(path)
    assert register.db["missing_episodes"].count == 3 * 30 + 500
    assert list(audit.trail_problems(register)) == []
    assert list(audit.unaudited_changes(register)) == []
    count, last_id = register.db.execute("SELECT count(*), max(id) FROM audit_log").fetchone()
    head = trail.head(register, trail.AUDIT_TRAIL)
    assert (head.rows, head.last_id) == (count, last_id)
    register.close()


def test_an_older_register_is_chained_as_it_stands_when_upgraded(tmp_path, now):
    path = tmp_path / DEMO_FILE
    old = sqlite3.connect(path, isolation_level=None)
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.migrations.apply(Database(old), stop_before="m007_audit_chain")
    old.execute(
        "INSERT INTO children (forenames, surname, dob, sex, disabled, looked_after, version, updated_at, updated_by) "
        "VALUES ('Zoë', 'Kowalska', '2012-05-01', 'F', 0, 0, 1, '2026-01-01T00:00:00Z', 'Jo')"
    )
    cursor = old.execute("SELECT * FROM children")
    child = json.dumps(dict(zip([column[0] for column in cursor.description], cursor.fetchone(), strict=True)))
    old.execute(
        "INSERT INTO audit_log (at, actor, role, action, table_name, row_id, before, after) "
        "VALUES ('2026-01-01T00:00:00Z', 'Jo', 'coordinator', 'insert', 'children', 1, NULL, ?)",
        [child],
    )
    old.close()
    register = open_register(path, Actor("Jo"))
    rows = audit_rows(path)
    # The migration's own copy of the rule agrees with core/trail.py, row by row.
    previous = ""
    for row in rows:
        assert row[9] == trail.row_hash(previous, row[:9])
        previous = row[9]
    assert [row[2:6] for row in rows[:2]] == [
        ("Jo", "coordinator", "insert", "children"),
        ("register upgrade", "system", "bulk insert", "cme_outcomes"),  # there when the trail began
    ]
    assert list(audit.trail_problems(register)) == [] and list(audit.unaudited_changes(register)) == []
    register.close()


def test_a_rows_hash_is_that_of_its_json_array_whatever_its_text_holds():
    awkward = ['quote " backslash \\ tab \t newline \n', "\x00\x1f\x7f", "Zoë Łukasz محمد 🙂 \u2028", "", None, 0, -7]
    for number, value in enumerate(awkward):
        values = [number + 1, value, 2**53 + number]
        text = json.dumps(["0" * 64, *values], ensure_ascii=False, separators=(",", ":"))
        assert trail.row_hash("0" * 64, values) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_an_interviews_episodes_relinked_with_sqlite3_are_named(tmp_path, now, capsys):
    register = open_register(tmp_path / DEMO_FILE, Actor("Jo Coordinator"))
    import_missing(register, write(tmp_path, GOOD))  # Zofia's interview 1 covers her episode 2 (TV-1)
    missing.delete_episode(
        register, missing.get_episode(register, 3), "entered twice"
    )  # and its interview, through the program
    register.close()
    code, said = check(tmp_path, capsys)
    assert code == 0, said
    behind_the_programs_back(
        tmp_path / DEMO_FILE, "UPDATE interview_episodes SET episode_id = 1 WHERE interview_id = 1"
    )
    code, said = check(tmp_path, capsys)
    assert said[0].startswith(
        "return_interviews 1 (Zofia Kowalska) is linked to missing_episodes [1] in interview_episodes, but audit row "
    )
    assert said[0].endswith(" left [2]: changed outside the program") and code == 1
