"""Erasing a child's records at the end of retention: nothing of the child is left in the file, the audit trail
still passes `check` (and still catches a tamper afterwards), the figures already reported stay as reported,
only a manager may erase, and a colleague saving meanwhile loses nothing."""

from __future__ import annotations

import json
import sqlite3 as standard_sqlite3  # its iterdump() is `sqlite3 .dump`
from datetime import date
from pathlib import Path

import pytest

from register import Actor, education, missing, open_register, people
from register.board import summary as figures
from register.check import problems as check_problems
from register.cli import main
from register.core import audit, permissions, trail, users
from register.core.db import DEMO_FILE
from register.core.errors import PermissionDenied, RegisterError, ValidationError
from register.core.keys import Credentials
from register.core.periods import quarter, year
from register.core.sqlite import sqlite3
from register.education import CmeCase
from register.retention.erase import erase
from tests.helpers.retention import FORENAMES, STREET, SURNAME, aged_child
from tests.helpers.sign_in import ADA
from tests.helpers.values import at
from tests.helpers.writer import finish, start

REASON = "Reviewed at 25: nothing needs keeping"


@pytest.fixture
def manager(tmp_path, now):
    """A plain register, as the demo is, opened by a manager: Quillon (due for erasure) and Zofia (not)."""
    register = open_register(tmp_path / DEMO_FILE, Actor("Mo Manager", "manager"))
    yield register
    register.close()


@pytest.fixture
def quillon(manager):
    return aged_child(manager)


@pytest.fixture
def zofia(manager):
    child = people.save_child(manager, people.Child("Zofia", "Kowalska", date(2012, 5, 1), "F"))
    missing.save_episode(manager, missing.Episode(child.id, "M", at("20/11/2026 22:15"), notes="Zofia found"))
    return child


def check(tmp_path: Path, capsys) -> tuple[int, list[str]]:
    """`python -m register check` on the plain register in tmp_path: its exit code and what it printed."""
    code = main(["--data-dir", str(tmp_path), "--demo", "check"])
    return code, capsys.readouterr().out.splitlines()


def behind_the_programs_back(path: Path, statement: str) -> None:
    """What someone with the file and sqlite3 does: plain SQL on a connection of its own."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute(statement)
    finally:
        connection.close()


def every_byte(folder: Path) -> bytes:
    """Every file of the register (its write-ahead log and shared memory included), as `strings` reads them."""
    return b"".join(path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file())


def test_nothing_of_the_child_is_left_in_the_file_and_check_finds_nothing(tmp_path, capsys, manager, quillon, zofia):
    with manager.atomic():  # children added after Quillon move his row between pages, leaving old copies of it
        for number in range(60):
            people.save_child(manager, people.Child("Child", f"Later{number}", date(2012, 1, 1), "F", address="1 Road"))
    assert SURNAME.encode() in every_byte(tmp_path)
    erased = erase(manager, quillon.id, REASON)
    assert erased.records == {"children": 1, "missing_episodes": 1, "cme_cases": 1, "cme_enquiries": 1}
    # The child's audit rows: inserting the child, the episode, the case, the enquiry and the absence, and
    # deleting the absence (6), all now holding only the mark.
    assert erased.audit_rows == 6 and erased.log_cleared
    manager.close()

    for text in (SURNAME, FORENAMES, STREET, "ZZ9 9ZZ"):
        assert text.encode() not in every_byte(tmp_path), text
    dump = standard_sqlite3.connect(tmp_path / DEMO_FILE)
    dumped = "\n".join(dump.iterdump())
    dump.close()
    connection = sqlite3.connect(tmp_path / DEMO_FILE)
    stub = connection.execute("SELECT child_id, erased_on, erased_by, reason, erased FROM erasures").fetchall()
    marks = connection.execute(
        "SELECT DISTINCT coalesce(after, before) FROM audit_log WHERE table_name IN "
        "('children', 'missing_episodes', 'cme_cases', 'cme_enquiries', 'absences') AND row_id = 1"
    ).fetchall()
    kept = connection.execute("SELECT forenames, surname FROM children").fetchall()
    connection.close()
    assert SURNAME not in dumped and STREET not in dumped
    assert stub == [
        (
            quillon.id,
            "2026-11-27",
            "Mo Manager",
            REASON,
            '{"children": 1, "missing_episodes": 1, "cme_cases": 1, "cme_enquiries": 1}',
        )
    ]
    assert marks == [(json.dumps({"erased_child": quillon.id}),)]
    assert kept[0] == ("Zofia", "Kowalska") and len(kept) == 61
    code, lines = check(tmp_path, capsys)
    assert code == 0 and lines[0].endswith("no problems found"), lines


def test_the_trail_says_it_was_hashed_again_and_where_it_ended_before(manager, quillon, zofia):
    before = trail.head(manager, trail.AUDIT_TRAIL)
    first = manager.db.execute("SELECT min(id) FROM audit_log WHERE table_name = 'children'").fetchone()[0]
    erase(manager, quillon.id, REASON)
    last = manager.db.execute(
        "SELECT action, table_name, row_id, before, after FROM audit_log WHERE action = 'rechain'"
    ).fetchone()
    assert last[:3] == ("rechain", "audit_log", first)  # from the first audit row about Quillon: his insert
    assert json.loads(last[3]) == {"last_id": before.last_id, "last_hash": before.last_hash}
    after = json.loads(last[4])
    # Hashed again: every row from the first about Quillon to the end; then the stub's insert row follows.
    assert after["hashed_again"] == before.last_id - first + 1 and after["emptied"] == 6
    assert manager.db.execute("SELECT action, table_name FROM audit_log ORDER BY id DESC").fetchone() == (
        "insert",
        "erasures",
    )
    assert list(audit.trail_problems(manager)) == []


def test_a_tamper_after_the_erasure_is_still_reported(tmp_path, capsys, manager, quillon, zofia):
    erase(manager, quillon.id, REASON)
    manager.close()
    behind_the_programs_back(tmp_path / DEMO_FILE, "UPDATE audit_log SET actor = 'Someone else' WHERE id = 2")
    behind_the_programs_back(tmp_path / DEMO_FILE, "UPDATE missing_episodes SET notes = 'changed' WHERE child_id = 2")
    code, lines = check(tmp_path, capsys)
    assert code == 1
    assert any("audit row 2 " in line and "does not fit the chain" in line for line in lines), lines
    assert any("missing_episodes 2 (Zofia Kowalska) was changed outside the program" in line for line in lines)


def test_an_erased_child_put_back_with_sqlite3_is_reported(tmp_path, capsys, manager, quillon, zofia):
    erase(manager, quillon.id, REASON)
    manager.close()
    behind_the_programs_back(
        tmp_path / DEMO_FILE,
        "INSERT INTO children (id, forenames, surname, dob, sex, version, updated_at, updated_by) "
        "VALUES (1, 'Quillon', 'Zzyzxbrook', '2000-05-01', 'M', 1, '2026-11-27T17:00:00Z', 'x')",
    )
    code, lines = check(tmp_path, capsys)
    assert code == 1
    assert any("children 1 (Quillon Zzyzxbrook) is in the register, but it was erased" in line for line in lines)


def test_the_figures_of_a_quarter_already_reported_stay_as_reported(manager, quillon, zofia):
    reported = quarter("2016-17-Q3")  # October to December 2016: Quillon's episode began on 20/11/2016
    before = figures.cached_summary(manager, reported)
    assert before.row("missing.began.episodes").values[-1] == 1
    erased = erase(manager, quillon.id, REASON)
    assert erased.frozen == 1
    after = figures.cached_summary(manager, reported)
    assert after.figures() == before.figures()
    # A period never reported counts the records as they now are: the year 2016-17, without the episode.
    assert figures.cached_summary(manager, year("2016-17")).row("missing.began.episodes").values[-1] == 0
    # ... and so does the current quarter: Zofia's episode, which stays.
    assert figures.cached_summary(manager, quarter("2026-27-Q3")).row("missing.began.episodes").values[-1] == 1


def test_a_quarter_shown_only_at_a_glance_is_frozen_whole(manager, quillon, zofia):
    """The Reports page first shows a quarter alone (no periods before it), then the whole summary: a quarter
    only glanced at before the erasure is frozen whole, the four quarters before it included."""
    reported = quarter("2016-17-Q3")
    figures.cached_summary(manager, reported, history=0)
    whole = figures.summary(manager, reported)  # worked out, not kept
    erase(manager, quillon.id, REASON)
    assert figures.cached_summary(manager, reported).figures() == whole.figures()
    assert figures.cached_summary(manager, reported, history=0).row("missing.began.episodes").values == (1,)


def test_a_child_not_yet_25_or_with_a_record_open_is_not_erased(manager, quillon, zofia):
    with pytest.raises(RegisterError) as young:
        erase(manager, zofia.id, REASON)
    assert str(young.value) == (
        "Zofia Kowalska (child 2) reaches 25 on 01/05/2037: their records are kept until then. Nothing was erased."
    )
    education.save_case(manager, CmeCase(quillon.id, date(2015, 9, 20), "police", "absent_10_days"))
    with pytest.raises(RegisterError) as still_open:
        erase(manager, quillon.id, REASON)
    assert str(still_open.value) == (
        "Quillon Zzyzxbrook (child 1) still has an open CME case: close it first, then erase. Nothing was erased."
    )
    with pytest.raises(ValidationError) as no_reason:
        erase(manager, quillon.id, "  ")
    assert list(no_reason.value.problems) == ["reason"]
    assert manager.db["children"].count == 2 and manager.db["erasures"].count == 0


@pytest.mark.parametrize("role", sorted(set(permissions.ROLES) - {"manager"}))
def test_no_other_role_may_erase_through_the_python_api(tmp_path, manager, quillon, role):
    other = open_register(tmp_path / DEMO_FILE, Actor("Someone", role))
    try:
        with pytest.raises(PermissionDenied) as refused:
            erase(other, quillon.id, REASON)
    finally:
        other.close()
    label = permissions.ROLES[role].label
    assert str(refused.value).startswith(f"Your role ({label}) may not review and erase records past their retention.")
    assert manager.db["children"].count == 1


@pytest.mark.parametrize("role", sorted(set(permissions.ROLES) - {"manager"}))
def test_no_other_role_may_erase_or_list_on_the_command_line(tmp_path, capsys, manager, quillon, role):
    data = ["--data-dir", str(tmp_path), "--demo", "--role", role, "retention"]
    assert main([*data, "erase", str(quillon.id), "--reason", REASON]) == 1
    assert main([*data, "list"]) == 1
    said = capsys.readouterr().err.splitlines()
    label = permissions.ROLES[role].label
    assert said == [f"Your role ({label}) may not review and erase records past their retention. If your work needs "
                    "it, ask your manager or the register's administrator."] * 2  # fmt: skip
    assert manager.db["children"].count == 1


def test_a_manager_lists_and_erases_on_the_command_line(tmp_path, capsys, manager, quillon, zofia):
    data = ["--data-dir", str(tmp_path), "--demo", "--role", "manager", "--user", "Mo Manager", "retention"]
    assert main([*data, "list", "--on", "30/04/2025"]) == 0
    assert capsys.readouterr().out.splitlines() == ["0 children aged 25 or over on 30/04/2025"]
    assert main([*data, "list"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "1\tQuillon Zzyzxbrook, born 01/05/2000, 25 on 01/05/2025; episodes: 1, CME cases: 1; last change "
        "27/11/2026 17:00",
        "1 child aged 25 or over on 27/11/2026",
    ]
    assert main([*data, "erase", "1", "--reason", REASON]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Child 1's details and 3 records were erased; 6 audit rows about them now hold no details")
    assert main([*data, "erase", "1", "--reason", REASON]) == 1
    assert capsys.readouterr().err.strip() == (
        "There is no child 1 in the register: they may have been erased already."
    )


def test_a_colleague_saving_another_child_while_one_is_erased_loses_nothing(tmp_path, capsys, manager, quillon, zofia):
    colleague = start(tmp_path / DEMO_FILE, "Sam Coordinator", "episodes", str(zofia.id), "40")
    erased = erase(manager, quillon.id, REASON)
    done = finish(colleague)
    assert done == {"saved": 40, "refused": []}
    assert erased.records["children"] == 1
    assert (
        manager.db.execute("SELECT count(*) FROM missing_episodes WHERE child_id = ?", [zofia.id]).fetchone()[0] == 41
    )
    manager.close()
    code, lines = check(tmp_path, capsys)
    assert code == 0, lines


def test_a_real_register_is_erased_and_rebuilt_with_its_key(real_path):
    """An encrypted register (SQLCipher) is rebuilt under its own key: it opens again and checks clean."""
    mo = Credentials("Mo Manager", "harbour violin meadow eleven")
    administrator = open_register(real_path, sign_in=ADA)
    users.add(administrator, mo, "manager")
    administrator.close()
    register = open_register(real_path, sign_in=mo)
    quillon = aged_child(register)
    erased = erase(register, quillon.id, REASON)
    register.close()
    assert erased.log_cleared
    again = open_register(real_path, sign_in=mo)
    try:
        assert again.db["children"].count == 0 and again.db["erasures"].count == 1
        assert list(check_problems(again)) == []
    finally:
        again.close()


def test_a_child_given_an_erased_childs_number_has_only_their_own_history_and_may_be_erased_too(manager, quillon):
    erase(manager, quillon.id, REASON)
    newcomer = people.save_child(manager, people.Child("Nia", "Evans", date(2000, 1, 1), "F"))
    assert newcomer.id == quillon.id  # SQLite gives the next child the highest number left, plus one
    entries = audit.history(manager, "children", newcomer.id)
    assert [(entry.action, (entry.after or {}).get("forenames")) for entry in entries] == [("insert", "Nia")]
    erase(manager, newcomer.id, REASON)  # and erased in turn: a second stub for the number
    assert manager.db.execute("SELECT child_id FROM erasures").fetchall() == [(1,), (1,)]
    assert list(audit.unaudited_changes(manager)) == [] and list(audit.trail_problems(manager)) == []
