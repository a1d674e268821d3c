"""Every kind of entry entered in error can be deleted from the child's record, after saying why; the
audit row of the delete keeps the record and the reason."""

from __future__ import annotations

import json
from datetime import date

import pytest

from register import education, fostering, missing, people
from register.core.errors import RegisterError, ValidationError
from tests.helpers.values import at
from ui.shell import msgbox


@pytest.fixture
def reasons(monkeypatch):
    """The delete box answered with the reason the test gives next; what it asked is kept."""
    asked: list[str] = []
    given: list[str] = []
    monkeypatch.setattr(
        msgbox, "ask_reason", lambda parent, title, text, on_given: (asked.append(text), on_given(given.pop(0)))
    )
    return asked, given


def _delete_line(record, event, reasons, reason):
    asked, given = reasons
    row = next(r for r in range(record.chronology.rowCount()) if record.chronology.item(r, 1).text() == event)
    record.chronology.selectRow(row)
    given.append(reason)
    record.buttons["delete"].click()
    return asked[-1]


def _deleted(register, table):
    row = register.db.execute(
        "SELECT before, after FROM audit_log WHERE action = 'delete' AND table_name = ? ORDER BY id DESC", [table]
    ).fetchone()
    return json.loads(row[0]), json.loads(row[1])


def test_each_kind_of_entry_is_deleted_with_its_reason_kept(qtbot, window, register, child, reasons, answered):
    episode = missing.save_episode(
        register, missing.Episode(child.id, "M", at("20/11/2026 22:00"), ended_at=at("21/11/2026 02:00"))
    )
    missing.save_interview(
        register, missing.ReturnInterview(child.id, (episode.id,), offered_at=at("21/11/2026 10:00"))
    )
    education.save_absence(
        register, education.Absence(child.id, "123456", date(2026, 11, 2), date(2026, 11, 6), school_name="Oak Park")
    )
    case = education.save_case(
        register,
        education.CmeCase(
            child.id, date(2026, 11, 9), "school", "absent_10_days", referrer_urn="123456", referrer_name="Oak Park"
        ),
    )
    education.save_enquiry(register, education.Enquiry(case.id, "health", date(2026, 11, 10), "not known"))
    education.save_escalation(register, education.Escalation(case.id, "police", date(2026, 11, 11), "worried"))
    record = window.open_child(child.id)

    said = _delete_line(record, "Return interview offered", reasons, "recorded for the wrong child")
    assert said.startswith("Delete the return home interview")
    assert register.db["return_interviews"].count == 0
    assert register.db.execute("SELECT interview_state FROM missing_episodes").fetchone()[0] == "pending"
    assert _deleted(register, "return_interviews")[1] == {"reason": "recorded for the wrong child"}

    said = _delete_line(record, "Absent from school", reasons, "the school sent it twice")
    assert "the absence from 02/11/2026 to 06/11/2026 at Oak Park" in said
    assert register.db["absences"].count == 0
    before, after = _deleted(register, "absences")
    assert before["from_on"] == "2026-11-02" and after == {"reason": "the school sent it twice"}

    _delete_line(record, "CME enquiry", reasons, "typed on the wrong case")
    _delete_line(record, "CME case escalated", reasons, "typed on the wrong case")
    assert register.db["cme_enquiries"].count == 0 and register.db["cme_escalations"].count == 0
    _delete_line(record, "CME case opened", reasons, "not missing education after all")
    assert register.db["cme_cases"].count == 0
    assert _deleted(register, "cme_cases")[1] == {"reason": "not missing education after all"}

    _delete_line(record, "Missing (M)", reasons, "entered twice")
    assert register.db["missing_episodes"].count == 0 and record.chronology.rowCount() == 0

    # With nothing recorded, the child added in error can go too; the record closes.
    record.chronology.clearSelection()
    reasons[1].append("added twice")
    record.buttons["delete"].click()
    assert "Zofia Kowalska, born 01/05/2012, who has no records" in reasons[0][-1]
    assert register.db["children"].count == 0 and not record.isVisible()
    assert _deleted(register, "children") == (_deleted(register, "children")[0], {"reason": "added twice"})


def test_fostering_entries_are_deleted_with_their_reason(qtbot, window, register, child, reasons):
    arrangement = fostering.save_arrangement(
        register,
        fostering.Arrangement(
            child.id, date(2026, 11, 2), "carer", "notified", date(2026, 11, 20), "Grace Adeyemi", "family_friend"
        ),
    )
    fostering.save_visit(register, fostering.Visit(arrangement.id, date(2026, 11, 5), "initial", "Sam Officer"))
    record = window.open_child(child.id)
    visit_line = next(
        record.chronology.item(r, 1).text()
        for r in range(record.chronology.rowCount())
        if "visit" in record.chronology.item(r, 1).text().lower()
    )
    said = _delete_line(record, visit_line, reasons, "the visit was on another child")
    assert said.startswith("Delete the visit of 05/11/2026")
    assert register.db["pf_visits"].count == 0
    assert _deleted(register, "pf_visits")[1] == {"reason": "the visit was on another child"}


def test_a_delete_needs_a_reason_and_a_child_with_records_stays(register, child):
    episode = missing.save_episode(register, missing.Episode(child.id, "M", at("20/11/2026 22:00")))
    with pytest.raises(ValidationError) as refused:
        missing.delete_episode(register, episode, "  ")
    assert "Say why" in refused.value.problems["reason"] and register.db["missing_episodes"].count == 1
    with pytest.raises(RegisterError, match="Zofia Kowalska has records in the register"):
        people.delete_child(register, people.get_child(register, child.id), "added twice")
    assert register.db["children"].count == 1
