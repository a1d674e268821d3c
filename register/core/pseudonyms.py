"""Each child's pseudonym in an analysts' extract: a random-looking key, the same in every extract of
one register, that cannot be worked out from the child's id without the register's own secret.

The key is HMAC-SHA256 (RFC 2104) of the child's id under a secret of 32 random bytes made once, when the
register is first opened by this version, and kept in its settings table (``pseudonym_secret``): a
derived row written by the register itself, not audited (an audit row would copy the secret into the
trail). One secret serves every child, so no table of keys is needed and a child added later gets a key
at once. docs/exports.md says who can and cannot undo it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlite_utils import Database

SECRET = "pseudonym_secret"
KEY_LENGTH = 16  # hex digits: 64 bits, no two of a register's children alike in practice


def make_secret(db: Database) -> None:
    """Give the register its secret if it has none yet; an existing secret is never changed (the keys
    would change with it). Called on opening, inside no transaction of the caller's."""
    db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", [SECRET, secrets.token_hex(32)])


def key_of(secret: str, child_id: int) -> str:
    """The pseudonym of the child whose register id is ``child_id``, under the register's ``secret``
    (hex text): ``KEY_LENGTH`` lower-case hex digits."""
    digest = hmac.new(bytes.fromhex(secret), f"child:{child_id}".encode(), hashlib.sha256).hexdigest()
    return digest[:KEY_LENGTH]
