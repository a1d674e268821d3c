"""Synthetic missing episodes and return home interviews for a demo register.

Interviews are offered and held in working hours (Monday to Friday, 09:00 to 17:00 in England,
never on a bank holiday), so an episode that ends on a Friday night waits for Monday. Whatever the
day the demo is built, a few children came back in the last three days with no interview yet (due)
and a few came back before that with none arranged (overdue), so the coordinator's dashboard has
something to act on.

Instants are whole minutes since 1970 (UTC) while the episodes are drawn, and become stored text
through a table of days: a million episodes are drawn and written in seconds.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from register.core import clock, codes, timescales
from register.core.audit import log_bulk
from register.core.demo import BATCH, WORKERS, DemoContext, write_while_drawing

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
GRADES = ["none", "low", "low", "medium", "medium", "high"]
SERVICES = list(codes.INTERVIEW_SERVICES)
DEFAULT_EPISODES = 1500
DAY = 1440  # minutes
WINDOW = int(timescales.INTERVIEW_WINDOW / timedelta(minutes=1))
OPENS, LAST_START = 9 * 60, 16 * 60  # an interview (an hour) starts between 09:00 and 16:00, local time
QUARTER = 15
# Children whose latest return is made due or overdue, whatever the day the demo is built.
DUE_CHILDREN = OVERDUE_CHILDREN = 2
_EPOCH = date(1970, 1, 1).toordinal()
_CLOCK = [f"T{minute // 60:02d}:{minute % 60:02d}:00Z" for minute in range(DAY)]


def minute_of(day: date) -> int:
    """Midnight UTC at the start of ``day``, in minutes since 1970."""
    return (day.toordinal() - _EPOCH) * DAY


class Days:
    """The days from ``first`` to ``last``: each one's stored text, whether it is a working day, and
    England's offset from UTC at its noon (minutes), for instants held as minutes since 1970."""

    def __init__(self, first: date, last: date) -> None:
        self.base = first.toordinal() - _EPOCH
        days = [first + timedelta(days=number) for number in range((last - first).days + 1)]
        self.text = [day.isoformat() for day in days]
        self.working = [timescales.is_working_day(day) for day in days]
        self.offset = [
            int(datetime.combine(day, time(12), clock.LONDON).utcoffset() / timedelta(minutes=1))  # type: ignore[operator]
            for day in days
        ]
        self.next_working = [0] * len(days)  # the first working day on or after each day (its position)
        following = len(days) - 1
        for position in range(len(days) - 1, -1, -1):
            if self.working[position]:
                following = position
            self.next_working[position] = following

    def stored(self, minute: int) -> str:
        """An instant as the register stores it (``timescales.to_text``)."""
        return self.text[minute // DAY - self.base] + _CLOCK[minute % DAY]

    def working_hours(self, minute: int, rng: random.Random) -> int:
        """The first quarter hour at or after ``minute`` (UTC) that starts an hour's meeting in working hours
        (a working day, 09:00 to 17:00 in England); one put off to another morning starts by 12:00."""
        day = minute // DAY - self.base
        local = minute + self.offset[day]
        day = local // DAY - self.base
        clock_minute = local % DAY
        if self.working[day] and clock_minute <= LAST_START:
            clock_minute = max(OPENS, -(-clock_minute // QUARTER) * QUARTER)
        else:
            day = self.next_working[day + 1]
            clock_minute = OPENS + QUARTER * int(rng.random() * 13)
        return (day + self.base) * DAY + clock_minute - self.offset[day]


def fill(context: DemoContext, sizes: dict[str, int | None]) -> None:
    """Episodes for the context's children (``sizes["episodes"]``, default 1500), most with an interview."""
    asked = sizes.get("episodes")
    episodes = DEFAULT_EPISODES if asked is None else asked
    rng, today, stamp, actor, conn = context.rng, context.today, context.stamp, context.actor, context.conn
    random_number, looked_after, placed_by = rng.random, context.looked_after, context.placed_by
    now = int(clock.now().timestamp()) // 60  # minutes since 1970
    # Each child can go missing between their tenth and eighteenth birthdays, within the last
    # five years. Weighting by the length of that window spreads episodes evenly over time, as
    # in a register kept for years; a few children go missing very often, most once or twice.
    five_years_ago = today - timedelta(days=5 * 365)
    windows = []
    for dob in context.born:
        window_start = minute_of(max(timescales.birthday(dob, 10), five_years_ago))
        window_end = min(now, minute_of(timescales.birthday(dob, 18)) - DAY)
        if window_end <= window_start:
            window_start = window_end - 365 * DAY
        windows.append((window_start, window_end))
    days = Days(date.fromordinal(min(start for start, _ in windows) // DAY + _EPOCH - 1), today + timedelta(days=14))
    # A few children under 18 now, with their latest return made due or overdue (these episodes are
    # among the ``episodes`` asked for).
    current = [index for index, (start, end) in enumerate(windows) if end == now and now - start > 60 * DAY]
    latest = dict.fromkeys(rng.sample(current, min(len(current), DUE_CHILDREN + OVERDUE_CHILDREN, episodes)), "overdue")
    for index in list(latest)[:DUE_CHILDREN]:
        latest[index] = "due"
    weights = [rng.paretovariate(1.3) * (end - start) for start, end in windows]
    counts = [0] * len(windows)
    for index in rng.choices(range(len(windows)), weights=weights, k=episodes - len(latest)):
        counts[index] += 1

    drawn = [0, 0]  # episodes and interviews, once all are drawn

    def draw() -> Iterator[tuple[list[tuple], list[tuple], list[tuple[int, int]]]]:
        """The episodes, their interviews and the links between them, a batch at a time."""
        episode_id = interview_id = 0
        episode_rows: list[tuple] = []
        interview_rows: list[tuple] = []
        link_rows: list[tuple[int, int]] = []
        stored = days.stored
        for index, count in enumerate(counts):
            forced = latest.get(index)
            if not count and not forced:
                continue
            child_id = index + 1
            window_start, window_end = windows[index]
            if forced:
                window_end = now - 20 * DAY
            span = window_end - window_start
            starts = sorted(rng.sample(range(span), min(count, span)))
            starts = [window_start + minute for minute in starts]
            if forced:
                returned = now - (rng.randint(120, 3600) if forced == "due" else rng.randint(80 * 60, 200 * 60))
                starts.append(returned - rng.randint(180, 1800))
            cared_for = looked_after[index]
            placing = placed_by[index]
            by = ("other" if placing else "this") if cared_for else None
            for number, started in enumerate(starts):
                episode_id += 1
                is_last = number + 1 == len(starts)
                limit = (now if is_last else starts[number + 1]) - started
                roll = random_number()
                hours = (
                    1 + 23 * random_number()
                    if roll < 6 / 9
                    else (24 + 48 * random_number() if roll < 8 / 9 else 72 + 328 * random_number())
                )
                ended: int | None = started + min(int(hours * 60), int(limit * 0.9))
                if forced and is_last:
                    ended = returned
                elif is_last and window_end == now and random_number() < 0.03:
                    # Still missing: last seen in the past few days.
                    started = max(started, now - int(60 * (2 + 118 * random_number())))
                    ended = None
                kind = "A" if cared_for and random_number() < 0.3 else "M"
                state, offered, accepted, due = "still_missing", 0, 0, None
                if ended is not None:
                    due = ended + WINDOW
                    interview = None if forced and is_last else _interview(rng, days, ended, now)
                    if interview is None:
                        state = "pending"
                    else:
                        interview_id += 1
                        offered_at, outcome, reason, completed_at = interview
                        held_by = WORKERS[int(random_number() * len(WORKERS))] if offered_at is not None else None
                        interview_rows.append(
                            (
                                interview_id,
                                child_id,
                                None if offered_at is None else stored(offered_at),
                                held_by,
                                None if offered_at is None else SERVICES[int(random_number() * len(SERVICES))],
                                outcome,
                                reason,
                                None if completed_at is None else stored(completed_at),
                                None if completed_at is None else WORKERS[int(random_number() * len(WORKERS))],
                                None if completed_at is None else int(random_number() < 0.85),
                            )
                        )
                        link_rows.append((interview_id, episode_id))
                        # As records.interview_state and interview_offered have it (the demo's test holds them to it).
                        offered, accepted = int(outcome != "not_offered"), int(outcome == "accepted")
                        if outcome != "accepted":
                            state = outcome
                        elif completed_at is None:
                            state = "pending"
                        else:
                            state = "in_time" if completed_at <= due else "late"
                reported = started + 30 + int(570 * random_number())
                episode_rows.append(
                    (
                        episode_id,
                        child_id,
                        kind,
                        stored(started),
                        PLACES[int(random_number() * len(PLACES))],
                        None if ended is None else stored(ended),
                        None if ended is None else FOUND[int(random_number() * len(FOUND))],
                        stored(reported) if random_number() < 0.9 and started + 600 < now else None,
                        f"TV{episode_id:08d}",
                        GRADES[int(random_number() * len(GRADES))],
                        int(cared_for),
                        by,
                        placing,
                        int(random_number() < 0.12),
                        int(random_number() < 0.08),
                        int(random_number() < 0.05),
                        int(random_number() < 0.01),
                        None if ended is None else ended - started,
                        None if due is None else stored(due),
                        state,
                        offered,
                        accepted,
                    )
                )
            if len(episode_rows) >= BATCH:
                yield episode_rows, interview_rows, link_rows
                episode_rows, interview_rows, link_rows = [], [], []
        drawn[:] = [episode_id, interview_id]
        yield episode_rows, interview_rows, link_rows

    def write(batch: tuple[list[tuple], list[tuple], list[tuple[int, int]]]) -> None:
        episode_rows, interview_rows, link_rows = batch
        conn.executemany(
            "INSERT INTO missing_episodes (id, child_id, type, started_at, last_seen_place, ended_at, found_place, "
            "reported_at, police_reference, risk_grade, looked_after, looked_after_by, placing_authority, cse, "
            "cce, county_lines, trafficking, duration_minutes, interview_due_at, interview_state, "
            "interview_offered, interview_accepted, version, updated_at, updated_by) "
            f"VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,{_literal(stamp)},{_literal(actor)})",
            episode_rows,
        )
        conn.executemany(
            "INSERT INTO return_interviews (id, child_id, offered_at, offered_by, service, outcome, "
            "outcome_reason, completed_at, completed_by, independent, version, updated_at, updated_by) "
            f"VALUES (?,?,?,?,?,?,?,?,?,?,1,{_literal(stamp)},{_literal(actor)})",
            interview_rows,
        )
        conn.executemany("INSERT INTO interview_episodes (interview_id, episode_id) VALUES (?, ?)", link_rows)
        if context.progress and episode_rows:
            context.progress(episode_rows[-1][0], episodes)

    write_while_drawing(draw(), write)
    episode_id, interview_id = drawn
    log_bulk(context.register, "missing_episodes", f"demo: {episode_id} synthetic episodes (seed {context.seed})")
    log_bulk(context.register, "return_interviews", f"demo: {interview_id} synthetic interviews (seed {context.seed})")


def _literal(text: str) -> str:
    """``text`` as an SQL string literal: the same on every row, so bound once, not a million times."""
    return "'" + text.replace("'", "''") + "'"


def _interview(
    rng: random.Random, days: Days, returned: int, now: int
) -> tuple[int | None, str, str | None, int | None] | None:
    """A plausible interview after a return at minute ``returned``: when it was offered, its outcome,
    the reason for a refusal and when it was held (minutes, in working hours, by ``now``); None if
    nothing is recorded yet."""
    roll = rng.random()
    if now - returned < 96 * 60 and roll < 0.6:
        return None
    if roll < 0.05:
        return None, "not_offered", "Child moved out of area", None
    offered = days.working_hours(returned + int(60 * (1 + 11 * rng.random())), rng)
    if offered > now:
        return None
    if roll < 0.15:
        return offered, "declined", "Did not want to talk", None
    hours = 2 + 22 * rng.random() if rng.random() < 0.8 else 24 + 96 * rng.random()
    held = days.working_hours(offered + int(60 * hours), rng)
    return offered, "accepted", None, (held if held <= now else None)
