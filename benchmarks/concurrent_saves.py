"""Saves while an import runs, and the open-time check on the big register.

    python benchmarks/concurrent_saves.py [--data-dir DIR] [--rows 100000] [--saves 300] [--savers 2]
                                          [--pause 0.2] [--big]

Part one: builds a register (the demo builder, small), writes a synthetic missing-episodes CSV of
``--rows`` rows, and starts the import in a process of its own; at the same moment ``--savers``
processes each make ``--saves`` saves on a child of their own (report missing, grade the risk,
record the return, in turn), each save its own transaction through the register's save functions,
``--pause`` seconds apart. Every exception a save raises (RegisterBusyError or any other) is a failed
save. Meanwhile this process tries for the write lock every 50 ms without waiting (BEGIN IMMEDIATE,
then ROLLBACK) to see how long the import held it. Prints failed saves per process (must be 0),
the longest wait, the median and 95th percentile save, and the import's time.

Part two (``--big``; a few minutes): builds the 1,000,000-episode demo register (once, in DIR/big)
and times the open-time check (PRAGMA quick_check, ``opening.damage``) warm, and cold after dropping
the operating system's cache (as root), or else after evicting the file's pages (posix_fadvise).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from common import FULL_DEMO, demo_register, record, summary, timed, write_episodes_csv

from register import Actor, RegisterBusyError, missing, open_register, people
from register.core import codes, timescales
from register.core.opening import damage
from register.core.sqlite import sqlite3
from register.missing.import_csv import import_missing

PROBE_EVERY = 0.05  # seconds between this process's tries for the write lock
SAVES_REGISTER = ("--children", "10000", "--episodes", "100000")


# ---- the processes ----------------------------------------------------------------


def importing(path: str, csv_file: str, start: Any, results: Any) -> None:
    """The import, in a process of its own; reports when it began, first wrote (as its progress says) and ended."""
    register = open_register(path, Actor("Data team"))
    start.wait()
    began = time.monotonic()
    first_write: list[float] = []

    def progress(done: int, total: int) -> bool:
        if done >= 1 and not first_write:
            first_write.append(time.monotonic())
        return True

    try:
        outcome = str(import_missing(register, csv_file, progress))
    except Exception as error:  # reported, not raised: the figures say what happened
        outcome = f"FAILED {type(error).__name__}: {str(error)[:300]}"
    ended = time.monotonic()
    register.close()
    results.put(
        (
            "import",
            {
                "began": began,
                "first_write": first_write[0] if first_write else None,
                "ended": ended,
                "outcome": outcome,
            },
        )
    )


def saving(path: str, name: str, child_id: int, saves: int, pause: float, start: Any, results: Any) -> None:
    """``saves`` saves on the child's episodes, one transaction each: report missing, grade, record the return."""
    register = open_register(path, Actor(name))
    first = timescales.parse_local("01/01/2024", "10:00")
    grades = list(codes.RISK_GRADES)
    opened = 0
    episode: missing.Episode | None = None  # the child's open episode, once graded or not
    graded = False
    timings: list[tuple[float, float, str | None]] = []  # (began, seconds, failure or None)
    start.wait()
    for _ in range(saves):
        began = time.monotonic()
        failure = None
        try:
            if episode is None:
                episode = missing.save_episode(
                    register, missing.Episode(child_id, "M", first + timedelta(days=opened), last_seen_place="Home")
                )
                opened, graded = opened + 1, False
            elif not graded:
                episode = missing.save_episode(register, replace(episode, risk_grade=grades[opened % len(grades)]))
                graded = True
            else:
                missing.record_return(register, episode, episode.started_at + timedelta(hours=5), "Came home")
                episode = None
        except RegisterBusyError as error:
            failure = f"RegisterBusyError: {error}"
        except Exception as error:  # any other failure counts too
            failure = f"{type(error).__name__}: {error}"
        timings.append((began, time.monotonic() - began, failure))
        time.sleep(pause)
    register.close()
    results.put((name, timings))


def held_lock(path: Path, stop: Any) -> list[tuple[float, bool]]:
    """Try for the write lock every PROBE_EVERY seconds without waiting until ``stop()``: (when, held by another)."""
    connection = sqlite3.connect(path, timeout=0, isolation_level=None)
    samples = []
    while not stop():
        now = time.monotonic()
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("ROLLBACK")
            samples.append((now, False))
        except sqlite3.OperationalError:
            samples.append((now, True))
        time.sleep(PROBE_EVERY)
    connection.close()
    return samples


def longest_hold(samples: list[tuple[float, bool]]) -> tuple[float, float, float]:
    """The longest run of tries that found the lock held: (from, to, total time found held)."""
    best, run_from, total = (0.0, 0.0), None, 0.0
    if not samples:
        return 0.0, 0.0, 0.0
    for (when, held), (after, _) in zip(samples, [*samples[1:], (samples[-1][0] + PROBE_EVERY, False)], strict=True):
        if held:
            total += after - when
            run_from = when if run_from is None else run_from
            if after - run_from > best[1] - best[0]:
                best = (run_from, after)
        else:
            run_from = None
    return best[0], best[1], total


# ---- part one ----------------------------------------------------------------


def saves_during_import(folder: Path, rows: int, saves: int, savers: int, pause: float) -> None:
    path = demo_register(folder, *SAVES_REGISTER)
    register = open_register(path, Actor("Jo Coordinator"))
    child_ids = [
        people.save_child(register, people.Child(f"Saver{n}", "Bench", date(2012, 3, 1), "F")).id for n in range(savers)
    ]
    before = register.db["missing_episodes"].count
    register.close()
    seconds, csv_file = timed(lambda: write_episodes_csv(folder / "episodes.csv", rows))
    print(f"wrote {rows:,} synthetic rows to {csv_file} in {seconds:.1f} s; {before:,} episodes in the register")

    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(savers + 2), context.Queue()
    processes = [context.Process(target=importing, args=(str(path), str(csv_file), start, results))]
    processes += [
        context.Process(target=saving, args=(str(path), f"Saver {n + 1}", child_id, saves, pause, start, results))
        for n, child_id in enumerate(child_ids)
    ]
    for process in processes:
        process.start()
    start.wait()
    began = time.monotonic()
    samples: list[tuple[float, bool]] = []
    stop = threading.Event()
    probe = threading.Thread(target=lambda: samples.extend(held_lock(path, stop.is_set)))
    probe.start()
    gathered: dict[str, Any] = {}
    while len(gathered) < len(processes):
        name, value = results.get(timeout=3600)
        gathered[name] = value
    stop.set()
    probe.join()
    for process in processes:
        process.join()

    imported = gathered.pop("import")
    print(f"import: {imported['outcome']}")
    record(f"import of {rows:,} rows, whole", imported["ended"] - imported["began"], None)
    if imported["first_write"] is not None:
        record("  reading and checking before its first write", imported["first_write"] - imported["began"], None)
        record("  from its first write to its end", imported["ended"] - imported["first_write"], None)
    hold_from, hold_to, held_total = longest_hold(samples)
    record("write lock found held, longest run (50 ms tries)", hold_to - hold_from, None)
    record("write lock found held, in all", held_total, None)

    everything = []
    for name, timings in sorted(gathered.items()):
        failures = [failure for _, _, failure in timings if failure]
        record(f"{name}: failed saves (of {len(timings)})", len(failures), 0, "saves")
        for failure in failures[:3]:
            print(f"    {failure}")
        everything += timings
    waits = sorted(seconds for _, seconds, _ in everything)
    during = [t for t in everything if imported["began"] <= t[0] < imported["ended"]]
    in_hold = [t for t in everything if hold_from <= t[0] < hold_to]
    print(
        f"saves begun while the import ran: {len(during)} of {len(everything)}; "
        f"while the lock was held (longest run): {len(in_hold)}; "
        f"the last save ended {max(t[0] + t[1] for t in everything) - began:.1f} s after the start"
    )
    record("longest wait (a save's whole time)", waits[-1], None)
    ok = sorted(seconds for _, seconds, failure in everything if not failure)
    if ok and len(ok) < len(waits):
        record("longest wait of a save that succeeded", ok[-1], None)
    record("median save (failed ones included)", statistics.median(waits) * 1000, None, "ms")
    record(
        "95th percentile save (failed ones included)",
        (statistics.quantiles(waits, n=20)[18] if len(waits) > 1 else waits[0]) * 1000,
        None,
        "ms",
    )
    register = open_register(path)
    print(
        f"episodes in the register afterwards: {register.db['missing_episodes'].count:,} "
        f"({before:,} before); integrity: {register.db.execute('PRAGMA quick_check').fetchone()[0]}"
    )
    register.close()


# ---- part two ----------------------------------------------------------------


def forget_cached(path: Path) -> str:
    """Make the next read of the register come from the disk; says how (or that it could not)."""
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return "the whole page cache dropped (echo 3 > /proc/sys/vm/drop_caches)"
    except OSError as error:
        refused = f"drop_caches refused ({error.strerror})"
    if not hasattr(os, "posix_fadvise"):
        return f"not cold: {refused}, and no posix_fadvise here"
    # No connection to the register is open in this process now, so closing these descriptors drops no lock.
    for part in (path, path.with_name(path.name + "-wal")):
        if part.exists():
            descriptor = os.open(part, os.O_RDONLY)
            try:
                os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(descriptor)
    return f"{refused}; the register's own pages evicted instead (posix_fadvise DONTNEED)"


def open_time_check(folder: Path) -> None:
    path = demo_register(folder / "big", *FULL_DEMO, target=120)

    def check(label: str) -> None:
        seconds, register = timed(lambda: open_register(path, Actor("Benchmark")))
        record(f"open the register ({label})", seconds, None)
        seconds, found = timed(lambda: damage(register))
        record(f"open-time check, PRAGMA quick_check ({label})", seconds, None)
        if found:
            print(f"    {found}")
        register.close()

    check("warm-up")
    for run in range(1, 4):
        check(f"warm, run {run}")
    print(f"cold: {forget_cached(path)}")
    check("cold")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--data-dir", "--dir", type=Path, help="where to build the registers (default: a new temp folder)"
    )
    parser.add_argument("--rows", type=int, default=100_000, help="rows in the imported CSV")
    parser.add_argument("--saves", type=int, default=300, help="saves each saving process makes")
    parser.add_argument("--savers", type=int, default=2, help="saving processes")
    parser.add_argument("--pause", type=float, default=0.2, help="seconds between one process's saves")
    parser.add_argument(
        "--big", action="store_true", help="also time the open-time check on the 1,000,000-episode register"
    )
    parser.add_argument("--only-big", action="store_true", help="only the open-time check")
    arguments = parser.parse_args()
    folder = arguments.data_dir or Path(tempfile.mkdtemp(prefix="register-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    if not arguments.only_big:
        run_folder = Path(tempfile.mkdtemp(prefix="saves-", dir=folder))  # a fresh register each run
        saves_during_import(run_folder, arguments.rows, arguments.saves, arguments.savers, arguments.pause)
    if arguments.big or arguments.only_big:
        open_time_check(folder)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
