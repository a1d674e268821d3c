"""What slips through every other net: an error no code expected reaches the person in words, and its
traceback goes to the log, never to a dialog or to nowhere."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtWidgets import QWidget

from register import RegisterError
from register.core.errors import PermissionDenied
from ui.shell import msgbox

log = logging.getLogger(__name__)

NOT_FOR_YOUR_ROLE = "Not open to your role"
SOMETHING_WENT_WRONG = (
    "Something went wrong and what you were doing was not finished. What was saved before is safe. "
    "The details are in register.log beside the register: please tell the register's support team."
)


def report(window: QWidget, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    """Log an unexpected error with its traceback and tell the person in words (a RegisterError says its own).
    A refusal of the person's role that no code caught (a page drawn for a role chosen before) is no fault:
    it is said under its own title and noted in the log without a traceback."""
    if isinstance(error, PermissionDenied):
        log.info("Refused to the person's role: %s", error)
        msgbox.warn(window, NOT_FOR_YOUR_ROLE, str(error))
        return
    log.error("An unexpected error reached the window", exc_info=(kind, error, trace))
    msgbox.warn(
        window, "Something went wrong", str(error) if isinstance(error, RegisterError) else SOMETHING_WENT_WRONG
    )


def install(window: QWidget) -> None:
    """From now on, an error no code caught (in a slot, a timer, an event) is reported over ``window``."""
    sys.excepthook = lambda kind, error, trace: report(window, kind, error, trace)
