"""The one way the window writes: run a save through register/, and announce what it changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QWidget

from register import RegisterError, ValidationError
from register.core.db import Register
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
