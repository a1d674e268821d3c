"""A second person at work on the same register, in a process of their own, for the concurrency tests.

    python -m tests.helpers.writer REGISTER NAME episodes CHILD_ID COUNT
    python -m tests.helpers.writer REGISTER NAME same EPISODE_ID VERSION
    python -m tests.helpers.writer REGISTER NAME import CSV_FILE
    python -m tests.helpers.writer REGISTER NAME window CHILD_ID FLAG_FOLDER
        (a window's way of working, three times: a save on its connection, then connections opened and
        closed beside it as the Reports page and every worker do; it writes ready-N in FLAG_FOLDER and
        waits for go-N before going on)
    python -m tests.helpers.writer REGISTER NAME backup
    python -m tests.helpers.writer REGISTER NAME opens CHILD_ID COUNT
        (opens the child's record COUNT times, each noted in the access log)

Prints one JSON object: how many saves were made, and each refusal as [error type, message].
A test starts one with ``start`` and reads what it did with ``finish``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from register import Actor, RegisterError, missing, open_register, people
from register.backups import store
from register.missing.face import FACE as MISSING
from tests.helpers.values import at

ROOT = Path(__file__).resolve().parents[2]


def start(path: Path, name: str, *arguments: str) -> subprocess.Popen:
    """A person named ``name`` at work on the register at ``path`` in a process of their own."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.writer", str(path), name, *arguments],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen) -> dict:
    """What the process did: {"saved": N, "refused": [[error type, message], ...]}; fails on a traceback."""
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err  # a raw SQLite error would end the process with a traceback
    return json.loads(out)


def main(arguments: list[str]) -> None:
    path, name, what, *rest = arguments
    register = open_register(path, Actor(name))
    saved, refused = 0, []
    try:
        if what == "episodes":
            child_id, count = int(rest[0]), int(rest[1])
            first = at("01/01/2026 10:00")
            for number in range(count):
                start = first + timedelta(days=number)
                try:
                    missing.save_episode(
                        register, missing.Episode(child_id, "M", start, ended_at=start + timedelta(hours=2))
                    )
                    saved += 1
                except RegisterError as error:
                    refused.append([type(error).__name__, str(error)])
        elif what == "same":
            episode = missing.get_episode(register, int(rest[0]))
            try:
                missing.save_episode(register, replace(episode, notes=f"Seen by {name}", version=int(rest[1])))
                saved += 1
            except RegisterError as error:
                refused.append([type(error).__name__, str(error)])
        elif what == "window":
            child_id, flags = int(rest[0]), Path(rest[1])
            for step in range(3):
                start = at("01/03/2026 10:00") + timedelta(days=step)
                missing.save_episode(
                    register, missing.Episode(child_id, "M", start, ended_at=start + timedelta(hours=1))
                )
                saved += 1
                for _ in range(3):  # the Reports page and the dashboards' workers, each on a connection of its own
                    beside = open_register(path, Actor(name))
                    beside.db.execute("SELECT COUNT(*) FROM missing_episodes").fetchone()
                    beside.close()
                (flags / f"ready-{step}").touch()
                deadline = time.monotonic() + 60
                while not (flags / f"go-{step}").exists() and time.monotonic() < deadline:
                    time.sleep(0.02)
        elif what == "opens":
            for _ in range(int(rest[1])):
                try:
                    people.open_record(register, int(rest[0]))
                    saved += 1
                except RegisterError as error:
                    refused.append([type(error).__name__, str(error)])
        elif what == "backup":
            store.make_backup(register)
            saved += 1
        elif what == "import":
            try:
                MISSING.importers[0].run(register, rest[0], None)
                saved += 1
            except RegisterError as error:
                refused.append([type(error).__name__, str(error)])
    finally:
        register.close()
    print(json.dumps({"saved": saved, "refused": refused}))


if __name__ == "__main__":
    main(sys.argv[1:])
