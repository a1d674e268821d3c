"""The errors the register raises, each in words a coordinator understands."""

from __future__ import annotations


class RegisterError(Exception):
    """Base of every error the register raises on purpose."""


class ValidationError(RegisterError):
    """A save was refused; carries one message per field that is wrong."""

    def __init__(self, problems: dict[str, str]):
        self.problems = dict(problems)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.problems.items()))


class RegisterBusyError(RegisterError):
    """The register cannot be written just now: someone else held its write lock for longer than the wait
    (an import, a long save), or its check for damage is still running."""

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message
            or "The register is busy: someone else is saving, or an import is running. Nothing was saved; "
            "your changes are kept. Try Save again in a moment."
        )


class ConflictError(RegisterError):
    """Someone else changed the record after it was opened; the save was refused."""


class NotFoundError(RegisterError):
    """A record asked for does not exist (it may have been deleted)."""


class RegisterFileError(RegisterError):
    """The file cannot be opened as a register: not a register, damaged, or too new."""


class RegisterReadOnlyError(RegisterFileError):
    """The file (or its folder) cannot be written to: it may still be opened for viewing only
    (``open_register(..., read_only=True)``)."""


class PermissionDenied(RegisterError):
    """The person's role may not read or change this, or do this; nothing was changed."""
