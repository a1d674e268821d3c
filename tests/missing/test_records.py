from dataclasses import replace
from datetime import date, timedelta

import pytest

from register import ConflictError, missing, people
from register.core import audit, settings
from register.missing.records import Episode, ReturnInterview
from tests.helpers.values import NOW, at, refused


def new_episode(register, child, start, end=None, kind="M", **extra):
    return missing.save_episode(
        register, Episode(child.id, kind, at(start), ended_at=at(end) if end else None, **extra)
    )


def test_episode_saved_with_its_audit_row(register, child):
    episode = new_episode(register, child, "20/11/2026 22:15", police_reference="TV-123", risk_grade="medium")
    row = register.db["missing_episodes"].get(episode.id)
    assert row["started_at"] == "2026-11-20T22:15:00Z"
    assert row["ended_at"] is None and row["interview_state"] == "still_missing"
    entries = audit.history(register, "missing_episodes", episode.id)
    assert [(entry.action, entry.actor) for entry in entries] == [("insert", "Jo Coordinator")]
    assert entries[0].after["police_reference"] == "TV-123"


def test_end_before_start_is_refused_and_nothing_written(register, child):
    problems = refused(new_episode, register, child, "20/11/2026 22:15", "20/11/2026 22:14")
    assert "before the child was last seen" in problems["ended_at"]
    assert register.db["missing_episodes"].count == 0
    assert [
        row["table_name"]
        for row in register.db.query("SELECT table_name FROM audit_log WHERE actor = ?", [register.actor.name])
    ] == ["children"]


def test_end_equal_to_start_is_allowed(register, child):
    assert new_episode(register, child, "20/11/2026 22:15", "20/11/2026 22:15").ended_at == at("20/11/2026 22:15")


def test_start_in_the_future_is_refused(register, child):
    problems = refused(new_episode, register, child, "27/11/2026 17:01")
    assert "future" in problems["started_at"]
    assert new_episode(register, child, "27/11/2026 17:00").id


def test_a_start_on_or_before_the_date_of_birth_is_refused_as_the_903_validator_rule_586_flags_it(register, child):
    # Zofia was born on 01/05/2012: the first day an episode may start is 02/05/2012.
    for start in ("30/04/2012 23:59", "01/05/2012 00:00", "01/05/2012 23:59"):
        problems = refused(new_episode, register, child, start, "02/05/2012 01:00")
        assert problems["started_at"] == (
            "This is on or before the child's date of birth (01/05/2012): an episode starts after it. Check the date."
        )
    assert register.db["missing_episodes"].count == 0
    assert new_episode(register, child, "02/05/2012 00:00", "02/05/2012 01:00").id


def test_child_must_be_under_18_at_the_start_leap_day_birthday(register):
    leapling = people.save_child(register, people.Child("Amira", "Hassan", date(2008, 2, 29), "F"))
    assert new_episode(register, leapling, "28/02/2026 23:59", "28/02/2026 23:59").id
    problems = refused(new_episode, register, leapling, "01/03/2026 00:00", "01/03/2026 02:00")
    assert "18 on 01/03/2026" in problems["started_at"]


def test_only_one_open_episode_per_child(register, child):
    new_episode(register, child, "20/11/2026 22:15")
    problems = refused(new_episode, register, child, "25/11/2026 09:00")
    assert "already has an open episode" in problems["ended_at"]


def test_overlapping_episodes_are_refused(register, child):
    new_episode(register, child, "10/11/2026 10:00", "12/11/2026 10:00")
    problems = refused(new_episode, register, child, "11/11/2026 10:00", "13/11/2026 10:00")
    assert "overlaps" in problems["started_at"]
    problems = refused(new_episode, register, child, "09/11/2026 10:00")  # open, would cover the closed one
    assert "overlaps" in problems["started_at"]


def test_an_away_episode_may_end_as_a_missing_one_starts(register):
    looked_after = people.save_child(
        register, people.Child("Dawit", "Bekele", date(2011, 1, 3), "M", looked_after=True)
    )
    new_episode(
        register,
        looked_after,
        "10/11/2026 10:00",
        "10/11/2026 20:00",
        kind="A",
        looked_after=True,
        looked_after_by="this",
    )
    assert new_episode(
        register, looked_after, "10/11/2026 20:00", "11/11/2026 08:00", looked_after=True, looked_after_by="this"
    ).id


def test_away_is_only_for_looked_after_children(register, child):
    assert "looked after" in refused(new_episode, register, child, "10/11/2026 10:00", None, "A")["type"]


def test_placing_authority_named_when_placed_here_by_another(register, child):
    problems = refused(
        new_episode, register, child, "10/11/2026 10:00", None, "M", looked_after=True, looked_after_by="other"
    )
    assert "placed the child" in problems["placing_authority"]


def test_interview_states_from_return_to_completion(register, child):
    episode = new_episode(register, child, "20/11/2026 22:00")
    assert episode.shown_interview_state(NOW) == "still_missing"
    episode = missing.record_return(register, episode, at("25/11/2026 17:00"), "Friend's flat, Slough")
    assert episode.interview_due_at == at("28/11/2026 17:00")
    assert episode.shown_interview_state(NOW) == "due"
    # At 72 h 00 it can still be held in time: it is due, and overdue only once that instant has passed.
    assert episode.shown_interview_state(at("28/11/2026 17:00")) == "due"
    assert episode.shown_interview_state(at("28/11/2026 17:00") + timedelta(seconds=1)) == "overdue"
    interview = missing.save_interview(
        register,
        ReturnInterview(
            child.id,
            (episode.id,),
            offered_at=at("26/11/2026 09:00"),
            offered_by="Sam",
            service="commissioned",
            outcome="accepted",
            completed_at=at("27/11/2026 10:00"),
            completed_by="Sam (independent)",
            actions=frozenset({"referred_mash"}),
        ),
    )
    assert missing.get_episode(register, episode.id).interview_state == "in_time"
    assert register.db["interview_episodes"].count == 1
    assert interview.actions == frozenset({"referred_mash"})


def test_interview_at_71h59_is_in_time_and_72h01_late_across_clock_change(register, child):
    first = new_episode(register, child, "23/10/2026 08:00", "24/10/2026 10:00")  # BST return
    second = new_episode(register, child, "01/11/2026 08:00", "24/11/2026 10:00")
    # 71 h 59 min after a return at 10:00 BST on 24/10 is 08:59 GMT on 27/10.
    missing.save_interview(
        register,
        ReturnInterview(
            child.id,
            (first.id,),
            offered_at=at("24/10/2026 12:00"),
            outcome="accepted",
            completed_at=at("27/10/2026 08:59"),
            completed_by="Sam",
        ),
    )
    assert missing.get_episode(register, first.id).interview_state == "in_time"
    missing.save_interview(
        register,
        ReturnInterview(
            child.id,
            (second.id,),
            offered_at=at("24/11/2026 12:00"),
            outcome="accepted",
            completed_at=at("27/11/2026 10:01"),
            completed_by="Sam",
        ),
    )
    assert missing.get_episode(register, second.id).interview_state == "late"


def test_one_interview_covers_two_close_episodes(register, child):
    first = new_episode(register, child, "20/11/2026 22:00", "21/11/2026 02:00")
    second = new_episode(register, child, "21/11/2026 20:00", "22/11/2026 01:00")
    interview = missing.save_interview(
        register,
        ReturnInterview(
            child.id,
            (first.id, second.id),
            offered_at=at("22/11/2026 10:00"),
            outcome="declined",
            outcome_reason="Did not want to talk",
        ),
    )
    assert interview.episode_ids == (first.id, second.id)
    assert {missing.get_episode(register, e).interview_state for e in (first.id, second.id)} == {"declined"}
    from register.chronology import chronology

    events = [(entry.event, entry.details) for entry in chronology(register, child.id)][-1:]
    assert events == [("Return interview offered and declined", "Did not want to talk; covers 2 episodes")]
    problems = refused(
        missing.save_interview,
        register,
        ReturnInterview(child.id, (second.id,), outcome="not_offered", outcome_reason="x"),
    )
    assert "already has an interview" in problems["episodes"]


def test_interview_rules(register, child):
    episode = new_episode(register, child, "20/11/2026 22:00", "21/11/2026 02:00")
    open_episode = new_episode(register, child, "25/11/2026 22:00")
    problems = refused(
        missing.save_interview,
        register,
        ReturnInterview(child.id, (episode.id,), offered_at=at("21/11/2026 01:00"), outcome="declined"),
    )
    assert "before the child returned" in problems["offered_at"]
    assert "why" in problems["outcome_reason"]
    problems = refused(
        missing.save_interview,
        register,
        ReturnInterview(child.id, (open_episode.id,), offered_at=at("26/11/2026 01:00")),
    )
    assert "still missing" in problems["episodes"]
    problems = refused(
        missing.save_interview,
        register,
        ReturnInterview(
            child.id, (episode.id,), offered_at=at("21/11/2026 10:00"), completed_at=at("21/11/2026 11:00")
        ),
    )
    assert "accepted" in problems["completed_at"]
    assert register.db["return_interviews"].count == 0


def test_stale_save_is_refused_and_names_who_changed_it(register, child):
    episode = new_episode(register, child, "20/11/2026 22:00")
    missing.save_episode(register, replace(episode, police_reference="TV-1"))
    with pytest.raises(ConflictError, match="changed by Jo Coordinator at 27/11/2026 17:00"):
        missing.save_episode(register, replace(episode, police_reference="TV-2"))
    assert missing.get_episode(register, episode.id).police_reference == "TV-1"


def test_correction_is_kept_in_the_audit_trail(register, child):
    episode = new_episode(register, child, "20/11/2026 22:00", risk_grade="low")
    missing.save_episode(register, replace(episode, risk_grade="high"))
    changes = audit.history(register, "missing_episodes", episode.id)[-1].changes()
    assert ("risk_grade", "low", "high") in changes


def test_dashboard_lists(register, child):
    other = people.save_child(register, people.Child("Bilal", "Ahmed", date(2010, 6, 2), "M"))
    new_episode(register, child, "26/11/2026 22:00")
    for day in (1, 10, 20):
        new_episode(register, other, f"{day:02d}/11/2026 20:00", f"{day + 1:02d}/11/2026 08:00")
    assert [c.surname for c, _ in missing.missing_now(register)] == ["Kowalska"]
    due = missing.interviews_due(register, NOW, limit=2)
    assert [(c.surname, e.shown_interview_state(NOW)) for c, e in due.episodes] == [("Ahmed", "overdue")] * 2
    assert (due.due, due.overdue) == (0, 3)  # counted in full, whatever the list shows
    repeat, total = missing.repeat_missing(register, NOW)
    assert [(r.child.surname, r.episodes) for r in repeat] == [("Ahmed", 3)] and total == 1
    settings.put(register, {settings.REPEAT_MISSING_EPISODES: "4"})
    assert missing.repeat_missing(register, NOW) == ([], 0)


def test_delete_episode_keeps_audit(register, child):
    episode = new_episode(register, child, "20/11/2026 22:00", "21/11/2026 02:00")
    missing.delete_episode(register, episode, "entered twice")
    assert register.db["missing_episodes"].count == 0
    assert audit.history(register, "missing_episodes", episode.id)[-1].action == "delete"


def test_demo_records_show_their_bulk_creation_in_history(register):
    from register import demo

    demo.build(register, 5, episodes=10)
    entries = audit.history(register, "missing_episodes", 1)
    assert entries[0].action == "bulk insert" and "10 synthetic episodes" in entries[0].after["description"]
