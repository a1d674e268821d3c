"""Synthetic schools, CME cases with enquiries and escalations, and absence spells for a demo register."""

from __future__ import annotations

from datetime import date, timedelta

from register.core import codes, timescales
from register.core.audit import log_bulk
from register.core.demo import DemoContext

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
EWOS = ["Ruth Okoye", "Hamid Qureshi", "Agnieszka Nowak", "Tom Reilly"]
RESULTS = ["No trace", "No reply yet", "Family known at a new address", "Registered with a GP elsewhere", "No record"]


def fill(context: DemoContext, sizes: dict[str, int | None]) -> None:
    """CME cases (``sizes["cases"]``, default one for every six children) and absence spells
    (``sizes["absences"]``, default three for every two children) for the context's children."""
    children = len(context.born)
    asked_cases, asked_absences = sizes.get("cases"), sizes.get("absences")
    cases = children // 6 if asked_cases is None else asked_cases
    absences = children * 3 // 2 if asked_absences is None else asked_absences
    rng, today, stamp, actor, conn, seed = (
        context.rng,
        context.today,
        context.stamp,
        context.actor,
        context.conn,
        context.seed,
    )
    schools = []
    for number in range(60):
        urn = f"{110000 + number * 37:06d}"
        name = f"{rng.choice(SCHOOL_WORDS)} {rng.choice(SCHOOL_KINDS)}"
        schools.append((urn, name))
    conn.executemany("INSERT INTO schools (urn, name) VALUES (?, ?)", schools)
    log_bulk(context.register, "schools", f"demo: {len(schools)} synthetic schools (seed {seed})")
    outcome_codes = list(codes.CME_OUTCOMES)
    outcome_weights = [30, 18, 12, 15, 8, 6, 5, 5, 1]
    officers = [actor, *EWOS]
    school_age = [
        index
        for index, dob in enumerate(context.born)
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
        referred = max(referred, timescales.compulsory_school_age(context.born[index])[0])
        closed = None
        outcome = None
        if not recent or rng.random() < 0.3:
            closed = min(today, referred + timedelta(days=rng.randint(3, 110)))
            outcome = rng.choices(outcome_codes, weights=outcome_weights)[0]
            if outcome == "past_school_age" and closed <= timescales.compulsory_school_age(context.born[index])[1]:
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
    log_bulk(context.register, "cme_cases", f"demo: {case_id} synthetic CME cases (seed {seed})")
    log_bulk(context.register, "cme_enquiries", f"demo: {enquiry_id} synthetic enquiries (seed {seed})")
    log_bulk(context.register, "cme_escalations", f"demo: {len(escalation_rows)} synthetic escalations (seed {seed})")

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
    log_bulk(context.register, "absences", f"demo: {len(absence_rows)} synthetic absence spells (seed {seed})")
