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


def test_a_colleagues_change_since_settings_were_opened_is_kept_or_refused_by_name(register, tmp_path):
    from register import Actor, ConflictError, open_register

    read = {setting: settings.get(register, setting) for setting in settings.ALL}  # Jo opens Settings
    colleague = open_register(register.path, Actor("Sam Carter", "manager"))
    settings.put(colleague, {settings.REPEAT_MISSING_DAYS: "30"})  # Sam saves first
    colleague.close()

    # Jo changed only the authority's name: Sam's 30 days stays.
    typed = {**read, settings.AUTHORITY_NAME: "Northshire"}
    settings.put(register, typed, read)
    assert settings.get(register, settings.REPEAT_MISSING_DAYS) == "30"
    assert settings.get(register, settings.AUTHORITY_NAME) == "Northshire"

    # Jo changed the days too: refused, naming Sam, and nothing of Jo's is saved.
    typed = {**read, settings.REPEAT_MISSING_DAYS: "60", settings.CME_STALE_DAYS: "20"}
    with pytest.raises(ConflictError) as refused:
        settings.put(register, typed, read)
    assert str(refused.value).startswith("Repeat missing: within days was changed by Sam Carter at 27/11/2026 17:00")
    assert settings.get(register, settings.REPEAT_MISSING_DAYS) == "30"
    assert settings.get(register, settings.CME_STALE_DAYS) == "10"
