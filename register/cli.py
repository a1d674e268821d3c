"""The command line: python -m register [--data-dir DIR] [--user NAME] COMMAND ..."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from pathlib import Path
from typing import Any

from register import check, demo
from register.backups import store
from register.board import produce as board
from register.core import access, keys, periods, permissions, users
from register.core.db import DEMO_FILE, REGISTER_FILE, Actor, Register, data_dir, default_actor
from register.core.errors import RegisterError, RegisterFileError, RegisterReadOnlyError, ValidationError
from register.core.opening import damage, open_register, refuse_if_damaged
from register.core.sqlite import sqlite3
from register.core.words import counted
from register.exports import access_log, lists
from register.exports import commands as exports
from register.faces import REGISTERS
from register.imports.spreadsheet import ImportRefused
from register.imports.templates import write_template
from register.retention import commands as retention

IMPORTERS = {importer.kind: importer for face in REGISTERS for importer in face.importers}
# The commands that change the register itself: refused on a register that cannot be written to. The
# others read it (a backup writes only its copy) and open it for viewing only when it cannot be written.
WRITES = ("demo", "import", "restore", "export", "users")  # an export leaves its audit row
PASSPHRASE_VARIABLE = "REGISTER_PASSPHRASE"  # the person's own: to sign in, or the new administrator's at init
NEW_PASSPHRASE_VARIABLE = "REGISTER_NEW_PASSPHRASE"  # another user's first or reset passphrase (users add, reset)


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
    parser.add_argument(
        "--user",
        help="your name: to sign in to the real register (the passphrase is asked, or read from "
        f"{PASSPHRASE_VARIABLE} for scheduled jobs); in the demo, for its audit trail",
    )
    parser.add_argument(
        "--role",
        choices=sorted(permissions.ROLES),
        help="the demo register only: the role to try (default: coordinator); in the real register your role "
        "is the one its administrator gave you",
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

    commands.add_parser(
        "init",
        help="create the real register, encrypted, with you (--user NAME) as its administrator "
        f"(an unencrypted register already there is encrypted); your passphrase is typed twice, or read from "
        f"{PASSPHRASE_VARIABLE}",
    )
    commands.add_parser(
        "encrypt", help="encrypt the unencrypted real register, with you (--user NAME) as its administrator"
    )
    people = commands.add_parser("users", help="the real register's users (administrators only)")
    doing = people.add_subparsers(dest="doing", required=True)
    adding = doing.add_parser(
        "add", help=f"add a user (you type their first passphrase twice, or set {NEW_PASSPHRASE_VARIABLE})"
    )
    adding.add_argument("name")
    adding.add_argument("--role", dest="new_role", required=True, choices=sorted(permissions.ROLES))
    doing.add_parser("disable", help="stop a user signing in (their key slot is removed)").add_argument("name")
    doing.add_parser(
        "reset", help=f"give a user a new passphrase (ends a lockout; typed twice, or set {NEW_PASSPHRASE_VARIABLE})"
    ).add_argument("name")
    role = doing.add_parser("role", help="change a user's role")
    role.add_argument("name")
    role.add_argument("new_role", choices=sorted(permissions.ROLES))
    doing.add_parser("list", help="every user, their role, and whether they may sign in")

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
    for kind, option, example in (
        ("quarterly", "--quarter", "2026-27-Q2 (July to September 2026)"),
        ("annual", "--year", "2026-27"),
    ):
        one = kinds.add_parser(kind, help=f"the {kind} summary")
        one.add_argument(option, required=True, dest="period", help=f"the period, for example {example}")
        one.add_argument("--out", type=Path, help="the PDF to write")
        one.add_argument("--csv", type=Path, help="also write the figures as CSV (key,section,measure,period,value)")
        one.add_argument(
            "--published",
            action="store_true",
            help="the published copy: counts of 1 to 4 shown as <5, and what would reveal them as *; "
            "kept for the board's readers",
        )
    _export_parser(commands)
    _access_log_parser(commands)
    retention.add_parser(commands)
    return parser


def _access_log_parser(commands: Any) -> None:
    log = commands.add_parser(
        "access-log", help="who opened, printed, exported or found which child, and when (team managers only)"
    )
    log.add_argument("--child", help="one child: their case id, UPN, NHS number or number in the register")
    log.add_argument(
        "--user", dest="by_user", metavar="NAME", help="one person's rows, by the name they signed in with"
    )
    log.add_argument("--from", dest="since", metavar="DATE", help="from this day, for example 2026-11-01")
    log.add_argument("--to", dest="until", metavar="DATE", help="to this day, included")
    log.add_argument("--out", type=Path, help="write the rows to FILE.xlsx, else CSV (the export is itself logged)")


def _export_parser(commands: Any) -> None:
    export = commands.add_parser("export", help="a statutory return or a list as a file (docs/exports.md)")
    kinds = export.add_subparsers(dest="kind", required=True)
    missing = kinds.add_parser("ssda903", help="the SSDA903 Missing table for a collection year, as CSV")
    missing.add_argument("--year", required=True, help="the collection year, for example 2025-26")
    missing.add_argument("--anyway", action="store_true", help="write it even if rows would break the DfE's rules")
    missing.add_argument("--out", type=Path, required=True, help="the CSV file to write")
    annex = kinds.add_parser("annex-a", help="Ofsted's Annex A List 8 (children in care missing or away)")
    annex.add_argument("--date", required=True, help="the census date, for example 2026-03-31")
    annex.add_argument("--out", type=Path, required=True, help="the file to write: FILE.xlsx, else CSV")
    cme = kinds.add_parser("cme-return", help="the termly children missing education return")
    cme.add_argument("--term", required=True, help="the term, for example autumn-2026, spring-2027, summer-2027")
    cme.add_argument("--out", type=Path, required=True, help="the file to write: FILE.csv, or FILE.xlsx")
    listing = kinds.add_parser("list", help="a register's list, filtered and sorted as its page can be")
    listing.add_argument("list", choices=list(lists.LISTS))
    listing.add_argument(
        "--status",
        help="the state filter, as the page's Status: "
        + "; ".join(f"{key}: {', '.join(declared.statuses)}" for key, (_, declared) in lists.LISTS.items())
        + " (default: the page's first)",
    )
    dated = "; ".join(f"{key}: {declared.dated}" for key, (_, declared) in lists.LISTS.items())
    listing.add_argument("--from", dest="start", help=f"the first day, YYYY-MM-DD, of the dates ({dated})")
    listing.add_argument("--to", dest="end", help="the last day, YYYY-MM-DD, included")
    listing.add_argument("--search", default="", help="the children a search finds, as the page's Search box")
    listing.add_argument("--sort", default="Child", help="the column to sort by, as headed (default: Child)")
    listing.add_argument("--descending", action="store_true")
    listing.add_argument("--out", type=Path, required=True, help="the file to write: FILE.xlsx, else CSV")
    child = kinds.add_parser("child", help="a child's whole record, as JSON and PDF (a subject access request)")
    child.add_argument("reference", help="the child's case system id, UPN, NHS number or number in the register")
    child.add_argument("--out", type=Path, required=True, help="the folder to write the two files into")
    pseudonymised = kinds.add_parser("pseudonymised", help="the registers' tables for analysts, without names")
    pseudonymised.add_argument("--out", type=Path, required=True, help="the SQLite file to write (FILE.sqlite)")


def _typed(prompt: str, variable: str) -> str:
    """What the person types at ``prompt``, not shown. RegisterError, in words, if there is nobody to type
    it (the input ended: no terminal), naming the environment ``variable`` a job without one sets instead."""
    try:
        if sys.stdin is None:  # started with its input closed (<&-): as good as ended
            raise EOFError
        return getpass.getpass(prompt)
    except EOFError:
        raise RegisterError(
            f"No passphrase was typed: the input ended (there is no terminal to type it at). Nothing was changed. "
            f"Run the command at a terminal, or set {variable} for a job that runs without one."
        ) from None


def _new_passphrase(whose: str, variable: str) -> str:
    """A new passphrase for ``whose``: the environment ``variable``'s if set, else typed twice on the
    terminal (not shown). RegisterError if the two differ or nothing could be typed."""
    if os.environ.get(variable):
        return os.environ[variable]
    print(keys.STRENGTH_HINT, file=sys.stderr)
    first = _typed(f"New passphrase for {whose}: ", variable)
    if _typed("The same passphrase again: ", variable) != first:
        raise RegisterError("The two passphrases differ: nothing was changed. Try again.")
    return first


def _create(arguments: argparse.Namespace, path: Path) -> int:
    """init and encrypt: the real register, encrypted, with the person as its administrator."""
    if not arguments.user:
        print(f"Say who will be its administrator: python -m register --user NAME {arguments.command}", file=sys.stderr)
        return 2
    if arguments.command == "encrypt" and not path.exists():
        print(f"There is no register at {path} to encrypt: python -m register --user NAME init", file=sys.stderr)
        return 2
    try:
        administrator = keys.Credentials(arguments.user, _new_passphrase(arguments.user, PASSPHRASE_VARIABLE))
        was_plain = path.exists()
        register = users.create(path, administrator)
    except ValidationError as refused:
        print("\n".join(refused.problems.values()), file=sys.stderr)
        return 1
    except RegisterError as error:
        print(error, file=sys.stderr)
        return 2
    register.close()
    print(f"{path} is a real register, encrypted; {arguments.user} is its administrator.")
    if was_plain:
        _offer_to_delete(path)
    return 0


def _offer_to_delete(path: Path) -> None:
    """Ask whether the unencrypted copies kept aside may go, once the encrypted register has opened; no
    answer (the input ended: no terminal) is taken as no, and said."""
    for kept in users.plain_copies(path):
        try:
            if sys.stdin is None:  # started with its input closed (<&-): no answer can come
                raise EOFError
            answer = input(f"The unencrypted register is kept at {kept}. Delete it now? Type yes to delete: ")
        except EOFError:
            print(
                f"\nNo answer (the input ended), so {kept} is kept: it holds every record unencrypted. Delete it "
                "once you are sure."
            )
            continue
        if answer.strip().lower() == "yes":
            users.forget_plain_copy(kept)
            print(f"Deleted {kept}.")
        else:
            print(f"Kept {kept}: it holds every record unencrypted. Delete it once you are sure.")


def _sign_in(arguments: argparse.Namespace, path: Path) -> keys.Credentials:
    """The name and passphrase that open the real register at ``path``: RegisterError, in words, if not given."""
    if not arguments.user:
        raise RegisterError(
            f"{path} is a real register: sign in with python -m register --user NAME {arguments.command} "
            f"(the passphrase is asked, or read from {PASSPHRASE_VARIABLE})."
        )
    if arguments.role:
        raise RegisterError(
            "--role is for trying the demo register: in the real register your role is the one its administrator "
            "gave you. Leave --role out."
        )
    passphrase = os.environ.get(PASSPHRASE_VARIABLE) or _typed(
        f"Passphrase for {arguments.user}: ", PASSPHRASE_VARIABLE
    )
    return keys.Credentials(arguments.user, passphrase)


def _open(arguments: argparse.Namespace, path: Path) -> Register:
    """The register a command works on, opened for the person (for viewing only if it cannot be written)."""
    sign_in = None
    if keys.is_real(path):
        sign_in = _sign_in(arguments, path)
    elif path.name == REGISTER_FILE:
        raise RegisterError(
            users.keys_file_missing(path)
            if path.exists() and not users.is_plain(path)
            else f"{path} is not encrypted yet: encrypt it first with python -m register --user NAME encrypt "
            "(NAME becomes its administrator)."
            if path.exists()
            else f"There is no register at {path} yet: create it with python -m register --user NAME init "
            "(NAME becomes its administrator), or try the demo with --demo."
        )
    actor = Actor(arguments.user or default_actor().name, arguments.role or "coordinator")
    try:
        return open_register(path, actor, sign_in=sign_in)
    except RegisterReadOnlyError:
        if arguments.command in WRITES:
            raise
        register = open_register(path, actor, create=False, read_only=True, sign_in=sign_in)
        print(
            f"{path} is open for viewing only: {register.read_only}. What you open, print or find is not written "
            "in the access log.",
            file=sys.stderr,
        )
        return register


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
    path = register_path(arguments)
    if arguments.command in ("init", "encrypt"):
        return _create(arguments, path)
    try:
        register = _open(arguments, path)
    except RegisterError as error:
        print(error, file=sys.stderr)
        return 2
    try:
        if arguments.command in ("import", "report", "backup", "demo", "export", "retention"):
            refuse_if_damaged(register)  # a damaged register is never written to, reported from or backed up
        return _run(arguments, register)
    except RegisterError as error:
        print(error, file=sys.stderr)
        return 2 if isinstance(error, RegisterFileError) else 1
    except sqlite3.DatabaseError as error:  # met while working: damage, or something the program did not expect
        print(damage(register) or _unexpected(register, error), file=sys.stderr)
        return 2
    finally:
        register.close()


def _unexpected(register: Register, error: sqlite3.DatabaseError) -> str:
    """What to say of an SQLite error met while working in a register that passes SQLite's quick check."""
    return (
        f"Stopped: SQLite reported “{error}” while working in {register.path}. Nothing more was written. "
        "Run `python -m register check` to see whether the register is sound, and report the command you ran."
    )


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
    if arguments.command == "export":
        return exports.run(arguments, register)
    if arguments.command in ("backup", "backups", "restore"):
        return _backups(arguments, register)
    if arguments.command == "users":
        return _users(arguments, register)
    if arguments.command == "access-log":
        return access_log.run(arguments, register)
    if arguments.command == "retention":
        return retention.run(arguments, register)
    found = 0
    for problem in check.problems(register):
        print(problem)
        found += 1
    print(f"{register.path}: {counted(found, 'problem') if found else 'no problems'} found")
    print(check.trail_end(register))
    # Where the access log ends, for a role that may read it; another is told on stderr it was not checked.
    print(access.trail_end(register), file=sys.stdout if register.may(permissions.ACCESS_LOG) else sys.stderr)
    return 1 if found else 0


def _users(arguments: argparse.Namespace, register: Register) -> int:
    try:
        if arguments.doing == "list":
            for user in users.listing(register):
                print(user.label)
        elif arguments.doing == "add":
            register.require(permissions.USERS)  # before a passphrase is asked for nothing
            passphrase = _new_passphrase(arguments.name, NEW_PASSPHRASE_VARIABLE)
            added = users.add(register, keys.Credentials(arguments.name, passphrase), arguments.new_role)
            print(f"Added {added.label}.")
        elif arguments.doing == "reset":
            register.require(permissions.USERS)
            users.reset(
                register, keys.Credentials(arguments.name, _new_passphrase(arguments.name, NEW_PASSPHRASE_VARIABLE))
            )
            print(f"{arguments.name} has a new passphrase and may sign in with it.")
        elif arguments.doing == "disable":
            users.disable(register, arguments.name)
            print(f"{arguments.name} may no longer sign in; their key slot is removed.")
        else:
            users.set_role(register, arguments.name, arguments.new_role)
            print(f"{arguments.name} is now {permissions.ROLES[arguments.new_role].label}, from their next sign-in.")
    except ValidationError as refused:
        print("\n".join(refused.problems.values()), file=sys.stderr)
        return 1
    return 0


def _report(arguments: argparse.Namespace, register) -> int:
    try:
        period = periods.quarter(arguments.period) if arguments.kind == "quarterly" else periods.year(arguments.period)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    if arguments.kind == "quarterly" and (note := periods.old_form(arguments.period)):
        print(note, file=sys.stderr)
    if arguments.out is None and arguments.csv is None:
        print("Say where to write the summary: --out FILE.pdf and/or --csv FILE.csv", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        summary = board.produce(register, period, arguments.out, arguments.csv, arguments.published)
    except OSError as error:
        print(f"The summary could not be written: {error.strerror} ({error.filename})", file=sys.stderr)
        return 1
    written = " and ".join(str(path) for path in (arguments.out, arguments.csv) if path is not None)
    provisional = f" ({summary.provisional})" if summary.provisional else ""
    print(f"{period.label}{provisional}: wrote {written} in {time.perf_counter() - started:.1f} s")
    return 0


def _backups(arguments: argparse.Namespace, register: Register) -> int:
    if arguments.command == "backup":
        folder = store.folder_of(register, arguments.to)
        made = store.make_backup(register, folder)
        gone = store.rotate(register.path, folder)
        print(f"Backed up and checked: {made.path} ({made.size / 2**20:,.1f} MB).{store.rotated_words(gone)}")
        return 0
    if arguments.command == "restore":
        if not arguments.file.is_file():
            print(f"{arguments.file}: no such file", file=sys.stderr)
            return 1
        restored = store.restore(register, arguments.file)
        print(f"Restored {arguments.file.name}. {restored.words(restored.kept.path)}")
        return 0
    folder = store.folder_of(register, arguments.to)
    found = store.backups(register.path, folder)
    for backup in found:
        verdict = ""
        if arguments.check:
            problems = store.check_backup(backup, store.key_of(register))
            verdict = "  check: ok" if not problems else f"  check FAILED: {problems[0]}"
        print(backup.label + verdict)
    print(f"{counted(len(found), 'backup')} in {folder}")
    return 0
