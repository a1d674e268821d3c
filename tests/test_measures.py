"""The board's figures against a small register whose answers were worked out by hand.

The period is January to March 2026. The clocks went forward on 29 March 2026, so an interview
held at 12:59 BST on 30 March after a return at 12:00 GMT on 27 March came 71 h 59 min later
(in time) and one at 13:01 BST came 72 h 01 min later (late).
"""

from __future__ import annotations

import json
import re
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


def figure(summary, key, period=Q1.key, published=False):
    """What the summary shows for the figure with this key in the period."""
    row = summary.row(key)
    table = next(table for section in summary.sections for table in section.tables if row in table.rows)
    return row.shown(table.keys.index(period), published)


def test_missing_figures(hand_built):
    assert [
        figure(hand_built, f"missing.began.{name}")
        for name in ("episodes", "type.M", "type.A", "children", "average_per_child")
    ] == ["7", "6", "1", "3", "2.3"]
    assert figure(hand_built, "missing.began.episodes", "2025-Q4") == "1"  # the one begun on 30/12/2025
    assert [figure(hand_built, f"missing.began.looked_after.{code}") for code in ("this", "other", "none")] == [
        "2",
        "2",
        "3",
    ]
    assert [
        figure(hand_built, f"missing.began.risk.{code}") for code in ("none", "low", "medium", "high", "not_recorded")
    ] == ["1", "1", "1", "2", "2"]
    assert [
        figure(hand_built, f"missing.began.concern.{code}") for code in ("cse", "cce", "county_lines", "trafficking")
    ] == ["1", "0", "1", "1"]
    assert [
        figure(hand_built, key)
        for key in (
            "missing.children.episodes.1",
            "missing.children.episodes.2",
            "missing.children.episodes.3_5",
            "missing.children.episodes.6_10",
            "missing.children.episodes.11_plus",
            "missing.children.repeat",
        )
    ] == ["0", "2", "1", "0", "0", "1"]
    assert hand_built.row("missing.children.repeat").measure == "Repeat missing (3 or more episodes within 90 days)"
    assert [
        figure(hand_built, key)
        for key in (
            "missing.ended.episodes",
            "missing.ended.duration.under_24_hours",
            "missing.ended.duration.1_2_days",
            "missing.ended.duration.3_7_days",
            "missing.ended.duration.over_7_days",
            "missing.still_missing",
        )
    ] == ["7", "3", "1", "2", "1", "1"]


def test_return_interview_figures_across_the_clock_change(hand_built):
    counts = [
        figure(hand_built, f"missing.interviews.{state}")
        for state in ("offered", "accepted", "in_time", "late", "declined", "not_offered", "pending")
    ]
    assert counts == ["5", "4", "2", "1", "1", "1", "2"]
    assert figure(hand_built, "missing.interviews.offered.percent") == "71.4%"
    assert figure(hand_built, "missing.interviews.in_time.percent") == "28.6%"
    assert figure(hand_built, "missing.interviews.late.percent") == "14.3%"
    in_time = hand_built.row("missing.interviews.in_time.percent")
    assert in_time.measure == "Completed within 72 hours, % of episodes that ended" and in_time.kind == "percent"


def test_education_figures(hand_built):
    cases = [
        figure(hand_built, f"education.cases.{name}")
        for name in (
            "open",
            "referred",
            "closed",
            "open.over_4_weeks",
            "open.over_8_weeks",
            "open.over_12_weeks",
            "open.whereabouts_unknown",
        )
    ]
    assert cases == ["2", "2", "1", "1", "1", "1", "1"]
    assert figure(hand_built, "education.closed.outcome.on_roll_here") == "1"
    assert figure(hand_built, "education.referred.reason.deletion_g") == "1"
    assert hand_built.row("education.referred.reason.deletion_g").measure == "Deletion notice 9(1)(g)"
    assert figure(hand_built, "education.referred.reason.not_on_roll") == "1"
    assert figure(hand_built, "education.referred.year.8") == "1"  # born May 2012
    assert figure(hand_built, "education.referred.year.7") == "1"  # born September 2012
    assert figure(hand_built, "education.referred.sex.F") == "2"
    assert figure(hand_built, "education.cases.referred", "2025-Q4") == "1"


def test_fostering_figures_with_a_visit_due_over_the_easter_weekend(hand_built):
    assert [
        figure(hand_built, f"fostering.{name}")
        for name in (
            "notified",
            "notified.notice.advance",
            "notified.notice.late",
            "arrangements.begun",
            "arrangements.ended",
            "arrangements.open_at_end",
        )
    ] == ["2", "1", "1", "1", "1", "1"]
    assert figure(hand_built, "fostering.visits.initial.in_time.percent") == "100.0%"
    assert [
        figure(hand_built, f"fostering.visits.{name}") for name in ("later", "later.on_time", "any", "seen_alone")
    ] == ["2", "1", "3", "2"]
    assert figure(hand_built, "fostering.visits.later.on_time.percent") == "50.0%"
    assert figure(hand_built, "fostering.visits.seen_alone.percent") == "66.7%"


def test_equality_and_children_known_to_more_than_one_register(hand_built):
    assert figure(hand_built, "equality.missing.ethnic.W") == "1"
    assert figure(hand_built, "equality.missing.ethnic.B") == "1"
    assert figure(hand_built, "equality.missing.sex.M") == "2"
    assert figure(hand_built, "equality.missing.sex.M.share") == "66.7%"
    assert hand_built.row("equality.missing.sex.M.share").measure == "Sex: Male, %"
    assert figure(hand_built, "equality.missing.age.13_15") == "3"
    assert figure(hand_built, "equality.education.sex.F") == "2"
    assert figure(hand_built, "overlap.missing_education") == "2"
    assert figure(hand_built, "overlap.education_fostering") == "1"
    assert figure(hand_built, "overlap.all_three") == "0"


def test_every_figure_has_a_key_of_its_own(register, hand_built):
    education.add_outcome(register, "Moved abroad (confirmed)")  # the register's own list of outcomes
    found = measures.summary(register, Q1)
    keys = [row.key for section in found.sections for table in section.tables for row in table.rows]
    assert len(keys) == len(set(keys)) == 193  # 192 rows, and one for the outcome added
    for section in found.sections:
        for table in section.tables:
            for row in table.rows:
                assert re.fullmatch(rf"{section.key}(\.[A-Za-z0-9_]+)+", row.key), row.key
    assert found.row("education.closed.outcome.moved_abroad_confirmed").measure == "Moved abroad (confirmed)"
    assert [key for key in keys if key.startswith("equality.fostering.sex.")] == [
        "equality.fostering.sex.M",
        "equality.fostering.sex.M.share",
        "equality.fostering.sex.F",
        "equality.fostering.sex.F.share",
        "equality.fostering.sex.U",
        "equality.fostering.sex.U.share",
    ]
    with pytest.raises(KeyError, match="missing.began.nothing"):
        found.row("missing.began.nothing")


def test_published_copy_hides_small_numbers(hand_built):
    assert figure(hand_built, "missing.began.episodes", published=True) == "7"
    assert figure(hand_built, "missing.began.children", published=True) == "<5"
    assert figure(hand_built, "missing.began.episodes", "2025-Q1", published=True) == "0"
    assert figure(hand_built, "fostering.visits.seen_alone.percent", published=True) == "<5 cases"
    rows = hand_built.figures(published=True)
    assert (
        "missing.began.children",
        "Missing from home or care",
        "Episodes that began in the period: Children",
        "2026-Q1",
        "<5",
    ) in rows
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


def test_figures_kept_before_they_had_keys_are_worked_out_again(register, hand_built):
    measures.cached_summary(register, Q1)
    kept = json.loads(register.db.execute("SELECT summary FROM figure_cache").fetchone()[0])
    # As the first format kept them: no format number, and each row [measure, values, kind, basis].
    del kept["format"]
    for section in kept["sections"]:
        for table in section["tables"]:
            table["rows"] = [row[1:] for row in table["rows"]]
    register.db.execute("UPDATE figure_cache SET summary = ?", [json.dumps(kept)])
    assert measures.kept_summary(register, Q1) is None
    with frozen_at(at("28/11/2026 09:00")):
        recomputed = measures.cached_summary(register, Q1)
        assert measures.kept_summary(register, Q1).figures() == hand_built.figures()  # kept again, with keys
    assert recomputed.produced == at("28/11/2026 09:00") and recomputed.figures() == hand_built.figures()
    assert json.loads(register.db.execute("SELECT summary FROM figure_cache").fetchone()[0])["format"] == 2
