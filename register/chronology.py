"""A child's chronology: every episode, interview, absence, CME case and private fostering event, in order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from register import education, fostering, missing
from register.core import codes, timescales
from register.core.db import Register


@dataclass(frozen=True)
class Entry:
    """One event, with the record it belongs to (table and id) for opening or its history."""

    at: datetime
    event: str
    details: str
    table: str
    row_id: int
    all_day: bool = False  # recorded as a date, without a time

    def when(self) -> str:
        return (
            timescales.show_date(timescales.local_date(self.at)) if self.all_day else timescales.show_instant(self.at)
        )


def _join(*parts: str) -> str:
    return "; ".join(part for part in parts if part)


def _day(day: date) -> datetime:
    return timescales.local_instant(day, time(0, 0))


def _episode_entries(register: Register, child_id: int) -> list[Entry]:
    entries = []
    for episode in missing.episodes_for_child(register, child_id):
        concerns = ", ".join(codes.EXPLOITATION_CONCERNS[key] for key in sorted(episode.concerns))
        details = _join(
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
            details = _join(
                f"found: {episode.found_place}" if episode.found_place else "",
                f"away {timescales.show_duration(episode.ended_at - episode.started_at)}",
            )
            entries.append(Entry(episode.ended_at, "Returned / found", details, "missing_episodes", episode.id or 0))
    return entries


def _interview_entries(register: Register, child_id: int) -> list[Entry]:
    entries = []
    for interview in missing.interviews_for_child(register, child_id):
        covers = f"covers {len(interview.episode_ids)} episodes" if len(interview.episode_ids) > 1 else ""
        offer = _join(
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
            details = _join(
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
                details = _join(interview.outcome_reason, offer if interview.outcome == "declined" else covers)
                entries.append(Entry(when, event, details, "return_interviews", interview.id or 0))
    return entries


def _education_entries(register: Register, child_id: int) -> list[Entry]:
    entries = []
    for absence in education.absences_for_child(register, child_id):
        days = f"{(absence.to_on - absence.from_on).days + 1} day(s)"
        details = _join(
            f"{absence.school_name} (URN {absence.school_urn})",
            f"to {timescales.show_date(absence.to_on)}, {days}",
            f"{absence.sessions_missed} sessions missed" if absence.sessions_missed is not None else "",
            f"codes {absence.attendance_codes}" if absence.attendance_codes else "",
            absence.note,
        )
        entries.append(Entry(_day(absence.from_on), "Absent from school", details, "absences", absence.id or 0, True))
    for case in education.cases_for_child(register, child_id):
        referrer = codes.CME_REFERRERS.get(case.referred_by, case.referred_by)
        details = _join(
            codes.CME_REASONS.get(case.reason, case.reason),
            f"referred by {referrer}" + (f" (URN {case.referrer_urn})" if case.referrer_urn else ""),
            f"last attended {timescales.show_date(case.last_attended_on)}" if case.last_attended_on else "",
            "whereabouts known" if case.whereabouts_known else "whereabouts unknown",
            f"officer {case.assigned_officer}" if case.assigned_officer else "",
            case.notes,
        )
        entries.append(Entry(_day(case.referred_on), "CME case opened", details, "cme_cases", case.id or 0, True))
        for enquiry in education.enquiries_for_case(register, case.id or 0):
            details = f"{codes.CME_AGENCIES.get(enquiry.agency, enquiry.agency)}: {enquiry.result}"
            entries.append(Entry(_day(enquiry.made_on), "CME enquiry", details, "cme_enquiries", enquiry.id or 0, True))
        for escalation in education.escalations_for_case(register, case.id or 0):
            details = _join(codes.CME_ESCALATIONS[escalation.escalated_to], escalation.note)
            entries.append(
                Entry(
                    _day(escalation.escalated_on),
                    "CME case escalated",
                    details,
                    "cme_escalations",
                    escalation.id or 0,
                    True,
                )
            )
        if case.closed_on is not None:
            label = education.outcomes(register, include_retired=True).get(case.outcome, case.outcome)
            entries.append(
                Entry(
                    _day(case.closed_on),
                    "CME case closed",
                    _join(label, case.closing_note),
                    "cme_cases",
                    case.id or 0,
                    True,
                )
            )
    return entries


def _fostering_entries(register: Register, child_id: int) -> list[Entry]:
    entries = []
    for arrangement in fostering.arrangements_for_child(register, child_id):
        relationship = codes.PF_RELATIONSHIPS.get(arrangement.carer_relationship, arrangement.carer_relationship)
        details = _join(
            f"by {codes.PF_NOTIFIERS.get(arrangement.notified_by, arrangement.notified_by)}",
            codes.PF_NOTICE.get(arrangement.notice, arrangement.notice).split(" (")[0],
            f"carer {arrangement.carer_name} ({relationship.lower()})",
            f"purpose: {codes.PF_PURPOSES[arrangement.purpose].lower()}" if arrangement.purpose else "",
            f"start {timescales.show_date(arrangement.start)}",
        )
        entries.append(
            Entry(
                _day(arrangement.notified_on),
                "Private fostering notified",
                details,
                "pf_arrangements",
                arrangement.id or 0,
                True,
            )
        )
        schedule = fostering.visit_schedule(register, arrangement.id or 0)
        for visit in fostering.visits_for_arrangement(register, arrangement.id or 0):
            due, on_time = schedule.get(visit.id or 0, (None, None))
            details = _join(
                f"by {visit.officer}" if visit.officer else "",
                "child seen alone" if visit.seen_alone else f"child not seen alone: {visit.not_alone_reason}",
                "" if due is None else f"due {timescales.show_date(due)}, {'on time' if on_time else 'late'}",
                f"{len(visit.matters)} of 11 matters established" if visit.matters is not None else "",
                visit.notes,
            )
            entries.append(
                Entry(
                    _day(visit.visited_on),
                    f"Private fostering: {codes.PF_VISIT_KINDS[visit.kind]}",
                    details,
                    "pf_visits",
                    visit.id or 0,
                    True,
                )
            )
        # After the visit it follows on the same day.
        if arrangement.suitability and arrangement.suitability_on:
            details = _join(codes.PF_SUITABILITY[arrangement.suitability], arrangement.suitability_note)
            entries.append(
                Entry(
                    _day(arrangement.suitability_on),
                    "Suitability decided",
                    details,
                    "pf_arrangements",
                    arrangement.id or 0,
                    True,
                )
            )
        if arrangement.ended_on is not None:
            details = _join(codes.PF_END_REASONS.get(arrangement.end_reason, ""), arrangement.end_destination)
            entries.append(
                Entry(
                    _day(arrangement.ended_on),
                    "Private fostering ended",
                    details,
                    "pf_arrangements",
                    arrangement.id or 0,
                    True,
                )
            )
    return entries


def chronology(register: Register, child_id: int) -> list[Entry]:
    """Every recorded event of one child, oldest first."""
    entries = [
        *_episode_entries(register, child_id),
        *_interview_entries(register, child_id),
        *_education_entries(register, child_id),
        *_fostering_entries(register, child_id),
    ]
    entries.sort(key=lambda entry: entry.at)
    return entries
