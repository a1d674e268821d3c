"""Settings are whole numbers in a sensible range, or refused in words; nothing is saved if one is wrong."""

import pytest

from register import ValidationError
from register.core import settings


@pytest.mark.parametrize("typed", ["²", "١٢", "99999999999999999999", "3661", "0", "-5", "7.5", ""])
def test_a_number_that_is_not_one_or_out_of_range_is_refused(register, typed):
    with pytest.raises(ValidationError) as refused:
        settings.put(register, {settings.REPEAT_MISSING_DAYS: typed, settings.AUTHORITY_NAME: "Northshire"})
    assert refused.value.problems == {
        "repeat_missing_days": "Repeat missing: within days must be a whole number of at least 1 and at most 3660"
    }
    assert settings.get(register, settings.AUTHORITY_NAME) == "Local authority"  # nothing saved


def test_the_edges_of_the_range_are_kept(register):
    settings.put(register, {settings.REPEAT_MISSING_DAYS: " 3660 ", settings.REPEAT_MISSING_EPISODES: "2"})
    assert settings.get_int(register, settings.REPEAT_MISSING_DAYS) == 3660
    assert settings.get_int(register, settings.REPEAT_MISSING_EPISODES) == 2
