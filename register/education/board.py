"""The education register's section of the board's summary: CME cases, referrals and closures."""

from __future__ import annotations

from register.core import codes
from register.core.db import Register
from register.core.figures import Row, Section, columns, counts, grouped, per_period
from register.core.periods import Period

_OPEN_AT_END = "FROM p LEFT JOIN cme_cases k ON k.referred_on < p.d1 AND (k.closed_on IS NULL OR k.closed_on >= p.d1)"
_REFERRED = "FROM p LEFT JOIN cme_cases k ON k.referred_on >= p.d0 AND k.referred_on < p.d1"
# National curriculum year group at the referral: the child's age on the 31 August before the school
# year (September to August) the referral falls in, less 4; Reception (age 4) is 0, Year 11 (age 15) is 11.
# The school year starts in the referral's calendar year from September, else the year before; a child
# born from September to December has not had that year's birthday by 31 August.
_YEAR_GROUP = (
    "(CAST(strftime('%Y', k.referred_on) AS INTEGER) - (strftime('%m', k.referred_on) < '09') "
    "- CAST(strftime('%Y', c.dob) AS INTEGER) - (strftime('%m', c.dob) >= '09') - 4)"
)


def section(
    register: Register, periods: list[Period], headings: tuple[str, ...], keys: tuple[str, ...], prepared: object = None
) -> Section:
    """The education section for ``periods`` (oldest first)."""
    section = Section("education", "Children missing education")

    table = section.table_adder(headings, keys)

    open_end = columns(
        per_period(
            register,
            periods,
            (
                "SELECT p.idx, COUNT(k.id), SUM(k.referred_on < date(p.d1, '-28 days')), "
                "SUM(k.referred_on < date(p.d1, '-56 days')), SUM(k.referred_on < date(p.d1, '-84 days')), "
                f"SUM(k.whereabouts_known = 0) {_OPEN_AT_END} GROUP BY p.idx"
            ),
        )
    )
    referred = columns(per_period(register, periods, f"SELECT p.idx, COUNT(k.id) {_REFERRED} GROUP BY p.idx"))
    closed = columns(
        per_period(
            register,
            periods,
            (
                "SELECT p.idx, COUNT(k.id) FROM p LEFT JOIN cme_cases k ON k.closed_on >= p.d0 AND k.closed_on < p.d1 "
                "GROUP BY p.idx"
            ),
        )
    )
    table(
        "Cases",
        [
            Row("education.cases.open", "Open at the end of the period", open_end[0]),
            Row("education.cases.referred", "New referrals", referred[0]),
            Row("education.cases.closed", "Closed", closed[0]),
            Row("education.cases.open.over_4_weeks", "Open at the end for longer than 4 weeks", open_end[1]),
            Row("education.cases.open.over_8_weeks", "Open at the end for longer than 8 weeks", open_end[2]),
            Row("education.cases.open.over_12_weeks", "Open at the end for longer than 12 weeks", open_end[3]),
            Row("education.cases.open.whereabouts_unknown", "Open at the end, whereabouts unknown", open_end[4]),
        ],
    )
    labels = {
        code: label for code, label in register.db.execute("SELECT code, label FROM cme_outcomes ORDER BY position")
    }
    by_outcome = grouped(
        register,
        periods,
        (
            "SELECT p.idx, k.outcome, COUNT(*) FROM p JOIN cme_cases k ON k.closed_on >= p.d0 AND k.closed_on < p.d1 "
            "GROUP BY p.idx, k.outcome"
        ),
        list(labels),
    )
    table(
        "Cases closed, by outcome",
        counts("education.closed.outcome", list(labels), list(labels.values()), by_outcome),
        total="education.cases.closed",
    )
    by_reason = grouped(
        register,
        periods,
        f"SELECT p.idx, k.reason, COUNT(*) {_REFERRED.replace('LEFT ', '')} GROUP BY p.idx, k.reason",
        list(codes.CME_REASONS),
    )
    table(
        "New referrals, by reason",
        counts(
            "education.referred.reason",
            list(codes.CME_REASONS),
            list(codes.CME_REASONS.short.values()),
            by_reason,
        ),
        total="education.cases.referred",
    )
    year_groups = ["R", *(str(year) for year in range(1, 12)), "other"]
    by_year = grouped(
        register,
        periods,
        (
            f"SELECT p.idx, CASE WHEN {_YEAR_GROUP} = 0 THEN 'R' WHEN {_YEAR_GROUP} BETWEEN 1 AND 11 "
            f"THEN CAST({_YEAR_GROUP} AS TEXT) ELSE 'other' END, COUNT(*) "
            f"{_REFERRED.replace('LEFT ', '')} JOIN children c ON c.id = k.child_id GROUP BY 1, 2"
        ),
        year_groups,
    )
    names = ["Reception", *(f"Year {year}" for year in range(1, 12)), "Other (below Reception or above Year 11)"]
    table(
        "New referrals, by national curriculum year group",
        counts("education.referred.year", year_groups, names, by_year),
        total="education.cases.referred",
    )
    by_sex = grouped(
        register,
        periods,
        (
            f"SELECT p.idx, c.sex, COUNT(*) {_REFERRED.replace('LEFT ', '')} JOIN children c ON c.id = k.child_id "
            "GROUP BY 1, 2"
        ),
        list(codes.SEXES),
    )
    table(
        "New referrals, by sex",
        counts("education.referred.sex", list(codes.SEXES), list(codes.SEXES.values()), by_sex),
        total="education.cases.referred",
    )
    return section


def known_in(register: Register, period: Period) -> tuple[str, dict[str, str]]:
    """SQL of the children with a CME case open at any time in the period (with :d0 and :d1)."""
    return "SELECT child_id FROM cme_cases WHERE referred_on < :d1 AND (closed_on IS NULL OR closed_on >= :d0)", {}
