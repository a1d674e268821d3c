"""What the door keeps from each role beyond its tables: the audit trail's records (before, after), the key
columns of tables it may not read, SQLite's samples of indexed values (sqlite_stat4); and `check`, run only
by a role that reads everything, refused at once in words for any other."""

from __future__ import annotations

from datetime import date

import pytest

from register import Actor, demo, education, fostering, missing, open_register, people
from register.cli import main
from register.core import audit, permissions, users
from register.core.db import DEMO_FILE
from register.core.errors import PermissionDenied, RegisterError
from register.core.keys import Credentials
from register.core.sqlite import sqlite3
from register.retention.erase import erase
from tests.helpers.retention import FORENAMES, SURNAME, aged_child
from tests.helpers.sign_in import ADA, JO
from tests.helpers.values import at

# Who reads every record whole (docs/security.md): the coordinator and the manager. Every other role that
# reads the audit trail at all reads its records as empty.
WHOLE = {"coordinator", "manager"}
TRAIL_WITHOUT_RECORDS = {"ewo", "pf_officer", "analyst", "administrator"}


@pytest.fixture
def path(tmp_path, now):
    """A plain register (as the demo is, so --role chooses the role) where a coordinator added three
    children; Xanthe went missing (found at a named place, a police reference), has a CME case and lives
    with a private foster carer whose arrangement says nothing but the carer's name."""
    path = tmp_path / DEMO_FILE
    register = open_register(path, Actor("Jo Coordinator", "coordinator"))
    xanthe = people.save_child(register, people.Child("Xanthe", "Quorrel", date(2012, 5, 1), "F", la_id="LA0000007"))
    people.save_child(register, people.Child("Kofi", "Mensah", date(2013, 2, 3), "M"))
    people.save_child(register, people.Child("Ewa", "Nowak", date(2014, 3, 4), "F"))
    missing.save_episode(
        register,
        missing.Episode(
            xanthe.id,
            "M",
            at("20/11/2026 22:15"),
            ended_at=at("21/11/2026 09:00"),
            found_place="Flat 3, Quay Street",
            police_reference="PR-778812",
        ),
    )
    register.close()
    manager = open_register(path, Actor("Mo Manager", "manager"))
    education.save_case(manager, education.CmeCase(xanthe.id, date(2026, 11, 2), "admissions", "not_on_roll"))
    fostering.save_arrangement(
        manager,
        fostering.Arrangement(
            xanthe.id, date(2026, 11, 2), "carer", "notified", date(2026, 11, 20), "Ann Nowak", "family_friend"
        ),
    )
    manager.close()
    return path


@pytest.mark.parametrize("role", sorted(permissions.ROLES))
def test_only_a_role_that_reads_every_record_whole_reads_the_audit_trails_records(path, role):
    register = open_register(path, Actor("Sam Tester", role))
    try:
        rows = register.db.execute("SELECT before, after FROM audit_log").fetchall()
    except PermissionDenied as refused:
        assert role == "board_reader" and "may not read the audit trail" in str(refused)
        return
    finally:
        register.close()
    written = " ".join(str(value) for row in rows for value in row)
    if role in WHOLE:
        assert "Xanthe" in written and "PR-778812" in written and "Ann Nowak" in written
    else:
        assert role in TRAIL_WITHOUT_RECORDS
        assert rows and set(written.split()) == {"None"}


def test_a_records_history_is_read_whole_for_a_role_that_reads_its_table_whole_and_for_no_other_table(path):
    ewo = open_register(path, Actor("Sam Okafor", "ewo"))
    (entry,) = audit.history(ewo, "children", 1)
    assert entry.action == "insert" and entry.after is not None and entry.after["surname"] == "Quorrel"
    # The history's own statement, run again by the person for a table whose findings are hidden from them,
    # reads no record: it is checked again, not reused as the program ran it.
    again = ewo.db.execute(
        "SELECT * FROM audit_log WHERE table_name = ? AND row_id = ? ORDER BY id", ["missing_episodes", 1]
    ).fetchall()
    assert again and all(row[-3] is None and row[-2] is None for row in again)  # before, after (then hash)
    with pytest.raises(PermissionDenied, match="may not see the history of missing from home or care records"):
        audit.history(ewo, "missing_episodes", 1)
    ewo.close()


@pytest.mark.parametrize("role", ["pf_officer", "board_reader", "administrator"])
def test_a_role_that_may_not_read_a_table_may_not_read_its_key_columns(path, role):
    register = open_register(path, Actor("Sam Tester", role))
    for statement in (
        "SELECT child_id, count(*) FROM missing_episodes GROUP BY child_id",
        "SELECT c.forenames FROM children c JOIN missing_episodes e ON e.child_id = c.id",
        "SELECT id FROM missing_episodes",
    ):
        with pytest.raises(
            PermissionDenied, match="may not read (missing from home or care records|children.s details)"
        ):
            register.db.execute(statement).fetchall()
    register.close()


def test_sqlites_own_foreign_key_checks_still_read_the_key_columns_a_role_may_not(path):
    pf_officer = open_register(path, Actor("Pat Fostering", "pf_officer"))
    xanthe = people.get_child(pf_officer, 1)
    with pytest.raises(RegisterError, match="Xanthe Quorrel has records in the register, so cannot be deleted"):
        people.delete_child(pf_officer, xanthe, "Added twice")  # her missing episode holds her (foreign key)
    ewa = people.get_child(pf_officer, 3)
    people.delete_child(pf_officer, ewa, "Added twice")  # no records: SQLite looked and found none
    assert pf_officer.db.execute("SELECT count(*) FROM children").fetchone()[0] == 2
    # The same reads refused again afterwards, the writes' statements prepared meanwhile notwithstanding;
    # and a write whose own text reads them (as SQLite's checks never do) is refused too.
    with pytest.raises(PermissionDenied, match="may not read missing from home or care records"):
        pf_officer.db.execute("SELECT child_id FROM missing_episodes").fetchall()
    with pytest.raises(PermissionDenied, match="may not read missing from home or care records"):
        pf_officer.db.execute(
            "INSERT INTO child_name_words (word, child_id) SELECT 'went missing', child_id FROM missing_episodes"
        )
    assert pf_officer.db.execute("SELECT count(*) FROM child_name_words WHERE word = 'went missing'").fetchone() == (0,)
    pf_officer.close()


@pytest.mark.parametrize(
    ("statement", "writes"),
    [
        ("SELECT child_id FROM missing_episodes", False),
        ("  -- a comment\n/* another */ insert into children (forenames) VALUES ('A')", True),
        ("UPDATE children SET surname = 'B'", True),
        ("REPLACE INTO settings VALUES (1)", True),
        ("WITH gone AS (SELECT 1) DELETE FROM children WHERE id IN gone", True),
        ("WITH last AS (SELECT 'delete' AS action) SELECT * FROM last", False),
    ],
)
def test_a_statement_is_a_write_by_what_it_does_first(statement, writes):
    assert permissions.writes(statement) is writes


def _samples(path) -> list[str]:
    """Every sample of indexed values SQLite keeps in the file, as text (read without the door)."""
    connection = sqlite3.connect(path)
    try:
        if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat4'").fetchone():
            return []
        return [repr(row) for row in connection.execute("SELECT * FROM sqlite_stat4")]
    finally:
        connection.close()


def test_the_demo_keeps_no_sample_of_a_name_and_nobody_reads_sqlites_statistics(tmp_path, now):
    path = tmp_path / DEMO_FILE
    register = open_register(path, Actor("Jo Coordinator", "coordinator"))
    demo.build(register, children=40)
    surnames = [row[0] for row in register.db.execute("SELECT surname FROM children")]
    register.close()
    assert surnames and _samples(path) == []
    board = open_register(path, Actor("Bea Board", "board_reader"))
    for table in ("sqlite_stat1", "sqlite_stat4"):
        with pytest.raises(PermissionDenied, match="may not read SQLite's statistics of the register's indexes"):
            board.db.execute(f"SELECT * FROM {table}").fetchall()
    assert board.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0  # the structure stays readable
    board.close()


def test_an_erasure_leaves_no_sample_of_the_childs_name(tmp_path, now):
    path = tmp_path / DEMO_FILE
    manager = open_register(path, Actor("Mo Manager", "manager"))
    quillon = aged_child(manager)
    manager.close()
    outside = sqlite3.connect(path)  # statistics made by hand, or by an older program
    outside.execute("ANALYZE")
    outside.close()
    assert any(SURNAME in sample for sample in _samples(path))
    manager = open_register(path, Actor("Mo Manager", "manager"))
    erase(manager, quillon.id, "Reviewed at 25: nothing needs keeping", on=date(2026, 11, 27))
    manager.close()
    assert not any(SURNAME in sample or FORENAMES in sample for sample in _samples(path))


@pytest.mark.parametrize("role", sorted(permissions.ROLES))
def test_check_runs_cleanly_for_a_role_that_reads_everything_and_is_refused_at_once_for_any_other(path, role, capsys):
    code = main(["--data-dir", str(path.parent), "--demo", "--role", role, "check"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if role in WHOLE:
        assert code == 0, out + err
        assert f"{path}: no problems found" in out and "outside the program" not in out
    else:
        assert code != 0 and out == ""
        label = permissions.ROLES[role].label
        assert f"Your role ({label}) may not check the register against its audit trail and the rules" in err


def test_check_on_a_real_register_as_each_of_its_users(real_path, capsys, monkeypatch):
    """The tester's register: a coordinator added three children; each user signs in and runs check."""
    administrator = open_register(real_path, sign_in=ADA)
    others = {role: Credentials(f"{role} user", "kettle orbit lantern sixty") for role in permissions.ROLES}
    for role, credentials in others.items():
        users.add(administrator, credentials, role)
    administrator.close()
    jo = open_register(real_path, sign_in=JO)
    for forenames in ("Xanthe", "Yusuf", "Zara"):
        people.save_child(jo, people.Child(forenames, "Quorrel", date(2012, 5, 1), "F"))
    jo.close()
    for role, credentials in others.items():
        monkeypatch.setenv("REGISTER_PASSPHRASE", credentials.passphrase)
        code = main(["--data-dir", str(real_path.parent), "--user", credentials.name, "check"])
        out, err = capsys.readouterr()
        if role in WHOLE:
            assert (code, "Xanthe" in out) == (0, False) and "no problems found" in out, out + err
        else:
            assert (code, out) == (1, ""), out + err
            assert "may not check the register against its audit trail and the rules" in err
