"""Synthetic registers of any size, reproducible by seed. No real person is in them."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta

from register.core import clock, codes, timescales
from register.core.audit import log_bulk
from register.core.db import Register
from register.core.errors import RegisterError
from register.missing.records import ReturnInterview, duration_minutes, interview_offered, interview_state
from register.people.index import name_words

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
SCHOOL_WORDS = [
    "Oak",
    "Elm",
    "Beech",
    "Willow",
    "Cedar",
    "Meadow",
    "Park",
    "Hill",
    "Brook",
    "Castle",
    "St Mary's",
    "St Joseph's",
    "Orchard",
    "Windsor",
    "Chalvey",
    "Cippenham",
    "Langley",
    "Britwell",
    "Upton",
    "Colnbrook",
]
SCHOOL_KINDS = ["Primary School", "Academy", "Secondary School", "Infant School", "Junior School", "High School"]
PLACING_AUTHORITIES = ["Reading", "Hillingdon", "Windsor and Maidenhead", "Buckinghamshire", "Ealing"]
EWOS = ["Ruth Okoye", "Hamid Qureshi", "Agnieszka Nowak", "Tom Reilly"]
RESULTS = ["No trace", "No reply yet", "Family known at a new address", "Registered with a GP elsewhere", "No record"]


def _dob(rng: random.Random, today: date) -> date:
    return today - timedelta(days=rng.randint(8 * 365, 19 * 365))


def build(
    register: Register,
    children: int = 300,
    episodes: int = 1500,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
    cases: int | None = None,
    absences: int | None = None,
    arrangements: int | None = None,
) -> None:
    """Fill an empty register with synthetic children, episodes, interviews and education records.

    Without counts for CME cases, absences and private fostering arrangements, they follow
    the number of children: a case for about one child in six, three absence spells for
    every two children, an arrangement for one child in twenty-five.
    """
    if register.db["children"].count or register.db["missing_episodes"].count:
        raise RegisterError("The demo can only fill an empty register; this one already holds records.")
    cases = children // 6 if cases is None else cases
    absences = children * 3 // 2 if absences is None else absences
    conn = register.db.conn
    # Building indexes once at the end is several times faster than keeping them up
    # to date through a million inserts.
    indexes = [
        (name, sql)
        for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
            "('children', 'missing_episodes', 'return_interviews', 'interview_episodes', 'cme_cases', "
            "'cme_enquiries', 'cme_escalations', 'absences', 'pf_arrangements', 'pf_visits')"
        )
    ]
    conn.execute("PRAGMA cache_size = -262144")
    with register.atomic():
        for name, _ in indexes:
            conn.execute(f"DROP INDEX [{name}]")
        demo = _Demo(register, seed, progress)
        demo.children(children)
        demo.episodes(episodes)
        demo.education(cases, absences)
        demo.fostering(max(3, children // 25) if arrangements is None else arrangements)
        for _, sql in indexes:
            conn.execute(sql)
    conn.execute("PRAGMA cache_size = -2000")
    conn.execute("ANALYZE")


class _Demo:
    """The state shared while one demo register is filled (inside the caller's transaction)."""

    def __init__(self, register: Register, seed: int, progress: Callable[[int, int], None] | None):
        self.register, self.seed, self.progress = register, seed, progress
        self.rng = random.Random(seed)
        self.now, self.today = clock.now(), clock.today()
        self.stamp = timescales.to_text(self.now)
        self.actor = register.actor.name
        self.conn = register.db.conn
        self.born: list[date] = []
        self.looked_after: list[bool] = []
        self.placed_by: list[str | None] = []  # another authority that placed a looked after child here

    def children(self, children: int) -> None:
        # Locals, not attributes, in loops that run a million times.
        rng, today, stamp, actor, conn = self.rng, self.today, self.stamp, self.actor, self.conn
        looked_after, born = self.looked_after, self.born
        child_rows: list[tuple] = []
        word_rows: list[tuple[str, int]] = []
        for child_id in range(1, children + 1):
            sex = rng.choice("MF") if rng.random() > 0.01 else "U"
            forenames = rng.choice(FORENAMES["F" if sex == "F" else "M"])
            surname = rng.choice(SURNAMES)
            other = OTHER_SCRIPT.get(surname, "")
            dob = _dob(rng, today)
            cared_for = rng.random() < 0.4
            looked_after.append(cared_for)
            self.placed_by.append(rng.choice(PLACING_AUTHORITIES) if cared_for and rng.random() < 0.15 else None)
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
                    ("other" if self.placed_by[-1] else "this") if cared_for else None,
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
        log_bulk(self.register, "children", f"demo: {children} synthetic children (seed {self.seed})")

    def episodes(self, episodes: int) -> None:
        rng, now, today, stamp, actor, conn = self.rng, self.now, self.today, self.stamp, self.actor, self.conn
        looked_after, born = self.looked_after, self.born
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
            if self.progress:
                self.progress(episode_id, episodes)

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
                        ("other" if self.placed_by[index] else "this") if looked_after[index] else None,
                        self.placed_by[index],
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
        log_bulk(self.register, "missing_episodes", f"demo: {episode_id} synthetic episodes (seed {self.seed})")
        log_bulk(self.register, "return_interviews", f"demo: {interview_id} synthetic interviews (seed {self.seed})")

    def education(self, cases: int, absences: int) -> None:
        """Schools, CME cases with enquiries and escalations, and absence spells."""
        rng, today, stamp, actor, conn, seed = self.rng, self.today, self.stamp, self.actor, self.conn, self.seed
        schools = []
        for number in range(60):
            urn = f"{110000 + number * 37:06d}"
            name = f"{rng.choice(SCHOOL_WORDS)} {rng.choice(SCHOOL_KINDS)}"
            schools.append((urn, name))
        conn.executemany("INSERT INTO schools (urn, name) VALUES (?, ?)", schools)
        log_bulk(self.register, "schools", f"demo: {len(schools)} synthetic schools (seed {seed})")
        outcome_codes = list(codes.CME_OUTCOMES)
        outcome_weights = [30, 18, 12, 15, 8, 6, 5, 5, 1]
        officers = [actor, *EWOS]
        school_age = [
            index
            for index, dob in enumerate(self.born)
            if timescales.compulsory_school_age(dob)[0] <= today - timedelta(days=400)
            and timescales.compulsory_school_age(dob)[1] >= today
        ]
        case_rows, enquiry_rows, escalation_rows = [], [], []
        chosen = rng.sample(school_age, min(cases, len(school_age)))
        case_id = enquiry_id = 0
        for index in chosen:
            case_id += 1
            recent = rng.random() < 0.18
            referred = today - timedelta(days=rng.randint(1, 120) if recent else rng.randint(121, 1000))
            referred = max(referred, timescales.compulsory_school_age(self.born[index])[0])
            closed = None
            outcome = None
            if not recent or rng.random() < 0.3:
                closed = min(today, referred + timedelta(days=rng.randint(3, 110)))
                outcome = rng.choices(outcome_codes, weights=outcome_weights)[0]
                if outcome == "past_school_age" and closed <= timescales.compulsory_school_age(self.born[index])[1]:
                    outcome = "on_roll_here"
            urn, _ = rng.choice(schools)
            by_school = rng.random() < 0.6
            reason = (
                rng.choice(["deletion_g", "deletion_i", "deletion_f", "deletion_h", "absent_10_days"])
                if by_school
                else rng.choice(["not_on_roll", "other", "not_on_roll"])
            )
            case_rows.append(
                (
                    case_id,
                    index + 1,
                    referred.isoformat(),
                    "school"
                    if by_school
                    else rng.choice(["admissions", "health", "police", "other_authority", "public", "social_care"]),
                    urn if by_school else None,
                    reason,
                    (referred - timedelta(days=rng.randint(10, 40))).isoformat(),
                    int(closed is not None or rng.random() < 0.55),
                    rng.choice(officers),
                    outcome,
                    timescales.date_to_text(closed),
                    1,
                    stamp,
                    actor,
                )
            )
            last = closed or today
            for _ in range(rng.choice([1, 2, 3, 4, 5, 5, 6, 7, 8, 9])):
                enquiry_id += 1
                made = referred + timedelta(days=rng.randint(0, max(0, (last - referred).days)))
                agency = rng.choice(list(codes.CME_AGENCIES))
                result = rng.choice(RESULTS)
                enquiry_rows.append((enquiry_id, case_id, agency, made.isoformat(), result, 1, stamp, actor))
            if rng.random() < 0.1:
                escalation_rows.append(
                    (
                        case_id,
                        rng.choice(["social_care", "police"]),
                        (referred + timedelta(days=rng.randint(0, max(0, (last - referred).days)))).isoformat(),
                        "Safeguarding concern",
                        1,
                        stamp,
                        actor,
                    )
                )
        conn.executemany(
            "INSERT INTO cme_cases (id, child_id, referred_on, referred_by, referrer_urn, reason, last_attended_on, "
            "whereabouts_known, assigned_officer, outcome, closed_on, version, updated_at, updated_by) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            case_rows,
        )
        conn.executemany(
            "INSERT INTO cme_enquiries (id, case_id, agency, made_on, result, version, updated_at, updated_by) "
            "VALUES (?,?,?,?,?,?,?,?)",
            enquiry_rows,
        )
        conn.executemany(
            "INSERT INTO cme_escalations (case_id, escalated_to, escalated_on, note, version, updated_at, updated_by) "
            "VALUES (?,?,?,?,?,?,?)",
            escalation_rows,
        )
        log_bulk(self.register, "cme_cases", f"demo: {case_id} synthetic CME cases (seed {seed})")
        log_bulk(self.register, "cme_enquiries", f"demo: {enquiry_id} synthetic enquiries (seed {seed})")
        log_bulk(self.register, "cme_escalations", f"demo: {len(escalation_rows)} synthetic escalations (seed {seed})")

        # Absence spells: a few days at a time through the last two years; some children's
        # absence is continuous up to now, long enough to need a referral.
        absence_rows: list[tuple] = []
        pupils = school_age or [0]
        per_pupil = max(1, absences // max(1, len(pupils) // 3))
        school_of = {index: rng.choice(schools)[0] for index in pupils}
        next_day: dict[int, date] = {}
        attempts = 0
        while len(absence_rows) < absences and attempts < 3 * absences:
            attempts += 1
            index = rng.choice(pupils)
            day = next_day.get(index) or today - timedelta(days=rng.randint(300, 700))
            for _ in range(min(per_pupil, absences - len(absence_rows))):
                length = rng.choice([1, 1, 2, 3, 5, 5, 10])
                first, last = day, day + timedelta(days=length - 1)
                if last >= today - timedelta(days=40):  # leave room for the current runs below
                    break
                absence_rows.append(
                    (index + 1, school_of[index], first.isoformat(), last.isoformat(), 2 * length, "O", stamp, actor)
                )
                day = last + timedelta(days=rng.randint(10, 60))
            next_day[index] = day
        for index in rng.sample(pupils, min(len(pupils), max(3, len(pupils) // 400))):
            first = today - timedelta(days=rng.randint(14, 35))
            absence_rows.append(
                (index + 1, school_of[index], first.isoformat(), today.isoformat(), None, "N", stamp, actor)
            )
        conn.executemany(
            "INSERT INTO absences (child_id, school_urn, from_on, to_on, sessions_missed, attendance_codes, version, "
            "updated_at, updated_by) VALUES (?,?,?,?,?,?,1,?,?)",
            absence_rows,
        )
        log_bulk(self.register, "absences", f"demo: {len(absence_rows)} synthetic absence spells (seed {seed})")

    def fostering(self, arrangements: int) -> None:
        """Private fostering arrangements with their visits: most on time, some late, a few ended."""
        rng, today, stamp, actor, conn = self.rng, self.today, self.stamp, self.actor, self.conn
        relationships = ["family_friend", "family_friend", "cousin", "great_aunt_uncle", "host_family", "other"]
        eligible = [
            index for index, dob in enumerate(self.born) if timescales.birthday(dob, 16) > today + timedelta(days=20)
        ]
        arrangement_rows, visit_rows = [], []
        for arrangement_id, index in enumerate(rng.sample(eligible, min(arrangements, len(eligible))), start=1):
            dob = self.born[index]
            notified = today - timedelta(days=rng.randint(2, 14) if rng.random() < 0.1 else rng.randint(15, 900))
            limit = timescales.birthday(dob, 16)
            if notified >= limit - timedelta(days=40):
                notified = limit - timedelta(days=rng.randint(60, 400))
            intended = notified + timedelta(days=rng.choice([-20, -3, 0, 10, 45]))
            started = intended if intended <= today else None
            ended = None
            if started is not None and rng.random() < 0.35:
                ended = min(today, limit - timedelta(days=1), started + timedelta(days=rng.randint(40, 500)))
            advance = notified <= intended - timedelta(weeks=6)
            notice = "advance" if advance else rng.choice(["late", "late", "other_means"])
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
                day += timedelta(days=interval + rng.choice([-10, -5, -2, 0, 0, 3, 15]))
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
                    None
                    if ended is None
                    else rng.choice(["returned_to_parents", "moved_carer", "became_looked_after"]),
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
        log_bulk(self.register, "pf_arrangements", f"demo: {len(arrangement_rows)} synthetic arrangements")
        log_bulk(self.register, "pf_visits", f"demo: {len(visit_rows)} synthetic visits")


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
