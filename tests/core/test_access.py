"""The access log: each opening, chronology, export, report and search is noted for every role, through the
Python API and the command line; nobody may change it; check finds it changed behind the program's back;
two people noting at once keep one chain."""

from __future__ import annotations

import logging
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from register import Actor, check, missing, open_register, people
from register.board import produce
from register.core import access, periods, timescales
from register.core.db import DEMO_FILE
from register.core.errors import PermissionDenied, RegisterBusyError
from register.core.sqlite import sqlite3
from register.exports import lists, ssda903
from register.exports.access_log import write as write_access_log
from register.reports.chronology_pdf import write_chronology
from tests.helpers.values import NOW, at
from tests.helpers.writer import ROOT, finish, start

QUARTER = "2026-27-Q3"


@pytest.fixture
def path(tmp_path, now):
    """A demo register (where --role chooses the role) holding Zofia, with a missing episode, and Kofi."""
    path = tmp_path / DEMO_FILE
    register = open_register(path, Actor("Pat Manager", "manager"))
    zofia = people.save_child(register, people.Child("Zofia", "Kowalska", date(2012, 5, 1), "F", la_id="LA100"))
    missing.save_episode(
        register,
        missing.Episode(
            zofia.id,
            "M",
            at("20/11/2026 22:15"),
            ended_at=at("21/11/2026 09:00"),
            looked_after=True,
            looked_after_by="this",
        ),
    )
    people.save_child(register, people.Child("Kofi", "Mensah", date(2013, 2, 3), "M"))
    register.close()
    return path


def logged(path: Path) -> list[tuple]:
    """The access log as the file holds it, read with sqlite3 past the program: (actor, role, action, child_id,
    what, event) of each row, in order."""
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT actor, role, action, child_id, what, event FROM access_log ORDER BY id"
        ).fetchall()
    finally:
        connection.close()


@pytest.mark.parametrize("role", ["coordinator", "ewo", "pf_officer", "manager", "analyst"])
def test_opening_a_record_and_finding_children_are_noted_for_each_role(path, role):
    register = open_register(path, Actor("Sam Tester", role))
    found = people.find_children(register, "zof")
    people.open_record(register, 1)
    register.close()
    # The analyst reads no names (hidden from the role), so a name finds nobody and nothing is noted.
    searched = [] if role == "analyst" else [("Sam Tester", role, "searched", 1, "find a child by name: 1 found", 1)]
    assert len(found) == (0 if role == "analyst" else 1)
    event = len(searched) + 1
    assert logged(path) == [*searched, ("Sam Tester", role, "opened record", 1, "the child's record", event)]


def test_a_search_is_one_event_with_a_row_per_child_found_and_never_keeps_the_text_typed(path):
    register = open_register(path, Actor("Sam Tester", "coordinator"))
    people.find_children(register, "nobody-by-this-name")  # found nobody: not noted
    assert logged(path) == []
    people.find_children(register, "LA100")
    both = people.find_children(register, "z k 01/05/2012") + people.find_children(register, "m")
    register.close()
    assert [child.name for child in both] == ["Zofia Kowalska", "Kofi Mensah"]
    rows = logged(path)
    assert [(row[2], row[3], row[4], row[5]) for row in rows] == [
        ("searched", 1, "find a child by identifier: 1 found", 1),
        ("searched", 1, "find a child by name and date of birth: 1 found", 2),
        ("searched", 2, "find a child by name: 1 found", 3),
    ]
    assert not any("LA100" in row[4] or "Kowal" in row[4] or "2012" in row[4] for row in rows)


def test_a_chronology_an_export_and_a_report_are_noted(path, tmp_path):
    register = open_register(path, Actor("Cara Coordinator", "coordinator"))
    write_chronology(register, 1, tmp_path / "zofia.pdf")
    lists.write_list(register, "episodes", lists.LISTS["episodes"][1].first, 0, False, NOW, tmp_path / "episodes.csv")
    year = periods.year("2026-27")
    ssda903.write(register, ssda903.missing_table(register, year), tmp_path / "903.csv")
    produce.produce(register, periods.quarter(QUARTER), tmp_path / "q.pdf", tmp_path / "q.csv")
    register.close()
    assert logged(path) == [
        ("Cara Coordinator", "coordinator", "produced chronology", 1, f"PDF written to {tmp_path / 'zofia.pdf'}", 1),
        (
            "Cara Coordinator",
            "coordinator",
            "exported",
            1,
            f"list: Missing episodes: 1 rows to {tmp_path}/episodes.csv",
            2,
        ),
        ("Cara Coordinator", "coordinator", "exported", 1, f"SSDA903 Missing table: 1 rows to {tmp_path}/903.csv", 3),
        (
            "Cara Coordinator",
            "coordinator",
            "produced report",
            None,
            f"board summary for Q3 2026-27 (October to December 2026) as PDF to {tmp_path / 'q.pdf'}",
            4,
        ),
        (
            "Cara Coordinator",
            "coordinator",
            "produced report",
            None,
            f"board summary for Q3 2026-27 (October to December 2026) as CSV to {tmp_path / 'q.csv'}",
            5,
        ),
    ]


def test_a_board_reader_s_published_summary_is_noted(path, tmp_path):
    by_coordinator = open_register(path, Actor("Cara Coordinator", "coordinator"))
    produce.produce(by_coordinator, periods.quarter(QUARTER), None, tmp_path / "c.csv", published=True)
    by_coordinator.close()
    reader = open_register(path, Actor("Bo Reader", "board_reader"))
    produce.produce(reader, periods.quarter(QUARTER), tmp_path / "board.pdf")
    reader.close()
    assert logged(path)[-1] == (
        "Bo Reader",
        "board_reader",
        "produced report",
        None,
        f"board summary for Q3 2026-27 (October to December 2026) (published copy) as PDF to {tmp_path / 'board.pdf'}",
        2,
    )


def test_only_a_manager_reads_the_access_log_and_nobody_may_change_it(path):
    register = open_register(path, Actor("Sam Tester", "coordinator"))
    people.open_record(register, 1)
    register.close()
    for role in ("coordinator", "ewo", "pf_officer", "analyst", "board_reader", "administrator"):
        register = open_register(path, Actor("Sam Tester", role))
        with pytest.raises(PermissionDenied, match="may not read the access log"):
            access.entries(register, access.AccessFilter())
        with pytest.raises(PermissionDenied, match="may not read the access log"):
            register.db.execute("SELECT actor, child_id FROM access_log").fetchall()
        register.close()
    for role in ("coordinator", "manager", "administrator"):
        register = open_register(path, Actor("Sam Tester", role))
        for statement in ("DELETE FROM access_log", "UPDATE access_log SET actor = 'someone else'"):
            with pytest.raises(PermissionDenied, match="Nobody may change or delete the access log: it only grows."):
                register.db.execute(statement)
        register.close()
    register = open_register(path, Actor("Pat Manager", "manager"))
    seen = [(entry.actor, entry.action, entry.child_name) for entry in access.entries(register, access.AccessFilter())]
    register.close()
    assert seen == [("Sam Tester", "opened record", "Zofia Kowalska")]


def opened_then_edited(path: Path, statement: str) -> None:
    """Sam opens Zofia's, Kofi's, then Zofia's record again (access rows 1 to 3); then ``statement`` is run on
    the file with sqlite3, behind the program's back."""
    register = open_register(path, Actor("Sam Tester", "coordinator"))
    for child_id in (1, 2, 1):
        people.open_record(register, child_id)
    register.close()
    connection = sqlite3.connect(path)
    connection.execute(statement)
    connection.commit()
    connection.close()


def test_check_names_the_first_access_row_changed_with_sqlite3(path):
    opened_then_edited(path, "UPDATE access_log SET actor = 'Someone Else' WHERE id = 2")
    manager = open_register(path, Actor("Pat Manager", "manager"))
    found = list(check.problems(manager))
    manager.close()
    assert found == [
        "access_log: access log row 2 (opened record, child 2 by Someone Else, 27/11/2026 17:00) does not fit the "
        "chain: it, or the row before it, was changed, added or deleted outside the program"
    ]


def test_check_finds_access_rows_deleted_from_the_end_and_other_roles_are_told_it_was_not_checked(path):
    opened_then_edited(path, "DELETE FROM access_log WHERE id = 3")
    manager = open_register(path, Actor("Pat Manager", "manager"))
    assert list(check.problems(manager)) == [
        "access_log: row 3 is missing from its end (it ended at row 3): deleted outside the program"
    ]
    manager.close()
    coordinator = open_register(path, Actor("Sam Tester", "coordinator"))
    assert list(check.problems(coordinator)) == []
    assert access.trail_end(coordinator) == (
        "The access log was not checked: your role may not read it (a team manager's check does)."
    )
    coordinator.close()


def test_viewing_only_shows_the_record_and_says_it_was_not_noted(path, caplog, read_only):
    read_only(path)
    register = open_register(path, Actor("Sam Tester", "coordinator"), create=False, read_only=True)
    with caplog.at_level(logging.WARNING):
        assert people.open_record(register, 1).surname == "Kowalska"
    register.close()
    assert logged(path) == []
    assert (
        "Not in the access log (the file or its folder is read-only)" in caplog.text and "opened record" in caplog.text
    )


def test_two_people_opening_records_at_once_keep_one_unbroken_chain(path):
    writers = [start(path, name, "opens", "1", "60") for name in ("Ann", "Ben")]
    done = [finish(writer) for writer in writers]
    assert [result["saved"] for result in done] == [60, 60]
    rows = logged(path)
    assert len(rows) == 120 and {row[0] for row in rows} == {"Ann", "Ben"}
    manager = open_register(path, Actor("Pat Manager", "manager"))
    assert list(access.trail_problems(manager)) == []
    assert access.trail_end(manager).startswith("The access log ends at row 120, hash ")
    manager.close()


def _command(path: Path, role: str, *arguments: str) -> subprocess.CompletedProcess:
    name = "Pat Manager" if role == "manager" else "Sam Tester"
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "register",
            "--data-dir",
            str(path.parent),
            "--demo",
            "--user",
            name,
            "--role",
            role,
            *arguments,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_line_notes_what_it_produces_and_lists_the_log_to_a_manager_only(path, tmp_path):
    by_ewo = _command(path, "ewo", "export", "list", "cme-cases", "--out", str(tmp_path / "cases.csv"))
    assert by_ewo.returncode == 0, by_ewo.stderr
    quarter = ["report", "quarterly", "--quarter", QUARTER, "--csv", str(tmp_path / "q.csv")]
    by_coordinator = _command(path, "coordinator", *quarter)
    assert by_coordinator.returncode == 0, by_coordinator.stderr
    refused = _command(path, "coordinator", "access-log")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.strip() == (
        "Your role (Missing children coordinator) may not read the access log. If your work needs it, ask your "
        "manager or the register's administrator."
    )
    by_user = _command(path, "manager", "access-log", "--user", "SAM TESTER")
    assert by_user.returncode == 0, by_user.stderr
    assert by_user.stdout.splitlines()[-1] == "Access log (by SAM TESTER): 2 rows"
    by_someone_else = _command(path, "manager", "access-log", "--user", "Someone Else")
    assert by_someone_else.stdout.splitlines() == ["Access log (by Someone Else): 0 rows"]
    today = timescales.local_date(datetime.now(UTC)).isoformat()  # the commands ran on the real clock
    listed = _command(path, "manager", "access-log", "--from", today, "--to", today)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].split("\t")[2:] == [
        "Sam Tester (ewo)",
        "exported",
        "no child",
        f"list: CME cases: 0 rows to {tmp_path}/cases.csv",
    ]
    assert lines[1].split("\t")[2:5] == ["Sam Tester (coordinator)", "produced report", "no child"]
    shown = timescales.show_date(date.fromisoformat(today))
    assert lines[-1] == f"Access log (from {shown}, to {shown}): 2 rows"
    out = tmp_path / "for-investigation.csv"
    exported = _command(path, "manager", "access-log", "--child", "LA100", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.strip() == f"Access log (child 1): wrote 0 rows to {out}"
    assert out.read_text(encoding="utf-8-sig").splitlines()[0] == (
        "Row,When (UK time),Who,Role,Action,What,Child's number,Child,Born,Event"
    )
    assert logged(path)[-1][:4] == ("Pat Manager", "manager", "exported", None)


def test_an_exported_selection_neutralises_text_a_spreadsheet_would_run(path, tmp_path):
    register = open_register(path, Actor('=HYPERLINK("http://x")', "coordinator"))
    people.open_record(register, 1)
    register.close()
    manager = open_register(path, Actor("Pat Manager", "manager"))
    written = write_access_log(manager, access.AccessFilter(child_id=1), tmp_path / "zofia.csv")
    manager.close()
    assert written == 1
    row = (tmp_path / "zofia.csv").read_text(encoding="utf-8-sig").splitlines()[1]
    assert row.startswith('1,27/11/2026 17:00,"\'=HYPERLINK(""http://x"")",Missing children coordinator,opened record,')
    assert logged(path)[-1] == (
        "Pat Manager",
        "manager",
        "exported",
        1,
        f"access log: 1 rows to {tmp_path}/zofia.csv",
        2,
    )


def test_a_record_is_not_shown_unnoted_when_the_register_stays_busy_but_is_while_it_is_checked(path):
    register = open_register(path, Actor("Sam Tester", "coordinator"))
    register.db.execute("PRAGMA busy_timeout = 200")  # the test waits 0.2 s, not the program's 10 s
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # someone else's import holds the write lock
    try:
        with pytest.raises(RegisterBusyError) as busy:
            people.open_record(register, 1)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert str(busy.value) == (
        "The register is busy: someone else is saving, or an import is running, so this could not be written in "
        "the access log, and was not shown or written. Try again in a moment."
    )
    assert logged(path) == []
    register.soundness = None  # the window's check for damage at start is still running: saves wait, notes do not
    people.open_record(register, 1)
    register.close()
    assert [row[2] for row in logged(path)] == ["opened record"]
