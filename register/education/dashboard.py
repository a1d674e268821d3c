"""What the education welfare officer's dashboard shows, counted in SQL: open cases (the officer's own,
those with no enquiry for a while, those whose whereabouts are unknown) and continuous absence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from register.core import clock, settings, timescales
from register.core.db import Register
from register.education.records import AbsenceRun, CmeCase, absence_concerns, case_from_row
from register.people.index import Child, children_by_ids

SHOWN = 500  # each list holds its most urgent cases; the CME case list filters them all
WEEKS_OPEN = (4, 8, 12)
# The day of the case's last enquiry, or its referral if there has been none.
_LAST_ENQUIRY = "(SELECT MAX(q.made_on) FROM cme_enquiries q WHERE q.case_id = k.id)"


@dataclass(frozen=True)
class CaseLine:
    child: Child
    case: CmeCase
    last_enquiry_on: date | None


@dataclass(frozen=True)
class CaseList:
    """The most urgent open cases of a kind (at most SHOWN), and how many there are in all."""

    lines: list[CaseLine]
    total: int


@dataclass(frozen=True)
class EducationDashboard:
    today: date  # the local date the figures were read on
    mine: CaseList  # the officer's open cases, longest open first
    stale: CaseList  # no enquiry for ``stale_days`` days or more, longest without one first
    stale_days: int
    whereabouts_unknown: CaseList  # longest open first
    absence: list[AbsenceRun]
    open_total: int
    open_longer: dict[int, int]  # weeks -> open cases referred more than that many weeks ago


def _open_cases(register: Register, condition: str, order: str, parameters: dict[str, Any]) -> CaseList:
    """Open cases meeting ``condition`` (SQL over cme_cases k), the first SHOWN in ``order``, and their number."""
    where = f"FROM cme_cases k WHERE k.closed_on IS NULL AND {condition}"
    total = register.db.execute(f"SELECT COUNT(*) {where}", parameters).fetchone()[0]
    rows = list(
        register.db.query(
            f"SELECT k.*, {_LAST_ENQUIRY} AS last_enquiry_on {where} ORDER BY {order} LIMIT {SHOWN}", parameters
        )
    )
    children = children_by_ids(register, [row["child_id"] for row in rows])
    lines = [
        CaseLine(children[row["child_id"]], case_from_row(row), timescales.date_from_text(row["last_enquiry_on"]))
        for row in rows
    ]
    return CaseList(lines, total)


def dashboard(register: Register, officer: str) -> EducationDashboard:
    """Everything the EWO dashboard shows for ``officer`` (as cases name their assigned officer), today."""
    today = clock.today()
    stale_days = settings.get_int(register, settings.CME_STALE_DAYS)
    weeks = {f"w{number}": (today - timedelta(weeks=number)).isoformat() for number in WEEKS_OPEN}
    counted = register.db.execute(
        "SELECT COUNT(*), "
        + ", ".join(f"COALESCE(SUM(referred_on < :w{number}), 0)" for number in WEEKS_OPEN)
        + " FROM cme_cases WHERE closed_on IS NULL",
        weeks,
    ).fetchone()
    # No enquiry for N days or more: the last one (or the referral) on or before N days ago.
    stale_since = (today - timedelta(days=stale_days)).isoformat()
    return EducationDashboard(
        today=today,
        mine=_open_cases(register, "k.assigned_officer = :officer", "k.referred_on, k.id", {"officer": officer}),
        stale=_open_cases(
            register,
            f"COALESCE({_LAST_ENQUIRY}, k.referred_on) <= :since",
            f"COALESCE({_LAST_ENQUIRY}, k.referred_on), k.referred_on, k.id",
            {"since": stale_since},
        ),
        stale_days=stale_days,
        whereabouts_unknown=_open_cases(register, "k.whereabouts_known = 0", "k.referred_on, k.id", {}),
        absence=absence_concerns(register, today),
        open_total=counted[0],
        open_longer=dict(zip(WEEKS_OPEN, counted[1:], strict=True)),
    )
