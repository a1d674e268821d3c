"""A child's chronology: every episode and interview, in the order they happened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from . import codes, missing, timescales
from .db import Register


@dataclass(frozen=True)
class Entry:
    at: datetime
    event: str
    details: str
    episode_id: int | None = None
    interview_id: int | None = None


def _join(*parts: str) -> str:
    return "; ".join(part for part in parts if part)


def chronology(register: Register, child_id: int) -> list[Entry]:
    """Episodes (last seen and return) and interviews (offer and completion), oldest first."""
    entries: list[Entry] = []
    for episode in missing.episodes_for_child(register, child_id):
        concerns = ", ".join(codes.EXPLOITATION_CONCERNS[key] for key in sorted(episode.concerns))
        entries.append(
            Entry(
                episode.started_at,
                f"{codes.EPISODE_TYPES[episode.type]} ({episode.type})",
                _join(
                    f"last seen: {episode.last_seen_place}" if episode.last_seen_place else "",
                    f"risk: {codes.RISK_GRADES[episode.risk_grade]}" if episode.risk_grade else "",
                    f"police ref {episode.police_reference}" if episode.police_reference else "",
                    "looked after" if episode.looked_after else "",
                    f"concerns: {concerns}" if concerns else "",
                    episode.notes,
                ),
                episode_id=episode.id,
            )
        )
        if episode.ended_at is not None:
            entries.append(
                Entry(
                    episode.ended_at,
                    "Returned / found",
                    _join(
                        f"found: {episode.found_place}" if episode.found_place else "",
                        f"away {timescales.show_duration(episode.ended_at - episode.started_at)}",
                    ),
                    episode_id=episode.id,
                )
            )
    for interview in missing.interviews_for_child(register, child_id):
        covers = f"covers {len(interview.episode_ids)} episodes" if len(interview.episode_ids) > 1 else ""
        if interview.offered_at is not None:
            entries.append(
                Entry(
                    interview.offered_at,
                    "Return interview offered",
                    _join(
                        f"by {interview.offered_by}" if interview.offered_by else "",
                        codes.INTERVIEW_SERVICES.get(interview.service, ""),
                        covers,
                    ),
                    interview_id=interview.id,
                )
            )
        if interview.completed_at is not None:
            actions = ", ".join(codes.INTERVIEW_ACTIONS[key] for key in sorted(interview.actions))
            entries.append(
                Entry(
                    interview.completed_at,
                    "Return interview held",
                    _join(
                        f"by {interview.completed_by}" if interview.completed_by else "",
                        "independent" if interview.independent else "not independent",
                        f"push: {interview.push_factors}" if interview.push_factors else "",
                        f"pull: {interview.pull_factors}" if interview.pull_factors else "",
                        f"harm disclosed: {interview.harm_disclosed}" if interview.harm_disclosed else "",
                        f"went to: {interview.where_went}" if interview.where_went else "",
                        f"with: {interview.with_whom}" if interview.with_whom else "",
                        f"exploitation: {interview.exploitation_indicators}"
                        if interview.exploitation_indicators
                        else "",
                        f"actions: {actions}" if actions else "",
                        interview.notes,
                    ),
                    interview_id=interview.id,
                )
            )
        elif interview.outcome in ("declined", "not_offered"):
            when = interview.offered_at or max(
                (missing.get_episode(register, e).ended_at for e in interview.episode_ids), default=None
            )
            if when is not None:
                entries.append(
                    Entry(
                        when,
                        f"Return interview {codes.INTERVIEW_OUTCOMES[interview.outcome].lower()}",
                        _join(interview.outcome_reason, covers),
                        interview_id=interview.id,
                    )
                )
    entries.sort(key=lambda entry: entry.at)
    return entries
