"""The private fostering officer's walk, driven through the widgets."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader

from register import fostering, people
from tests.helpers.widgets import choose, last_dialog, save, settled, type_into


def test_the_officers_walk(qtbot, window, register, answered, tmp_path):
    student = people.save_child(register, people.Child("Chiamaka", "Okafor", date(2011, 4, 2), "F", ethnicity="BAFR"))
    record = window.open_child(student.id)

    # A school tells her a pupil is living with an aunt: not private fostering, and refused.
    record.buttons["notify"].click()
    form = last_dialog(record)
    type_into(qtbot, form.notified_on, "16/11/2026")
    choose(form.notified_by, "School")
    type_into(qtbot, form.intended_start, "02/11/2026")
    type_into(qtbot, form.carer_name, "Grace Adeyemi")
    choose(form.relationship, "Aunt or uncle")
    assert "Not private fostering" in form.assessment.text()
    save(form)
    assert "close relative" in form.error_text("carer_relationship") and register.db["pf_arrangements"].count == 0

    # She is in fact a family friend: private fostering, notified late, initial visit due in 7 working days.
    choose(form.relationship, "Family friend")
    assert "Private fostering." in form.assessment.text() and "25/11/2026" in form.assessment.text()
    assert "Notice: late." in form.assessment.text()
    type_into(qtbot, form.started_on, "02/11/2026")
    choose(form.purpose, "Education")
    save(form)
    assert not form.isVisible()
    arrangement = fostering.arrangements_for_child(register, student.id)[0]
    assert (arrangement.notice, arrangement.carer_relationship) == ("late", "family_friend")

    # Her page shows the initial visit overdue (due 25/11, today 27/11).
    window.tabs.setCurrentWidget(window.pages["fostering"])
    page = window.pages["fostering"]
    settled(qtbot, page)
    assert page.boxes["initial"].title() == "Notifications with no initial visit (1; 1 overdue)"
    assert page.initial.item(0, 3).text() == "overdue by 2 days"

    # The initial visit: a visit dated before the notification is refused; then the eleven matters.
    record.buttons["visit"].click()
    form = last_dialog(record)
    assert form.kind.code() == "initial"
    type_into(qtbot, form.visited_on, "15/11/2026")
    save(form)
    assert "before the notification (16/11/2026)" in form.error_text("visited_on")
    type_into(qtbot, form.visited_on, "26/11/2026")
    for tick, note in list(form.matters.values())[:11]:
        tick.setChecked(True)
        type_into(qtbot, note, "discussed")
    choose(form.suitability, "Suitable")
    save(form)
    assert not form.isVisible()
    visit = fostering.visits_for_arrangement(register, arrangement.id)[0]
    assert visit.kind == "initial" and len(visit.matters) == 11
    assert fostering.get_arrangement(register, arrangement.id).suitability == "suitable"
    settled(qtbot, page)
    assert page.boxes["initial"].title() == "Notifications with no initial visit (0; 0 overdue)"
    assert "07/01/2027" in page.arrangements.item(0, 6).text()  # six weeks after 26/11
    assert page.arrangements.item(0, 4).text() == "Late"

    # A later visit where the child was not seen alone needs a reason.
    record.buttons["visit"].click()
    form = last_dialog(record)
    assert form.kind.code() == "statutory" and not form.matters_box.isEnabled()
    type_into(qtbot, form.visited_on, "27/11/2026")
    form.seen_alone.setChecked(False)
    save(form)
    assert "not seen alone" in form.error_text("not_alone_reason")
    type_into(qtbot, form.not_alone_reason, "Child asked for the carer to stay")
    save(form)
    assert register.db["pf_visits"].count == 2

    # The arrangement ends: she moved to another authority.
    record.buttons["end"].click()
    form = last_dialog(record)
    choose(form.reason, "Moved to another authority")
    save(form)
    assert "Name the authority" in form.error_text("end_destination")
    type_into(qtbot, form.destination, "Reading Borough Council")
    save(form)
    assert not fostering.get_arrangement(register, arrangement.id).is_open
    settled(qtbot, page)
    assert page.boxes["open"].title() == "Open arrangements (0)"

    # The chronology holds it all and prints.
    events = [record.chronology.item(row, 1).text() for row in range(record.chronology.rowCount())]
    assert events == [
        "Private fostering notified",
        "Private fostering: Initial visit",
        "Suitability decided",
        "Private fostering: Statutory visit",
        "Private fostering ended",
    ]
    pdf = tmp_path / "chronology.pdf"
    record.save_pdf(str(pdf))
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "Private fostering notified" in text and "Reading Borough Council" in text and "11 of 11 matters" in text


def test_the_age_limit_warning(qtbot, window, register):
    nearly = people.save_child(register, people.Child("Ionut", "Popescu", date(2010, 12, 20), "M"))
    fostering.save_arrangement(
        register,
        fostering.Arrangement(
            nearly.id, date(2026, 9, 1), "carer", "notified", date(2026, 9, 1), "Sam Lee", "family_friend"
        ),
    )
    window.tabs.setCurrentWidget(window.pages["fostering"])
    window.pages["fostering"].refresh()
    settled(qtbot, window.pages["fostering"])
    assert window.pages["fostering"].boxes["nearing"].title() == "Reaching the age limit within 30 days (1)"
    assert window.pages["fostering"].nearing.item(0, 2).text() == "20/12/2026"
