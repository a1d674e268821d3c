"""What slips through every other net: an error no code expected reaches the person in words, and its
traceback goes to the log, never to a dialog or to nowhere."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtWidgets import QWidget

from register import RegisterError
from ui.shell import msgbox

log = logging.getLogger(__name__)

SOMETHING_WENT_WRONG = (
    "Something went wrong and what you were doing was not finished. What was saved before is safe. "
    "The details are in register.log beside the register: please tell the register's support team."
)


def report(window: QWidget, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    """Log an unexpected error with its traceback and tell the person in words (a RegisterError says its own)."""
    log.error("An unexpected error reached the window", exc_info=(kind, error, trace))
    msgbox.warn(
        window, "Something went wrong", str(error) if isinstance(error, RegisterError) else SOMETHING_WENT_WRONG
    )


def install(window: QWidget) -> None:
    """From now on, an error no code caught (in a slot, a timer, an event) is reported over ``window``."""
    sys.excepthook = lambda kind, error, trace: report(window, kind, error, trace)
