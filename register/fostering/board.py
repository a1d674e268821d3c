"""The private fostering register's section of the board's summary: notifications, arrangements, visits."""

from __future__ import annotations

from register.core import timescales
from register.core.db import Register
from register.core.figures import Row, Section, Sum, columns, counts, per_period, percent
from register.core.periods import Period

_NOTIFIED = "FROM p LEFT JOIN pf_arrangements a ON a.notified_on >= p.d0 AND a.notified_on < p.d1"
_ON_TIME = timescales.in_time_sql("s.visited_on", "s.due_on")  # a visit of pf_visit_schedule s


def section(
    register: Register, periods: list[Period], headings: tuple[str, ...], keys: tuple[str, ...], prepared: object = None
) -> Section:
    """The private fostering section for ``periods`` (oldest first)."""
    section = Section("fostering", "Private fostering")

    table = section.table_adder(headings, keys)

    notified = columns(
        per_period(
            register,
            periods,
            (
                "SELECT p.idx, COUNT(a.id), SUM(a.notice = 'advance'), SUM(a.notice = 'late'), "
                "SUM(a.notice = 'emergency'), "
                f"SUM(a.notice = 'other_means'), SUM({_ON_TIME}) "
                f"{_NOTIFIED} LEFT JOIN pf_visit_schedule s ON s.arrangement_id = a.id AND s.kind = 'initial' "
                "GROUP BY p.idx"
            ),
        )
    )
    flow = columns(
        per_period(
            register,
            periods,
            (
                "SELECT p.idx, (SELECT COUNT(*) FROM pf_arrangements a "
                "WHERE a.started_on >= p.d0 AND a.started_on < p.d1), "
                "(SELECT COUNT(*) FROM pf_arrangements a WHERE a.ended_on >= p.d0 AND a.ended_on < p.d1), "
                "(SELECT COUNT(*) FROM pf_arrangements a WHERE a.started_on < p.d1 "
                "AND (a.ended_on IS NULL OR a.ended_on >= p.d1)) "
                "FROM p"
            ),
        )
    )
    statutory = columns(
        per_period(
            register,
            periods,
            (
                f"SELECT p.idx, COUNT(s.visit_id), SUM({_ON_TIME}) FROM p LEFT JOIN pf_visit_schedule s "
                "ON s.kind = 'statutory' AND s.visited_on >= p.d0 AND s.visited_on < p.d1 GROUP BY p.idx"
            ),
        )
    )
    any_visit = columns(
        per_period(
            register,
            periods,
            (
                "SELECT p.idx, COUNT(v.id), SUM(v.seen_alone) FROM p LEFT JOIN pf_visits v "
                "ON v.visited_on >= p.d0 AND v.visited_on < p.d1 GROUP BY p.idx"
            ),
        )
    )
    visits = [*statutory, *any_visit]
    notifications = Row("fostering.notified", "Notifications received", notified[0])
    notices = counts(
        "fostering.notified.notice",
        ["advance", "late", "emergency", "other_means"],
        [
            "Notice given in advance",
            "Notice given late",
            "Notified after an emergency start",
            "Found out by other means",
        ],
        notified[1:5],
    )
    table(
        "Notifications and arrangements",
        [
            notifications,
            *notices,
            Row("fostering.arrangements.begun", "Arrangements begun", flow[0]),
            Row("fostering.arrangements.ended", "Arrangements ended", flow[1]),
            Row("fostering.arrangements.open_at_end", "Children in arrangements at the end of the period", flow[2]),
        ],
    )
    section.sums.append(Sum(notifications.key, tuple(row.key for row in notices)))
    initial = Row(
        "fostering.visits.initial.in_time", "Notifications with an initial visit within 7 working days", notified[5]
    )
    later = Row("fostering.visits.later", "Later (statutory) visits made", visits[0])
    on_time = Row("fostering.visits.later.on_time", "Later visits on time", visits[1])
    any_kind = Row("fostering.visits.any", "Visits of any kind", visits[2])
    alone = Row("fostering.visits.seen_alone", "Child seen alone", visits[3])
    table(
        "Visits",
        [
            initial,
            percent(
                f"{initial.key}.percent",
                "Initial visits within 7 working days, % of notifications",
                initial,
                notifications,
            ),
            later,
            on_time,
            percent(f"{on_time.key}.percent", "Later visits on time, % of later visits", on_time, later),
            any_kind,
            alone,
            percent(f"{alone.key}.percent", "Child seen alone, % of visits", alone, any_kind),
        ],
    )
    return section


def known_in(register: Register, period: Period) -> tuple[str, dict[str, str]]:
    """SQL of the children with an arrangement open at any time in the period (with :d0 and :d1)."""
    return "SELECT child_id FROM pf_arrangements WHERE notified_on < :d1 AND (ended_on IS NULL OR ended_on >= :d0)", {}
