"""What signing in and encryption at rest cost, each encrypted figure beside the unencrypted one.

    python benchmarks/security.py [--data-dir DIR] [--children N] [--episodes N] [--rows N]

Builds the demo register (100,000 children, 1,000,000 episodes) unless DIR holds one, copies it and
encrypts the copy as a real register would be (users.encrypt), then times on both, one after the
other in this one run: opening, the coordinator's dashboard, and a 100,000-row import; and signing
in (Argon2id at the program's own cost) against opening with the key already unlocked.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from common import demo_register, record, timed
from concurrent_saves import write_episodes_csv

from register import Actor, open_register
from register.core import keys, users
from register.core.db import REGISTER_FILE
from register.missing.dashboard import dashboard
from register.missing.import_csv import import_missing

T = TypeVar("T")
ADMINISTRATOR = keys.Credentials("Benchmark Admin", "kettle orbit lantern sixty")


def _clocked(function: Callable[[], T]) -> tuple[tuple[float, float], T]:
    """What ``function`` returned, after the wall-clock and processor seconds it took."""
    clock, processor = time.perf_counter(), time.process_time()
    value = function()
    return (time.perf_counter() - clock, time.process_time() - processor), value


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--episodes", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=100_000)
    arguments = parser.parse_args()
    folder = arguments.data_dir or Path(tempfile.mkdtemp(prefix="register-bench-"))
    plain_path = demo_register(folder, "--children", str(arguments.children), "--episodes", str(arguments.episodes))
    real_folder = folder / "real"
    real_path = real_folder / REGISTER_FILE
    if not keys.is_real(real_path):
        shutil.rmtree(real_folder, ignore_errors=True)
        real_folder.mkdir()
        shutil.copy(plain_path, real_path)  # the demo register is closed: no process holds it
        seconds, (register, kept) = timed(lambda: users.encrypt(real_path, ADMINISTRATOR))
        record("encrypt the register (sqlcipher_export)", seconds, None)
        register.close()
        users.forget_plain_copy(kept)
    print(f"encrypted file: {real_path} ({real_path.stat().st_size / 2**20:.0f} MiB)", flush=True)

    seconds, signed_in = timed(lambda: open_register(real_path, sign_in=ADMINISTRATOR))
    record("sign in (check passphrase, unwrap key, open)", seconds, None)
    unlocked = signed_in.unlocked
    signed_in.close()
    seconds, again = timed(lambda: open_register(real_path, sign_in=unlocked))
    record("  the same open with the key already unlocked (a worker's)", seconds, None)
    again.close()

    csv_file = write_episodes_csv(folder / "episodes.csv", arguments.rows)
    # The administrator's role reads no records: a coordinator does the work in the encrypted register.
    administrator = open_register(real_path, sign_in=ADMINISTRATOR)
    if "Benchmark Coordinator" not in keys.names(keys.keys_path(real_path)):
        users.add(administrator, keys.Credentials("Benchmark Coordinator", "purple tractor saxophone"), "coordinator")
    administrator.close()
    coordinator = keys.Credentials("Benchmark Coordinator", "purple tractor saxophone")
    unlocked = open_register(real_path, sign_in=coordinator).unlocked

    openers = {
        "unencrypted": lambda: open_register(plain_path, Actor("Benchmark", "coordinator")),
        "encrypted": lambda: open_register(real_path, sign_in=unlocked),
    }
    # Wall-clock and processor time: on a machine shared with other work the clock varies from run to run,
    # while the processor time this process spends (SQLite and SQLCipher run in it) stays close.
    figures: dict[str, dict[str, tuple[float, float]]] = {
        "open": {},
        "dashboard": {},
        "dashboard again": {},
        "import": {},
    }
    for kind, opener in openers.items():
        figures["open"][kind], register = _clocked(opener)
        figures["dashboard"][kind] = _clocked(lambda register=register: dashboard(register))[0]
        figures["dashboard again"][kind] = _clocked(lambda register=register: dashboard(register))[0]
        figures["import"][kind] = _clocked(lambda register=register: import_missing(register, csv_file))[0]
        register.close()
    labels = {
        "open": "open the register",
        "dashboard": "coordinator's dashboard (first)",
        "dashboard again": "coordinator's dashboard (again, cached pages)",
        "import": f"import {arguments.rows:,} episodes",
    }
    print(f"\n{'':<46} {'unencrypted':>21} {'encrypted':>21} {'cost (processor)':>17}")
    print(f"{'':<46} {'clock':>10} {'processor':>10} {'clock':>10} {'processor':>10}")
    for key, label in labels.items():
        (plain, plain_cpu), (encrypted, encrypted_cpu) = figures[key]["unencrypted"], figures[key]["encrypted"]
        print(
            f"{label:<46} {plain:>8.3f} s {plain_cpu:>8.3f} s {encrypted:>8.3f} s {encrypted_cpu:>8.3f} s "
            f"{encrypted_cpu / max(plain_cpu, 1e-6):>16.2f}×",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
