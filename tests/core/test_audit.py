"""The audit trail: every write found by history() under its real row id, and records read by id."""

from datetime import date

import pytest

from register import NotFoundError, ValidationError, education, fostering, missing, people
from register.core import audit, settings, term_calendar
from register.education.records import Absence
from tests.helpers.values import at


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
    missing.delete_episode(register, episode, "entered twice")
    with pytest.raises(NotFoundError, match="That episode is no longer in the register."):
        missing.get_episode(register, episode.id)


def test_an_absence_is_read_back_with_its_schools_name(register, child):
    absence = education.save_absence(
        register, Absence(child.id, "123456", date(2026, 11, 2), date(2026, 11, 6), school_name="Oak Park Primary")
    )
    assert education.get_absence(register, absence.id).school_name == "Oak Park Primary"


def _rowid(register, table, key, value):
    return register.db.execute(f"SELECT rowid FROM [{table}] WHERE [{key}] = ?", [value]).fetchone()[0]


def _who_and_what(entries):
    return [(entry.actor, entry.role, entry.action, entry.before, entry.after) for entry in entries]


def test_a_school_new_to_the_register_is_audited_under_its_rowid(register, child):
    education.save_absence(
        register, Absence(child.id, "123456", date(2026, 11, 2), date(2026, 11, 6), school_name=" Oak Park Primary ")
    )
    education.save_absence(register, Absence(child.id, "123456", date(2026, 11, 16), date(2026, 11, 20)))
    assert list(register.db.query("SELECT urn, name FROM schools")) == [{"urn": "123456", "name": "Oak Park Primary"}]
    school_row = _rowid(register, "schools", "urn", "123456")
    assert _who_and_what(audit.history(register, "schools", school_row)) == [
        ("Jo Coordinator", "manager", "insert", None, {"urn": "123456", "name": "Oak Park Primary"})
    ]
    assert audit.history(register, "schools", 123456) == []  # not under the URN read as a number


def test_an_added_outcome_is_audited_under_its_rowid_not_its_place_in_the_list(register):
    code = education.add_outcome(register, "Placed in secure accommodation")
    row = register.db.execute("SELECT rowid, * FROM cme_outcomes WHERE code = ?", [code]).fetchone()
    assert row == (10, "placed_in_secure_accommodation", "Placed in secure accommodation", 1, 9)
    added = {"code": code, "label": "Placed in secure accommodation", "active": 1, "position": 9}
    assert _who_and_what(audit.history(register, "cme_outcomes", 10)) == [
        ("Jo Coordinator", "manager", "insert", None, added)
    ]
    # The default outcome "Died" was not touched: only the row saying the outcomes were there when the trail began.
    assert [(entry.actor, entry.action) for entry in audit.history(register, "cme_outcomes", 9)] == [
        ("register upgrade", "bulk insert")
    ]


def test_retiring_and_restoring_an_outcome_is_audited_under_its_rowid(register):
    died = _rowid(register, "cme_outcomes", "code", "died")
    education.retire_outcome(register, "died")
    education.retire_outcome(register, "died")  # already retired: nothing changes, nothing is audited
    education.retire_outcome(register, "died", active=True)
    assert "died" in education.outcomes(register)
    entries = audit.history(register, "cme_outcomes", died)
    offered = {"code": "died", "label": "Died", "active": 1, "position": 8}
    retired = {**offered, "active": 0}
    started = {"description": "the CME outcomes the register started with", "last_id": 9}
    assert _who_and_what(entries) == [
        ("register upgrade", "system", "bulk insert", None, started),  # m007: there when the trail began
        ("Jo Coordinator", "manager", "update", offered, retired),
        ("Jo Coordinator", "manager", "update", retired, offered),
    ]
    assert entries[1].changes() == [("active", 1, 0)]
    with pytest.raises(NotFoundError):
        education.retire_outcome(register, "no_such_outcome")
    assert register.db["cme_outcomes"].count == 9


def test_settings_are_audited_under_their_rowid(register):
    settings.put(register, {settings.CME_STALE_DAYS: "60"})
    settings.put(register, {settings.CME_STALE_DAYS: " 30 "})
    settings.put(register, {settings.CME_STALE_DAYS: "30"})  # unchanged: nothing more is audited
    assert register.db["settings"].get("cme_stale_days") == {"key": "cme_stale_days", "value": "30"}
    assert settings.get_int(register, settings.CME_STALE_DAYS) == 30
    entries = audit.history(register, "settings", _rowid(register, "settings", "key", "cme_stale_days"))
    assert _who_and_what(entries) == [
        ("Jo Coordinator", "manager", "insert", None, {"key": "cme_stale_days", "value": "60"}),
        (
            "Jo Coordinator",
            "manager",
            "update",
            {"key": "cme_stale_days", "value": "60"},
            {"key": "cme_stale_days", "value": "30"},
        ),
    ]
    assert entries[1].changes() == [("value", "60", "30")]


def test_a_refused_setting_writes_nothing(register):
    written = register.db["audit_log"].count
    with pytest.raises(ValidationError):
        settings.put(register, {settings.AUTHORITY_NAME: "Northshire", settings.CME_STALE_DAYS: "0"})
    assert settings.get(register, settings.AUTHORITY_NAME) == "Local authority"
    assert register.db["audit_log"].count == written


def test_a_default_school_year_is_audited_term_by_term_with_no_bulk_row(register):
    seeded = term_calendar.terms(register)[0]
    term_calendar.add_default_year(register, 2028)
    assert [term.name for term in term_calendar.terms(register)][-6:] == [
        f"{half} 2028-29" for half in ("Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2")
    ]
    actions = list(
        register.db.query(
            "SELECT table_name, action, COUNT(*) AS n FROM audit_log WHERE actor = 'Jo Coordinator' GROUP BY 1, 2"
        )
    )
    assert actions == [
        {"table_name": "school_closures", "action": "insert", "n": 5},
        {"table_name": "school_terms", "action": "insert", "n": 6},
    ]
    summer = term_calendar.terms(register)[-1]
    assert _who_and_what(audit.history(register, "school_terms", summer.id)) == [
        ("Jo Coordinator", "manager", "insert", None, register.db["school_terms"].get(summer.id))
    ]
    # A term the new register started with was written by the default calendar, not by this year's.
    assert _who_and_what(audit.history(register, "school_terms", seeded.id)) == [
        ("default calendar", "system", "insert", None, register.db["school_terms"].get(seeded.id))
    ]


def test_the_demo_generators_schools_and_escalations_show_their_bulk_creation_in_history(register):
    from register import demo

    demo.build(register, 40, episodes=40, cases=40)
    escalations = register.db["cme_escalations"].count
    assert escalations > 0
    school_history = audit.history(register, "schools", 1)
    assert [entry.action for entry in school_history] == ["bulk insert"]
    assert school_history[0].after == {"description": "demo: 60 synthetic schools (seed 1)", "last_id": 60}
    escalation_history = audit.history(register, "cme_escalations", 1)
    assert escalation_history[0].after == {
        "description": f"demo: {escalations} synthetic escalations (seed 1)",
        "last_id": escalations,
    }
