"""Missing from home or care: episodes, return home interviews and their rules."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from register.core import clock, codes, settings, timescales
from register.core.audit import (
    delete_row,
    get_row,
    insert_row,
    log_entry,
    reason_given,
    save_row,
    touch_derived,
    update_row,
)
from register.core.db import Register, in_lists
from register.core.errors import ValidationError
from register.people.index import Child, children_by_ids, get_child

CONCERNS = tuple(codes.EXPLOITATION_CONCERNS)
ACTIONS = tuple(codes.INTERVIEW_ACTIONS)
_OPEN_END = datetime.max.replace(tzinfo=UTC)


def shown_interview_state(stored: str, due_at: datetime | None, now: datetime) -> str:
    """The interview state a person sees at the instant ``now``: a pending interview is due until its
    ``due_at`` (72 hours after the return) has passed, then overdue (``timescales.overdue``)."""
    if stored != "pending" or due_at is None:
        return stored
    return "overdue" if timescales.overdue(due_at, now) else "due"


@dataclass(frozen=True)
class Episode:
    """One episode of a child missing (M) or away from placement without authorisation (A)."""

    child_id: int
    type: str
    started_at: datetime
    looked_after: bool = False
    looked_after_by: str = ""
    placing_authority: str = ""
    last_seen_place: str = ""
    ended_at: datetime | None = None
    found_place: str = ""
    reported_at: datetime | None = None
    police_reference: str = ""
    risk_grade: str = ""
    concerns: frozenset[str] = frozenset()
    notes: str = ""
    id: int | None = None
    version: int = 0
    # Derived by the register; never typed.
    interview_state: str = "still_missing"
    interview_due_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    def duration(self, now: datetime) -> timedelta:
        return (self.ended_at or now) - self.started_at

    def shown_interview_state(self, now: datetime) -> str:
        return shown_interview_state(self.interview_state, self.interview_due_at, now)

    def label(self) -> str:
        end = timescales.show_instant(self.ended_at) if self.ended_at else "still missing"
        return f"{self.type} {timescales.show_instant(self.started_at)} to {end}"


@dataclass(frozen=True)
class ReturnInterview:
    """The return home interview offered after one or more episodes."""

    child_id: int
    episode_ids: tuple[int, ...]
    offered_at: datetime | None = None
    offered_by: str = ""
    service: str = ""
    outcome: str = ""
    outcome_reason: str = ""
    completed_at: datetime | None = None
    completed_by: str = ""
    independent: bool = True
    push_factors: str = ""
    pull_factors: str = ""
    harm_disclosed: str = ""
    where_went: str = ""
    with_whom: str = ""
    exploitation_indicators: str = ""
    actions: frozenset[str] = frozenset()
    notes: str = ""
    id: int | None = None
    version: int = 0


# ---- reading ------------------------------------------------------------------


def episode_from_row(row: dict[str, Any]) -> Episode:
    return Episode(
        id=row["id"],
        version=row["version"],
        child_id=row["child_id"],
        type=row["type"],
        started_at=timescales.from_text(row["started_at"]),
        ended_at=timescales.instant_from_text(row["ended_at"]),
        looked_after=bool(row["looked_after"]),
        looked_after_by=row["looked_after_by"] or "",
        placing_authority=row["placing_authority"] or "",
        last_seen_place=row["last_seen_place"] or "",
        found_place=row["found_place"] or "",
        reported_at=timescales.instant_from_text(row["reported_at"]),
        police_reference=row["police_reference"] or "",
        risk_grade=row["risk_grade"] or "",
        concerns=frozenset(key for key in CONCERNS if row[key]),
        notes=row["notes"] or "",
        interview_state=row["interview_state"],
        interview_due_at=timescales.instant_from_text(row["interview_due_at"]),
    )


def get_episode(register: Register, episode_id: int) -> Episode:
    row = get_row(register, "missing_episodes", episode_id, "That episode is no longer in the register.")
    return episode_from_row(row)


def episodes_for_child(register: Register, child_id: int) -> list[Episode]:
    """The child's episodes, earliest first."""
    return episodes_for_children(register, [child_id]).get(child_id, [])


def episodes_for_children(register: Register, child_ids: list[int]) -> dict[int, list[Episode]]:
    """Each child's episodes, earliest first, read for many children at once (500 a query); a child
    without episodes is left out."""
    found: dict[int, list[Episode]] = {}
    for chunk, marks in in_lists(child_ids):
        for row in register.db.query(
            f"SELECT * FROM missing_episodes WHERE child_id IN ({marks}) ORDER BY child_id, started_at, id", chunk
        ):
            found.setdefault(row["child_id"], []).append(episode_from_row(row))
    return found


def episodes_interviewed(register: Register, child_ids: list[int]) -> set[int]:
    """The ids of these children's episodes that a return home interview covers (500 children a query)."""
    found: set[int] = set()
    for chunk, marks in in_lists(child_ids):
        found.update(
            episode_id
            for (episode_id,) in register.db.execute(
                "SELECT l.episode_id FROM interview_episodes l JOIN missing_episodes e ON e.id = l.episode_id "
                f"WHERE e.child_id IN ({marks})",
                chunk,
            )
        )
    return found


def _interview_from_row(row: dict[str, Any], episode_ids: tuple[int, ...]) -> ReturnInterview:
    return ReturnInterview(
        id=row["id"],
        version=row["version"],
        child_id=row["child_id"],
        episode_ids=episode_ids,
        offered_at=timescales.instant_from_text(row["offered_at"]),
        offered_by=row["offered_by"] or "",
        service=row["service"] or "",
        outcome=row["outcome"] or "",
        outcome_reason=row["outcome_reason"] or "",
        completed_at=timescales.instant_from_text(row["completed_at"]),
        completed_by=row["completed_by"] or "",
        independent=bool(row["independent"]),
        push_factors=row["push_factors"] or "",
        pull_factors=row["pull_factors"] or "",
        harm_disclosed=row["harm_disclosed"] or "",
        where_went=row["where_went"] or "",
        with_whom=row["with_whom"] or "",
        exploitation_indicators=row["exploitation_indicators"] or "",
        actions=frozenset(key for key in ACTIONS if row[key]),
        notes=row["notes"] or "",
    )


def _linked_episode_ids(register: Register, interview_id: int) -> tuple[int, ...]:
    rows = register.db.query(
        "SELECT l.episode_id FROM interview_episodes l JOIN missing_episodes e ON e.id = l.episode_id "
        "WHERE l.interview_id = ? ORDER BY e.started_at",
        [interview_id],
    )
    return tuple(row["episode_id"] for row in rows)


def get_interview(register: Register, interview_id: int) -> ReturnInterview:
    row = get_row(register, "return_interviews", interview_id, "That interview is no longer in the register.")
    return _interview_from_row(row, _linked_episode_ids(register, interview_id))


def interview_for_episode(register: Register, episode_id: int) -> ReturnInterview | None:
    rows = list(register.db.query("SELECT interview_id FROM interview_episodes WHERE episode_id = ?", [episode_id]))
    return get_interview(register, rows[0]["interview_id"]) if rows else None


def interviews_for_child(register: Register, child_id: int) -> list[ReturnInterview]:
    rows = register.db.query("SELECT * FROM return_interviews WHERE child_id = ? ORDER BY id", [child_id])
    return [_interview_from_row(row, _linked_episode_ids(register, row["id"])) for row in rows]


# ---- rules --------------------------------------------------------------------


def episode_problems(episode: Episode, child: Child, others: list[Episode], now: datetime) -> dict[str, str]:
    """What makes an episode invalid, by field: the DfE 903 validator's rules, in plain words.

    ``others`` are the child's other episodes as they are stored.
    """
    problems: dict[str, str] = {}
    if episode.type not in codes.EPISODE_TYPES:
        problems["type"] = "Choose Missing (M) or Away from placement without authorisation (A)."
    elif episode.type == "A" and not episode.looked_after:
        problems["type"] = (
            "Away from placement without authorisation (A) is only for a looked after child; "
            "a child who is not looked after is recorded as Missing (M)."
        )
    if episode.looked_after and episode.looked_after_by not in codes.LOOKED_AFTER_BY:
        problems["looked_after_by"] = "Say which authority looks after the child."
    if episode.looked_after_by == "other" and not episode.placing_authority.strip():
        problems["placing_authority"] = "Name the authority that placed the child here."
    if episode.risk_grade and episode.risk_grade not in codes.RISK_GRADES:
        problems["risk_grade"] = "Choose a police risk grade from the list."
    unknown = episode.concerns - set(CONCERNS)
    if unknown:
        problems["concerns"] = f"Unknown exploitation concern: {', '.join(sorted(unknown))}."

    start_day = timescales.local_date(episode.started_at)
    eighteenth = timescales.birthday(child.dob, 18)
    if episode.started_at > now:
        problems["started_at"] = "The child cannot have been last seen in the future."
    elif start_day <= child.dob:  # the DfE 903 validator's rule 586: a start on or before the date of birth
        problems["started_at"] = (
            f"This is on or before the child's date of birth ({timescales.show_date(child.dob)}): "
            "an episode starts after it. Check the date."
        )
    elif start_day >= eighteenth:
        problems["started_at"] = (
            f"The child was 18 on {timescales.show_date(eighteenth)}; episodes are recorded only for children under 18."
        )
    if episode.ended_at is not None:
        if episode.ended_at < episode.started_at:
            problems["ended_at"] = "The return is before the child was last seen: check both dates and times."
        elif episode.ended_at > now:
            problems["ended_at"] = "The return cannot be in the future."
    if episode.reported_at is not None:
        if episode.reported_at > now:
            problems["reported_at"] = "The report to police cannot be in the future."
        elif episode.reported_at < episode.started_at:
            problems["reported_at"] = "The report to police is before the child was last seen."

    if "started_at" not in problems and "ended_at" not in problems:
        for other in others:
            if other.id == episode.id:
                continue
            if episode.ended_at is None and other.ended_at is None:
                problems["ended_at"] = (
                    f"{child.forenames} already has an open episode (last seen "
                    f"{timescales.show_instant(other.started_at)}): record that return first."
                )
                break
            # Half-open intervals: an episode may end at the very time the next starts.
            if other.started_at < (episode.ended_at or _OPEN_END) and episode.started_at < (
                other.ended_at or _OPEN_END
            ):
                problems["started_at"] = f"This overlaps another episode of this child: {other.label()}."
                break
    return problems


def interview_state(episode_ended_at: datetime | None, interview: ReturnInterview | None) -> str:
    """The stored interview state of an episode (pending is shown as due or overdue)."""
    if episode_ended_at is None:
        return "still_missing"
    if interview is None:
        return "pending"
    if interview.outcome in ("declined", "not_offered"):
        return interview.outcome
    if interview.completed_at is not None:
        due = timescales.interview_due_at(episode_ended_at)
        return "in_time" if timescales.in_time(interview.completed_at, due) else "late"
    return "pending"


def interview_problems(
    interview: ReturnInterview, episodes: list[Episode], taken: dict[int, int], now: datetime
) -> dict[str, str]:
    """What makes an interview record invalid, by field.

    ``episodes`` are the episodes it is to cover; ``taken`` maps episode ids already
    covered by another interview to that interview's id.
    """
    problems: dict[str, str] = {}
    if not interview.episode_ids:
        problems["episodes"] = "Choose the episodes this interview follows (one or more)."
    for episode in episodes:
        if episode.child_id != interview.child_id:
            problems["episodes"] = "An interview covers episodes of one child only."
        elif episode.ended_at is None:
            problems["episodes"] = "The child is still missing in one of the chosen episodes: record the return first."
        elif taken.get(episode.id or 0, interview.id) != interview.id:
            problems["episodes"] = f"The episode {episode.label()} already has an interview."
    if interview.outcome and interview.outcome not in codes.INTERVIEW_OUTCOMES:
        problems["outcome"] = "Choose accepted, declined or not offered."
    if interview.service and interview.service not in codes.INTERVIEW_SERVICES:
        problems["service"] = "Choose a service from the list."
    if interview.outcome in ("declined", "not_offered") and not interview.outcome_reason.strip():
        what = "was declined" if interview.outcome == "declined" else "was not offered"
        problems["outcome_reason"] = f"Say why the interview {what}."
    unknown = interview.actions - set(ACTIONS)
    if unknown:
        problems["actions"] = f"Unknown action: {', '.join(sorted(unknown))}."
    returns = [episode.ended_at for episode in episodes if episode.ended_at is not None]
    last_return = max(returns) if returns else None
    if interview.outcome == "not_offered" and interview.offered_at is not None:
        problems["offered_at"] = "An interview that was not offered has no offer date; clear it."
    if interview.offered_at is not None:
        if interview.offered_at > now:
            problems["offered_at"] = "The offer cannot be in the future."
        elif last_return is not None and interview.offered_at < last_return:
            problems["offered_at"] = f"The offer is before the child returned ({timescales.show_instant(last_return)})."
    if interview.completed_at is not None:
        if interview.outcome != "accepted":
            problems["completed_at"] = "Only an accepted interview can be completed: set the outcome to accepted."
        elif interview.completed_at > now:
            problems["completed_at"] = "The interview cannot be completed in the future."
        elif interview.offered_at is not None and interview.completed_at < interview.offered_at:
            problems["completed_at"] = "The interview is completed before it was offered."
        elif last_return is not None and interview.completed_at < last_return:
            problems["completed_at"] = (
                f"The interview is before the child returned ({timescales.show_instant(last_return)})."
            )
        if not interview.completed_by.strip():
            problems["completed_by"] = "Enter who held the interview."
    return problems


# ---- writing ------------------------------------------------------------------


def _episode_columns(episode: Episode) -> dict[str, Any]:
    return {
        "child_id": episode.child_id,
        "type": episode.type,
        "started_at": timescales.to_text(episode.started_at),
        "last_seen_place": episode.last_seen_place.strip() or None,
        "ended_at": timescales.instant_to_text(episode.ended_at),
        "found_place": episode.found_place.strip() or None,
        "reported_at": timescales.instant_to_text(episode.reported_at),
        "police_reference": episode.police_reference.strip() or None,
        "risk_grade": episode.risk_grade or None,
        "looked_after": int(episode.looked_after),
        "looked_after_by": (episode.looked_after_by or None) if episode.looked_after else None,
        "placing_authority": (episode.placing_authority.strip() or None)
        if episode.looked_after and episode.looked_after_by == "other"
        else None,
        **{key: int(key in episode.concerns) for key in CONCERNS},
        "notes": episode.notes.strip() or None,
    }


def duration_minutes(started_at: datetime, ended_at: datetime | None) -> int | None:
    """How long a closed episode lasted, in whole minutes (stored, so the list can sort by it)."""
    return None if ended_at is None else int((ended_at - started_at).total_seconds() // 60)


def interview_offered(interview: ReturnInterview | None) -> bool:
    """Whether an interview was offered (an offer date, or an answer to the offer, is recorded)."""
    return interview is not None and (interview.offered_at is not None or interview.outcome in ("accepted", "declined"))


def interview_derived_values(ended_at: datetime | None, interview: ReturnInterview | None) -> dict[str, Any]:
    """The columns of an episode that ended at ``ended_at`` (UTC) that follow from its ``interview``:
    when it is due (72 hours after the return), its state, whether it was offered and accepted."""
    return {
        "interview_due_at": timescales.instant_to_text(
            None if ended_at is None else timescales.interview_due_at(ended_at)
        ),
        "interview_state": interview_state(ended_at, interview),
        "interview_offered": int(interview_offered(interview)),
        "interview_accepted": int(interview is not None and interview.outcome == "accepted"),
    }


def episode_values(episode: Episode, interview: ReturnInterview | None) -> dict[str, Any]:
    """An episode's columns as stored, with those the register derives from it and its ``interview``."""
    return {
        **_episode_columns(episode),
        **interview_derived_values(episode.ended_at, interview),
        "duration_minutes": duration_minutes(episode.started_at, episode.ended_at),
    }


def save_episode(register: Register, episode: Episode) -> Episode:
    """Add or change an episode, refusing it (ValidationError) if it breaks a rule."""
    now = clock.now()
    with register.atomic():
        child = get_child(register, episode.child_id)
        problems = episode_problems(episode, child, episodes_for_child(register, episode.child_id), now)
        if problems:
            raise ValidationError(problems)
        interview = None if episode.id is None else interview_for_episode(register, episode.id)
        columns = episode_values(episode, interview)
        episode_id, _ = save_row(register, "missing_episodes", episode.id, episode.version, columns)
        return get_episode(register, episode_id)


def record_return(register: Register, episode: Episode, ended_at: datetime, found_place: str = "") -> Episode:
    """Close an open episode: the child is found or has come back."""
    return save_episode(register, replace(episode, ended_at=ended_at, found_place=found_place or episode.found_place))


def delete_episode(register: Register, episode: Episode, reason: str) -> None:
    """Remove an episode entered in error, and its interview if that covers no other episode; the audit
    trail keeps what they held and ``reason``. ValidationError if no reason is given, ConflictError if
    someone changed the episode since it was read."""
    assert episode.id is not None
    reason = reason_given(reason)
    with register.atomic():
        interview = interview_for_episode(register, episode.id)
        delete_row(register, "missing_episodes", episode.id, episode.version, reason)  # its link goes with it
        if interview is not None and interview.id is not None and len(interview.episode_ids) == 1:
            delete_row(register, "return_interviews", interview.id, interview.version, reason)


def delete_interview(register: Register, interview: ReturnInterview, reason: str) -> None:
    """Remove a return home interview entered in error: its episodes are again waiting for one (due or
    overdue as their returns say). The audit trail keeps what it held and ``reason``."""
    assert interview.id is not None
    reason = reason_given(reason)
    with register.atomic(), register.concerning(interview.child_id):
        episode_ids = _linked_episode_ids(register, interview.id)
        register.db.execute("DELETE FROM interview_episodes WHERE interview_id = ?", [interview.id])
        log_entry(
            register, "link", "return_interviews", interview.id, {"episodes": list(episode_ids)}, {"episodes": []}
        )
        delete_row(register, "return_interviews", interview.id, interview.version, reason)
        for episode_id in episode_ids:
            _refresh_interview_state(register, episode_id)


def interview_values(interview: ReturnInterview) -> dict[str, Any]:
    return {
        "child_id": interview.child_id,
        "offered_at": timescales.instant_to_text(interview.offered_at),
        "offered_by": interview.offered_by.strip() or None,
        "service": interview.service or None,
        "outcome": interview.outcome or None,
        "outcome_reason": interview.outcome_reason.strip() or None,
        "completed_at": timescales.instant_to_text(interview.completed_at),
        "completed_by": interview.completed_by.strip() or None,
        "independent": int(interview.independent) if interview.completed_at else None,
        "push_factors": interview.push_factors.strip() or None,
        "pull_factors": interview.pull_factors.strip() or None,
        "harm_disclosed": interview.harm_disclosed.strip() or None,
        "where_went": interview.where_went.strip() or None,
        "with_whom": interview.with_whom.strip() or None,
        "exploitation_indicators": interview.exploitation_indicators.strip() or None,
        **{key: int(key in interview.actions) for key in ACTIONS},
        "notes": interview.notes.strip() or None,
    }


def _refresh_interview_state(register: Register, episode_id: int) -> None:
    episode = get_episode(register, episode_id)
    derived = interview_derived_values(episode.ended_at, interview_for_episode(register, episode_id))
    touch_derived(register, "missing_episodes", episode_id, derived)


def save_interview(register: Register, interview: ReturnInterview) -> ReturnInterview:
    """Add or change a return home interview and the episodes it covers."""
    now = clock.now()
    with register.atomic(), register.concerning(interview.child_id):
        episodes = [get_episode(register, episode_id) for episode_id in interview.episode_ids]
        marks = ",".join("?" for _ in interview.episode_ids) or "NULL"
        taken = {
            row["episode_id"]: row["interview_id"]
            for row in register.db.query(
                f"SELECT episode_id, interview_id FROM interview_episodes WHERE episode_id IN ({marks})",
                list(interview.episode_ids),
            )
        }
        problems = interview_problems(interview, episodes, taken, now)
        if problems:
            raise ValidationError(problems)
        if interview.id is None:
            interview_id = insert_row(register, "return_interviews", interview_values(interview))
            before: tuple[int, ...] = ()
        else:
            interview_id = interview.id
            update_row(register, "return_interviews", interview_id, interview.version, interview_values(interview))
            before = _linked_episode_ids(register, interview_id)
        after = tuple(interview.episode_ids)
        if set(before) != set(after):
            register.db.execute("DELETE FROM interview_episodes WHERE interview_id = ?", [interview_id])
            register.db.conn.executemany(
                "INSERT INTO interview_episodes (interview_id, episode_id) VALUES (?, ?)",
                [(interview_id, episode_id) for episode_id in after],
            )
            log_entry(
                register,
                "link",
                "return_interviews",
                interview_id,
                {"episodes": list(before)},
                {"episodes": list(after)},
            )
        for episode_id in set(before) | set(after):
            _refresh_interview_state(register, episode_id)
        return get_interview(register, interview_id)


# ---- what the dashboard shows -------------------------------------------------


@dataclass(frozen=True)
class RepeatMissing:
    child: Child
    episodes: int
    last_started_at: datetime


def missing_now(register: Register) -> list[tuple[Child, Episode]]:
    """Children missing at this moment: those the police graded high risk first, then the longest missing
    first (by when they were last seen)."""
    rows = list(
        register.db.query(
            "SELECT * FROM missing_episodes WHERE ended_at IS NULL ORDER BY risk_grade = 'high' DESC, started_at, id"
        )
    )
    children = children_by_ids(register, [row["child_id"] for row in rows])
    return [(children[row["child_id"]], episode_from_row(row)) for row in rows]


def missing_since(register: Register, child_id: int) -> datetime | None:
    """When the child's episode still open began (a UTC instant), or None if the child is not missing now."""
    row = register.db.execute(
        "SELECT MIN(started_at) FROM missing_episodes WHERE child_id = ? AND ended_at IS NULL", [child_id]
    ).fetchone()
    return timescales.from_text(row[0]) if row[0] is not None else None


@dataclass(frozen=True)
class InterviewsDue:
    """Interviews still to hold: the longest overdue first (at most ``limit``), and how many in all."""

    episodes: list[tuple[Child, Episode]]
    due: int
    overdue: int


def interviews_due(register: Register, now: datetime, limit: int = 1000) -> InterviewsDue:
    """Episodes whose interview is still to hold at the instant ``now``: how many are due and how many
    overdue (their 72 hours have passed: ``shown_interview_state``), and the first ``limit``."""
    due, overdue = register.db.execute(
        f"SELECT COALESCE(SUM({timescales.in_time_sql(':now', 'interview_due_at')}), 0), "
        f"COALESCE(SUM({timescales.overdue_sql('interview_due_at', ':now')}), 0) "
        "FROM missing_episodes WHERE interview_state = 'pending'",
        {"now": timescales.to_text(now)},
    ).fetchone()
    rows = list(
        register.db.query(
            "SELECT * FROM missing_episodes WHERE interview_state = 'pending' ORDER BY interview_due_at LIMIT ?",
            [limit],
        )
    )
    children = children_by_ids(register, [row["child_id"] for row in rows])
    return InterviewsDue([(children[row["child_id"]], episode_from_row(row)) for row in rows], due, overdue)


def repeat_missing_rule(register: Register) -> tuple[int, timedelta]:
    """Repeat missing, as the settings define it: this many episodes or more begun within this span
    (D days of 24 elapsed hours: ``timescales.within``). No national definition; 3 in 90 days by default."""
    count = settings.get_int(register, settings.REPEAT_MISSING_EPISODES)
    return count, timedelta(days=settings.get_int(register, settings.REPEAT_MISSING_DAYS))


def repeat_missing(register: Register, now: datetime, limit: int = 500) -> tuple[list[RepeatMissing], int]:
    """Children missing repeatedly at the instant ``now``: N or more episodes begun within D days up to
    it (``repeat_missing_rule``), most episodes first.

    Returns the first ``limit`` of them and how many there are in all.
    """
    count, span = repeat_missing_rule(register)
    rows = list(
        register.db.query(
            "SELECT child_id, COUNT(*) AS episodes, MAX(started_at) AS last_started_at, COUNT(*) OVER () AS total "
            f"FROM missing_episodes WHERE {timescales.within_sql('started_at', ':now', span)} "
            "GROUP BY child_id HAVING COUNT(*) >= :count ORDER BY episodes DESC, last_started_at DESC LIMIT :limit",
            {"now": timescales.to_text(now), "count": count, "limit": limit},
        )
    )
    children = children_by_ids(register, [row["child_id"] for row in rows])
    found = [
        RepeatMissing(children[row["child_id"]], row["episodes"], timescales.from_text(row["last_started_at"]))
        for row in rows
    ]
    return found, rows[0]["total"] if rows else 0
