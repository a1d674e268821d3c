"""A spreadsheet import beside SQLite's own: the missing-episodes import of a synthetic file, with
every rule checked and every record audited, timed beside ``sqlite3``'s ``.import`` of the same file
into a bare table, measured in the same run; and the import's peak memory.

    python benchmarks/imports.py [--data-dir DIR] [--rows 100000]

Targets (the imports issue, on 2 cores): 100,000 rows in under 10 s; 1,000,000 rows in under 400 MB
resident (run with --rows 1000000 for that figure). Needs the sqlite3 command (apt-get install sqlite3).
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from common import record, summary, timed, write_episodes_csv

from register import Actor, open_register
from register.missing.import_csv import import_missing


def _import(register_path: str, csv_file: str) -> None:
    register = open_register(register_path, Actor("Benchmark", "coordinator"))
    print(f"  {import_missing(register, csv_file)}", flush=True)
    register.close()


def import_in_a_process(register_path: Path, csv_file: Path) -> tuple[float, float]:
    """The import's wall time (s) and its process's peak resident memory (MB)."""
    process = multiprocessing.get_context("spawn").Process(target=_import, args=(str(register_path), str(csv_file)))
    started = time.perf_counter()
    process.start()
    process.join()
    seconds = time.perf_counter() - started
    if process.exitcode != 0:
        raise SystemExit(f"the import failed (exit {process.exitcode})")
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


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
    arguments = parser.parse_args()
    if shutil.which("sqlite3") is None:
        raise SystemExit("the sqlite3 command is needed: apt-get install sqlite3")
    folder = arguments.data_dir or Path(tempfile.mkdtemp(prefix="imports-"))
    folder.mkdir(parents=True, exist_ok=True)
    seconds, csv_file = timed(lambda: write_episodes_csv(folder / "episodes.csv", arguments.rows))
    print(f"wrote {arguments.rows:,} synthetic rows to {csv_file} in {seconds:.1f} s", flush=True)
    bare = sqlite_import(folder, csv_file)
    register_path = folder / "register.sqlite"
    register_path.unlink(missing_ok=True)
    ours, memory = import_in_a_process(register_path, csv_file)
    record(f"sqlite3 .import of {arguments.rows:,} rows (bare table)", bare, None)
    record(f"missing import of {arguments.rows:,} rows (rules, audit)", ours, 10 * arguments.rows / 100_000)
    record("  as a multiple of sqlite3 .import", ours / bare, None, "x")
    record(f"  peak resident memory, {arguments.rows:,} rows", memory, 400, "MB")
    return summary()


if __name__ == "__main__":
    raise SystemExit(main())
