"""``python -m register retention list [--on DATE]`` and ``retention erase CHILD --reason TEXT``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from register.core import clock, timescales
from register.core.db import Register
from register.core.errors import ValidationError
from register.core.words import counted
from register.retention.due import due_for_review, retention_age
from register.retention.erase import erase


def add_parser(commands: Any) -> None:
    """The ``retention`` command and its two actions, added to the command line's ``commands``."""
    retention = commands.add_parser("retention", help="children due for their records' review, and erasure (managers)")
    doing = retention.add_subparsers(dest="doing", required=True)
    listing = doing.add_parser("list", help="the children who have reached the retention age (Settings; 25)")
    listing.add_argument("--on", help="the day, DD/MM/YYYY or YYYY-MM-DD (default: today)")
    erasing = doing.add_parser("erase", help="erase a child's details and records, leaving a stub (cannot be undone)")
    erasing.add_argument("child", type=int, help="the child's number in the register, as the list shows it")
    erasing.add_argument("--reason", required=True, help="why (for example: reviewed at 25, nothing to keep)")


def run(arguments: argparse.Namespace, register: Register) -> int:
    """List or erase; 0 when done, 1 when refused (said on stderr), 2 when a date was mistyped.
    PermissionDenied and the other RegisterErrors pass to the caller, which says them."""
    if arguments.doing == "erase":
        try:
            erased = erase(register, arguments.child, arguments.reason)
        except ValidationError as refused:
            print("\n".join(refused.problems.values()), file=sys.stderr)
            return 1
        print(erased.in_words())
        if not erased.log_cleared:
            print(
                "Others have the register open: old copies of its pages stay in its write-ahead log "
                f"({register.path.name}-wal) until the last of them closes it.",
                file=sys.stderr,
            )
        return 0
    try:
        on = timescales.parse_date(arguments.on) if arguments.on else clock.today()
    except ValueError:
        print(f"--on “{arguments.on}” is not a date: write it as DD/MM/YYYY, for example 31/03/2027", file=sys.stderr)
        return 2
    found = due_for_review(register, on)
    years = retention_age(register)
    for due in found:
        still = f"  STILL OPEN: {' and '.join(due.still_open)}" if due.still_open else ""
        print(
            f"{due.child_id}\t{due.name}, born {timescales.show_date(due.born)}, {years} on "
            f"{timescales.show_date(due.reached)}; {', '.join(due.records) or 'no records'}; last change "
            f"{timescales.show_instant(due.last_change)}{still}"
        )
    print(f"{counted(len(found), 'child', 'children')} aged {years} or over on {timescales.show_date(on)}")
    return 0
