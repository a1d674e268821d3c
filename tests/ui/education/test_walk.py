"""The education welfare officer's day, driven through the widgets."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader
from PySide6.QtCore import Qt

from register import education, people
from register.core import term_calendar
from register.core.db import Change
from register.core.term_calendar import Closure
from register.education.dashboard import dashboard as ewo_dashboard
from register.education.records import CmeCase
from tests.helpers.widgets import choose, last_dialog, save, settled, type_into
from ui.shell import msgbox


def test_the_ewos_walk(qtbot, window, register, pupil, answered, monkeypatch, tmp_path):
    term_calendar.save_closure(register, Closure(date(2026, 11, 2), "Staff training day"))
    record = window.open_child(pupil.id)

    # A school reports unexplained absence: two spells either side of half term.
    record.buttons["absence"].click()
    form = last_dialog(record)
    type_into(qtbot, form.school_urn, "123456")
    type_into(qtbot, form.school_name, "Oak Park Primary")
    type_into(qtbot, form.from_on, "19/10/2026")
    type_into(qtbot, form.to_on, "16/10/2026")
    save(form)
    assert "ends before it starts" in form.error_text("to_on") and register.db["absences"].count == 0
    type_into(qtbot, form.to_on, "23/10/2026")
    type_into(qtbot, form.sessions, "10")
    save(form)
    assert not form.isVisible()
    record.buttons["absence"].click()
    form = last_dialog(record)
    type_into(qtbot, form.school_urn, "123456")
    assert form.school_name.text() == "Oak Park Primary" and form.school_name.isReadOnly()
    type_into(qtbot, form.from_on, "03/11/2026")
    type_into(qtbot, form.to_on, "27/11/2026")
    save(form)

    # Her dashboard shows the continuous absence: 5 + 19 = 24 school days.
    window.tabs.setCurrentWidget(window.pages["education"])
    settled(qtbot, window.pages["education"])
    assert "20 or more (1)" in window.pages["education"].boxes["absence"].title()
    assert window.pages["education"].absence.item(0, 0).text() == "Andrei Popescu"
    assert window.pages["education"].absence.item(0, 3).text() == "24"
    assert window.pages["education"].absence.item(0, 4).text() == "Deletion possible, 9(1)(i)"
    assert window.pages["education"].absence.item(0, 5).text() == "none"

    # She opens a CME case from it.
    record.buttons["case"].click()
    form = last_dialog(record)
    type_into(qtbot, form.referred_on, "27/11/2026")
    choose(form.referred_by, "School")
    type_into(qtbot, form.referrer_urn, "123456")
    assert form.referrer_name.text() == "Oak Park Primary"
    choose(form.reason, "Absent without permission for 10 continuous school days")
    type_into(qtbot, form.last_attended, "28/11/2026")
    save(form)
    assert "after the referral" in form.error_text("last_attended_on")
    type_into(qtbot, form.last_attended, "16/10/2026")
    save(form)
    assert not form.isVisible()
    case = education.cases_for_child(register, pupil.id)[0]
    assert (case.referrer_urn, case.reason, case.assigned_officer) == ("123456", "absent_10_days", "Jo Coordinator")
    assert [line.child.surname for line in ewo_dashboard(register, "Jo Coordinator").mine.lines] == ["Popescu"]
    settled(qtbot, window.pages["education"])
    assert window.pages["education"].boxes["mine"].title() == "My open CME cases (1)"
    assert window.pages["education"].absence.item(0, 5).text() == "open"

    # Enquiries: one dated before the case is refused; a home visit is recorded.
    record.buttons["enquiry"].click()
    form = last_dialog(record)
    choose(form.agency, "Contact numbers and home visit")
    type_into(qtbot, form.made_on, "26/11/2026")
    type_into(qtbot, form.result, "No answer at the door")
    save(form)
    assert "before the case was opened (27/11/2026)" in form.error_text("made_on")
    type_into(qtbot, form.made_on, "27/11/2026")
    save(form)
    assert register.db["cme_enquiries"].count == 1

    # Safeguarding concern: escalated to police.
    record.buttons["escalate"].click()
    form = last_dialog(record)
    choose(form.to, "Police")
    type_into(qtbot, form.note, "Neighbour saw the family leave at night")
    save(form)
    assert register.db.execute("SELECT escalated_to FROM cme_escalations").fetchone()[0] == "police"

    # The case closes: the family left the country.
    record.buttons["close"].click()
    form = last_dialog(record)
    choose(form.outcome, "Left the country (confirmed)")
    save(form)
    assert education.get_case(register, case.id).outcome == "left_country"
    settled(qtbot, window.pages["education"])
    assert window.pages["education"].boxes["mine"].title() == "My open CME cases (0)"

    # The child is lost again: she reopens it.
    monkeypatch.setattr(msgbox, "confirm", lambda parent, title, text, on_yes: on_yes())
    record.chronology.selectRow(record.chronology.rowCount() - 1)
    record.buttons["close"].click()
    assert education.get_case(register, case.id).is_open

    # The record's chronology holds everything, and prints.
    events = [record.chronology.item(row, 1).text() for row in range(record.chronology.rowCount())]
    # Reopened, the case no longer shows a closing line.
    assert events == [
        "Absent from school",
        "Absent from school",
        "CME case opened",
        "CME enquiry",
        "CME case escalated",
    ]
    pdf = tmp_path / "chronology.pdf"
    record.save_pdf(str(pdf))
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Absent from school" in text and "Oak Park Primary" in text and "CME case opened" in text

    # The case list shows it; filtering by whereabouts unknown finds it.
    window.tabs.setCurrentWidget(window.pages["cases"])
    page = window.pages["cases"]
    assert page.model.rowCount() == 1 and page.model.index(0, 0).data() == "Andrei Popescu"
    choose(page.whereabouts, "Known")
    assert page.model.rowCount() == 0
    choose(page.whereabouts, "Unknown")
    assert page.model.rowCount() == 1
    choose(page.status, "Closed")
    assert page.model.rowCount() == 0


def test_recording_a_case_for_a_child_not_of_school_age(qtbot, window, register):
    toddler = people.save_child(register, people.Child("Maja", "Nowak", date(2022, 1, 5), "F"))
    record = window.open_child(toddler.id)
    record.buttons["case"].click()
    form = last_dialog(record)
    choose(form.referred_by, "Health")
    choose(form.reason, "Not on a school roll (new arrival, not registered)")
    save(form)
    assert "not yet of compulsory school age" in form.error_text("school_age_note")
    assert register.db["cme_cases"].count == 0
    type_into(qtbot, form.school_age_note, "Parent asked for a reception place; health visitor concerned")
    save(form)
    assert register.db["cme_cases"].count == 1


def test_the_term_calendar_editor(qtbot, window, register, monkeypatch):
    from ui.education.calendar_dialog import CalendarDialog

    dialog = CalendarDialog(register, window.events, window)
    dialog.open()
    assert dialog.terms.rowCount() == 12 and dialog.add_year.text() == "Add default dates for 2028-29"
    assert dialog.terms.item(0, 3).text() == "35"  # Autumn 1 2026-27: 37 weekdays less two training days
    dialog.add_closure()
    form = last_dialog(dialog)
    type_into(qtbot, form.day, "27/11/2026")
    type_into(qtbot, form.reason, "Snow")
    save(form)
    assert date(2026, 11, 27) not in term_calendar.calendar(register).days
    dialog.add_year.click()
    assert dialog.terms.rowCount() == 18
    monkeypatch.setattr(msgbox, "confirm", lambda parent, title, text, on_yes: on_yes())
    dialog.terms.selectRow(17)
    dialog.remove_term()
    assert dialog.terms.rowCount() == 17


def test_the_outcomes_editor(qtbot, window, register):
    from ui.education.outcomes_dialog import OutcomesDialog

    dialog = OutcomesDialog(register, window.events, window)
    dialog.open()
    type_into(qtbot, dialog.new_label, "Placed in secure accommodation")
    qtbot.keyClick(dialog.new_label, Qt.Key.Key_Return)
    assert "placed_in_secure_accommodation" in education.outcomes(register)
    assert dialog.problem.text() == "" and dialog.new_label.text() == ""  # added once, not tried twice
    dialog.list.item(dialog.list.count() - 1).setCheckState(Qt.CheckState.Unchecked)
    assert "placed_in_secure_accommodation" not in education.outcomes(register)


def test_the_ewos_lists_show_a_reasons_short_label(qtbot, window, register, pupil):
    education.save_case(
        register, CmeCase(pupil.id, date(2026, 11, 2), "admissions", "deletion_g", assigned_officer="Jo Coordinator")
    )
    window.events.changed.emit(Change(frozenset({"cme_cases"}), every_child=True))
    window.tabs.setCurrentWidget(window.pages["education"])
    settled(qtbot, window.pages["education"])
    assert window.pages["education"].mine.item(0, 3).text() == "Deletion notice 9(1)(g)"
    window.tabs.setCurrentWidget(window.pages["cases"])
    page = window.pages["cases"]
    assert page.model.index(0, 4).data() == "Deletion notice 9(1)(g)"
    choose(page.reason, "Deletion notice 9(1)(f)")
    assert page.model.rowCount() == 0
    choose(page.reason, "Deletion notice 9(1)(g)")
    assert page.model.rowCount() == 1
