"""Names folded for finding and matching children, and the name index built from them.

A name is folded by transliterating it to ASCII with anyascii (Ł to L, Đ to D, ı to i, ø to o, ß to
ss; other scripts to their Latin spelling) and then ignoring case, so that "Lucja" finds Łucja and an
import does not add "Lucja" beside her. Unicode decomposition alone leaves Ł, Đ, ı and ø as they are.
A register whose words were folded so is re-indexed once, by migration m005.
"""

from __future__ import annotations

import re

from anyascii import anyascii

from register.core.audit import put_keyed_row
from register.core.db import Register

# The setting that records what the words in child_name_words were folded by (its change is audited).
FOLDED_BY_KEY = "name_words_folded_by"
FOLDED_BY = "anyascii"


def fold(text: str) -> str:
    """A name folded for matching: transliterated to ASCII by anyascii, then case-folded ("Łucja" -> "lucja")."""
    return anyascii(text).casefold()


def name_words(*names: str) -> set[str]:
    """The folded words of names, for the name index ("Đặng Thị" -> {"dang", "thi"})."""
    return {word for name in names for word in re.findall(r"\w+", fold(name))}


def refold_name_words(register: Register) -> int:
    """Rebuild every child's name words with today's fold, in one transaction, and note the fold as a
    setting (one audit row); run once, when migration m005 is first applied to a register made before.
    Returns the number of children whose words were rebuilt: 0, writing nothing, in a register without
    children. The words are an index, not a record: no child's record changes."""
    if register.db.execute("SELECT 1 FROM children LIMIT 1").fetchone() is None:
        return 0  # a new register: its words are folded as children are added
    with register.atomic():
        register.db.execute("DELETE FROM child_name_words")
        children = 0
        rows = register.db.execute("SELECT id, forenames, surname, coalesce(other_names, '') FROM children")
        while batch := rows.fetchmany(5000):
            register.db.conn.executemany(
                "INSERT INTO child_name_words (word, child_id) VALUES (?, ?)",
                [
                    (word, child_id)
                    for child_id, forenames, surname, other in batch
                    for word in name_words(forenames, surname, other)
                ],
            )
            children += len(batch)
        put_keyed_row(register, "settings", "key", {"key": FOLDED_BY_KEY, "value": FOLDED_BY})
    return children
