"""The children missing register: storage, rules and reports, with no user interface.

Open a register with :func:`open_register`. ``core`` is the floor (the file, the audited write
path, time); ``people`` the person index; ``missing``, ``education`` and ``fostering`` one folder
per register, each declared once in ``faces.REGISTERS``. docs/where-things-are.md has the map.
"""

from register.core.db import Actor, Register, data_dir
from register.core.errors import (
    ConflictError,
    NotFoundError,
    RegisterBusyError,
    RegisterError,
    RegisterFileError,
    RegisterReadOnlyError,
    ValidationError,
)
from register.core.opening import open_register

__all__ = [
    "Actor",
    "ConflictError",
    "NotFoundError",
    "Register",
    "RegisterBusyError",
    "RegisterError",
    "RegisterFileError",
    "RegisterReadOnlyError",
    "ValidationError",
    "data_dir",
    "open_register",
]
