"""Synthetic schools, CME cases with enquiries and escalations, and absence spells for a demo register.

A child's school fits the child's national curriculum year on the day (an infant school for Reception
to Year 2, a secondary school from Year 7); absences fall on school days of the register's term
calendar, which the demo fills back to the earliest day it uses; a case's last day attended is a
school day before its referral.
"""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right
from datetime import date, timedelta

from register.core import codes, term_calendar, timescales
from register.core.audit import log_bulk
from register.core.db import Register
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
# Each kind of school and the national curriculum years it teaches (Reception is 0).
SCHOOL_KINDS = {
    "Infant School": (0, 2),
    "Junior School": (3, 6),
    "Primary School": (0, 6),
    "Primary Academy": (0, 6),
    "Secondary School": (7, 11),
    "High School": (7, 11),
    "Academy": (7, 13),
}
SCHOOLS = 60
EWOS = ["Ruth Okoye", "Hamid Qureshi", "Agnieszka Nowak", "Tom Reilly"]
RESULTS = ["No trace", "No reply yet", "Family known at a new address", "Registered with a GP elsewhere", "No record"]
YEARS_BACK = 3  # the calendar goes back far enough for the oldest referral's last day attended
# School days a child had been away before the school referred, by the reason it gave.
DAYS_AWAY = {"absent_10_days": (10, 14), "deletion_i": (20, 26)}


class Schools:
    """The demo's schools, and which of them a child attends in each national curriculum year."""

    def __init__(self, rng: random.Random) -> None:
        kinds = list(SCHOOL_KINDS)
        # Every kind at least once, so every year group has a school; the rest at random.
        chosen = [*kinds, *(rng.choice(kinds) for _ in range(SCHOOLS - len(kinds)))]
        self.rows = [
            (f"{110000 + number * 37:06d}", f"{rng.choice(SCHOOL_WORDS)} {kind}") for number, kind in enumerate(chosen)
        ]
        self.by_year = {
            year: [
                urn
                for (urn, _), kind in zip(self.rows, chosen, strict=True)
                if SCHOOL_KINDS[kind][0] <= year <= SCHOOL_KINDS[kind][1]
            ]
            for year in range(14)
        }

    def attended(self, child_id: int, born: date, on: date) -> str:
        """The school child ``child_id`` is on the roll of on ``on`` (the same school through a phase)."""
        year = min(13, max(0, timescales.national_curriculum_year(born, on)))
        fitting = self.by_year[year]
        return fitting[(child_id * 7 + (year >= 7)) % len(fitting)]


class SchoolDays:
    """The school days of the register's calendar, in order, for picking days by position."""

    def __init__(self, calendar: timescales.SchoolCalendar) -> None:
        self.days = sorted(calendar.days)
        # For each school day, the position of the last school day in its unbroken run of days.
        self.run_end = [0] * len(self.days)
        end = len(self.days) - 1
        for position in range(len(self.days) - 1, -1, -1):
            if position < len(self.days) - 1 and self.days[position + 1] - self.days[position] != timedelta(days=1):
                end = position
            self.run_end[position] = end

    def on_or_before(self, day: date) -> int:
        """The position of the last school day on or before ``day`` (-1 if none)."""
        return bisect_right(self.days, day) - 1

    def after(self, day: date) -> int:
        """The position of the first school day after ``day``."""
        return bisect_right(self.days, day)

    def before(self, day: date) -> int:
        """The position of the last school day before ``day``."""
        return bisect_left(self.days, day) - 1


def ensure_calendar(register: Register, first_day: date) -> timescales.SchoolCalendar:
    """Add the default terms of every school year from ``first_day``'s that the calendar lacks (audited,
    as a register kept for years would hold them), and return the calendar."""
    held = {term_calendar.school_year_of(term.starts_on) for term in term_calendar.terms(register)}
    for year in range(term_calendar.school_year_of(first_day), min(held, default=first_day.year + 1)):
        term_calendar.add_default_year(register, year)
    return term_calendar.calendar(register)


def fill(context: DemoContext, sizes: dict[str, int | None]) -> None:
    """CME cases (``sizes["cases"]``, default one for every six children) and absence spells
    (``sizes["absences"]``, default three for every two children) for the context's children."""
    children = len(context.born)
    asked_cases, asked_absences = sizes.get("cases"), sizes.get("absences")
    cases = children // 6 if asked_cases is None else asked_cases
    absences = children * 3 // 2 if asked_absences is None else asked_absences
    rng, today, seed = context.rng, context.today, context.seed
    schools = Schools(rng)
    context.conn.executemany("INSERT INTO schools (urn, name) VALUES (?, ?)", schools.rows)
    log_bulk(context.register, "schools", f"demo: {len(schools.rows)} synthetic schools (seed {seed})")
    school_days = SchoolDays(ensure_calendar(context.register, today - timedelta(days=YEARS_BACK * 365 + 60)))
    ages = [timescales.compulsory_school_age(dob) for dob in context.born]
    school_age = [
        index for index, (begins, ends) in enumerate(ages) if begins <= today - timedelta(days=400) and ends >= today
    ]
    _cases(context, schools, school_days, rng.sample(school_age, min(cases, len(school_age))), ages)
    _absences(context, schools, school_days, school_age or [0], absences)


def _cases(
    context: DemoContext, schools: Schools, school_days: SchoolDays, chosen: list[int], ages: list[tuple[date, date]]
) -> None:
    rng, today, stamp, actor, conn, seed = (
        context.rng,
        context.today,
        context.stamp,
        context.actor,
        context.conn,
        context.seed,
    )
    outcome_codes = list(codes.CME_OUTCOMES)
    outcome_weights = [30, 18, 12, 15, 8, 6, 5, 5, 1]
    officers = [actor, *EWOS]
    case_rows, enquiry_rows, escalation_rows = [], [], []
    case_id = enquiry_id = 0
    for index in chosen:
        case_id += 1
        born = context.born[index]
        recent = rng.random() < 0.18
        referred = today - timedelta(days=rng.randint(1, 120) if recent else rng.randint(121, 1000))
        referred = timescales.working_day_on_or_before(max(referred, ages[index][0] + timedelta(days=30)))
        closed = None
        outcome = None
        if not recent or rng.random() < 0.3:
            closed = timescales.working_day_on_or_before(min(today, referred + timedelta(days=rng.randint(3, 110))))
            closed = max(closed, referred)
            outcome = rng.choices(outcome_codes, weights=outcome_weights)[0]
            if outcome == "past_school_age" and closed <= ages[index][1]:
                outcome = "on_roll_here"
        by_school = rng.random() < 0.6
        reason = (
            rng.choice(["deletion_g", "deletion_i", "deletion_f", "deletion_h", "absent_10_days"])
            if by_school
            else rng.choice(["not_on_roll", "other", "not_on_roll"])
        )
        away = DAYS_AWAY.get(reason, (1, 30))
        last_attended = school_days.days[max(0, school_days.before(referred) - rng.randint(*away) + 1)]
        case_rows.append(
            (
                case_id,
                index + 1,
                referred.isoformat(),
                "school"
                if by_school
                else rng.choice(["admissions", "health", "police", "other_authority", "public", "social_care"]),
                schools.attended(index + 1, born, last_attended) if by_school else None,
                reason,
                last_attended.isoformat(),
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
            made = max(referred, timescales.working_day_on_or_before(made))
            enquiry_rows.append((enquiry_id, case_id, agency, made.isoformat(), result, 1, stamp, actor))
        if rng.random() < 0.1:
            escalated = referred + timedelta(days=rng.randint(0, max(0, (last - referred).days)))
            escalation_rows.append(
                (
                    case_id,
                    rng.choice(["social_care", "police"]),
                    max(referred, timescales.working_day_on_or_before(escalated)).isoformat(),
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


def _absences(
    context: DemoContext, schools: Schools, school_days: SchoolDays, pupils: list[int], absences: int
) -> None:
    """Absence spells, each a run of school days with no other day between: a few days at a time
    through the last two years, and for some children a run still going, long enough to need a
    referral. A longer absence is several spells, one a week, as a school reports it."""
    rng, today, stamp, actor, conn, seed = (
        context.rng,
        context.today,
        context.stamp,
        context.actor,
        context.conn,
        context.seed,
    )
    days, run_end, born = school_days.days, school_days.run_end, context.born
    rows: list[tuple] = []

    def spell(index: int, first: int, length: int, codes_text: str | None, sessions: bool) -> int:
        """Add a spell from the school day at position ``first`` for up to ``length`` school days (ending
        early where the run of school days breaks); the position of its last day."""
        last = min(first + length - 1, run_end[first])
        school = schools.attended(index + 1, born[index], days[first])
        missed = 2 * (last - first + 1) if sessions else None
        rows.append(
            (index + 1, school, days[first].isoformat(), days[last].isoformat(), missed, codes_text, stamp, actor)
        )
        return last

    earliest, latest = school_days.after(today - timedelta(days=700)), school_days.before(today - timedelta(days=40))
    per_pupil = max(1, absences // max(1, len(pupils) // 3))
    next_day: dict[int, int] = {}
    attempts = 0
    while len(rows) < absences and attempts < 3 * absences and latest > earliest:
        attempts += 1
        index = rng.choice(pupils)
        position = next_day.get(index) or rng.randint(earliest, earliest + (latest - earliest) // 2)
        for _ in range(min(per_pupil, absences - len(rows))):
            length = rng.choice([1, 1, 2, 3, 5, 5, 10])
            if position + length > latest:  # leave room for the current runs below
                break
            last = spell(index, position, length, "O", True)
            position = last + rng.randint(8, 40)
        next_day[index] = position
    ongoing = school_days.on_or_before(today)
    for index in rng.sample(pupils, min(len(pupils), max(3, len(pupils) // 400))):
        position = ongoing - rng.randint(10, 24) + 1
        while position <= ongoing:
            position = spell(index, position, ongoing - position + 1, "N", False) + 1
    conn.executemany(
        "INSERT INTO absences (child_id, school_urn, from_on, to_on, sessions_missed, attendance_codes, version, "
        "updated_at, updated_by) VALUES (?,?,?,?,?,?,1,?,?)",
        rows,
    )
    log_bulk(context.register, "absences", f"demo: {len(rows)} synthetic absence spells (seed {seed})")
