"""The missing register's lines in a child's chronology: episodes, returns and return home interviews."""

from __future__ import annotations

from register.core import clock, codes, timescales
from register.core.chronology_entry import Entry, join
from register.core.db import Register
from register.missing import records as missing


def _episode_entries(register: Register, child_id: int) -> list[Entry]:
    now = clock.now()
    entries = []
    for episode in missing.episodes_for_child(register, child_id):
        concerns = ", ".join(codes.EXPLOITATION_CONCERNS[key] for key in sorted(episode.concerns))
        details = join(
            f"last seen: {episode.last_seen_place}" if episode.last_seen_place else "",
            f"risk: {codes.RISK_GRADES[episode.risk_grade]}" if episode.risk_grade else "",
            f"police ref {episode.police_reference}" if episode.police_reference else "",
            "looked after" if episode.looked_after else "",
            f"concerns: {concerns}" if concerns else "",
            episode.notes,
        )
        entries.append(
            Entry(
                episode.started_at,
                f"{codes.EPISODE_TYPES[episode.type]} ({episode.type})",
                details,
                "missing_episodes",
                episode.id or 0,
            )
        )
        if episode.ended_at is not None:
            details = join(
                f"found: {episode.found_place}" if episode.found_place else "",
                f"away {timescales.show_duration(episode.ended_at - episode.started_at)}",
            )
            state = codes.INTERVIEW_STATES[episode.shown_interview_state(now)]
            entries.append(
                Entry(episode.ended_at, "Returned / found", details, "missing_episodes", episode.id or 0, status=state)
            )
    return entries


def _interview_entries(register: Register, child_id: int) -> list[Entry]:
    entries = []
    for interview in missing.interviews_for_child(register, child_id):
        covers = f"covers {len(interview.episode_ids)} episodes" if len(interview.episode_ids) > 1 else ""
        offer = join(
            f"by {interview.offered_by}" if interview.offered_by else "",
            codes.INTERVIEW_SERVICES.get(interview.service, ""),
            covers,
        )
        refused = interview.outcome in ("declined", "not_offered")
        if interview.offered_at is not None and not refused:  # a refusal says when it was offered itself
            entries.append(
                Entry(interview.offered_at, "Return interview offered", offer, "return_interviews", interview.id or 0)
            )
        if interview.completed_at is not None:
            actions = ", ".join(codes.INTERVIEW_ACTIONS[key] for key in sorted(interview.actions))
            details = join(
                f"by {interview.completed_by}" if interview.completed_by else "",
                "independent" if interview.independent else "not independent",
                f"push: {interview.push_factors}" if interview.push_factors else "",
                f"pull: {interview.pull_factors}" if interview.pull_factors else "",
                f"harm disclosed: {interview.harm_disclosed}" if interview.harm_disclosed else "",
                f"went to: {interview.where_went}" if interview.where_went else "",
                f"with: {interview.with_whom}" if interview.with_whom else "",
                f"exploitation: {interview.exploitation_indicators}" if interview.exploitation_indicators else "",
                f"actions: {actions}" if actions else "",
                interview.notes,
            )
            entries.append(
                Entry(interview.completed_at, "Return interview held", details, "return_interviews", interview.id or 0)
            )
        elif refused:
            returns = [missing.get_episode(register, e).ended_at for e in interview.episode_ids]
            when = interview.offered_at or max((r for r in returns if r is not None), default=None)
            if when is not None:
                event = (
                    "Return interview offered and declined"
                    if interview.outcome == "declined"
                    else "Return interview not offered"
                )
                details = join(interview.outcome_reason, offer if interview.outcome == "declined" else covers)
                entries.append(Entry(when, event, details, "return_interviews", interview.id or 0))
    return entries


def entries(register: Register, child_id: int) -> list[Entry]:
    """Every episode, return and interview of one child (in no order: the chronology sorts them)."""
    return [*_episode_entries(register, child_id), *_interview_entries(register, child_id)]
