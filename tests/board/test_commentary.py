"""Two people writing the first commentary for the same section: the second is told who wrote first."""

import pytest

from register import Actor, ConflictError, open_register
from register.board import commentary


def test_the_second_first_commentary_is_refused_by_name(register):
    colleague = open_register(register.path, Actor("Sam Carter"))
    commentary.save(colleague, commentary.Commentary("2026-Q3", "missing", "Episodes fell after the new protocol."))
    colleague.close()
    with pytest.raises(ConflictError) as refused:
        commentary.save(register, commentary.Commentary("2026-Q3", "missing", "Fewer episodes this quarter."))
    assert str(refused.value).startswith("This commentary was written by Sam Carter at 27/11/2026 17:00")
    kept = commentary.for_period(register, "2026-Q3")["missing"]
    assert (kept.text, kept.version) == ("Episodes fell after the new protocol.", 1)
    # Read again, it can be changed.
    changed = commentary.save(
        register, commentary.Commentary("2026-Q3", "missing", "Both views.", kept.id, kept.version)
    )
    assert changed.version == 2
