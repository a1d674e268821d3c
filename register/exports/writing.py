"""Writing an export: the role is asked first, the file is written whole or not at all, and the
export leaves an audit row (who, when, which export, which file, how many rows), its rows in the access
log (one for each child it names) and a log line."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from register.core import access
from register.core.audit import log_entry
from register.core.db import Register
from register.core.files import replaced_when_complete

log = logging.getLogger(__name__)

EXPORTED = "export"  # an audit row's action for an export: it changes no record
EXPORTS = "exports"  # and its table_name


def write_export(
    register: Register,
    path: str | Path,
    export: str,
    details: dict[str, Any],
    write: Callable[[Path], int],
    children: Iterable[int] = (),
) -> int:
    """Call ``write`` on a temporary file beside ``path``; record the export in the audit trail (export,
    file, rows and ``details``) and in the access log (a row for each of ``children``, the ids of the children
    it names; one row if none); only then rename the file into place. Returns the rows ``write`` says it
    wrote. Whatever fails (the disk, the audit row: RegisterBusyError, RegisterFileError) leaves no file,
    no audit row and no access, and anything at ``path`` as it was. The caller has asked the role
    (Register.require)."""
    target = Path(path)
    with replaced_when_complete(target) as partial:
        rows = write(partial)
        with register.atomic():
            log_entry(
                register, EXPORTED, EXPORTS, 0, None, {"export": export, "file": str(target), "rows": rows, **details}
            )
            access.note(register, access.EXPORTED, f"{export}: {rows} rows to {target}", children)
    log.info("%s (%s) exported %s: %s rows to %s", register.actor.name, register.actor.role, export, rows, target)
    return rows
