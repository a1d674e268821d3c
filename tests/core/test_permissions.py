"""Each role against each kind of record, through the Python API and the command line: the register
itself refuses what a role may not see or change, whatever the window shows."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from register import Actor, education, fostering, missing, open_register, people
from register.backups import store
from register.core import audit, permissions
from register.core.db import DEMO_FILE
from register.core.errors import PermissionDenied
from register.missing.import_csv import COLUMNS
from tests.helpers.spreadsheets import write
from tests.helpers.values import at
from tests.helpers.writer import ROOT

REFUSED = "refused"


@pytest.fixture
def filled(tmp_path, now):
    """A register holding Zofia with a missing episode (place and notes), a return interview (harm
    disclosed), a CME case and a private fostering arrangement."""
    path = tmp_path / DEMO_FILE  # where --role chooses the role (a real register's user has theirs)
    register = open_register(path, Actor("Pat Manager", "manager"))
    zofia = people.save_child(register, people.Child("Zofia", "Kowalska", date(2012, 5, 1), "F"))
    episode = missing.save_episode(
        register,
        missing.Episode(
            zofia.id,
            "M",
            at("20/11/2026 22:15"),
            ended_at=at("21/11/2026 09:00"),
            last_seen_place="Bus station",
            notes="Said she was with an older man",
        ),
    )
    missing.save_interview(
        register,
        missing.ReturnInterview(
            zofia.id,
            (episode.id,),
            offered_at=at("21/11/2026 10:00"),
            outcome="accepted",
            completed_at=at("22/11/2026 15:00"),
            completed_by="Ruth Okoye",
            harm_disclosed="Was given alcohol",
        ),
    )
    education.save_case(register, education.CmeCase(zofia.id, date(2026, 11, 2), "admissions", "not_on_roll"))
    fostering.save_arrangement(
        register,
        fostering.Arrangement(
            zofia.id, date(2026, 11, 2), "carer", "notified", date(2026, 11, 20), "Ann Nowak", "family_friend"
        ),
    )
    kofi = people.save_child(register, people.Child("Kofi", "Mensah", date(2013, 2, 3), "M"))
    register.close()
    return path, zofia.id, episode.id, kofi.id


def _try(action):
    try:
        return action()
    except PermissionDenied:
        return REFUSED


def _what_each_role_meets(path: Path, child_id: int, episode_id: int, kofi_id: int, role: str) -> dict[str, object]:
    register = open_register(path, Actor("Sam Tester", role))
    try:
        another = missing.Episode(child_id, "M", at("25/11/2026 20:00"), ended_at=at("25/11/2026 23:00"))
        case = education.CmeCase(kofi_id, date(2026, 11, 25), "admissions", "not_on_roll")
        arrangement = fostering.Arrangement(
            kofi_id, date(2026, 11, 26), "carer", "notified", date(2026, 11, 27), "Ben Osei", "family_friend"
        )
        return {
            "surname": _try(lambda: people.get_child(register, child_id).surname),
            "last seen at": _try(lambda: missing.episodes_for_child(register, child_id)[0].last_seen_place),
            "episode's notes": _try(lambda: missing.episodes_for_child(register, child_id)[0].notes),
            "interview state": _try(lambda: missing.episodes_for_child(register, child_id)[0].interview_state),
            "harm disclosed": _try(lambda: missing.interviews_for_child(register, child_id)[0].harm_disclosed),
            "CME cases": _try(lambda: len(education.cases_for_child(register, child_id))),
            "arrangements": _try(lambda: len(fostering.arrangements_for_child(register, child_id))),
            "add an episode": _try(lambda: missing.save_episode(register, another) and "added"),
            "open a CME case": _try(lambda: education.save_case(register, case) and "added"),
            "record an arrangement": _try(lambda: fostering.save_arrangement(register, arrangement) and "added"),
            "an episode's history": _try(lambda: len(audit.history(register, "missing_episodes", episode_id))),
            "back up": _try(lambda: store.make_backup(register) and "made"),
        }
    finally:
        register.close()


# Worked out from the roles the issue names: a coordinator (missing: everything; education and
# fostering: read), an EWO (education: everything; missing: that a child has episodes, their dates and
# interview state, not findings, notes or places), a private fostering officer (fostering), a manager
# (everything), an analyst (figures, no names or free text), a board reader (published summaries
# only), an administrator (users, settings, backups; no records).
EXPECTED = {
    "coordinator": {
        "surname": "Kowalska",
        "last seen at": "Bus station",
        "episode's notes": "Said she was with an older man",
        "interview state": "in_time",
        "harm disclosed": "Was given alcohol",
        "CME cases": 1,
        "arrangements": 1,
        "add an episode": "added",
        "open a CME case": REFUSED,
        "record an arrangement": REFUSED,
        "an episode's history": 2,  # its insert, and the state its interview gave it
        "back up": "made",
    },
    "ewo": {
        "surname": "Kowalska",
        "last seen at": "",
        "episode's notes": "",
        "interview state": "in_time",
        "harm disclosed": "",
        "CME cases": 1,
        "arrangements": REFUSED,
        "add an episode": REFUSED,
        "open a CME case": "added",
        "record an arrangement": REFUSED,
        "an episode's history": REFUSED,
        "back up": "made",
    },
    "pf_officer": {
        "surname": "Kowalska",
        "last seen at": REFUSED,
        "episode's notes": REFUSED,
        "interview state": REFUSED,
        "harm disclosed": REFUSED,
        "CME cases": REFUSED,
        "arrangements": 1,
        "add an episode": REFUSED,
        "open a CME case": REFUSED,
        "record an arrangement": "added",
        "an episode's history": REFUSED,
        "back up": "made",
    },
    "analyst": {
        "surname": "",
        "last seen at": "",
        "episode's notes": "",
        "interview state": "in_time",
        "harm disclosed": "",
        "CME cases": 1,
        "arrangements": 1,
        "add an episode": REFUSED,
        "open a CME case": REFUSED,
        "record an arrangement": REFUSED,
        "an episode's history": REFUSED,
        "back up": REFUSED,
    },
}
# A manager reads all a coordinator reads, and changes every register.
EXPECTED["manager"] = EXPECTED["coordinator"] | {"open a CME case": "added", "record an arrangement": "added"}
EXPECTED["board_reader"] = dict.fromkeys(EXPECTED["coordinator"], REFUSED)
EXPECTED["administrator"] = dict.fromkeys(EXPECTED["coordinator"], REFUSED) | {"back up": "made"}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_sees_and_changes_only_what_it_may(filled, role):
    assert _what_each_role_meets(*filled, role) == EXPECTED[role]


def test_every_table_and_view_is_in_the_permission_table(register):
    names = {row[0] for row in register.db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert names - {"sqlite_sequence", "sqlite_stat1"} <= set(permissions.WHAT_A_TABLE_HOLDS)


def test_nobody_may_change_or_delete_the_audit_trail(filled):
    path = filled[0]
    for role in permissions.ROLES:
        register = open_register(path, Actor("Sam Tester", role))
        for statement in ("DELETE FROM audit_log", "UPDATE audit_log SET actor = 'someone else'"):
            with pytest.raises(PermissionDenied):
                register.db.execute(statement)
        register.close()


def test_a_refusal_says_what_and_what_to_do(filled):
    path, child_id, _, _ = filled
    register = open_register(path, Actor("Sam Okafor", "ewo"))
    with pytest.raises(PermissionDenied) as refused:
        missing.save_episode(register, missing.Episode(child_id, "M", at("25/11/2026 20:00")))
    assert str(refused.value) == (
        "Your role (Education welfare officer) may not change missing from home or care records. Nothing was "
        "changed. If your work needs it, ask your manager or the register's administrator."
    )
    register.close()


def _command(path: Path, role: str, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "register", "--data-dir", str(path.parent), "--demo", "--role", role, *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_line_holds_each_role_to_the_same_table(filled, tmp_path):
    path = filled[0]
    rows = ["LA900,Ama,Boateng,01/05/2012,F,,N,M,01/11/2026 11:00,01/11/2026 11:30,,,,,"]
    episodes = write(tmp_path, rows)
    assert ",".join(COLUMNS).startswith("child_ref")
    by_ewo = _command(path, "ewo", "import", "missing", str(episodes))
    assert by_ewo.returncode != 0 and "Traceback" not in by_ewo.stderr
    assert "may not change missing from home or care records" in by_ewo.stderr
    by_coordinator = _command(path, "coordinator", "import", "missing", str(episodes))
    assert by_coordinator.returncode == 0, by_coordinator.stderr
    quarter = ["report", "quarterly", "--quarter", "2026-27-Q3"]
    by_board = _command(path, "board_reader", *quarter, "--out", str(tmp_path / "q.pdf"))
    assert by_board.returncode != 0 and "Traceback" not in by_board.stderr
    assert "has not been published yet" in by_board.stderr and not (tmp_path / "q.pdf").exists()
    # The coordinator publishes the published copy; the board reader reads it, from the kept figures alone.
    by_coordinator = _command(path, "coordinator", *quarter, "--out", str(tmp_path / "c.pdf"), "--published")
    assert by_coordinator.returncode == 0, by_coordinator.stderr
    by_board = _command(path, "board_reader", *quarter, "--csv", str(tmp_path / "q.csv"))
    assert by_board.returncode == 0, by_board.stderr
    assert (tmp_path / "q.csv").read_text() == _published_csv(path, tmp_path)


def _published_csv(path, tmp_path) -> str:
    """The published copy's CSV as the coordinator writes it."""
    by_coordinator = _command(
        path,
        "coordinator",
        "report",
        "quarterly",
        "--quarter",
        "2026-27-Q3",
        "--csv",
        str(tmp_path / "c.csv"),
        "--published",
    )
    assert by_coordinator.returncode == 0, by_coordinator.stderr
    return (tmp_path / "c.csv").read_text()
