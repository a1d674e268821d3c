"""Writing an export: the role is asked first; the export's files are written whole, together or not at
all; and only once they are in place does the export leave its audit rows (who, when, which export, which
file, how many rows), its rows in the access log (one for each child it names) and a log line.

A file that cannot be written is said in words naming the file the person asked for and what to do
(ExportNotWritten), never as the disk's or SQLite's own message about a temporary file."""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from register.core import access
from register.core.audit import log_entry
from register.core.db import Register
from register.core.errors import RegisterError

log = logging.getLogger(__name__)

EXPORTED = "export"  # an audit row's action for an export: it changes no record
EXPORTS = "exports"  # and its table_name

_WHY = {
    errno.ENOSPC: "the disk is full. Free some space, or choose another place, and export again",
    errno.EDQUOT: "your share of the disk is used up. Free some space, or choose another place, and export again",
    errno.EFBIG: "the file would be larger than this disk allows. Choose another place and export again",
    errno.EACCES: "you may not write to that folder. Choose another folder and export again",
    errno.EPERM: "you may not write to that folder. Choose another folder and export again",
    errno.EROFS: "that disk cannot be written to. Choose another place and export again",
    errno.ENOENT: "its folder does not exist. Choose a folder that does and export again",
    errno.ENOTDIR: "its folder does not exist. Choose a folder that does and export again",
    errno.EISDIR: "a folder of that name is already there. Give another name and export again",
}


class ExportNotWritten(RegisterError):
    """An export's file could not be written; nothing was written, audited or logged."""


@dataclass(frozen=True)
class ExportFile:
    """One file of an export: where it goes (``path``), which export it is in words (``export``, its audit
    row's), what else its audit row says (``details``) and ``write``, which writes it to the temporary
    file it is given and returns the rows it wrote."""

    path: Path
    export: str
    details: dict[str, Any]
    write: Callable[[Path], int]


def write_export(
    register: Register,
    path: str | Path,
    export: str,
    details: dict[str, Any],
    write: Callable[[Path], int],
    children: Iterable[int] = (),
) -> int:
    """One file, as write_exports: returns the rows ``write`` says it wrote."""
    return write_exports(register, [ExportFile(Path(path), export, details, write)], children)[0]


def write_exports(register: Register, files: Sequence[ExportFile], children: Iterable[int] = ()) -> list[int]:
    """Write each of ``files`` to a temporary file beside its place; once all are written, in one
    transaction record each in the audit trail (export, file, rows and its details) and the export in the
    access log (a row for each of ``children``, the ids of the children it names; one row if none), and
    rename each into place; the transaction commits only once every file is in place. Returns the rows
    each ``write`` said it wrote, in order.

    Whatever fails (the disk, a rename, the audit row: RegisterBusyError, RegisterFileError) leaves none
    of the files, no audit row and no access row; a file already at a path is replaced only if all
    succeed. A file that cannot be written raises ExportNotWritten, in words. The caller has asked the
    role (Register.require)."""
    targets = [Path(file.path) for file in files]
    ids = list(children)
    partials: list[Path] = []
    placed: list[Path] = []
    current = targets[0]  # the file being written or put in place
    try:
        rows = []
        for file, target in zip(files, targets, strict=True):
            current = target
            if target.is_dir():
                raise IsADirectoryError(errno.EISDIR, "is a folder", str(target))
            partials.append(_partial(target))
            rows.append(file.write(partials[-1]))
        with register.atomic():
            for file, target, count in zip(files, targets, rows, strict=True):
                log_entry(
                    register,
                    EXPORTED,
                    EXPORTS,
                    0,
                    None,
                    {"export": file.export, "file": str(target), "rows": count, **file.details},
                )
            said = (
                f"{file.export}: {count} rows to {target}"
                for file, target, count in zip(files, targets, rows, strict=True)
            )
            access.note(register, access.EXPORTED, "; ".join(said), ids)
            for partial, target in zip(partials, targets, strict=True):
                current = target
                os.replace(partial, target)
                placed.append(target)
    except BaseException as error:
        for written in (*partials, *placed):
            written.unlink(missing_ok=True)
        if isinstance(error, OSError | sqlite3.Error):
            raise ExportNotWritten(_in_words(error, current)) from error
        raise
    for file, target, count in zip(files, targets, rows, strict=True):
        log.info(
            "%s (%s) exported %s: %s rows to %s", register.actor.name, register.actor.role, file.export, count, target
        )
    return rows


def _partial(target: Path) -> Path:
    handle, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    return Path(partial)


def _in_words(error: OSError | sqlite3.Error, target: Path) -> str:
    """Why ``target`` could not be written, and what to do, in words."""
    if isinstance(error, sqlite3.Error):  # SQLite's own file (the pseudonymised extract)
        why = (
            _WHY[errno.ENOSPC]
            if "full" in str(error)
            else f"the disk refused it ({error}). Free some space, or choose another place, and export again"
        )
    elif error.errno in _WHY:
        why = _WHY[error.errno]
    else:
        why = f"{error.strerror or error}. Choose another place and export again"
    return f"Nothing was exported: {target} could not be written, because {why}."
