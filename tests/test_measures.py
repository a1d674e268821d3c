"""The board's figures against a small register whose answers were worked out by hand.

The period is January to March 2026. The clocks went forward on 29 March 2026, so an interview
held at 12:59 BST on 30 March after a return at 12:00 GMT on 27 March came 71 h 59 min later
(in time) and one at 13:01 BST came 72 h 01 min later (late).
"""

from __future__ import annotations

from datetime import date

import pytest

from register import education, fostering, people
from register.board import summary as measures
from register.core import periods
from register.core.clock import frozen_at
from register.education.records import CmeCase
from register.fostering.records import Arrangement, Visit
from register.missing.records import Episode, ReturnInterview, save_episode, save_interview
from tests.conftest import at

Q1 = periods.quarter("2026-Q1")


def episode(register, child, kind, start, end=None, **extra):
    return save_episode(register, Episode(child.id, kind, at(start), ended_at=at(end) if end else None, **extra))


def interview(register, child, covered, **extra):
    save_interview(register, ReturnInterview(child.id, (covered.id,), **extra))


@pytest.fixture
def hand_built(register):
    child = people.Child
    a = people.save_child(register, child("Zofia", "Kowalska", date(2012, 5, 1), "F", ethnicity="WOTH"))
    b = people.save_child(
        register,
        child("Bilal", "Ahmed", date(2010, 6, 2), "M", ethnicity="APKN", looked_after=True, looked_after_by="this"),
    )
    c = people.save_child(
        register,
        child("Dawit", "Bekele", date(2011, 1, 3), "M", ethnicity="BAFR", looked_after=True, looked_after_by="other"),
    )
    d = people.save_child(register, child("Hodan", "Warsame", date(2012, 9, 30), "F", ethnicity="BAFR"))
    e = people.save_child(register, child("Chiamaka", "Okafor", date(2011, 4, 2), "F", ethnicity="BAFR"))
    f = people.save_child(register, child("Ioana", "Stoica", date(2013, 1, 1), "F", ethnicity="WROM"))
    this = {"looked_after": True, "looked_after_by": "this"}
    other = {"looked_after": True, "looked_after_by": "other", "placing_authority": "Reading"}

    e1 = episode(register, a, "M", "30/12/2025 22:00", "02/01/2026 10:00")  # began before, ended in: 60 h
    interview(register, a, e1, offered_at=at("02/01/2026 12:00"), outcome="declined", outcome_reason="No")
    e2 = episode(
        register, a, "M", "10/01/2026 20:00", "11/01/2026 08:00", risk_grade="high", concerns=frozenset({"cse"})
    )
    interview(
        register,
        a,
        e2,
        offered_at=at("11/01/2026 09:00"),
        outcome="accepted",
        completed_at=at("12/01/2026 10:00"),
        completed_by="Sam",
    )
    episode(register, a, "M", "20/01/2026 20:00", "21/01/2026 08:00", risk_grade="medium")  # no interview yet
    e4 = episode(
        register, a, "M", "27/03/2026 00:00", "27/03/2026 12:00", risk_grade="low", concerns=frozenset({"county_lines"})
    )
    interview(
        register,
        a,
        e4,
        offered_at=at("27/03/2026 13:00"),
        outcome="accepted",
        completed_at=at("30/03/2026 12:59"),
        completed_by="Sam",
    )  # 71 h 59 min
    e5 = episode(register, b, "A", "01/02/2026 10:00", "05/02/2026 10:00", risk_grade="none", **this)  # 96 h
    interview(register, b, e5, outcome="not_offered", outcome_reason="Moved out of area")
    e6 = episode(register, b, "M", "24/03/2026 10:00", "27/03/2026 12:00", **this)  # 74 h
    interview(
        register,
        b,
        e6,
        offered_at=at("27/03/2026 13:00"),
        outcome="accepted",
        completed_at=at("30/03/2026 13:01"),
        completed_by="Sam",
    )  # 72 h 01 min
    e8 = episode(register, c, "M", "01/03/2026 10:00", "10/03/2026 10:00", **other)  # 216 h
    interview(register, c, e8, offered_at=at("10/03/2026 12:00"), outcome="accepted")  # not yet held
    episode(register, c, "M", "31/03/2026 22:30", risk_grade="high", concerns=frozenset({"trafficking"}), **other)

    education.save_case(register, CmeCase(b.id, date(2025, 12, 10), "police", "other", whereabouts_known=False))
    k1 = education.save_case(
        register,
        CmeCase(
            a.id,
            date(2026, 1, 5),
            "school",
            "deletion_g",
            referrer_urn="123456",
            referrer_name="Oak Park",
            whereabouts_known=True,
        ),
    )
    education.close_case(register, k1, "on_roll_here", date(2026, 2, 20))
    education.save_case(register, CmeCase(d.id, date(2026, 3, 15), "admissions", "not_on_roll", whereabouts_known=True))

    p1 = fostering.save_arrangement(
        register,
        Arrangement(
            e.id,
            date(2026, 3, 20),
            "carer",
            "notified",
            date(2026, 3, 1),
            "Grace Adeyemi",
            "family_friend",
            started_on=date(2026, 3, 1),
        ),
    )
    fostering.save_visit(register, Visit(p1.id, date(2026, 3, 31), "initial", "Ruth"))  # due 31/03: on time
    # Notified on Thursday 26 March: Good Friday and Easter Monday put the initial visit due on 8 April.
    p2 = fostering.save_arrangement(
        register,
        Arrangement(f.id, date(2026, 3, 26), "parent", "notified", date(2026, 6, 1), "Ana Pop", "family_friend"),
    )
    fostering.save_visit(register, Visit(p2.id, date(2026, 4, 7), "initial", "Ruth"))
    p3 = fostering.save_arrangement(
        register,
        Arrangement(
            d.id,
            date(2025, 10, 1),
            "school",
            "notified",
            date(2025, 10, 1),
            "Sam Lee",
            "cousin",
            started_on=date(2025, 10, 1),
        ),
    )
    for day, kind, alone in (
        (date(2025, 10, 5), "initial", True),
        (date(2025, 11, 14), "statutory", True),
        (date(2026, 1, 2), "statutory", True),
        (date(2026, 2, 13), "statutory", False),
    ):
        fostering.save_visit(
            register,
            Visit(p3.id, day, kind, "Ruth", seen_alone=alone, not_alone_reason="" if alone else "Carer stayed"),
        )
    fostering.end_arrangement(
        register, fostering.get_arrangement(register, p3.id), date(2026, 3, 20), "returned_to_parents"
    )
    return measures.summary(register, Q1)


def figure(summary, section, table, measure, period=Q1.key, published=False):
    for part in summary.sections:
        if part.key != section:
            continue
        for found in part.tables:
            if found.title.startswith(table):
                for row in found.rows:
                    if row.measure == measure:
                        return row.shown(found.keys.index(period), published)
    raise KeyError((section, table, measure))


def test_missing_figures(hand_built):
    began = "Episodes that began"
    assert [
        figure(hand_built, "missing", began, name)
        for name in (
            "Episodes, all",
            "Missing (M)",
            "Away from placement (A)",
            "Children",
            "Average episodes per child",
        )
    ] == ["7", "6", "1", "3", "2.3"]
    assert figure(hand_built, "missing", began, "Episodes, all", "2025-Q4") == "1"  # the one begun on 30/12/2025
    status = "Episodes by looked after"
    assert [
        figure(hand_built, "missing", status, name)
        for name in ("Looked after by this authority", "Placed here by another authority", "Not looked after")
    ] == ["2", "2", "3"]
    risk = "Episodes by police risk"
    assert [
        figure(hand_built, "missing", risk, name)
        for name in ("No apparent risk", "Low", "Medium", "High", "Not recorded")
    ] == ["1", "1", "1", "2", "2"]
    concerns = "Episodes with exploitation"
    assert [
        figure(hand_built, "missing", concerns, name)
        for name in ("Child sexual exploitation", "Child criminal exploitation", "County lines", "Trafficking")
    ] == ["1", "0", "1", "1"]
    children = "Children by number"
    assert [
        figure(hand_built, "missing", children, name)
        for name in (
            "1 episode",
            "2 episodes",
            "3 to 5",
            "6 to 10",
            "11 or more",
            "Repeat missing (3 or more episodes within 90 days)",
        )
    ] == ["0", "2", "1", "0", "0", "1"]
    ended = "Episodes that ended"
    assert [
        figure(hand_built, "missing", ended, name)
        for name in (
            "Episodes that ended",
            "Under 24 hours",
            "1 to 2 days",
            "3 to 7 days",
            "Over 7 days",
            "Children still missing at the end of the period",
        )
    ] == ["7", "3", "1", "2", "1", "1"]


def test_return_interview_figures_across_the_clock_change(hand_built):
    table = "Return home interviews"
    counts = [
        figure(hand_built, "missing", table, name)
        for name in (
            "Offered",
            "Accepted",
            "Completed within 72 hours",
            "Completed late",
            "Declined",
            "Not offered",
            "None recorded yet",
        )
    ]
    assert counts == ["5", "4", "2", "1", "1", "1", "2"]
    assert figure(hand_built, "missing", table, "Offered, % of episodes that ended") == "71.4%"
    assert figure(hand_built, "missing", table, "Completed within 72 hours, % of episodes that ended") == "28.6%"
    assert figure(hand_built, "missing", table, "Completed late, % of episodes that ended") == "14.3%"


def test_education_figures(hand_built):
    cases = [
        figure(hand_built, "education", "Cases", name)
        for name in (
            "Open at the end of the period",
            "New referrals",
            "Closed",
            "Open at the end for longer than 4 weeks",
            "Open at the end for longer than 8 weeks",
            "Open at the end for longer than 12 weeks",
            "Open at the end, whereabouts unknown",
        )
    ]
    assert cases == ["2", "2", "1", "1", "1", "1", "1"]
    assert figure(hand_built, "education", "Cases closed", "On roll at a school here") == "1"
    assert figure(hand_built, "education", "New referrals, by reason", "Deletion notice 9(1)(g)") == "1"
    assert (
        figure(
            hand_built, "education", "New referrals, by reason", "Not on a school roll (new arrival, not registered)"
        )
        == "1"
    )
    assert figure(hand_built, "education", "New referrals, by national", "Year 8") == "1"  # born May 2012
    assert figure(hand_built, "education", "New referrals, by national", "Year 7") == "1"  # born September 2012
    assert figure(hand_built, "education", "New referrals, by sex", "Female") == "2"
    assert figure(hand_built, "education", "Cases", "New referrals", "2025-Q4") == "1"


def test_fostering_figures_with_a_visit_due_over_the_easter_weekend(hand_built):
    table = "Notifications and arrangements"
    assert [
        figure(hand_built, "fostering", table, name)
        for name in (
            "Notifications received",
            "Notice given in advance",
            "Notice given late",
            "Arrangements begun",
            "Arrangements ended",
            "Children in arrangements at the end of the period",
        )
    ] == ["2", "1", "1", "1", "1", "1"]
    visits = "Visits"
    assert (
        figure(hand_built, "fostering", visits, "Initial visits within 7 working days, % of notifications") == "100.0%"
    )
    assert [
        figure(hand_built, "fostering", visits, name)
        for name in ("Later (statutory) visits made", "Later visits on time", "Visits of any kind", "Child seen alone")
    ] == ["2", "1", "3", "2"]
    assert figure(hand_built, "fostering", visits, "Later visits on time, % of later visits") == "50.0%"
    assert figure(hand_built, "fostering", visits, "Child seen alone, % of visits") == "66.7%"


def test_equality_and_children_known_to_more_than_one_register(hand_built):
    missing = "Missing from home or care"
    assert figure(hand_built, "equality", missing, "Ethnic group: White") == "1"
    assert figure(hand_built, "equality", missing, "Ethnic group: Black or Black British") == "1"
    assert figure(hand_built, "equality", missing, "Sex: Male") == "2"
    assert figure(hand_built, "equality", missing, "Sex: Male, %") == "66.7%"
    assert figure(hand_built, "equality", missing, "Age at the end of the period: 13 to 15") == "3"
    overlap = "Children known"
    assert figure(hand_built, "overlap", overlap, "Missing from home or care and missing education") == "2"
    assert figure(hand_built, "overlap", overlap, "Missing education and privately fostered") == "1"
    assert figure(hand_built, "overlap", overlap, "All three registers") == "0"


def test_published_copy_hides_small_numbers(hand_built):
    assert figure(hand_built, "missing", "Episodes that began", "Episodes, all", published=True) == "7"
    assert figure(hand_built, "missing", "Episodes that began", "Children", published=True) == "<5"
    assert figure(hand_built, "missing", "Episodes that began", "Episodes, all", "2025-Q1", published=True) == "0"
    assert figure(hand_built, "fostering", "Visits", "Child seen alone, % of visits", published=True) == "<5 cases"
    rows = hand_built.figures(published=True)
    assert ("Missing from home or care", "Episodes that began in the period: Children", "2026-Q1", "<5") in rows
    assert not any(name in " ".join(map(str, rows)) for name in ("Zofia", "Kowalska", "Bilal", "Ahmed"))


def test_figures_are_kept_until_a_record_changes(register, hand_built):
    kept = measures.cached_summary(register, Q1)
    assert kept.figures() == hand_built.figures()
    with frozen_at(at("28/11/2026 09:00")):
        assert measures.cached_summary(register, Q1).produced == kept.produced  # read back, not computed
        people.save_child(register, people.Child("Omar", "Haddad", date(2012, 1, 1), "M"))
        recomputed = measures.cached_summary(register, Q1)
    assert recomputed.produced == at("28/11/2026 09:00") and recomputed.figures() == hand_built.figures()
    assert register.db.execute("SELECT COUNT(*) FROM figure_cache").fetchone()[0] == 1
