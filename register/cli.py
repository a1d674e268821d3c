"""The command line: python -m register [--data-dir DIR] [--user NAME] COMMAND ..."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from register import check, demo
from register.backups import store
from register.board import produce as board
from register.core import periods, permissions
from register.core.db import DEMO_FILE, REGISTER_FILE, Actor, Register, data_dir, default_actor
from register.core.errors import RegisterError, RegisterFileError, RegisterReadOnlyError
from register.core.opening import open_register, refuse_if_damaged
from register.core.sqlite import sqlite3
from register.faces import REGISTERS
from register.imports.spreadsheet import ImportRefused
from register.imports.templates import write_template

IMPORTERS = {importer.kind: importer for face in REGISTERS for importer in face.importers}
# The commands that change the register itself: refused on a register that cannot be written to. The
# others read it (a backup writes only its copy) and open it for viewing only when it cannot be written.
WRITES = ("demo", "import", "restore")


def register_path(arguments: argparse.Namespace) -> Path:
    """The file a command works on: the demo register or the real one, in the data folder."""
    demo_register = getattr(arguments, "demo", False) or arguments.command == "demo"
    return data_dir(arguments.data_dir) / (DEMO_FILE if demo_register else REGISTER_FILE)


def _at_least_one(text: str) -> int:
    """A whole number of at least 1, or argparse's own message naming the option."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("a demo register needs at least one child")
    return number


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m register", description=__doc__)
    parser.add_argument(
        "--data-dir", help="folder holding the register (default: REGISTER_DATA_DIR or your data folder)"
    )
    parser.add_argument("--user", help="your name, for the audit trail (default: your login name)")
    parser.add_argument(
        "--role",
        default="coordinator",
        choices=sorted(permissions.ROLES),
        help="your role: what you may see and change",
    )
    parser.add_argument("--demo", action="store_true", help="work on the demo register, not the real one")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("demo", help="fill the (empty) demo register with synthetic children and episodes")
    build.add_argument("--children", type=_at_least_one, default=300, help="children (default: 300)")
    build.add_argument("--seed", type=int, default=1)
    for size in (option for face in REGISTERS for option in face.demo_options):
        build.add_argument(f"--{size.name}", type=int, help=size.help)

    imports = commands.add_parser("import", help="import a spreadsheet (CSV or .xlsx), all or nothing")
    imports.add_argument(
        "kind",
        choices=sorted(IMPORTERS),
        help="what the file holds: " + "; ".join(f"{kind}: {importer.what}" for kind, importer in IMPORTERS.items()),
    )
    imports.add_argument("file", type=Path, help="a CSV file or an Excel workbook (.xlsx)")
    imports.add_argument("--sheet", help="the workbook's sheet to read (default: its first)")

    template = commands.add_parser(
        "template", help="write a spreadsheet to fill in for an import: its header and one example row"
    )
    template.add_argument("kind", choices=sorted(IMPORTERS), help="what the import reads")
    template.add_argument("file", type=Path, help="the file to write: FILE.xlsx for a workbook, else CSV")

    commands.add_parser("check", help="check the file's integrity and every record against the rules")

    backup = commands.add_parser("backup", help="make a verified backup of the register now")
    backup.add_argument("--to", type=Path, help="the folder (default: backups/ beside the register)")
    listing = commands.add_parser("backups", help="list the register's backups, newest first")
    listing.add_argument("--to", type=Path, help="the folder (default: backups/ beside the register)")
    listing.add_argument("--check", action="store_true", help="check each backup's integrity again")
    restoring = commands.add_parser(
        "restore", help="put a backup in the register's place (the register as it was is kept as a backup)"
    )
    restoring.add_argument("file", type=Path)

    report = commands.add_parser("report", help="the board's summary for a quarter or a year, as PDF and CSV")
    kinds = report.add_subparsers(dest="kind", required=True)
    for kind, option, example in (("quarterly", "--quarter", "2026-Q2"), ("annual", "--year", "2026-27")):
        one = kinds.add_parser(kind, help=f"the {kind} summary")
        one.add_argument(option, required=True, dest="period", help=f"the period, for example {example}")
        one.add_argument("--out", type=Path, help="the PDF to write")
        one.add_argument("--csv", type=Path, help="also write the figures as CSV (key,section,measure,period,value)")
        one.add_argument("--published", action="store_true", help="show counts of 1 to 4 as <5")
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.command == "template":  # needs no register
        try:
            written = write_template(IMPORTERS[arguments.kind], arguments.file)
        except OSError as error:
            print(f"The template could not be written: {error.strerror} ({error.filename})", file=sys.stderr)
            return 1
        print(f"Wrote {written}: the columns of a {arguments.kind} import and one example row")
        return 0
    actor = Actor(arguments.user or default_actor().name, arguments.role)
    path = register_path(arguments)
    try:
        try:
            register = open_register(path, actor)
        except RegisterReadOnlyError:
            if arguments.command in WRITES:
                raise
            register = open_register(path, actor, create=False, read_only=True)
            print(f"{path} is open for viewing only: {register.read_only}.", file=sys.stderr)
    except RegisterError as error:
        print(error, file=sys.stderr)
        return 2
    try:
        if arguments.command in ("import", "report", "backup", "demo"):
            refuse_if_damaged(register)  # a damaged register is never written to, reported from or backed up
        return _run(arguments, register)
    except RegisterError as error:
        print(error, file=sys.stderr)
        return 2 if isinstance(error, RegisterFileError) else 1
    except sqlite3.DatabaseError as error:  # damage the quick check could not see, met while working
        print(f"{register.path} is damaged ({error}): stopped, and nothing more was written.", file=sys.stderr)
        return 2
    finally:
        register.close()


def _run(arguments: argparse.Namespace, register) -> int:
    if arguments.command == "demo":
        started = time.perf_counter()
        sizes = {option.name: getattr(arguments, option.name) for face in REGISTERS for option in face.demo_options}
        demo.build(register, arguments.children, arguments.seed, **sizes)
        held = "".join(f", {register.db[face.tables[0]].count} {face.records}" for face in REGISTERS)
        print(
            f"Demo register {register.path}: {arguments.children} children{held} "
            f"in {time.perf_counter() - started:.1f} s"
        )
        return 0
    if arguments.command == "import":
        if not arguments.file.is_file():
            print(f"{arguments.file}: no such file", file=sys.stderr)
            return 1
        try:
            summary = IMPORTERS[arguments.kind].run(register, arguments.file, None, sheet=arguments.sheet)
        except ImportRefused as refused:
            print(refused, file=sys.stderr)
            return 1
        print(f"Imported {arguments.file}: {summary}")
        return 0
    if arguments.command == "report":
        return _report(arguments, register)
    if arguments.command in ("backup", "backups", "restore"):
        return _backups(arguments, register)
    found = 0
    for problem in check.problems(register):
        print(problem)
        found += 1
    print(f"{register.path}: {'no problems found' if not found else f'{found} problem(s) found'}")
    return 1 if found else 0


def _report(arguments: argparse.Namespace, register) -> int:
    try:
        period = periods.quarter(arguments.period) if arguments.kind == "quarterly" else periods.year(arguments.period)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    if arguments.out is None and arguments.csv is None:
        print("Say where to write the summary: --out FILE.pdf and/or --csv FILE.csv", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        board.produce(register, period, arguments.out, arguments.csv, arguments.published)
    except OSError as error:
        print(f"The summary could not be written: {error.strerror} ({error.filename})", file=sys.stderr)
        return 1
    written = " and ".join(str(path) for path in (arguments.out, arguments.csv) if path is not None)
    print(f"{period.label}: wrote {written} in {time.perf_counter() - started:.1f} s")
    return 0


def _backups(arguments: argparse.Namespace, register: Register) -> int:
    if arguments.command == "backup":
        folder = store.folder_of(register, arguments.to)
        made = store.make_backup(register, folder)
        store.rotate(register.path, folder)
        print(f"Backed up and checked: {made.path} ({made.size / 2**20:,.1f} MB)")
        return 0
    if arguments.command == "restore":
        if not arguments.file.is_file():
            print(f"{arguments.file}: no such file", file=sys.stderr)
            return 1
        kept = store.restore(register, arguments.file)
        print(f"Restored {arguments.file.name}. The register as it was is kept as {kept.path}.")
        return 0
    folder = store.folder_of(register, arguments.to)
    found = store.backups(register.path, folder)
    for backup in found:
        verdict = ""
        if arguments.check:
            problems = store.check_backup(backup)
            verdict = "  check: ok" if not problems else f"  check FAILED: {problems[0]}"
        print(backup.label + verdict)
    print(f"{len(found)} backup(s) in {folder}")
    return 0
