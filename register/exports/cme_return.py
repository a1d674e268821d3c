"""The termly children missing education return: children missing education on the term's census date,
by sex, national curriculum year group, length of time missing education and primary reason, and the
children missing education at any time in the school year up to the census date.

Source: DfE, "Children missing education: statutory guidance for local authorities" (August 2024),
which asks authorities to return these figures termly from autumn 2024; the census dates are the
school census days (DfE, "School census guide"): the first Thursday in October (autumn), the third
Thursday in January (spring) and the third Thursday in May (summer).

- Missing education on the census date: a CME case referred on or before it and not closed by it (a case
  closed on the census date is not counted; one closed the day after is).
- At any time in the year: a case referred on or before the census date and not closed before
  1 September of the school year.
- A child is counted once, however many cases (the earliest referral open at the census date decides
  the reason and the length). Length of time: from the referral to the census date, in days.
- Year group: the child's age on the 31 August before the school year, less 4 (Reception is 0).
Every breakdown lists every category, with 0 where there are none, so each term's file has one shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from register.core import clock, codes, permissions, timescales
from register.core.db import Register
from register.exports import sheets
from register.exports.writing import write_export

COLUMNS = ("Measure", "Breakdown", "Children")
LENGTHS = ((28, "Under 4 weeks"), (56, "4 weeks to under 8 weeks"), (84, "8 weeks to under 12 weeks"))
LONGEST = "12 weeks or more"
YEAR_GROUPS = ("Reception", *(f"Year {year}" for year in range(1, 12)), "Below Reception or above Year 11")
_TERMS = {"autumn": (10, 1), "spring": (1, 3), "summer": (5, 3)}  # month, which Thursday


@dataclass(frozen=True)
class Term:
    """A school term as the return names it, and its census date."""

    season: str  # autumn, spring, summer
    year: int  # the calendar year the census falls in
    census: date

    @property
    def key(self) -> str:
        return f"{self.season}-{self.year}"

    @property
    def school_year_starts(self) -> date:
        """1 September of the school year the term belongs to."""
        return date(self.year if self.season == "autumn" else self.year - 1, 9, 1)


def term(key: str) -> Term:
    """A term typed as autumn-2026, spring-2027 or summer-2027. Raises ValueError saying how to write it."""
    match = re.fullmatch(r"\s*(autumn|spring|summer)-(\d{4})\s*", key, re.IGNORECASE)
    if not match:
        raise ValueError(
            f"“{key}” is not a term: write it as autumn-YYYY, spring-YYYY or summer-YYYY, for example autumn-2026"
        )
    season, year = match.group(1).lower(), int(match.group(2))
    month, nth = _TERMS[season]
    first = date(year, month, 1)
    first_thursday = first + timedelta(days=(3 - first.weekday()) % 7)
    return Term(season, year, first_thursday + timedelta(weeks=nth - 1))


def year_group(born: date, on: date) -> str:
    """The national curriculum year group on ``on`` of a child born on ``born``."""
    group = timescales.national_curriculum_year(born, on)
    return YEAR_GROUPS[group] if 0 <= group <= 11 else YEAR_GROUPS[-1]


def length(referred: date, census: date) -> str:
    """The band of time missing education at the census date, counted from the referral."""
    days = (census - referred).days
    return next((label for limit, label in LENGTHS if days < limit), LONGEST)


def figures(register: Register, chosen: Term) -> list[tuple[str, str, int]]:
    """The return's rows (measure, breakdown, children) for ``chosen``, every category listed.

    Raises PermissionDenied unless the person's role may produce it (permissions.CME_RETURN), ValueError
    if the term's census date is after today."""
    register.require(permissions.CME_RETURN)
    if chosen.census > clock.today():
        raise ValueError(
            f"The {chosen.season} {chosen.year} census date, {chosen.census:%d/%m/%Y}, has not come yet: "
            "choose a term whose census date has passed."
        )
    census = chosen.census.isoformat()
    with register.reading():
        on_census = register.db.execute(
            "SELECT k.child_id, c.sex, c.dob, k.referred_on, k.reason FROM cme_cases k "
            "JOIN children c ON c.id = k.child_id WHERE k.referred_on <= :census "
            "AND (k.closed_on IS NULL OR k.closed_on > :census) ORDER BY k.child_id, k.referred_on, k.id",
            {"census": census},
        ).fetchall()
        in_year = register.db.execute(
            "SELECT COUNT(DISTINCT child_id) FROM cme_cases WHERE referred_on <= :census "
            "AND (closed_on IS NULL OR closed_on >= :starts)",
            {"census": census, "starts": chosen.school_year_starts.isoformat()},
        ).fetchone()[0]
    first_cases: dict[int, tuple[str, str, str, str]] = {}
    for child_id, sex, dob, referred_on, reason in on_census:
        first_cases.setdefault(child_id, (sex, dob, referred_on, reason))
    described = [
        {
            "sex": codes.SEXES[sex],
            "year group": year_group(date.fromisoformat(dob), chosen.census),
            "length of time": length(date.fromisoformat(referred_on), chosen.census),
            "primary reason": codes.CME_REASONS[reason],
        }
        for sex, dob, referred_on, reason in first_cases.values()
    ]
    categories = {
        "sex": tuple(codes.SEXES.values()),
        "year group": YEAR_GROUPS,
        "length of time": (*(label for _, label in LENGTHS), LONGEST),
        "primary reason": tuple(codes.CME_REASONS.values()),
    }
    measure = "Missing education on the census date"
    return [
        (measure, "All", len(described)),
        *(
            (f"{measure}, by {name}", category, sum(child[name] == category for child in described))
            for name, listed in categories.items()
            for category in listed
        ),
        ("Missing education at any time in the school year to the census date", "All", in_year),
    ]


def write(register: Register, chosen: Term, path: str | Path) -> int:
    """Write the return for ``chosen`` to ``path`` (a .csv file, or an .xlsx workbook with a title line, as
    its name ends); returns the rows written. Raises PermissionDenied unless the role may produce it,
    ValueError if ``path`` ends in neither, ExportNotWritten if the file cannot be written."""
    workbook = sheets.format_of(path, ("xlsx", "csv")) == "xlsx"
    rows = figures(register, chosen)
    title = f"Children missing education return, {chosen.season} {chosen.year}: census date {chosen.census:%d/%m/%Y}"

    def write_rows(partial: Path) -> int:
        if workbook:
            return sheets.write_workbook(partial, [("CME return", COLUMNS, rows)], notes=[title])
        return sheets.write_csv(partial, COLUMNS, rows)

    return write_export(
        register, path, "CME return", {"term": chosen.key, "census": chosen.census.isoformat()}, write_rows
    )
