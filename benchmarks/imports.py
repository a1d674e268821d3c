"""A spreadsheet import beside SQLite's own: the missing-episodes import of a synthetic file, with
every rule checked and every record audited, timed beside ``sqlite3``'s ``.import`` of the same file
into a bare table, measured in the same run; and the import's peak memory.

    python benchmarks/imports.py [--data-dir DIR] [--rows 100000] [--runs 3]

Each run imports the file into a new register in a process of its own, and prints the import's
parts (reading, checking, waiting for the write lock, writing with it held) in seconds on the wall
clock and of processor time, its whole time both ways, its peak resident memory, and its time as a
multiple of ``sqlite3 .import``'s in that run. The figures checked against the targets are the
runs' medians: on a machine others share, the wall clock varies from run to run, processor time
less so.

Targets (the imports issue, on 2 cores): 100,000 rows in under 10 s; 1,000,000 rows in under 400 MB
resident (run with --rows 1000000 for that figure). Needs the sqlite3 command (apt-get install sqlite3).
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

from common import record, summary, timed, write_episodes_csv

from register import Actor, open_register
from register.missing.import_csv import import_missing

PARTS = ("reading", "checking", "waiting", "writing")


def _import(register_path: str, csv_file: str, results: Connection) -> None:
    register = open_register(register_path, Actor("Benchmark", "coordinator"))
    imported = import_missing(register, csv_file)
    register.close()
    assert imported.seconds is not None
    results.send((str(imported), imported.seconds.wall, imported.seconds.cpu, _peak_memory()))


def _peak_memory() -> float:
    """This process's peak resident memory (MB), as Linux counts it for the program it runs now (VmHWM).
    Not ru_maxrss: Linux carries that over from the parent when a process starts (fork, then exec), so
    a child of a parent holding a million rows' file would report the parent's memory as its own."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux: the best there is


def _processor_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def import_in_a_process(register_path: Path, csv_file: Path) -> dict[str, float]:
    """One import in a process of its own: its parts' seconds (wall and processor), its whole wall and
    processor seconds (starting the process included), and the process's peak resident memory (MB)."""
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_import, args=(str(register_path), str(csv_file), sending))
    processor = _processor_seconds()
    started = time.perf_counter()
    process.start()
    said, wall, cpu, memory = receiving.recv()
    process.join()
    seconds = time.perf_counter() - started
    if process.exitcode != 0:
        raise SystemExit(f"the import failed (exit {process.exitcode})")
    print(f"  {said}", flush=True)
    figures = {f"{part} wall": wall.get(part, 0.0) for part in PARTS} | {
        f"{part} cpu": cpu.get(part, 0.0) for part in PARTS
    }
    return figures | {"wall": seconds, "cpu": _processor_seconds() - processor, "memory": memory}


def sqlite_import(folder: Path, csv_file: Path) -> float:
    """``sqlite3``'s own .import of the file into a new bare table (no rules, no audit, no index)."""
    bare = folder / "bare.sqlite"
    bare.unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run(["sqlite3", str(bare), ".mode csv", f".import {csv_file} episodes"], check=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="where to build the files (default: a new temporary folder)")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    if shutil.which("sqlite3") is None:
        raise SystemExit("the sqlite3 command is needed: apt-get install sqlite3")
    folder = arguments.data_dir or Path(tempfile.mkdtemp(prefix="imports-"))
    folder.mkdir(parents=True, exist_ok=True)
    seconds, csv_file = timed(lambda: write_episodes_csv(folder / "episodes.csv", arguments.rows))
    print(f"wrote {arguments.rows:,} synthetic rows to {csv_file} in {seconds:.1f} s", flush=True)
    runs = []
    for run in range(1, arguments.runs + 1):
        bare = sqlite_import(folder, csv_file)
        register_path = folder / "register.sqlite"
        for old in folder.glob("register.sqlite*"):
            old.unlink()
        figures = import_in_a_process(register_path, csv_file) | {"sqlite3": bare}
        figures["ratio"] = figures["wall"] / bare
        parts = ", ".join(f"{part} {figures[f'{part} wall']:.2f}/{figures[f'{part} cpu']:.2f}" for part in PARTS)
        print(
            f"run {run}: {parts} (s wall/processor); whole {figures['wall']:.2f} s wall, {figures['cpu']:.2f} s "
            f"processor, {figures['memory']:.0f} MB; sqlite3 .import {bare:.2f} s; {figures['ratio']:.1f}x",
            flush=True,
        )
        runs.append(figures)

    def median(name: str) -> float:
        return statistics.median(figures[name] for figures in runs)

    rows = f"{arguments.rows:,} rows"
    record(f"sqlite3 .import of {rows} (bare table), median", median("sqlite3"), None)
    for part in PARTS:
        record(f"  {part}, wall (median)", median(f"{part} wall"), None)
        record(f"  {part}, processor (median)", median(f"{part} cpu"), None)
    record(f"missing import of {rows} (rules, audit), wall, median", median("wall"), 10 * arguments.rows / 100_000)
    record("  processor time (user + system), median", median("cpu"), None)
    record("  write lock held (writing, wall), median", median("writing wall"), None)
    record("  as a multiple of sqlite3 .import (wall), median", median("ratio"), None, "x")
    record(f"  peak resident memory, {rows}", max(figures["memory"] for figures in runs), 400, "MB")
    return summary()


if __name__ == "__main__":
    raise SystemExit(main())
