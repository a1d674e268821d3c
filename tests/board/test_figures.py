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

from register import education, people
from register.board import summary as measures
from register.core import periods
from register.core.clock import frozen_at
from tests.helpers.hand_built import Q1
from tests.helpers.values import at


def figure(summary, key, period=Q1.key, published=False):
    """What the summary shows for the figure with this key in the period."""
    row = summary.row(key)
    table = next(table for section in summary.sections for table in section.tables if row in table.rows)
    return summary.shown(row, table.keys.index(period), published)


def test_missing_figures(hand_built):
    assert [
        figure(hand_built, f"missing.began.{name}")
        for name in ("episodes", "type.M", "type.A", "children", "average_per_child")
    ] == ["7", "6", "1", "3", "2.3"]
    assert figure(hand_built, "missing.began.episodes", "2025-26-Q3") == "1"  # the one begun on 30/12/2025
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
    # Referred in January and March 2026, school year 2025-26: age on 31 August 2025, less 4.
    assert figure(hand_built, "education.referred.year.9") == "1"  # born 01/05/2012: 13 on 31/08/2025
    assert figure(hand_built, "education.referred.year.8") == "1"  # born 30/09/2012: 12 on 31/08/2025
    assert figure(hand_built, "education.referred.sex.F") == "2"
    assert figure(hand_built, "education.cases.referred", "2025-26-Q3") == "1"


def test_year_group_is_age_on_31_august_before_the_school_year_less_4(register):
    # (born, referred, year group worked out by hand from the rule: age on the 31 August before the
    # school year of the referral, less 4; Reception is 4, Year 1 is 5, Year 11 is 15).
    referrals = [
        (date(2021, 9, 1), date(2026, 7, 15), "other"),  # 3 on 31/08/2025: below Reception
        (date(2021, 8, 31), date(2026, 7, 15), "R"),  # 4 on 31/08/2025, that very day
        (date(2020, 9, 1), date(2026, 7, 15), "R"),  # 4 on 31/08/2025 (5 the next day)
        (date(2020, 8, 31), date(2026, 7, 15), "1"),  # 5 on 31/08/2025, that very day
        (date(2012, 2, 29), date(2026, 7, 15), "9"),  # 13 on 31/08/2025
        (date(2009, 9, 1), date(2026, 7, 15), "11"),  # 15 on 31/08/2025
        (date(2009, 8, 31), date(2026, 7, 15), "other"),  # 16 on 31/08/2025: above Year 11
        (date(2020, 9, 2), date(2026, 8, 31), "R"),  # last day of 2025-26: 4 on 31/08/2025
        (date(2020, 9, 3), date(2026, 9, 1), "1"),  # first day of 2026-27: 5 on 31/08/2026
        (date(2015, 8, 30), date(2026, 9, 1), "7"),  # 11 on 31/08/2026
    ]
    names = iter(["Ana", "Bo", "Cai", "Dee", "Eva", "Fin", "Gus", "Hal", "Ivy", "Jon"])
    for born, referred, _ in referrals:
        pupil = people.save_child(register, people.Child(next(names), "Nowak", born, "F"))
        education.save_case(
            register,
            education.CmeCase(pupil.id, referred, "admissions", "not_on_roll", school_age_note="Checked by hand"),
        )
    summary = measures.summary(register, periods.quarter("2026-Q3"))
    groups = ["R", *(str(year) for year in range(1, 12)), "other"]
    expected = {group: sum(1 for *_, year in referrals if year == group) for group in groups}
    assert expected == {**dict.fromkeys(groups, 0), "R": 3, "1": 2, "7": 1, "9": 1, "11": 1, "other": 2}
    assert {group: figure(summary, f"education.referred.year.{group}", "2026-27-Q2") for group in groups} == {
        group: str(count) for group, count in expected.items()
    }
    assert summary.row("education.referred.year.R").measure == "Reception"


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
    assert len(keys) == len(set(keys)) == 196  # 192 rows, the three equality tables' children, and one outcome added
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
    assert figure(hand_built, "missing.began.episodes", "2024-25-Q4", published=True) == "0"
    assert figure(hand_built, "fostering.visits.seen_alone.percent", published=True) == "*"
    rows = hand_built.figures(published=True)
    assert (
        "missing.began.children",
        "Missing from home or care",
        "Episodes that began in the period: Children",
        "2025-26-Q4",
        "<5",
        "",
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
    period, version, kept = register.db.execute("SELECT period, data_version, summary FROM figure_cache").fetchone()
    assert period == "format 3: 2025-26-Q4"
    # As the first format kept them, under the bare period key that version reads and writes: no format
    # number, and each row [measure, values, kind, basis].
    old = json.loads(kept)
    del old["format"]
    for section in old["sections"]:
        for table in section["tables"]:
            table["rows"] = [row[1:] for row in table["rows"]]
    register.db.execute("DELETE FROM figure_cache")
    register.db.execute(
        "INSERT INTO figure_cache (period, data_version, computed_at, summary) VALUES ('2026-Q1', ?, 'x', ?)",
        [version, json.dumps(old)],
    )
    assert measures.kept_summary(register, Q1) is None
    with frozen_at(at("28/11/2026 09:00")):
        recomputed = measures.cached_summary(register, Q1)
        assert measures.kept_summary(register, Q1).figures() == hand_built.figures()  # kept again, with keys
    assert recomputed.produced == at("28/11/2026 09:00") and recomputed.figures() == hand_built.figures()
    kept_now = dict(register.db.execute("SELECT period, summary FROM figure_cache").fetchall())
    assert json.loads(kept_now["format 3: 2025-26-Q4"])["format"] == 3
    assert "format" not in json.loads(kept_now["2026-Q1"])  # what the older version kept is left for it to read
