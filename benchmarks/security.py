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
from pathlib import Path

from common import demo_register, record, timed
from concurrent_saves import write_episodes_csv

from register import Actor, open_register
from register.core import keys, users
from register.core.db import REGISTER_FILE
from register.missing.dashboard import dashboard
from register.missing.import_csv import import_missing

ADMINISTRATOR = keys.Credentials("Benchmark Admin", "kettle orbit lantern sixty")


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
    figures: dict[str, dict[str, float]] = {"open": {}, "dashboard": {}, "dashboard again": {}, "import": {}}
    for kind, opener in openers.items():
        figures["open"][kind], register = timed(opener)
        figures["dashboard"][kind] = timed(lambda register=register: dashboard(register))[0]
        figures["dashboard again"][kind] = timed(lambda register=register: dashboard(register))[0]
        figures["import"][kind] = timed(lambda register=register: import_missing(register, csv_file))[0]
        register.close()
    labels = {
        "open": "open the register",
        "dashboard": "coordinator's dashboard (first)",
        "dashboard again": "coordinator's dashboard (again, cached pages)",
        "import": f"import {arguments.rows:,} episodes",
    }
    print(f"\n{'':<50} {'unencrypted':>12} {'encrypted':>12} {'cost':>8}")
    for key, label in labels.items():
        plain, encrypted = figures[key]["unencrypted"], figures[key]["encrypted"]
        print(f"{label:<50} {plain:>10.3f} s {encrypted:>10.3f} s {encrypted / plain:>7.2f}×", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
