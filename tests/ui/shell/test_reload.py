"""A save refused because someone else changed the record says to reload it, and Reload (F5) does:
the form then shows the record as they left it, and a change made again saves over theirs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt

from register import Actor, education, fostering, missing, open_register, people
from tests.helpers.values import at
from tests.helpers.widgets import last_dialog, save, type_into
from ui.fostering.forms import VisitDialog


def _someone_else(register, role="coordinator"):
    return open_register(register.path, Actor("Sam Other", role), create=False)


def _episode_opened(window, register, child):
    """An episode of the child's, saved, and its form opened from the child's record: (episode, form)."""
    episode = missing.save_episode(register, missing.Episode(child.id, "M", at("20/11/2026 22:00")))
    record = window.open_child(child.id)
    record.chronology.selectRow(0)
    record.buttons["edit"].click()
    return episode, last_dialog(record)


def test_reload_shows_their_change_and_the_change_made_again_saves(qtbot, window, register, child):
    episode, form = _episode_opened(window, register, child)
    assert not form.reload_button.isVisible()  # nothing to reload until someone else's change is met
    other = _someone_else(register)
    missing.save_episode(other, replace(episode, police_reference="TV-1", last_seen_place="Bus station"))
    other.close()
    type_into(qtbot, form.police_reference, "TV-2")
    save(form)
    assert "changed by Sam Other" in form.banner.text() and "reload it" in form.banner.text()
    assert form.reload_button.isVisible()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    qtbot.keyClick(form.police_reference, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: form.police_reference.text() == "TV-1")  # a button's shortcut clicks it after a moment
    assert form.last_seen_place.text() == "Bus station"
    assert form.banner.text().startswith("Reloaded: this is the record as it is now")
    assert not form.reload_button.isVisible()
    type_into(qtbot, form.police_reference, "TV-2")
    save(form)
    assert not form.isVisible()
    stored = missing.get_episode(register, episode.id)
    assert (stored.police_reference, stored.last_seen_place, stored.version) == ("TV-2", "Bus station", 3)


def test_reload_of_a_child_someone_else_changed(qtbot, window, register, child):
    record = window.open_child(child.id)
    record.buttons["details"].click()
    form = last_dialog(record)
    other = _someone_else(register)
    people.save_child(other, replace(people.get_child(other, child.id), surname="Kowalska-Nowak"))
    other.close()
    type_into(qtbot, form.postcode, "OX1 1AA")
    save(form)
    assert form.reload_button.isVisible()
    form.reload_button.click()
    assert form.surname.text() == "Kowalska-Nowak" and form.postcode.text() == ""


def test_reload_of_a_record_someone_deleted_says_so_and_nothing_can_be_saved(qtbot, window, register, child):
    episode, form = _episode_opened(window, register, child)
    other = _someone_else(register)
    changed = missing.save_episode(other, replace(episode, police_reference="TV-1"))
    type_into(qtbot, form.police_reference, "TV-2")
    save(form)
    missing.delete_episode(other, changed, "entered twice")
    other.close()
    form.reload_button.click()
    assert "no longer" in form.banner.text() and "close the form" in form.banner.text()
    assert not form.buttons.button(form.buttons.StandardButton.Save).isEnabled()


def test_a_new_record_has_nothing_to_reload(qtbot, window, register, child):
    record = window.open_child(child.id)
    record.buttons["episode"].click()
    form = last_dialog(record)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    qtbot.keyClick(form.police_reference, Qt.Key.Key_F5)
    qtbot.wait(300)  # long enough for a button's shortcut to have clicked it
    assert form.banner.isHidden() and not form.reload_button.isVisible()
    assert date(2012, 5, 1) == people.get_child(register, child.id).dob


def test_reload_of_a_cme_case_someone_else_changed(qtbot, window, register, child):
    case = education.save_case(register, education.CmeCase(child.id, date(2026, 11, 2), "admissions", "not_on_roll"))
    record = window.open_child(child.id)
    record.chronology.selectRow(0)
    record.buttons["edit"].click()
    form = last_dialog(record)
    other = _someone_else(register, "ewo")
    education.save_case(other, replace(case, notes="Phoned the family"))
    other.close()
    type_into(qtbot, form.officer, "Ruth Okoye")
    save(form)
    form.reload_button.click()
    assert form.notes.toPlainText() == "Phoned the family" and form.officer.text() == case.assigned_officer


def test_reload_of_a_visit_someone_else_changed_unticks_what_they_unticked(qtbot, window, register, child):
    arrangement = fostering.save_arrangement(
        register,
        fostering.Arrangement(
            child.id, date(2026, 11, 2), "carer", "notified", date(2026, 11, 1), "Ann Nowak", "cousin"
        ),
    )
    visit = fostering.record_visit(
        register,
        fostering.Visit(arrangement.id, date(2026, 11, 9), "initial", officer="Sam Carter", matters={"health": "GP"}),
    )
    form = VisitDialog(register, window.events, arrangement, visit, parent=window)
    form.show()
    assert form.matters["health"][0].isChecked() and form.matters["health"][1].text() == "GP"
    other = _someone_else(register, "pf_officer")
    fostering.save_visit(other, replace(visit, matters={"education": "Year 9"}, notes="Seen at school"))
    other.close()
    type_into(qtbot, form.officer, "Ruth Okoye")
    save(form)
    form.reload_button.click()
    assert not form.matters["health"][0].isChecked() and form.matters["health"][1].text() == ""
    assert form.matters["education"][1].text() == "Year 9" and form.notes.toPlainText() == "Seen at school"
    assert form.officer.text() == "Sam Carter"
