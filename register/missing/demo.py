"""Synthetic missing episodes and return home interviews for a demo register."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from register.core import codes, timescales
from register.core.audit import log_bulk
from register.core.demo import BATCH, WORKERS, DemoContext
from register.missing.records import ReturnInterview, duration_minutes, interview_offered, interview_state

PLACES = [
    "Home address",
    "Children's home",
    "Foster placement",
    "School",
    "Town centre",
    "Railway station",
    "Friend's address",
    "Shopping centre",
    "Park",
    "Bus station",
]
FOUND = ["Returned home", "Friend's address", "Town centre", "London", "Reading", "Police station", "Hospital"]
SERVICES = list(codes.INTERVIEW_SERVICES)
DEFAULT_EPISODES = 1500


def fill(context: DemoContext, sizes: dict[str, int | None]) -> None:
    """Episodes for the context's children (``sizes["episodes"]``, default 1500), most with an interview."""
    asked = sizes.get("episodes")
    episodes = DEFAULT_EPISODES if asked is None else asked
    rng, now, today, stamp, actor, conn = (
        context.rng,
        context.now,
        context.today,
        context.stamp,
        context.actor,
        context.conn,
    )
    looked_after, born = context.looked_after, context.born
    children = len(born)
    # A few children go missing very often; most once or twice.
    # Each child can go missing between their tenth and eighteenth birthdays, within the last
    # five years. Weighting by the length of that window spreads episodes evenly over time, as
    # in a register kept for years; a few children go missing very often, most once or twice.
    windows = []
    for dob in born:
        window_start = datetime.combine(
            max(timescales.birthday(dob, 10), today - timedelta(days=5 * 365)), datetime.min.time()
        ).replace(tzinfo=now.tzinfo)
        eighteenth = datetime.combine(timescales.birthday(dob, 18), datetime.min.time()).replace(tzinfo=now.tzinfo)
        window_end = min(now.replace(second=0), eighteenth - timedelta(days=1))
        if window_end <= window_start:
            window_start = (window_end - timedelta(days=365)).replace(second=0, microsecond=0)
        windows.append((window_start, window_end))
    weights = [rng.paretovariate(1.3) * (end - start).days for start, end in windows]
    counts = [0] * children
    for index in rng.choices(range(children), weights=weights, k=episodes):
        counts[index] += 1

    episode_id = interview_id = 0
    episode_rows: list[tuple] = []
    interview_rows: list[tuple] = []
    link_rows: list[tuple[int, int]] = []

    def flush() -> None:
        conn.executemany(
            "INSERT INTO missing_episodes (id, child_id, type, started_at, last_seen_place, ended_at, found_place, "
            "reported_at, police_reference, risk_grade, looked_after, looked_after_by, placing_authority, cse, "
            "cce, county_lines, trafficking, duration_minutes, interview_due_at, interview_state, "
            "interview_offered, interview_accepted, version, updated_at, updated_by) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)",
            episode_rows,
        )
        conn.executemany(
            "INSERT INTO return_interviews (id, child_id, offered_at, offered_by, service, outcome, "
            "outcome_reason, completed_at, completed_by, independent, version, updated_at, updated_by) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,1,?,?)",
            interview_rows,
        )
        conn.executemany("INSERT INTO interview_episodes (interview_id, episode_id) VALUES (?, ?)", link_rows)
        episode_rows.clear()
        interview_rows.clear()
        link_rows.clear()
        if context.progress:
            context.progress(episode_id, episodes)

    for index, count in enumerate(counts):
        if not count:
            continue
        child_id = index + 1
        window_start, window_end = windows[index]
        span = int((window_end - window_start).total_seconds() // 60)
        minutes = sorted(rng.sample(range(span), min(count, span)))
        starts = [window_start + timedelta(minutes=m) for m in minutes]
        for number, started in enumerate(starts):
            episode_id += 1
            limit = (starts[number + 1] if number + 1 < len(starts) else now) - started
            hours = rng.choice([rng.uniform(1, 24)] * 6 + [rng.uniform(24, 72)] * 2 + [rng.uniform(72, 400)])
            ended: datetime | None = started + min(timedelta(hours=hours), limit * 0.9)
            is_last = number + 1 == len(starts)
            if is_last and window_end == now.replace(second=0) and rng.random() < 0.03:
                # Still missing: last seen in the past few days.
                started = max(started, now - timedelta(hours=rng.uniform(2, 120))).replace(second=0, microsecond=0)
                ended = None
            kind = "A" if looked_after[index] and rng.random() < 0.3 else "M"
            concerns = [int(rng.random() < p) for p in (0.12, 0.08, 0.05, 0.01)]
            state = "still_missing"
            due = interview = None
            if ended is not None:
                ended = ended.replace(second=0, microsecond=0)
                due = timescales.interview_due_at(ended)
                interview = _interview(rng, child_id, episode_id, ended, now)
                if interview is not None:
                    interview_id += 1
                    interview_rows.append(
                        (
                            interview_id,
                            child_id,
                            timescales.instant_to_text(interview.offered_at),
                            interview.offered_by or None,
                            interview.service or None,
                            interview.outcome or None,
                            interview.outcome_reason or None,
                            timescales.instant_to_text(interview.completed_at),
                            interview.completed_by or None,
                            int(interview.independent) if interview.completed_at else None,
                            stamp,
                            actor,
                        )
                    )
                    link_rows.append((interview_id, episode_id))
                state = interview_state(ended, interview)
            episode_rows.append(
                (
                    episode_id,
                    child_id,
                    kind,
                    timescales.to_text(started),
                    rng.choice(PLACES),
                    timescales.instant_to_text(ended),
                    rng.choice(FOUND) if ended else None,
                    timescales.to_text(started + timedelta(minutes=rng.randint(30, 600)))
                    if rng.random() < 0.9 and started + timedelta(minutes=600) < now
                    else None,
                    f"TV{episode_id:08d}",
                    rng.choice(["none", "low", "low", "medium", "medium", "high"]),
                    int(looked_after[index]),
                    ("other" if context.placed_by[index] else "this") if looked_after[index] else None,
                    context.placed_by[index],
                    *concerns,
                    duration_minutes(started, ended),
                    timescales.instant_to_text(due),
                    state,
                    int(interview_offered(interview)),
                    int(interview is not None and interview.outcome == "accepted"),
                    stamp,
                    actor,
                )
            )
        if len(episode_rows) >= BATCH:
            flush()
    flush()
    log_bulk(context.register, "missing_episodes", f"demo: {episode_id} synthetic episodes (seed {context.seed})")
    log_bulk(context.register, "return_interviews", f"demo: {interview_id} synthetic interviews (seed {context.seed})")


def _interview(rng: random.Random, child_id: int, episode_id: int, ended: datetime, now: datetime):
    """A plausible interview record for an episode that ended, or None if none is recorded yet."""
    roll = rng.random()
    if now - ended < timedelta(hours=96) and roll < 0.6:
        return None
    if roll < 0.05:
        return ReturnInterview(child_id, (episode_id,), outcome="not_offered", outcome_reason="Child moved out of area")
    offered = min(now, ended + timedelta(hours=rng.uniform(1, 30))).replace(second=0, microsecond=0)
    if roll < 0.15:
        return ReturnInterview(
            child_id,
            (episode_id,),
            offered_at=offered,
            offered_by=rng.choice(WORKERS),
            service=rng.choice(SERVICES),
            outcome="declined",
            outcome_reason="Did not want to talk",
        )
    completed = min(now, offered + timedelta(hours=rng.choice([rng.uniform(2, 40)] * 4 + [rng.uniform(40, 160)])))
    return ReturnInterview(
        child_id,
        (episode_id,),
        offered_at=offered,
        offered_by=rng.choice(WORKERS),
        service=rng.choice(SERVICES),
        outcome="accepted",
        completed_at=completed.replace(second=0, microsecond=0),
        completed_by=rng.choice(WORKERS),
        independent=rng.random() < 0.85,
    )
