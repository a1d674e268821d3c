"""Several people on one register, each in their own process: saves wait for each other instead of
failing, a stale save is refused naming who changed the record, and nobody sees a raw SQLite error."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from register import Actor, missing, open_register, people
from tests.helpers.spreadsheets import write
from tests.helpers.values import at

ROOT = Path(__file__).resolve().parents[2]


def start(path: Path, name: str, *arguments: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.writer", str(path), name, *arguments],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen) -> dict:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err  # a raw SQLite error would end the process with a traceback
    return json.loads(out)


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


def test_saves_during_an_import_wait_for_it_or_say_the_register_is_busy(tmp_path):
    path = tmp_path / "register.sqlite"
    [child_id] = children(path, 1)
    rows = [f"LI{n:05d},Child{n},Import,01/01/2012,F,,N,M,20/11/2026 10:00,20/11/2026 12:00,,,,," for n in range(2000)]
    importing = start(path, "Data team", "import", str(write(tmp_path, rows)))
    saving = start(path, "Jo Coordinator", "episodes", str(child_id), "20")
    imported, saved = finish(importing), finish(saving)
    assert imported == {"saved": 1, "refused": []}
    assert all(kind == "RegisterBusyError" for kind, _ in saved["refused"])  # never a raw SQLite error
    register = open_register(path)
    assert register.db["missing_episodes"].count == 2000 + saved["saved"]
    register.close()
