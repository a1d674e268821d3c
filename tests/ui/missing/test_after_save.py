"""After a save the person sees it: the line chosen in the chronology, the status bar saying what was
saved; a refused form marks every problem at once; an interview is offered only after a return."""

from __future__ import annotations

from register import missing
from tests.helpers.values import at
from tests.helpers.widgets import choose, last_dialog, save, type_into, type_when, typed_new_episode


def test_a_saved_episode_is_chosen_in_the_chronology_and_named_in_the_status_bar(qtbot, window, register, child):
    for day in range(1, 30):  # a long chronology: the new line is below the first screenful
        missing.save_episode(
            register,
            missing.Episode(child.id, "M", at(f"{day:02d}/09/2026 10:00"), ended_at=at(f"{day:02d}/09/2026 11:00")),
        )
    record = window.open_child(child.id)
    record.chronology.scrollToTop()
    form = typed_new_episode(qtbot, record, "26/11/2026", "22:15")
    save(form)
    assert not form.isVisible()
    chosen = record.selected()
    new_id = register.db.execute("SELECT max(id) FROM missing_episodes").fetchone()[0]
    assert (chosen.table, chosen.row_id) == ("missing_episodes", new_id)
    row = record.chronology.currentRow()
    assert row == record.chronology.rowCount() - 1  # the latest line, and in view
    assert record.chronology.visualItemRect(record.chronology.item(row, 0)).intersects(
        record.chronology.viewport().rect()
    )
    assert window.saved_note.text() == "Saved: a new episode for Zofia Kowalska (27/11/2026 17:00)."

    # Recording the return changes the episode: its return line is chosen, and the status bar says so.
    record.buttons["return"].click()
    form = last_dialog(record)
    type_when(qtbot, form.ended_at, "27/11/2026", "09:30")
    save(form)
    assert record.selected().event == "Returned / found"
    assert window.saved_note.text() == "Saved: changes to the episode of Zofia Kowalska (27/11/2026 17:00)."


def test_a_refused_form_marks_every_problem_at_once(qtbot, window, register, child):
    record = window.open_child(child.id)
    form = typed_new_episode(qtbot, record, "26/11/2026", "22:15")
    choose(form.type, "Away from placement without authorisation")  # she is not looked after: a rule's problem
    type_into(qtbot, form.reported_at.date, "31/02/2026")  # no such day: a field that cannot be read
    type_into(qtbot, form.reported_at.time, "23:00")
    type_when(qtbot, form.ended_at, "26/11/2026", "21:00")  # before she was last seen: another rule
    save(form)
    assert form.isVisible() and register.db["missing_episodes"].count == 0
    assert "only for a looked after child" in form.error_text("type")
    assert form.error_text("reported_at") != ""
    assert "before the child was last seen" in form.error_text("ended_at")


def test_record_interview_is_offered_only_once_the_child_has_returned(qtbot, window, register, child):
    record = window.open_child(child.id)
    assert not record.buttons["interview"].isEnabled()  # nothing recorded yet
    episode = missing.save_episode(register, missing.Episode(child.id, "M", at("26/11/2026 22:15")))
    record.refresh()
    assert not record.buttons["interview"].isEnabled()  # still missing
    returned = missing.record_return(register, episode, at("27/11/2026 09:30"))
    record.refresh()
    assert record.buttons["interview"].isEnabled()
    missing.save_interview(
        register,
        missing.ReturnInterview(
            child.id,
            (returned.id,),
            offered_at=at("27/11/2026 11:00"),
            outcome="declined",
            outcome_reason="Did not want to talk",
        ),
    )
    record.refresh()
    assert not record.buttons["interview"].isEnabled()  # its one returned episode has its interview
    assert "No returned episode is waiting" in record.buttons["interview"].toolTip()
