"""Synthetic private fostering arrangements and their visits for a demo register."""

from __future__ import annotations

import random
from datetime import timedelta

from register.core import codes, timescales
from register.core.audit import log_bulk
from register.core.demo import WORKERS, DemoContext
from register.fostering.records import ADVANCE_NOTICE, notice_given
from register.people.demo import FORENAMES, SURNAMES

# How the authority learnt of an arrangement (codes.PF_NOTICE), and how often.
NOTICES = ["advance", "late", "emergency", "other_means"]
NOTICE_WEIGHTS = [30, 45, 10, 15]


def _days_to_start(rng: random.Random, notice: str) -> int:
    """Days from the notification to the start for an arrangement of this ``notice`` (negative: it had
    started): six weeks or more ahead in advance; under six weeks ahead or after the start when late;
    up to two days (48 hours) after an emergency start; weeks or months after when found out otherwise."""
    advance = ADVANCE_NOTICE.days
    if notice == "advance":
        return rng.randint(advance, advance + 50)
    if notice == "late":
        return rng.randint(0, advance - 1) if rng.random() < 0.5 else -rng.randint(1, 60)
    if notice == "emergency":
        return -rng.randint(0, 2)
    return -rng.randint(14, 200)


def fill(context: DemoContext, sizes: dict[str, int | None]) -> None:
    """Arrangements (``sizes["arrangements"]``, default one in 25 children, at least three) with their
    visits: most on time, some late, a few ended."""
    arrangements = sizes.get("arrangements")
    if arrangements is None:
        arrangements = max(3, len(context.born) // 25)
    rng, today, stamp, actor, conn = context.rng, context.today, context.stamp, context.actor, context.conn
    relationships = ["family_friend", "family_friend", "cousin", "great_aunt_uncle", "host_family", "other"]
    eligible = [
        index for index, dob in enumerate(context.born) if timescales.birthday(dob, 16) > today + timedelta(days=20)
    ]
    arrangement_rows, visit_rows = [], []
    for arrangement_id, index in enumerate(rng.sample(eligible, min(arrangements, len(eligible))), start=1):
        dob = context.born[index]
        notified = today - timedelta(days=rng.randint(2, 14) if rng.random() < 0.1 else rng.randint(15, 900))
        limit = timescales.birthday(dob, 16)
        if notified >= limit - timedelta(days=100):
            notified = limit - timedelta(days=rng.randint(100, 400))
        notified = timescales.working_day_on_or_before(notified)
        # The first arrangements show each kind of notice; the rest are drawn as they come.
        told = (
            NOTICES[arrangement_id - 1] if arrangement_id <= len(NOTICES) else rng.choices(NOTICES, NOTICE_WEIGHTS)[0]
        )
        intended = notified + timedelta(days=_days_to_start(rng, told))
        started = intended if intended <= today else None
        ended = None
        if started is not None and rng.random() < 0.35:
            ended = min(today, limit - timedelta(days=1), started + timedelta(days=rng.randint(40, 500)))
        notice = notice_given(notified, intended, told)
        carer = f"{rng.choice(FORENAMES['F'])} {rng.choice(SURNAMES)}"
        # Some arrangements have fallen behind: the latest visits have not happened yet.
        last = ended or (today - timedelta(days=rng.randint(30, 60)) if rng.random() < 0.2 else today)
        day = timescales.add_working_days(notified, rng.choice([2, 4, 6, 7, 7, 9, 12]))
        kind = "initial"
        aware_year_ends = timescales.birthday(notified, 1)
        while day <= last:
            alone = rng.random() < 0.85
            reason = None if alone else "Carer present at the child's wish"
            visit_rows.append(
                (arrangement_id, day.isoformat(), kind, rng.choice(WORKERS), int(alone), reason, 1, stamp, actor)
            )
            interval = 42 if day < aware_year_ends else 84
            day = timescales.working_day_on_or_before(
                day + timedelta(days=interval + rng.choice([-10, -5, -2, 0, 0, 3, 15]))
            )
            kind = "statutory"
        # Once the initial visit has happened, the officer has decided on suitability.
        suitability = None if kind == "initial" else ("suitable" if rng.random() < 0.9 else "pending")
        arrangement_rows.append(
            (
                arrangement_id,
                index + 1,
                notified.isoformat(),
                notified.isoformat(),
                rng.choice(list(codes.PF_NOTIFIERS)),
                notice,
                intended.isoformat(),
                timescales.date_to_text(started),
                rng.choice(list(codes.PF_PURPOSES)),
                rng.choice([None, 90, 180, 365]),
                carer,
                rng.choice(relationships),
                int(rng.random() < 0.5),
                suitability,
                timescales.date_to_text(ended),
                None if ended is None else rng.choice(["returned_to_parents", "moved_carer", "became_looked_after"]),
                1,
                stamp,
                actor,
            )
        )
    conn.executemany(
        "INSERT INTO pf_arrangements (id, child_id, notified_on, aware_on, notified_by, notice, intended_start_on, "
        "started_on, purpose, intended_duration_days, carer_name, carer_relationship, born_abroad, suitability, "
        "ended_on, end_reason, version, updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        arrangement_rows,
    )
    conn.executemany(
        "INSERT INTO pf_visits (arrangement_id, visited_on, kind, officer, seen_alone, not_alone_reason, version, "
        "updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,?)",
        visit_rows,
    )
    log_bulk(context.register, "pf_arrangements", f"demo: {len(arrangement_rows)} synthetic arrangements")
    log_bulk(context.register, "pf_visits", f"demo: {len(visit_rows)} synthetic visits")
