"""The hour that happens twice: the episode form asks which, and both can be recorded."""

from __future__ import annotations

from register import missing
from tests.helpers.widgets import choose, save, type_when
from ui.missing.episode_form import EpisodeDialog
from ui.shell.events import RegisterEvents


def test_a_child_last_seen_at_01_45_bst_and_found_at_01_30_gmt_is_recorded(qtbot, register, child):
    events = RegisterEvents()
    form = EpisodeDialog(register, events, child)
    qtbot.addWidget(form)
    form.show()
    type_when(qtbot, form.started_at, "25/10/2026", "01:45")
    type_when(qtbot, form.ended_at, "25/10/2026", "01:30")
    # Both times happened twice that night; the form asks which, in words.
    assert form.started_at.which.isVisible() and form.ended_at.which.isVisible()
    labels = [form.ended_at.which.itemText(i) for i in range(form.ended_at.which.count())]
    assert labels == ["Which?", "01:30 BST (first)", "01:30 GMT (second)"]
    save(form)
    assert "happened twice" in form.error_text("started_at") and "01:45 BST (the first)" in form.error_text(
        "started_at"
    )
    assert register.db["missing_episodes"].count == 0 and form.isVisible()
    choose(form.started_at.which, "01:45 BST (first)")
    choose(form.ended_at.which, "01:30 GMT (second)")
    save(form)
    assert not form.isVisible()
    # Worked by hand: 01:45 BST is 00:45 UTC, 01:30 GMT is 01:30 UTC: 45 minutes missing.
    stored = register.db.execute("SELECT started_at, ended_at FROM missing_episodes").fetchone()
    assert stored == ("2026-10-25T00:45:00Z", "2026-10-25T01:30:00Z")

    # Opened again, the form shows which of the two each time was.
    [episode] = missing.episodes_for_child(register, child.id)
    again = EpisodeDialog(register, events, child, episode)
    qtbot.addWidget(again)
    again.show()
    assert again.started_at.which.currentText() == "01:45 BST (first)"
    assert again.ended_at.which.currentText() == "01:30 GMT (second)"
    # A time outside the repeated hour asks nothing.
    type_when(qtbot, again.ended_at, "25/10/2026", "02:00")
    assert not again.ended_at.which.isVisible()


def test_a_time_in_the_hour_lost_in_spring_is_refused_in_words(qtbot, register, child):
    form = EpisodeDialog(register, RegisterEvents(), child)
    qtbot.addWidget(form)
    form.show()
    type_when(qtbot, form.started_at, "29/03/2026", "01:30")
    save(form)
    assert "did not happen in England: the clocks went forward" in form.error_text("started_at")
    assert register.db["missing_episodes"].count == 0
