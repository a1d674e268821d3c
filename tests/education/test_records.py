from dataclasses import replace
from datetime import date

import pytest

from register import ValidationError, education, people
from register.core import audit, settings, term_calendar
from register.core.term_calendar import Closure, Term
from register.education.dashboard import dashboard as ewo_dashboard
from register.education.records import Absence, CmeCase, Enquiry, Escalation
from tests.helpers.values import refused


def new_case(register, pupil, referred_on=date(2026, 11, 2), **extra):
    values = {
        "referred_by": "school",
        "reason": "absent_10_days",
        "referrer_urn": "123456",
        "referrer_name": "Oak Park Primary",
        "assigned_officer": "Jo Coordinator",
        **extra,
    }
    return education.save_case(register, CmeCase(pupil.id, referred_on, **values))


def test_the_default_calendar_covers_this_school_year_and_next(register):
    names = [term.name for term in term_calendar.terms(register)]
    assert names[0] == "Autumn 1 2026-27" and names[-1] == "Summer 2 2027-28" and len(names) == 12
    calendar = term_calendar.calendar(register)
    assert date(2026, 11, 27) in calendar.days
    assert date(2026, 10, 27) not in calendar.days  # half term
    assert date(2026, 9, 3) not in calendar.days  # a training day


def test_case_life_cycle_open_enquire_escalate_close_reopen(register, pupil):
    case = new_case(register, pupil, last_attended_on=date(2026, 10, 9))
    assert case.is_open and register.db["schools"].get("123456")["name"] == "Oak Park Primary"
    education.save_enquiry(
        register, Enquiry(case.id, "home_visit", date(2026, 11, 3), "No answer; neighbours say the family left")
    )
    education.save_enquiry(register, Enquiry(case.id, "lost_pupils", date(2026, 11, 5), "Not found"))
    education.save_escalation(register, Escalation(case.id, "police", date(2026, 11, 6), "Safeguarding concern"))
    closed = education.close_case(register, case, "left_country", date(2026, 11, 20), "Confirmed by Border Force")
    assert not closed.is_open and closed.days_open(date(2026, 11, 27)) == 18
    reopened = education.reopen_case(register, closed)
    assert reopened.is_open and reopened.outcome == ""
    history = audit.history(register, "cme_cases", case.id)
    assert [entry.action for entry in history] == ["insert", "update", "update"]
    assert ("outcome", "left_country", None) in history[-1].changes()


def test_case_rules(register, pupil):
    problems = refused(new_case, register, pupil, date(2026, 11, 2), outcome="died", closed_on=date(2026, 11, 1))
    assert "before it was referred (02/11/2026)" in problems["closed_on"]
    assert "six digits" in refused(new_case, register, pupil, date(2026, 11, 2), referrer_urn="12345")["referrer_urn"]
    problems = refused(new_case, register, pupil, date(2026, 11, 2), last_attended_on=date(2026, 11, 3))
    assert "after the referral" in problems["last_attended_on"]
    new_case(register, pupil)
    assert "already has an open CME case" in refused(new_case, register, pupil, date(2026, 11, 20))["referred_on"]
    assert register.db["cme_cases"].count == 1


def test_enquiry_before_the_case_opened_is_refused(register, pupil):
    case = new_case(register, pupil)
    problems = refused(education.save_enquiry, register, Enquiry(case.id, "housing", date(2026, 11, 1), "x"))
    assert "before the case was opened (02/11/2026)" in problems["made_on"]
    assert (
        "what the enquiry found"
        in refused(education.save_enquiry, register, Enquiry(case.id, "housing", date(2026, 11, 3), " "))["result"]
    )
    assert register.db["cme_enquiries"].count == 0


def test_a_child_not_of_compulsory_school_age_needs_a_reason(register):
    toddler = people.save_child(register, people.Child("Maja", "Nowak", date(2022, 1, 5), "F"))
    problems = refused(new_case, register, toddler)
    assert "not yet of compulsory school age" in problems["school_age_note"]
    assert "begins on 31/03/2027" in problems["school_age_note"]
    case = new_case(register, toddler, school_age_note="Starting reception early; parent asked for help")
    assert case.id
    older = people.save_child(register, people.Child("Kwame", "Mensah", date(2010, 7, 1), "M"))
    assert "past compulsory school age" in refused(new_case, register, older)["school_age_note"]


def test_absence_rules(register, pupil):
    absence = Absence(
        pupil.id, "123456", date(2026, 11, 2), date(2026, 11, 6), school_name="Oak Park Primary", sessions_missed=10
    )
    education.save_absence(register, absence)
    assert (
        "ends before it starts"
        in refused(
            education.save_absence, register, replace(absence, from_on=date(2026, 11, 20), to_on=date(2026, 11, 19))
        )["to_on"]
    )
    assert (
        "overlaps"
        in refused(
            education.save_absence, register, replace(absence, from_on=date(2026, 11, 6), to_on=date(2026, 11, 9))
        )["from_on"]
    )
    assert (
        "six digits" in refused(education.save_absence, register, replace(absence, school_urn="12A456"))["school_urn"]
    )
    assert (
        "school's name"
        in refused(education.save_absence, register, Absence(pupil.id, "654321", date(2026, 11, 9), date(2026, 11, 9)))[
            "school_name"
        ]
    )
    assert (
        "Between 0 and 2"
        in refused(
            education.save_absence,
            register,
            Absence(pupil.id, "123456", date(2026, 11, 9), date(2026, 11, 9), sessions_missed=3),
        )["sessions_missed"]
    )
    # The same dates at another school are a different spell.
    education.save_absence(register, replace(absence, school_urn="654321", school_name="Elm Academy"))
    assert register.db["absences"].count == 2


def test_continuous_absence_counts_school_days_across_half_term(register, pupil):
    # 19-23 Oct (5 days), half term 26-30 Oct, then 2 Nov is a training day: 3-6 Nov (4 days) continue the run.
    term_calendar.save_closure(register, Closure(date(2026, 11, 2), "Staff training day"))
    for first, last in ((date(2026, 10, 19), date(2026, 10, 23)), (date(2026, 11, 3), date(2026, 11, 6))):
        education.save_absence(register, Absence(pupil.id, "123456", first, last, school_name="Oak Park Primary"))
    assert education.absence_concerns(register, date(2026, 11, 10)) == []  # 9 school days
    education.save_absence(register, Absence(pupil.id, "123456", date(2026, 11, 9), date(2026, 11, 9)))
    runs = education.absence_concerns(register, date(2026, 11, 10))
    assert [(r.child.surname, r.from_on, r.school_days, r.open_case) for r in runs] == [
        ("Popescu", date(2026, 10, 19), 10, False)
    ]
    # A school day with no absence between spells breaks the run.
    education.save_absence(register, Absence(pupil.id, "123456", date(2026, 11, 11), date(2026, 11, 27)))
    run = education.absence_concerns(register, date(2026, 11, 27))[0]
    assert (run.from_on, run.school_days) == (date(2026, 11, 11), 13)


def test_the_ewo_dashboard(register, pupil):
    other = people.save_child(register, people.Child("Hodan", "Warsame", date(2012, 9, 30), "F"))
    old = new_case(register, pupil, date(2026, 8, 20), whereabouts_known=False)
    education.save_enquiry(register, Enquiry(old.id, "health", date(2026, 11, 20), "GP has no record"))
    new_case(register, other, date(2026, 10, 1), assigned_officer="Sam Carter", whereabouts_known=True)
    board = ewo_dashboard(register, "Jo Coordinator")
    assert [line.child.surname for line in board.mine.lines] == ["Popescu"] and board.mine.total == 1
    assert board.open_total == 2
    assert [line.child.surname for line in board.stale.lines] == ["Warsame"]  # no enquiry since 1 October
    assert board.open_longer == {4: 2, 8: 2, 12: 1}  # 57 and 99 days
    assert [line.child.surname for line in board.whereabouts_unknown.lines] == ["Popescu"]
    settings.put(register, {settings.CME_STALE_DAYS: "60"})
    assert ewo_dashboard(register, "Jo Coordinator").stale.total == 0


def test_a_case_shows_as_without_an_enquiry_on_the_day_it_has_had_none_for_the_set_days(register, pupil):
    # Today is 27/11/2026 and the setting is 10 days: the dashboard lists cases with no enquiry for
    # 10 days or more, so an enquiry on 17/11/2026 (10 days ago) is listed and one on 18/11 (9) is not.
    others = [
        people.save_child(register, people.Child(name, "Nowak", date(2013, 1, 1 + number), "F"))
        for number, name in enumerate(["Ana", "Bea"])
    ]
    assert settings.get_int(register, settings.CME_STALE_DAYS) == 10
    for child, last in ((pupil, date(2026, 11, 17)), (others[0], date(2026, 11, 18))):
        case = new_case(register, child, date(2026, 11, 2))
        education.save_enquiry(register, Enquiry(case.id, "health", last, "GP has no record"))
    new_case(register, others[1], date(2026, 11, 17))  # no enquiry yet: counted from the referral
    board = ewo_dashboard(register, "Jo Coordinator")
    assert sorted(line.child.forenames for line in board.stale.lines) == ["Andrei", "Bea"]


def test_outcome_list_is_configurable(register, pupil):
    code = education.add_outcome(register, "Placed in secure accommodation")
    assert education.outcomes(register)[code] == "Placed in secure accommodation"
    case = new_case(register, pupil)
    education.close_case(register, case, code, date(2026, 11, 20))
    education.retire_outcome(register, code)
    assert code not in education.outcomes(register) and code in education.outcomes(register, include_retired=True)
    assert "already in the list" in refused(education.add_outcome, register, "Placed in secure accommodation")["label"]


def test_term_calendar_edits(register):
    with pytest.raises(ValidationError, match="overlap"):
        term_calendar.save_term(register, Term("Extra", date(2026, 12, 1), date(2026, 12, 3)))
    with pytest.raises(ValidationError, match="weekend"):
        term_calendar.save_closure(register, Closure(date(2026, 11, 28)))
    term_calendar.save_closure(register, Closure(date(2026, 11, 27), "Snow"))
    assert date(2026, 11, 27) not in term_calendar.calendar(register).days
    term_calendar.add_default_year(register, 2028)
    assert term_calendar.terms(register)[-1].name == "Summer 2 2028-29"
