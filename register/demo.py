"""Synthetic registers of any size, reproducible by seed. No real person is in them."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta

from . import clock, codes, timescales
from .audit import log_bulk
from .db import Register
from .errors import RegisterError
from .missing import ReturnInterview, duration_minutes, interview_state
from .people import name_words

# Invented names drawn from the communities an English town serves.
FORENAMES = {
    "M": [
        "Oliver",
        "Harry",
        "Jack",
        "Charlie",
        "Liam",
        "Mason",
        "Kacper",
        "Jakub",
        "Mateusz",
        "Łukasz",
        "Muhammad",
        "Ayaan",
        "Hamza",
        "Zain",
        "Ibrahim",
        "Yusuf",
        "Arjun",
        "Gurpreet",
        "Harjit",
        "Ravi",
        "Abdi",
        "Mohamed",
        "Ahmed",
        "Andrei",
        "Ionuț",
        "Mihai",
        "Kwame",
        "Tobi",
        "Dawit",
        "Omar",
    ],
    "F": [
        "Olivia",
        "Amelia",
        "Isla",
        "Ava",
        "Mia",
        "Grace",
        "Zofia",
        "Zuzanna",
        "Maja",
        "Wiktoria",
        "Aisha",
        "Fatima",
        "Maryam",
        "Zara",
        "Inaya",
        "Simran",
        "Harleen",
        "Priya",
        "Amira",
        "Hodan",
        "Ayaan",
        "Fadumo",
        "Ioana",
        "Elena",
        "Bianca",
        "Ama",
        "Chiamaka",
        "Selam",
        "Layla",
        "Noor",
    ],
}
SURNAMES = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Evans",
    "Walker",
    "Hughes",
    "Green",
    "Kowalski",
    "Nowak",
    "Wiśniewska",
    "Wójcik",
    "Kamiński",
    "Khan",
    "Hussain",
    "Ahmed",
    "Ali",
    "Begum",
    "Iqbal",
    "Malik",
    "Singh",
    "Kaur",
    "Sandhu",
    "Gill",
    "Patel",
    "Sharma",
    "Mohamed",
    "Abdi",
    "Warsame",
    "Farah",
    "Popescu",
    "Ionescu",
    "Munteanu",
    "Stoica",
    "Mensah",
    "Okafor",
    "Bekele",
    "Haddad",
]
# Names also written in their own script, kept as the child's other names.
OTHER_SCRIPT = {"Khan": "خان", "Hussain": "حسین", "Ali": "علی", "Singh": "ਸਿੰਘ", "Kaur": "ਕੌਰ", "Haddad": "حداد"}
ETHNICITY_FOR = {
    "Kowalski": "WOTH",
    "Nowak": "WOTH",
    "Wiśniewska": "WOTH",
    "Wójcik": "WOTH",
    "Kamiński": "WOTH",
    "Khan": "APKN",
    "Hussain": "APKN",
    "Ahmed": "ABAN",
    "Ali": "APKN",
    "Begum": "ABAN",
    "Iqbal": "APKN",
    "Malik": "APKN",
    "Singh": "AIND",
    "Kaur": "AIND",
    "Sandhu": "AIND",
    "Gill": "AIND",
    "Patel": "AIND",
    "Sharma": "AIND",
    "Mohamed": "BAFR",
    "Abdi": "BAFR",
    "Warsame": "BAFR",
    "Farah": "BAFR",
    "Popescu": "WROM",
    "Ionescu": "WOTH",
    "Munteanu": "WOTH",
    "Stoica": "WROM",
    "Mensah": "BAFR",
    "Okafor": "BAFR",
    "Bekele": "BAFR",
    "Haddad": "AOTH",
}
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
WORKERS = ["Sam Carter", "Priya Shah", "Tom Reilly", "Agnieszka Nowak", "Hamid Qureshi", "Ruth Okoye"]
SERVICES = list(codes.INTERVIEW_SERVICES)

BATCH = 20_000


def _dob(rng: random.Random, today: date) -> date:
    return today - timedelta(days=rng.randint(8 * 365, 19 * 365))


def build(
    register: Register,
    children: int = 300,
    episodes: int = 1500,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Fill an empty register with synthetic children, episodes and interviews."""
    if register.db["children"].count or register.db["missing_episodes"].count:
        raise RegisterError("The demo can only fill an empty register; this one already holds records.")
    rng = random.Random(seed)
    now = clock.now()
    today = clock.today()
    stamp = timescales.to_text(now)
    actor = register.actor.name
    conn = register.db.conn

    # Building indexes once at the end is several times faster than keeping them up
    # to date through a million inserts.
    indexes = [
        (name, sql)
        for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
            "('children', 'missing_episodes', 'return_interviews', 'interview_episodes')"
        )
    ]
    conn.execute("PRAGMA cache_size = -262144")
    with register.atomic():
        for name, _ in indexes:
            conn.execute(f"DROP INDEX [{name}]")
        _fill(register, children, episodes, seed, progress, rng, now, today, stamp, actor)
        for _, sql in indexes:
            conn.execute(sql)
    conn.execute("PRAGMA cache_size = -2000")
    conn.execute("ANALYZE")


def _fill(register, children, episodes, seed, progress, rng, now, today, stamp, actor) -> None:
    """Insert the synthetic rows (inside the caller's transaction)."""
    conn = register.db.conn
    child_rows, word_rows, looked_after, born = [], [], [], []
    for child_id in range(1, children + 1):
        sex = rng.choice("MF") if rng.random() > 0.01 else "U"
        forenames = rng.choice(FORENAMES["F" if sex == "F" else "M"])
        surname = rng.choice(SURNAMES)
        other = OTHER_SCRIPT.get(surname, "")
        dob = _dob(rng, today)
        cared_for = rng.random() < 0.4
        looked_after.append(cared_for)
        born.append(dob)
        child_rows.append(
            (
                child_id,
                forenames,
                surname,
                other or None,
                dob.isoformat(),
                sex,
                ETHNICITY_FOR.get(surname, rng.choice(["WBRI", "WBRI", "WBRI", "MWBC", "BCRB", "WIRI"])),
                int(cared_for),
                "this" if cared_for else None,
                f"LA{child_id:07d}",
                1,
                stamp,
                actor,
            )
        )
        word_rows.extend((word, child_id) for word in name_words(forenames, surname, other))
        if len(child_rows) >= BATCH or child_id == children:
            conn.executemany(
                "INSERT INTO children (id, forenames, surname, other_names, dob, sex, ethnicity, looked_after, "
                "looked_after_by, la_id, version, updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                child_rows,
            )
            conn.executemany("INSERT OR IGNORE INTO child_name_words (word, child_id) VALUES (?, ?)", word_rows)
            child_rows, word_rows = [], []
    log_bulk(register, "children", f"demo: {children} synthetic children (seed {seed})")

    # A few children go missing very often; most once or twice.
    weights = [rng.paretovariate(1.3) for _ in range(children)]
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
            "reported_at, police_reference, risk_grade, looked_after, looked_after_by, cse, cce, county_lines, "
            "trafficking, duration_minutes, interview_due_at, interview_state, version, updated_at, updated_by) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)",
            episode_rows,
        )
        conn.executemany(
            "INSERT INTO return_interviews (id, child_id, offered_at, offered_by, service, outcome, outcome_reason, "
            "completed_at, completed_by, independent, version, updated_at, updated_by) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,1,?,?)",
            interview_rows,
        )
        conn.executemany("INSERT INTO interview_episodes (interview_id, episode_id) VALUES (?, ?)", link_rows)
        episode_rows.clear()
        interview_rows.clear()
        link_rows.clear()
        if progress:
            progress(episode_id, episodes)

    for index, count in enumerate(counts):
        if not count:
            continue
        child_id = index + 1
        window_start = datetime.combine(
            max(timescales.birthday(born[index], 10), today - timedelta(days=5 * 365)), datetime.min.time()
        ).replace(tzinfo=now.tzinfo)
        window_end = min(
            now,
            datetime.combine(timescales.birthday(born[index], 18), datetime.min.time()).replace(tzinfo=now.tzinfo)
            - timedelta(days=1),
        )
        if window_end <= window_start:
            window_start = window_end - timedelta(days=365)
        span = int((window_end - window_start).total_seconds() // 60)
        minutes = sorted(rng.sample(range(span), min(count, span)))
        starts = [window_start + timedelta(minutes=m) for m in minutes]
        for number, started in enumerate(starts):
            episode_id += 1
            limit = (starts[number + 1] if number + 1 < len(starts) else now) - started
            hours = rng.choice([rng.uniform(1, 24)] * 6 + [rng.uniform(24, 72)] * 2 + [rng.uniform(72, 400)])
            ended: datetime | None = started + min(timedelta(hours=hours), limit * 0.9)
            is_last = number + 1 == len(starts)
            if is_last and window_end == now and rng.random() < 0.03:
                # Still missing: last seen in the past few days.
                started = max(started, now - timedelta(hours=rng.uniform(2, 120))).replace(second=0, microsecond=0)
                ended = None
            kind = "A" if looked_after[index] and rng.random() < 0.3 else "M"
            concerns = [int(rng.random() < p) for p in (0.12, 0.08, 0.05, 0.01)]
            state = "still_missing"
            due = None
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
                            _text(interview.offered_at),
                            interview.offered_by or None,
                            interview.service or None,
                            interview.outcome or None,
                            interview.outcome_reason or None,
                            _text(interview.completed_at),
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
                    _text(ended),
                    rng.choice(FOUND) if ended else None,
                    timescales.to_text(started + timedelta(minutes=rng.randint(30, 600)))
                    if rng.random() < 0.9 and started + timedelta(minutes=600) < now
                    else None,
                    f"TV{episode_id:08d}",
                    rng.choice(["none", "low", "low", "medium", "medium", "high"]),
                    int(looked_after[index]),
                    "this" if looked_after[index] else None,
                    *concerns,
                    duration_minutes(started, ended),
                    _text(due),
                    state,
                    stamp,
                    actor,
                )
            )
        if len(episode_rows) >= BATCH:
            flush()
    flush()
    log_bulk(register, "missing_episodes", f"demo: {episode_id} synthetic episodes (seed {seed})")
    log_bulk(register, "return_interviews", f"demo: {interview_id} synthetic interviews (seed {seed})")


def _text(instant: datetime | None) -> str | None:
    return None if instant is None else timescales.to_text(instant)


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
