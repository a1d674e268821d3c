"""Every audited write notes what it changed: the tables and the children whose records it touched."""

from datetime import date

from register import education, fostering, missing, people
from register.core import settings
from register.education.records import CmeCase, Enquiry
from register.fostering.records import Arrangement, Visit
from tests.helpers.values import at


def test_a_save_notes_its_table_and_child(register, child):
    register.take_changes()
    missing.save_episode(register, missing.Episode(child.id, "M", at("26/11/2026 22:15")))
    change = register.take_changes()
    assert (change.tables, change.child_ids, change.every_child) == (
        frozenset({"missing_episodes"}),
        frozenset({child.id}),
        False,
    )
    assert not register.take_changes()  # taken once


def test_a_childs_own_row_is_noted_as_that_child(register, child):
    register.take_changes()
    people.save_child(register, people.Child("Maja", "Nowak", date(2012, 1, 5), "F"))
    change = register.take_changes()
    assert change.tables == {"children"} and not change.every_child and child.id not in change.child_ids


def test_records_without_a_child_id_are_noted_as_their_childs(register, pupil):
    case = education.save_case(
        register, CmeCase(pupil.id, date(2026, 11, 2), "admissions", "not_on_roll", assigned_officer="Jo")
    )
    register.take_changes()
    education.save_enquiry(register, Enquiry(case.id, "housing", date(2026, 11, 3), "No record"))
    change = register.take_changes()
    assert change.tables == {"cme_enquiries"} and change.child_ids == {pupil.id} and not change.every_child

    arrangement = fostering.save_arrangement(
        register,
        Arrangement(
            pupil.id, date(2026, 11, 16), "school", "notified", date(2026, 11, 2), "Ann Smith", "family_friend"
        ),
    )
    register.take_changes()
    fostering.record_visit(register, Visit(arrangement.id, date(2026, 11, 20), "initial", officer="Sam Carter"))
    change = register.take_changes()
    assert change.tables == {"pf_visits"} and change.child_ids == {pupil.id} and not change.every_child


def test_a_row_of_no_child_concerns_every_child(register):
    register.take_changes()
    settings.put(register, {settings.AUTHORITY_NAME: "Northshire"})
    change = register.take_changes()
    assert change.tables == {"settings"} and change.every_child and change.touches_child(12345)
