"""The audit trail: every write found by history() under its real row id, and records read by id."""

from datetime import date

import pytest

from register import NotFoundError, education, fostering, missing, people
from register.core import audit
from register.education.records import Absence
from tests.conftest import at


def test_a_record_is_read_by_its_id_or_refused_in_the_words_given(register, child):
    assert audit.get_row(register, "children", child.id, "unused")["forenames"] == "Zofia"
    with pytest.raises(NotFoundError) as caught:
        audit.get_row(register, "children", child.id + 1, "That child is no longer in the register.")
    assert str(caught.value) == "That child is no longer in the register."


@pytest.mark.parametrize(
    ("get", "message"),
    [
        (people.get_child, "That child is no longer in the register."),
        (missing.get_episode, "That episode is no longer in the register."),
        (missing.get_interview, "That interview is no longer in the register."),
        (education.get_absence, "That absence is no longer in the register."),
        (education.get_case, "That CME case is no longer in the register."),
        (education.get_enquiry, "That enquiry is no longer in the register."),
        (education.get_escalation, "That escalation is no longer in the register."),
        (fostering.get_arrangement, "That private fostering arrangement is no longer in the register."),
        (fostering.get_visit, "That visit is no longer in the register."),
    ],
)
def test_each_register_says_in_its_own_words_that_a_record_has_gone(register, get, message):
    with pytest.raises(NotFoundError) as caught:
        get(register, 999)
    assert str(caught.value) == message


def test_a_deleted_episode_is_not_found(register, child):
    episode = missing.save_episode(register, missing.Episode(child.id, "M", at("20/11/2026 22:00")))
    assert missing.get_episode(register, episode.id) == episode
    missing.delete_episode(register, episode)
    with pytest.raises(NotFoundError, match="That episode is no longer in the register."):
        missing.get_episode(register, episode.id)


def test_an_absence_is_read_back_with_its_schools_name(register, child):
    absence = education.save_absence(
        register, Absence(child.id, "123456", date(2026, 11, 2), date(2026, 11, 6), school_name="Oak Park Primary")
    )
    assert education.get_absence(register, absence.id).school_name == "Oak Park Primary"
