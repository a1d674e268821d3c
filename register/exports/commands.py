"""``python -m register export KIND ...``: each export from the command line, its message in words."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from register.core import clock, periods, permissions
from register.core.db import Register
from register.core.words import counted
from register.exports import annex_a, child_export, cme_return, lists, pseudonymised, ssda903


def run(arguments: argparse.Namespace, register: Register) -> int:
    """Produce the export ``arguments.kind`` names; 0 when written, 1 when refused (said on stderr), 2
    when the command was mistyped. PermissionDenied, ExportNotWritten (the file could not be written) and
    other RegisterErrors pass to the caller, which says them."""
    try:
        return EXPORTS[arguments.kind](arguments, register)
    except ValueError as error:  # a period, date, term or file's extension mistyped, or a return with problems
        print(error, file=sys.stderr)
        return 1 if isinstance(error, ssda903.ReturnHasProblems) else 2


def _ssda903(arguments: argparse.Namespace, register: Register) -> int:
    year = periods.year(arguments.year)
    table = ssda903.missing_table(register, year)
    written = ssda903.write(register, table, arguments.out, arguments.anyway)
    print(f"SSDA903 Missing table {year.key}: wrote {counted(written, 'row')} to {arguments.out}")
    for problem in table.problems:  # written anyway
        print(f"  rule {problem.rule}: {problem.words}", file=sys.stderr)
    return 0


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{option} “{text}” is not a date: write it as YYYY-MM-DD, for example 2026-03-31") from None


def _annex_a(arguments: argparse.Namespace, register: Register) -> int:
    census = _day(arguments.date, "--date")
    written = annex_a.write(register, census, arguments.out)
    print(f"Annex A List 8 at {census:%d/%m/%Y}: wrote {written} child(ren) to {arguments.out}")
    return 0


def _cme_return(arguments: argparse.Namespace, register: Register) -> int:
    chosen = cme_return.term(arguments.term)
    written = cme_return.write(register, chosen, arguments.out)
    print(
        f"CME return, {chosen.season} {chosen.year} (census {chosen.census:%d/%m/%Y}): "
        f"wrote {written} rows to {arguments.out}"
    )
    return 0


def _list(arguments: argparse.Namespace, register: Register) -> int:
    _, declared = lists.LISTS[arguments.list]
    labels = [label.casefold() for label, _ in declared.listing.columns]
    if arguments.sort.casefold() not in labels:
        raise ValueError(f"--sort “{arguments.sort}” is not a column of the list: {', '.join(labels)}")
    start = _day(arguments.start, "--from") if arguments.start else None
    end = _day(arguments.end, "--to") if arguments.end else None
    if start and end and end < start:
        raise ValueError(f"--to {end:%d/%m/%Y} is before --from {start:%d/%m/%Y}: the list would be empty")
    written = lists.write_list(
        register,
        arguments.list,
        lists.filtered(arguments.list, arguments.status, start, end, arguments.search),
        labels.index(arguments.sort.casefold()),
        arguments.descending,
        clock.now(),
        arguments.out,
    )
    print(f"{declared.title}: wrote {counted(written, 'row')} to {arguments.out}")
    return 0


def _child(arguments: argparse.Namespace, register: Register) -> int:
    register.require(permissions.WHOLE_RECORD)  # a role that may not is told so, not whether the child exists
    if not arguments.out.is_dir():
        raise ValueError(f"--out {arguments.out} is not a folder: name the folder to write the two files into")
    written = child_export.write(register, child_export.find_child(register, arguments.reference), arguments.out)
    print(f"Whole record of child {arguments.reference}: wrote {written[0]} and {written[1]}")
    return 0


def _pseudonymised(arguments: argparse.Namespace, register: Register) -> int:
    written = pseudonymised.write(register, arguments.out)
    print(f"Pseudonymised extract: wrote {counted(written, 'row')} to {arguments.out}")
    return 0


EXPORTS = {
    "ssda903": _ssda903,
    "annex-a": _annex_a,
    "cme-return": _cme_return,
    "list": _list,
    "child": _child,
    "pseudonymised": _pseudonymised,
}
