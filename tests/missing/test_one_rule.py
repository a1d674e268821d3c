"""Each timescale of the missing register at its boundary instant, a second either side, across the
clock changes and a leap day: the record, the list, the dashboard and the board give one answer.

The rules, worked by hand: an interview is due until 72 elapsed hours after the return and overdue
only once that instant has passed; held at that instant it is in time, a second later it is late.
A child is missing repeatedly with 3 episodes begun within 90 days of 24 hours: the first and third
exactly 90 days apart count, a second more does not.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from register import missing, people
from register.board import summary as measures
from register.core import periods
from register.core.clock import frozen_at
from register.missing.dashboard import dashboard
from register.missing.listing import EPISODES, EpisodeFilter
from register.missing.records import Episode, ReturnInterview
from tests.helpers.values import at

SECOND = timedelta(seconds=1)
EDGES = {"a second before": -SECOND, "the instant itself": timedelta(0), "a second after": SECOND}


def board_figure(register, key, quarter):
    """A figure of the board's summary for a quarter (typed as 2026-Q1)."""
    return measures.summary(register, periods.quarter(quarter)).row(key).values[-1]


@pytest.mark.parametrize(
    "returned, due_shown",
    [
        ("27/03/2026 12:00", "30/03/2026 13:00"),  # GMT; the clocks go forward on 29/03: 13:00 BST
        ("23/10/2026 12:00", "26/10/2026 11:00"),  # BST; the clocks go back on 25/10: 11:00 GMT
        ("27/02/2028 12:00", "01/03/2028 12:00"),  # 2028 has 29 February
    ],
)
def test_an_interview_not_yet_held_is_due_until_72_hours_have_passed_everywhere(register, child, returned, due_shown):
    with frozen_at(at(returned)):
        episode = missing.save_episode(register, Episode(child.id, "M", at(returned) - timedelta(hours=5)))
        episode = missing.record_return(register, episode, at(returned))
    due = at(due_shown)
    assert episode.interview_due_at == due
    for edge, step in EDGES.items():
        now = due + step
        expected = "overdue" if edge == "a second after" else "due"
        assert missing.get_episode(register, episode.id).shown_interview_state(now) == expected, edge
        listed = {
            state: EPISODES.count(register, EpisodeFilter(interview_state=state), now) for state in ("due", "overdue")
        }
        assert listed == {"due": int(expected == "due"), "overdue": int(expected == "overdue")}, edge
        row = EPISODES.page(register, EpisodeFilter(), 0, False, 0, 1, now)[0]
        assert EPISODES.show(row, 9, now).startswith(expected.capitalize()), edge
        assert EPISODES.warn(row, 9, now) == (expected == "overdue"), edge
        with frozen_at(now):
            shown = dashboard(register).interviews
        assert (shown.due, shown.overdue) == (int(expected == "due"), int(expected == "overdue")), edge


def test_an_interview_held_at_the_72nd_hour_is_in_time_and_a_second_later_is_late(register):
    # Returned at 12:00 GMT on Friday 27 March 2026; the clocks go forward on Sunday 29 March, so the
    # 72 hours end at 13:00 BST on Monday 30 March.
    returned, due = at("27/03/2026 12:00"), at("30/03/2026 13:00")
    states = {}
    for number, (edge, step) in enumerate(EDGES.items()):
        child = people.save_child(register, people.Child(f"Child{'ABC'[number]}", "Nowak", date(2012, 5, 1), "F"))
        episode = missing.save_episode(register, Episode(child.id, "M", at("27/03/2026 08:00"), ended_at=returned))
        missing.save_interview(
            register,
            ReturnInterview(child.id, (episode.id,), outcome="accepted", completed_at=due + step, completed_by="Sam"),
        )
        states[edge] = missing.get_episode(register, episode.id).interview_state
    assert states == {"a second before": "in_time", "the instant itself": "in_time", "a second after": "late"}
    listed = {
        state: EPISODES.count(register, EpisodeFilter(interview_state=state), due) for state in ("in_time", "late")
    }
    assert listed == {"in_time": 2, "late": 1}
    assert board_figure(register, "missing.interviews.in_time", "2026-Q1") == 2
    assert board_figure(register, "missing.interviews.late", "2026-Q1") == 1


@pytest.mark.parametrize(
    "first, third",
    [
        ("28/08/2026 12:00", "26/11/2026 11:00"),  # BST to GMT: 90 days of 24 hours show an hour earlier
        ("01/01/2028 12:00", "31/03/2028 13:00"),  # over 29 February and into BST: an hour later
    ],
)
@pytest.mark.parametrize("edge", EDGES)
def test_three_episodes_within_90_days_are_repeat_missing_on_the_dashboard_and_the_board_alike(
    register, child, first, third, edge
):
    started = [at(first), at(first) + timedelta(days=40), at(third) + EDGES[edge]]
    assert at(third) - at(first) == timedelta(hours=90 * 24)
    with frozen_at(started[-1]):
        for start in started[:2]:
            missing.save_episode(register, Episode(child.id, "M", start, ended_at=start + timedelta(hours=2)))
        missing.save_episode(register, Episode(child.id, "M", started[-1]))  # still missing now
        board = dashboard(register)
    repeat = edge != "a second after"
    assert ([r.child.surname for r in board.repeat], board.repeat_total) == ((["Kowalska"], 1) if repeat else ([], 0))
    quarter = "2026-Q4" if started[-1].year == 2026 else "2028-Q1"
    assert board_figure(register, "missing.children.repeat", quarter) == int(repeat)
