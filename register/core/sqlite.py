"""The SQLite every register connection uses: SQLCipher's build (``sqlcipher3``), which is plain SQLite
until a connection is given a key, so the demo register and a real, encrypted one share one driver and
one set of error types.

sqlite-utils chooses its driver, and the errors it recognises, when it is first imported: it takes
``pysqlite3`` if there is one, so sqlcipher3 is put there before it is imported (docs/toolchain.md).
"""

from __future__ import annotations

import sys

import sqlcipher3
from sqlcipher3 import dbapi2 as sqlite3

if "sqlite_utils.utils" in sys.modules and sys.modules["sqlite_utils.utils"].dbapi2 is not sqlite3:
    raise ImportError("sqlite_utils was imported before register: import register first, so both use SQLCipher")
sys.modules.setdefault("pysqlite3", sqlcipher3)
sys.modules.setdefault("pysqlite3.dbapi2", sqlite3)


def _as_null(value: None) -> None:
    return value


# sqlcipher3 (a fork of an older pysqlite) asks every None it binds for __adapt__ and __conform__, raising
# and dropping two AttributeErrors each time, unless an adapter is registered for None: found first, it
# binds None as NULL as before, five times faster (measured: 400,000 rows of 41 values, 15 of them None,
# 6.9 s of processor time to stage without it, 1.4 s with it; an import stages a million such values).
sqlite3.register_adapter(type(None), _as_null)

__all__ = ["sqlite3"]
