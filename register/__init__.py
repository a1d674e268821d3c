"""The children missing register: storage, rules and reports, with no user interface.

Open a register with :func:`open_register`; the modules ``people``, ``missing`` and
``audit`` hold what can be done in it.
"""

from register.core.db import Actor, Register, data_dir
from register.core.errors import ConflictError, NotFoundError, RegisterError, RegisterFileError, ValidationError
from register.core.opening import open_register

__all__ = [
    "Actor",
    "ConflictError",
    "NotFoundError",
    "Register",
    "RegisterError",
    "RegisterFileError",
    "ValidationError",
    "data_dir",
    "open_register",
]
