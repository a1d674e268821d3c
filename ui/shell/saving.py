"""The one way the window writes: run a save through register/, and announce what it changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QWidget

from register import NotFoundError, RegisterError, ValidationError, people
from register.core import clock, timescales
from register.core.db import Change, Register
from ui.shell import msgbox
from ui.shell.events import RegisterEvents

Result = TypeVar("Result")


def save_and_announce(register: Register, events: RegisterEvents, write: Callable[[], Result]) -> Result:
    """Run ``write`` (a save through register/) and, once it has succeeded, announce what it changed.

    A refusal (ValidationError, ConflictError, NotFoundError, RegisterBusyError or any other error) propagates and
    nothing is announced: a refused save wrote nothing.
    """
    register.take_changes()  # start from nothing: what an earlier refused save noted was rolled back
    try:
        result = write()
    except BaseException:
        register.take_changes()
        raise
    change = register.take_changes()
    if change:
        events.changed.emit(change)
    return result


def write_or_warn(
    parent: QWidget, register: Register, events: RegisterEvents, write: Callable[[], object], failed: str
) -> bool:
    """Run a write the person asked for outside a form; a refusal (a rule broken, a conflict, the register busy,
    or PermissionDenied: a button left from a role chosen before) is shown in a box titled ``failed``.

    Returns whether it was written.
    """
    try:
        save_and_announce(register, events, write)
    except ValidationError as error:
        msgbox.warn(parent, failed, " ".join(error.problems.values()))
        return False
    except RegisterError as error:  # changed or deleted by someone else, the register is busy, or refused to the role
        msgbox.warn(parent, failed, str(error))
        return False
    return True


# The records a person saves one at a time, as the status bar names them.
RECORD_NAMES = {
    "children": "child",
    "missing_episodes": "episode",
    "return_interviews": "return home interview",
    "cme_cases": "CME case",
    "cme_enquiries": "CME enquiry",
    "cme_escalations": "CME escalation",
    "absences": "absence",
    "pf_arrangements": "private fostering arrangement",
    "pf_visits": "visit",
    "school_terms": "term",
    "school_closures": "school closure day",
    "commentaries": "commentary",
}


def saved_message(register: Register, change: Change) -> str:
    """What a save wrote, said for the status bar: the first record it added, changed or deleted, whose it
    is, and when ("Saved: a new episode for Zofia Kowalska (27/11/2026 17:00)."); empty if it wrote none."""
    written = next(
        ((table, action) for table, _, action in change.records if table in RECORD_NAMES and action in _SAID),
        None,
    )
    if written is None:
        return ""
    table, action = written
    whose = ""
    if len(change.child_ids) == 1:
        try:
            whose = people.get_child(register, next(iter(change.child_ids))).name
        except NotFoundError:  # the child's own record was what was deleted
            whose = ""
    if table == "children":
        what = {"insert": f"a new child, {whose}", "update": f"changes to {whose}'s details"}.get(action, "a child")
    else:
        what = _SAID[action].format(name=RECORD_NAMES[table]) + (f" {_OF[action]} {whose}" if whose else "")
    verb = "Deleted" if action == "delete" else "Saved"
    return f"{verb}: {what} ({timescales.show_instant(clock.now())})."


_SAID = {"insert": "a new {name}", "update": "changes to the {name}", "delete": "the {name}"}
_OF = {"insert": "for", "update": "of", "delete": "of"}
