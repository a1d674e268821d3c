"""The coordinator's day, driven through the widgets as a person would."""

from __future__ import annotations

from datetime import date, timedelta

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from register import missing, people
from register.core import clock, timescales
from register.core.clock import frozen_at
from register.core.db import Change
from tests.helpers.spreadsheets import GOOD, write
from tests.helpers.values import NOW, at
from tests.helpers.widgets import (
    choose,
    chosen_import,
    last_dialog,
    save,
    settled,
    type_into,
    type_when,
    typed_new_episode,
)
from ui.shell import msgbox


def test_the_coordinators_walk(qtbot, window, register, answered, monkeypatch, tmp_path):
    existing = people.save_child(register, people.Child("Zofia", "Kowalska", date(2012, 5, 1), "F"))

    # A police notification: she looks for the child by part of her name.
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.pages["children"]
    qtbot.keyClicks(window.pages["children"].search, "kowal")
    qtbot.waitUntil(lambda: window.pages["children"].results.rowCount() == 1)
    assert window.pages["children"].results.item(0, 0).text() == "Zofia Kowalska"

    # She starts to add "Zofia Kowalski" born the same day: the form offers the existing child.
    window.new_child()
    form = last_dialog(window)
    type_into(qtbot, form.forenames, "Zofia")
    type_into(qtbot, form.surname, "Kowalski")
    type_into(qtbot, form.dob, "01/05/2012")
    form.dob.editingFinished.emit()
    assert form.matches.count() == 1 and "Zofia Kowalska" in form.matches.item(0).text()
    form.matches.itemActivated.emit(form.matches.item(0))
    record = window.records[existing.id]
    assert register.db["children"].count == 1

    # New episode: a mistyped return before the last seen time is refused beside the field.
    record.buttons["episode"].click()
    episode_form = last_dialog(record)
    type_when(qtbot, episode_form.started_at, "26/11/2026", "22:15")
    type_into(qtbot, episode_form.last_seen_place, "Home address")
    type_when(qtbot, episode_form.reported_at, "26/11/2026", "23:40")
    type_into(qtbot, episode_form.police_reference, "TV-2026-0042")
    choose(episode_form.risk_grade, "Medium")
    episode_form.concerns["cse"].setChecked(True)
    type_when(qtbot, episode_form.ended_at, "26/11/2026", "21:00")
    episode_form.buttons.button(episode_form.buttons.StandardButton.Save).click()
    assert "before the child was last seen" in episode_form.error_text("ended_at")
    assert episode_form.isVisible() and register.db["missing_episodes"].count == 0
    assert episode_form.police_reference.text() == "TV-2026-0042"  # what she typed is kept
    episode_form.ended_at.date.clear()
    episode_form.ended_at.time.clear()
    episode_form.buttons.button(episode_form.buttons.StandardButton.Save).click()
    assert not episode_form.isVisible()
    stored = register.db.execute(
        "SELECT started_at, risk_grade, cse, police_reference FROM missing_episodes"
    ).fetchone()
    assert stored == ("2026-11-26T22:15:00Z", "medium", 1, "TV-2026-0042")

    # The dashboard shows her missing now.
    window.tabs.setCurrentWidget(window.pages["dashboard"])
    settled(qtbot, window.pages["dashboard"])
    assert window.pages["dashboard"].boxes["missing"].title() == "Missing now (1)"
    assert window.pages["dashboard"].missing_now.item(0, 0).text() == "Zofia Kowalska"
    assert window.pages["dashboard"].missing_now.item(0, 4).text() == "18 h 45 min"

    # She is found: the return is recorded and the interview falls due within 72 hours.
    assert record.buttons["return"].isEnabled()
    record.buttons["return"].click()
    return_form = last_dialog(record)
    type_when(qtbot, return_form.ended_at, "27/11/2026", "09:00")
    type_into(qtbot, return_form.found_place, "Friend's flat")
    return_form.buttons.button(return_form.buttons.StandardButton.Save).click()
    settled(qtbot, window.pages["dashboard"])
    assert window.pages["dashboard"].boxes["missing"].title() == "Missing now (0)"
    assert window.pages["dashboard"].interviews.item(0, 2).text() == "Due"
    assert window.pages["dashboard"].interviews.item(0, 3).text() == "2 d 16 h left"

    # The interview: offered, accepted, held the same day, with findings and an action.
    record.buttons["interview"].click()
    interview_form = last_dialog(record)
    assert interview_form.episodes.item(0).checkState() == Qt.CheckState.Checked
    type_when(qtbot, interview_form.offered_at, "27/11/2026", "10:00")
    type_into(qtbot, interview_form.offered_by, "Sam Carter")
    choose(interview_form.service, "Commissioned independent service")
    choose(interview_form.outcome, "Accepted")
    type_when(qtbot, interview_form.completed_at, "27/11/2026", "15:30")
    type_into(qtbot, interview_form.completed_by, "Sam Carter")
    type_into(qtbot, interview_form.push_factors, "Arguments at home")
    interview_form.actions["referred_mash"].setChecked(True)
    interview_form.buttons.button(interview_form.buttons.StandardButton.Save).click()
    assert not interview_form.isVisible()
    episode = missing.episodes_for_child(register, existing.id)[0]
    assert episode.interview_state == "in_time"
    settled(qtbot, window.pages["dashboard"])
    assert window.pages["dashboard"].interviews.rowCount() == 0

    # Her record shows the chronology in order.
    events = [record.chronology.item(row, 1).text() for row in range(record.chronology.rowCount())]
    assert events == ["Missing (M)", "Returned / found", "Return interview offered", "Return interview held"]
    assert record.chronology.item(1, 2).text() == "Completed within 72 h"

    # She prints the chronology: this computer has no printer, which she is told, and she saves a PDF instead.
    pdf = tmp_path / "chronology.pdf"
    monkeypatch.setattr(
        msgbox, "choose_file_to_save", lambda parent, title, suggested, filters, chosen: chosen(str(pdf))
    )
    offered = []
    monkeypatch.setattr(msgbox, "confirm", lambda parent, title, text, on_yes: (offered.append(text), on_yes()))
    record.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is record)
    qtbot.keyClick(record, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(pdf.exists)  # a button's shortcut clicks it after a short animation
    assert offered == [
        "No printer is set up on this computer, so Zofia Kowalska's chronology cannot be printed.\n\n"
        "Save it as a PDF instead?"
    ]
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Chronology: Zofia Kowalska" in text and "OFFICIAL-SENSITIVE" in text and "Friend's flat" in text
    assert answered[-1][0] == "Chronology saved"

    # She corrects the episode's risk grade and sees the change in its history.
    record.chronology.selectRow(0)
    record.buttons["edit"].click()
    edit_form = last_dialog(record)
    choose(edit_form.risk_grade, "High")
    edit_form.buttons.button(edit_form.buttons.StandardButton.Save).click()
    assert register.db.execute("SELECT risk_grade FROM missing_episodes").fetchone()[0] == "high"
    record.chronology.selectRow(0)
    record.buttons["history"].click()
    history = last_dialog(record)
    changes = [history.table.item(row, 3).text() for row in range(history.table.rowCount())]
    assert "risk_grade: medium → high" in changes[-1]
    assert history.table.item(history.table.rowCount() - 1, 1).text() == "Jo Coordinator (manager)"


def test_a_stale_edit_is_refused_with_who_changed_it(qtbot, window, register, child):
    episode = missing.save_episode(register, missing.Episode(child.id, "M", at("20/11/2026 22:00")))
    record = window.open_child(child.id)
    record.chronology.selectRow(0)
    record.buttons["edit"].click()
    form = last_dialog(record)
    missing.save_episode(
        register,
        missing.Episode(
            child.id, "M", at("20/11/2026 22:00"), police_reference="X", id=episode.id, version=episode.version
        ),
    )
    type_into(qtbot, form.police_reference, "Y")
    form.buttons.button(form.buttons.StandardButton.Save).click()
    assert "changed by Jo Coordinator" in form.banner.text() and form.isVisible()
    assert missing.get_episode(register, episode.id).police_reference == "X"


def test_an_episode_typed_as_starting_on_the_date_of_birth_is_refused_beside_the_field(qtbot, window, register, child):
    record = window.open_child(child.id)
    form = typed_new_episode(qtbot, record, "01/05/2012", "09:00")  # Zofia was born on 01/05/2012
    save(form)
    assert form.error_text("started_at") == (
        "This is on or before the child's date of birth (01/05/2012): an episode starts after it. Check the date."
    )
    assert form.isVisible() and register.db["missing_episodes"].count == 0


def test_the_dashboard_shows_an_interview_due_at_the_72nd_hour_and_overdue_after_it(qtbot, window, register, child):
    # Returned at 17:00 on 24/11/2026: the 72 hours end at 17:00 on 27/11/2026, the tests' "now".
    missing.save_episode(
        register, missing.Episode(child.id, "M", at("24/11/2026 09:00"), ended_at=at("24/11/2026 17:00"))
    )
    page = window.pages["dashboard"]
    window.tabs.setCurrentWidget(page)
    page.refresh()  # saved behind the window's back: nothing announced it
    settled(qtbot, page)
    assert page.boxes["interviews"].title() == "Return interviews due (1) and overdue (0)"
    assert [page.interviews.item(0, column).text() for column in (2, 3)] == ["Due", "0 h 00 min left"]
    with frozen_at(NOW + timedelta(minutes=1)):
        page.refresh()
        settled(qtbot, page)
    assert page.boxes["interviews"].title() == "Return interviews due (0) and overdue (1)"
    assert [page.interviews.item(0, column).text() for column in (2, 3)] == ["⚠ Overdue", "overdue by 0 h 01 min"]


def test_browsing_the_register(qtbot, window, register, child):
    other = people.save_child(
        register, people.Child("Bilal", "Ahmed", date(2010, 6, 2), "M", looked_after=True, looked_after_by="this")
    )
    missing.save_episode(register, missing.Episode(child.id, "M", at("20/11/2026 22:00"), risk_grade="high"))
    for day in (1, 10):
        missing.save_episode(
            register,
            missing.Episode(
                other.id,
                "A",
                at(f"{day:02d}/11/2026 20:00"),
                ended_at=at(f"{day + 1:02d}/11/2026 08:00"),
                looked_after=True,
                looked_after_by="this",
                risk_grade="low",
            ),
        )
    window.refresh_all()
    page = window.pages["episodes"]
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert page.model.rowCount() == 3
    choose(page.status, "Open (still missing)")
    assert page.model.rowCount() == 1 and page.model.index(0, 0).data() == "Zofia Kowalska"
    assert page.count.text().startswith("1 episode.")
    choose(page.status, "All")
    choose(page.looked_after, "Yes")
    assert page.model.rowCount() == 2
    choose(page.looked_after, "Any")
    choose(page.interview, "Overdue")
    assert page.model.rowCount() == 2
    # Returned 11/11/2026 08:00, due 72 h later (14/11 08:00): overdue by the time since, never a negative one.
    due, now = at("14/11/2026 08:00"), clock.now()
    overdue = page.model.index(0, 9).data()
    assert overdue == f"Overdue (overdue by {timescales.show_duration(now - due)})", overdue
    choose(page.interview, "Any")
    type_into(qtbot, page.started_from, "05/11/2026")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    type_into(qtbot, page.started_from, "31/02/2026")
    qtbot.waitUntil(lambda: page.problem.isVisible())
    assert "not a date on the calendar" in page.problem.text()
    page.started_from.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    type_into(qtbot, page.search, "bil")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    # Sort by risk by clicking its heading, then the other way.
    header = page.table.horizontalHeader()
    header.sectionClicked.emit(6)
    page.table.sortByColumn(6, Qt.SortOrder.AscendingOrder)
    assert [page.model.index(r, 6).data() for r in range(3)] == ["High", "Low", "Low"]
    page.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)
    assert [page.model.index(r, 6).data() for r in range(3)] == ["Low", "Low", "High"]
    # Enter on a row opens the child.
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(2, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert child.id in window.records


def test_episode_model_passes_the_model_tester(qtmodeltester, register, child):
    from register.missing.listing import EPISODES, EpisodeFilter
    from ui.shell.paged_model import PagedTableModel

    for day in range(1, 25):
        missing.save_episode(
            register,
            missing.Episode(child.id, "M", at(f"{day:02d}/10/2026 10:00"), ended_at=at(f"{day:02d}/10/2026 12:00")),
        )
    model = PagedTableModel(register, EPISODES, EpisodeFilter(), 3, True)
    qtmodeltester.check(model)
    assert model.rowCount() == 24


def test_import_from_the_window_with_progress(qtbot, window, register, monkeypatch, tmp_path, answered):
    path = write(tmp_path, GOOD)
    monkeypatch.setattr(msgbox, "choose_file_to_open", lambda parent, title, filters, chosen: chosen(str(path)))
    dialog = chosen_import(window)
    with qtbot.waitSignal(window.events.changed, timeout=10000):  # what it wrote is announced first
        dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=10000)  # then the result reaches the dialog
    assert dialog.message.text().startswith("Imported. 4 rows read: 3 children added, 4 episodes added")
    assert register.db["missing_episodes"].count == 4
    settled(qtbot, window.pages["dashboard"])
    assert window.pages["dashboard"].boxes["missing"].title() == "Missing now (1; 1 high risk, shown first)"
    dialog.accept()


def test_a_refused_import_shows_every_row_and_writes_nothing(qtbot, window, register, monkeypatch, tmp_path):
    path = write(tmp_path, [*GOOD, "LA9,A,B,01/01/2012,M,,N,M,20/11/2026 10:00,19/11/2026 10:00,,,,,"])
    monkeypatch.setattr(msgbox, "choose_file_to_open", lambda parent, title, filters, chosen: chosen(str(path)))
    dialog = chosen_import(window)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=10000)
    assert dialog.message.text().startswith("Nothing was imported: 1 problem")
    assert [dialog.problems.item(0, column).text() for column in range(2)] == ["6", "ended"]
    assert "before" in dialog.problems.item(0, 2).text()
    assert register.db["missing_episodes"].count == 0


def test_settings_change_the_repeat_missing_threshold(qtbot, window, register):
    window.edit_settings()
    form = last_dialog(window)
    type_into(qtbot, form.fields[next(s for s in form.fields if s.key == "repeat_missing_episodes")], "1")
    form.buttons.button(form.buttons.StandardButton.Save).click()
    assert "whole number of at least 2" in form.error_text("repeat_missing_episodes")
    type_into(qtbot, form.fields[next(s for s in form.fields if s.key == "repeat_missing_episodes")], "4")
    form.buttons.button(form.buttons.StandardButton.Save).click()
    settled(qtbot, window.pages["dashboard"])
    assert "4 or more episodes" in window.pages["dashboard"].boxes["repeat"].title()


def test_a_file_that_is_not_a_register_is_refused_at_start(tmp_path, monkeypatch, qapp):
    from ui import app

    (tmp_path / "register.sqlite").write_text("hello")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    assert app.main(["main.py", "--data-dir", str(tmp_path)]) == 2
    assert "not a register file" in shown[0]
    assert QApplication.instance() is not None


def test_deleting_an_episode_entered_twice(qtbot, window, register, child, monkeypatch):
    missing.save_episode(
        register, missing.Episode(child.id, "M", at("20/11/2026 22:00"), ended_at=at("21/11/2026 02:00"))
    )
    record = window.open_child(child.id)
    asked = []
    monkeypatch.setattr(
        msgbox, "ask_reason", lambda parent, title, text, on_given: (asked.append(text), on_given("twice"))
    )
    record.chronology.selectRow(0)
    record.buttons["delete"].click()
    assert "20/11/2026 22:00" in asked[0]
    assert register.db["missing_episodes"].count == 0 and record.chronology.rowCount() == 0
    assert register.db.execute("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0] == "delete"


def test_a_hidden_page_catches_up_when_shown(qtbot, window, register, child):
    window.tabs.setCurrentWidget(window.pages["children"])
    missing.save_episode(register, missing.Episode(child.id, "M", at("26/11/2026 22:00")))
    window.events.changed.emit(Change(frozenset({"missing_episodes"}), every_child=True))
    settled(qtbot, window.pages["dashboard"])
    assert window.pages["dashboard"].boxes["missing"].title() == "Missing now (0)"  # not redrawn while hidden
    window.tabs.setCurrentWidget(window.pages["dashboard"])
    settled(qtbot, window.pages["dashboard"])
    assert window.pages["dashboard"].boxes["missing"].title() == "Missing now (1)"


def test_escape_during_an_import_cancels_it_and_writes_nothing(qtbot, window, register, monkeypatch, tmp_path):
    rows = [f"LB{n:05d},Child{n},Test,01/01/2012,F,,N,M,20/11/2026 10:00,20/11/2026 12:00,,,,," for n in range(3000)]
    path = write(tmp_path, rows)
    monkeypatch.setattr(msgbox, "choose_file_to_open", lambda parent, title, filters, chosen: chosen(str(path)))
    dialog = chosen_import(window)
    dialog.import_button.click()
    dialog.reject()  # what Escape or the window's close button does
    assert dialog.isVisible()  # the dialog stays to say what happened
    qtbot.waitUntil(lambda: not dialog.running, timeout=20000)
    assert dialog.message.text() == "The import was cancelled; nothing was written."
    assert register.db["children"].count == 0 and register.db["missing_episodes"].count == 0
    dialog.reject()
    assert not dialog.isVisible()


def test_closing_the_window_during_an_import_asks_then_stops_it(qtbot, window, register, monkeypatch, tmp_path):
    rows = [f"LC{n:05d},Child{n},Test,01/01/2012,F,,N,M,20/11/2026 10:00,20/11/2026 12:00,,,,," for n in range(3000)]
    path = write(tmp_path, rows)
    monkeypatch.setattr(msgbox, "choose_file_to_open", lambda parent, title, filters, chosen: chosen(str(path)))
    asked = []
    monkeypatch.setattr(msgbox, "confirm", lambda parent, title, text, on_yes: asked.append((title, on_yes)))
    chosen_import(window).import_button.click()
    window.close()
    assert window.isVisible() and [title for title, _ in asked] == ["An import is running"]
    asked[0][1]()  # "Yes"
    assert not window.isVisible()
    qtbot.waitUntil(lambda: not window.import_dialog.running, timeout=20000)
    assert window.import_dialog.message.text() == "The import was cancelled; nothing was written."
    assert register.db["missing_episodes"].count == 0


def test_a_refused_imports_problems_are_whole_and_can_be_copied(qtbot, window, register, monkeypatch, tmp_path):
    path = write(tmp_path, ["LA9,A,B,31/02/2012,M,,N,M,20/11/2026 10:00,,,,,,", "LA8,C,D,01/01/2012,M,,maybe,M,,,,,,,"])
    monkeypatch.setattr(msgbox, "choose_file_to_open", lambda parent, title, filters, chosen: chosen(str(path)))
    dialog = chosen_import(window)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=10000)
    assert dialog.problems.wordWrap() and dialog.copy.isVisible()
    dialog.copy.click()
    assert QApplication.clipboard().text().splitlines() == [
        "Row 2, dob: “31/02/2012” is not a date on the calendar",
        "Row 3, looked_after: “maybe” is not Y or N",
        "Row 3, started: when the child was last seen is needed",
    ]


def test_opening_a_line_someone_has_deleted_says_so(qtbot, window, register, child, answered):
    episode = missing.save_episode(register, missing.Episode(child.id, "M", at("20/11/2026 10:00")))
    record = window.open_child(child.id)
    record.chronology.selectRow(0)
    missing.delete_episode(register, episode, "entered twice")  # by someone else, elsewhere
    record.buttons["edit"].click()
    assert answered == [("Open selected", "That episode is no longer in the register. The chronology is drawn again.")]
    assert record.chronology.rowCount() == 0
