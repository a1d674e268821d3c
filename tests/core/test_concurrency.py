"""Several people on one register, each in their own process: saves wait for each other instead of
failing, a stale save is refused naming who changed the record, and nobody sees a raw SQLite error."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from register import Actor, missing, open_register, people
from register.core import timescales
from register.imports.spreadsheet import ImportRefused
from register.missing.import_csv import import_missing
from tests.helpers.spreadsheets import write
from tests.helpers.values import at
from tests.helpers.writer import ROOT, finish, start


def children(path: Path, count: int) -> list[int]:
    register = open_register(path, Actor("Jo Coordinator"))
    ids = [
        people.save_child(register, people.Child(f"Child{number}", "Test", date(2012, 1, 1), "F")).id
        for number in range(count)
    ]
    register.close()
    return ids


def test_three_people_saving_different_episodes_at_once_lose_nothing(tmp_path):
    path = tmp_path / "register.sqlite"
    ids = children(path, 3)
    workers = [start(path, f"Worker {n}", "episodes", str(child_id), "40") for n, child_id in enumerate(ids)]
    results = [finish(worker) for worker in workers]
    assert [result["refused"] for result in results] == [[], [], []]
    register = open_register(path)
    assert register.db["missing_episodes"].count == 120
    assert register.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    register.close()


def test_two_people_saving_the_same_episode_one_is_told_who_saved_first(tmp_path):
    path = tmp_path / "register.sqlite"
    [child_id] = children(path, 1)
    register = open_register(path, Actor("Jo Coordinator"))
    episode = missing.save_episode(register, missing.Episode(child_id, "M", at("20/11/2026 10:00")))
    register.close()
    workers = [
        start(path, name, "same", str(episode.id), str(episode.version)) for name in ("Sam Carter", "Ruth Okoye")
    ]
    results = [finish(worker) for worker in workers]
    assert sorted(result["saved"] for result in results) == [0, 1]
    winner = "Sam Carter" if results[0]["saved"] else "Ruth Okoye"
    [[kind, message]] = next(result["refused"] for result in results if not result["saved"])
    assert kind == "ConflictError" and message.startswith(f"This record was changed by {winner} at ")
    register = open_register(path)
    assert missing.get_episode(register, episode.id).notes == f"Seen by {winner}"
    register.close()


def test_saves_during_an_import_all_land(tmp_path):
    path = tmp_path / "register.sqlite"
    [child_id] = children(path, 1)
    rows = [f"LI{n:05d},Child{n},Import,01/01/2012,F,,N,M,20/11/2026 10:00,20/11/2026 12:00,,,,," for n in range(2000)]
    importing = start(path, "Data team", "import", str(write(tmp_path, rows)))
    saving = start(path, "Jo Coordinator", "episodes", str(child_id), "20")
    imported, saved = finish(importing), finish(saving)
    assert imported == {"saved": 1, "refused": []}
    assert saved == {"saved": 20, "refused": []}  # the import holds the write lock only while it writes
    register = open_register(path)
    assert register.db["missing_episodes"].count == 2000 + 20
    register.close()


def _import_with_a_save_meanwhile(tmp_path, save_for_the_imported_child: bool, amas_day="01/01/2026"):
    """Import 600 children's episodes and one more for Ama (LA900), on ``amas_day`` from 11:00 to 11:30;
    while the import checks its rows, a colleague in another process saves an episode (01/01/2026
    10:00 to 12:00) for Ama or for Kofi."""
    path = tmp_path / "register.sqlite"
    register = open_register(path, Actor("Data team"))
    ama = people.save_child(register, people.Child("Ama", "Boateng", date(2012, 5, 1), "F", la_id="LA900"))
    kofi = people.save_child(register, people.Child("Kofi", "Boateng", date(2013, 5, 1), "M"))
    rows = [f"LC{n:05d},Child{n},Import,01/01/2012,F,,N,M,20/11/2026 10:00,20/11/2026 12:00,,,,," for n in range(600)]
    rows.append(f"LA900,Ama,Boateng,01/05/2012,F,,N,M,{amas_day} 11:00,{amas_day} 11:30,,,,,")  # row 602
    colleague = {}

    def progress(done, total):
        if done and not colleague:  # checking has begun; the colleague saves and waits for nothing
            began = time.monotonic()
            chosen = ama if save_for_the_imported_child else kofi
            colleague["did"] = finish(start(path, "Jo Coordinator", "episodes", str(chosen.id), "1"))
            colleague["waited"] = time.monotonic() - began
        return True

    try:
        return register, import_missing(register, write(tmp_path, rows), progress), colleague
    except ImportRefused as refused:
        return register, refused, colleague


def test_an_import_checks_its_rows_while_colleagues_save_and_what_they_saved_is_kept(tmp_path):
    register, summary, colleague = _import_with_a_save_meanwhile(tmp_path, False)
    assert colleague["did"] == {"saved": 1, "refused": []}
    assert colleague["waited"] < 5  # not held up by the import's checking (the busy timeout is 10 s)
    assert summary.counts["episodes added"] == 601
    assert register.db["missing_episodes"].count == 602
    register.close()


def test_a_colleagues_save_made_while_an_import_checked_is_checked_against_again(tmp_path):
    """Ama's imported episode overlaps the one a colleague saved after the import had checked hers:
    the import checks again under the write lock, and refuses the row instead of storing both."""
    register, refused, colleague = _import_with_a_save_meanwhile(tmp_path, True)
    assert colleague["did"] == {"saved": 1, "refused": []}
    assert isinstance(refused, ImportRefused)
    [problem] = refused.problems
    assert (problem.row, problem.column) == (602, "started") and "overlaps another episode" in problem.problem
    assert register.db["missing_episodes"].count == 1  # the colleague's, and nothing of the import
    assert register.db["children"].count == 2
    register.close()


def test_a_colleagues_save_for_a_child_being_imported_that_fits_is_kept_beside_the_import(tmp_path):
    """Ama's imported episode is a day after the one the colleague saved: checked again, it fits,
    and both are kept, each once."""
    register, summary, colleague = _import_with_a_save_meanwhile(tmp_path, True, "02/01/2026")
    assert colleague["did"] == {"saved": 1, "refused": []}
    assert summary.counts == {"children added": 600, "children already in the register": 1, "episodes added": 601}
    ama = register.db.execute("SELECT id FROM children WHERE la_id = 'LA900'").fetchone()[0]
    starts = [timescales.show_instant(episode.started_at) for episode in missing.episodes_for_child(register, ama)]
    assert starts == ["01/01/2026 10:00", "02/01/2026 11:00"]
    assert register.db["missing_episodes"].count == 602
    assert register.db.execute("PRAGMA foreign_key_check").fetchall() == []
    register.close()


def test_a_window_and_imports_in_turn_leave_the_file_sound(tmp_path):
    """The corruption once found: a window saving and opening second connections beside its own while
    imports run and end in another process."""
    path = tmp_path / "register.sqlite"
    [child_id] = children(path, 1)
    flags = tmp_path / "flags"
    flags.mkdir()
    window = start(path, "Jo Coordinator", "window", str(child_id), str(flags))
    imported = 0
    for step in range(3):
        deadline = time.monotonic() + 60
        while not (flags / f"ready-{step}").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        rows = [
            f"L{step}{n:04d},Child{n},Import{step},01/01/2012,F,,N,M,20/11/2026 10:00,20/11/2026 12:00,,,,,"
            for n in range(300)
        ]
        assert finish(start(path, "Data team", "import", str(write(tmp_path, rows, f"{step}.csv")))) == {
            "saved": 1,
            "refused": [],
        }
        imported += 300
        (flags / f"go-{step}").touch()
    assert finish(window) == {"saved": 3, "refused": []}
    register = open_register(path)
    assert register.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert register.db["missing_episodes"].count == imported + 3
    register.close()


def test_a_process_killed_mid_import_or_mid_backup_leaves_the_register_and_the_backups_sound(tmp_path):
    import signal
    import time

    path = tmp_path / "register.sqlite"
    children(path, 1)
    rows = [f"LK{n:05d},Child{n},Killed,01/01/2012,F,,N,M,20/11/2026 10:00,20/11/2026 12:00,,,,," for n in range(3000)]
    for what, arguments in (("import", [str(write(tmp_path, rows))]), ("backup", [])):
        process = start(path, "Data team", what, *arguments)
        time.sleep(1.0)  # well into the import's writing, or the backup's copying
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        register = open_register(path)
        assert register.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert register.db["missing_episodes"].count in (0, 3000)  # all of the import or none of it
        register.close()
    from register.backups import store

    for backup in store.backups(path):  # a backup cut short was never renamed into place
        assert store.check_backup(backup) == []


def test_two_people_backing_up_in_the_same_second_each_keep_a_sound_backup(tmp_path):
    from register.backups import store

    path = tmp_path / "register.sqlite"
    children(path, 5)
    for _ in range(3):
        workers = [start(path, name, "backup") for name in ("Jo Coordinator", "Sam Carter")]
        assert [finish(worker) for worker in workers] == [{"saved": 1, "refused": []}] * 2
    found = store.backups(path)
    assert len(found) == 6 and all(store.check_backup(backup) == [] for backup in found)
    assert not list((tmp_path / "backups").glob(".*"))  # no part file left behind


def test_several_people_backing_up_and_rotating_at_once_see_no_error(tmp_path, now):
    from register.cli import main as register_main

    assert register_main(["--data-dir", str(tmp_path), "demo", "--children", "20"]) == 0
    for _ in range(3):
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "register", "--data-dir", str(tmp_path), "--demo", "backup"],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        for run in runs:
            out, err = run.communicate(timeout=120)
            assert run.returncode == 0 and "Traceback" not in err, err
            assert out.startswith("Backed up and checked:")
