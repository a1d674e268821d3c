"""A small register whose board figures were worked out by hand (the fixture ``hand_built``).

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
from register.education.records import CmeCase
from register.fostering.records import Arrangement, Visit
from register.missing.records import Episode, ReturnInterview, save_episode, save_interview
from tests.helpers.values import at

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
