"""The board's oversight figures for a period and the four before it, each computed in SQL.

One Summary feeds the screen, the PDF and the CSV, so the three always agree. Each row has a key
that stays the same when its wording changes, and everything that picks out a figure uses the key:
``section.subject.measure``, dotted and in lower case (``missing.began.episodes``,
``fostering.visits.later.on_time``). A row drawn from a code list ends with the code as the list
spells it (``education.referred.reason.deletion_g``, ``equality.missing.sex.F``). A percentage's key is
that of the count it is a share of with ``.percent`` added, or ``.share`` in the equality tables
(``missing.interviews.in_time.percent``, ``equality.missing.sex.F.share``).
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from register.core import clock, codes, settings, timescales
from register.core.db import Register
from register.core.opening import open_register
from register.core.periods import Period, quarter, year

SMALL = 5  # a published copy shows counts of 1 to 4 as "<5"


@dataclass(frozen=True)
class Row:
    """One measure across the periods. A percentage carries the counts it is a share of."""

    key: str  # stable whatever the wording: see the module's docstring
    measure: str
    values: tuple[float | None, ...]
    kind: str = "count"  # count, percent or ratio
    basis: tuple[int, ...] = ()

    def shown(self, index: int, published: bool = False) -> str:
        """The value as printed: whole counts, one decimal place otherwise, small numbers hidden when published."""
        value = self.values[index]
        if value is None:
            return "–"
        if self.kind == "count":
            if published and 0 < value < SMALL:
                return f"<{SMALL}"
            return f"{int(value):,}"
        if published and self.basis and 0 < self.basis[index] < SMALL:
            return f"<{SMALL} cases"
        return f"{value:.1f}%" if self.kind == "percent" else f"{value:.1f}"

    def csv_value(self, index: int, published: bool = False) -> str:
        text = self.shown(index, published)
        return text.replace(",", "").rstrip("%") if text[0].isdigit() else text


@dataclass(frozen=True)
class Table:
    title: str
    headings: tuple[str, ...]  # one per column of values
    rows: list[Row]
    keys: tuple[str, ...] = ()  # the period key of each column, for the CSV


@dataclass
class Section:
    key: str
    title: str
    tables: list[Table] = field(default_factory=list)


@dataclass
class Summary:
    period: Period
    periods: list[Period]
    authority: str
    produced: datetime
    sections: list[Section]

    def row(self, key: str) -> Row:
        """The row with the given key (``missing.began.episodes``); KeyError naming the key if there is none."""
        for section in self.sections:
            for table in section.tables:
                for row in table.rows:
                    if row.key == key:
                        return row
        raise KeyError(key)

    def figures(self, published: bool = False) -> list[tuple[str, str, str, str, str]]:
        """(key, section, measure, period, value): the rows of the CSV, the same figures as the PDF."""
        found = []
        for section in self.sections:
            for table in section.tables:
                for row in table.rows:
                    measure = f"{table.title}: {row.measure}" if table.title else row.measure
                    for index, key in enumerate(table.keys):
                        found.append((row.key, section.title, measure, key, row.csv_value(index, published)))
        return found


# ---- running the queries --------------------------------------------------------


def _periods_cte(periods: list[Period]) -> tuple[str, dict[str, Any]]:
    """A CTE p(idx, d0, d1, t0, t1): each period's first day, the day after it, and those as instants."""
    values = ", ".join(f"({i}, :d0_{i}, :d1_{i}, :t0_{i}, :t1_{i})" for i in range(len(periods)))
    parameters: dict[str, Any] = {}
    for index, period in enumerate(periods):
        parameters.update(
            {
                f"d0_{index}": period.first.isoformat(),
                f"d1_{index}": period.after.isoformat(),
                f"t0_{index}": timescales.to_text(period.starts_at()),
                f"t1_{index}": timescales.to_text(period.ends_at()),
            }
        )
    return f"WITH p(idx, d0, d1, t0, t1) AS (VALUES {values}) ", parameters


def _per_period(
    register: Register, periods: list[Period], sql: str, named: dict[str, Any] | None = None
) -> list[tuple]:
    """Run ``sql`` (which selects p.idx first and groups by it) and return its rows in period order."""
    cte, parameters = _periods_cte(periods)
    rows = {
        row[0]: tuple(row[1:]) for row in register.db.execute(cte + sql, {**parameters, **(named or {})}).fetchall()
    }
    width = max((len(row) for row in rows.values()), default=0)
    return [rows.get(index, (None,) * width) for index in range(len(periods))]


def _columns(rows: list[tuple]) -> list[tuple[float | None, ...]]:
    """Per-period rows turned into one tuple of values per measure (missing counts are nought)."""
    return [tuple(row[column] if row[column] is not None else 0 for row in rows) for column in range(len(rows[0]))]


def _share(part: tuple, whole: tuple) -> tuple[float | None, ...]:
    return tuple(None if not w else round(100.0 * (p or 0) / w, 1) for p, w in zip(part, whole, strict=True))


def _counts(prefix: str, keys: list[str], names: list[str], columns: list[tuple]) -> list[Row]:
    """Count rows keyed ``prefix.key`` (the code, for a code list), each with its name and values."""
    return [Row(f"{prefix}.{key}", name, values) for key, name, values in zip(keys, names, columns, strict=True)]


def _percent(key: str, name: str, part: tuple, whole: tuple) -> Row:
    return Row(key, name, _share(part, whole), "percent", tuple(int(w or 0) for w in whole))


# ---- missing from home or care ----------------------------------------------------


def _missing_children(register: Register, periods: list[Period]) -> list[tuple]:
    """Per period: children, average episodes, children with 1, 2, 3-5, 6-10, 11+ episodes, repeat missing."""
    count = settings.get_int(register, settings.REPEAT_MISSING_EPISODES)
    days = settings.get_int(register, settings.REPEAT_MISSING_DAYS)
    window = {
        "window": f"-{days} days",
        "lag": count - 1,
        "from": timescales.to_text(periods[0].starts_at() - timedelta(days=days)),
        "to": timescales.to_text(periods[-1].ends_at()),
    }
    # Each child's episodes in each period, and whether any began with N or more in the D days up
    # to it: its (N-1)th episode before began within those D days (earlier periods count too).
    # Read child by child from the (child, start) index, so the window needs no sorting.
    return _columns(
        _per_period(
            register,
            periods,
            (
                "SELECT p.idx, COUNT(c.child_id), ROUND(SUM(c.n) * 1.0 / NULLIF(COUNT(c.child_id), 0), 1), "
                "SUM(c.n = 1), SUM(c.n = 2), SUM(c.n BETWEEN 3 AND 5), "
                "SUM(c.n BETWEEN 6 AND 10), SUM(c.n >= 11), SUM(c.repeat) FROM p LEFT JOIN ("
                "SELECT p.idx AS idx, x.child_id, COUNT(*) AS n, "
                "MAX(x.earlier > strftime('%Y-%m-%dT%H:%M:%SZ', x.started_at, :window)) AS repeat FROM ("
                "SELECT e.child_id, e.started_at, LAG(e.started_at, :lag) OVER "
                "(PARTITION BY e.child_id ORDER BY e.started_at) AS earlier "
                "FROM missing_episodes e INDEXED BY idx_missing_episodes_child_id_started_at "
                "WHERE e.started_at >= :from AND e.started_at < :to) x "
                "JOIN p ON x.started_at >= p.t0 AND x.started_at < p.t1 GROUP BY x.child_id, p.idx) c ON c.idx = p.idx "
                "GROUP BY p.idx"
            ),
            window,
        )
    )


def _missing(
    register: Register, periods: list[Period], headings: tuple[str, ...], keys: tuple[str, ...], per_child: list[tuple]
) -> Section:
    section = Section("missing", "Missing from home or care")

    def table(title: str, rows: list[Row]) -> None:
        section.tables.append(Table(title, headings, rows, keys))

    started = _columns(
        _per_period(
            register,
            periods,
            (
                "SELECT p.idx, COUNT(e.id), SUM(e.type = 'M'), SUM(e.type = 'A'), "
                "SUM(e.looked_after = 1 AND e.looked_after_by = 'this'), "
                "SUM(e.looked_after = 1 AND e.looked_after_by = 'other'), SUM(e.looked_after = 0), "
                "SUM(e.risk_grade = 'none'), SUM(e.risk_grade = 'low'), SUM(e.risk_grade = 'medium'), "
                "SUM(e.risk_grade = 'high'), SUM(e.id IS NOT NULL AND e.risk_grade IS NULL), "
                "SUM(e.cse), SUM(e.cce), SUM(e.county_lines), SUM(e.trafficking) FROM p LEFT JOIN missing_episodes e "
                "INDEXED BY idx_missing_episodes_started_figures ON e.started_at >= p.t0 AND e.started_at < p.t1 "
                "GROUP BY p.idx"
            ),
        )
    )
    children = per_child[0]
    average = tuple(value or None for value in per_child[1])  # no children, no average
    episodes, missing_m, away = started[:3]
    table(
        "Episodes that began in the period",
        [
            Row("missing.began.episodes", "Episodes, all", episodes),
            Row("missing.began.type.M", "Missing (M)", missing_m),
            Row("missing.began.type.A", "Away from placement (A)", away),
            Row("missing.began.children", "Children", children),
            Row("missing.began.average_per_child", "Average episodes per child", average, "ratio"),
        ],
    )
    table(
        "Episodes by looked after status at the start",
        _counts(
            "missing.began.looked_after",
            ["this", "other", "none"],
            ["Looked after by this authority", "Placed here by another authority", "Not looked after"],
            started[3:6],
        ),
    )
    table(
        "Episodes by police risk grade",
        _counts(
            "missing.began.risk",
            [*codes.RISK_GRADES, "not_recorded"],
            [*codes.RISK_GRADES.values(), "Not recorded"],
            started[6:11],
        ),
    )
    table(
        "Episodes with exploitation concerns",
        _counts(
            "missing.began.concern",
            list(codes.EXPLOITATION_CONCERNS),
            list(codes.EXPLOITATION_CONCERNS.values()),
            started[11:15],
        ),
    )
    count = settings.get_int(register, settings.REPEAT_MISSING_EPISODES)
    days = settings.get_int(register, settings.REPEAT_MISSING_DAYS)
    table(
        "Children by number of episodes in the period",
        [
            *_counts(
                "missing.children.episodes",
                ["1", "2", "3_5", "6_10", "11_plus"],
                ["1 episode", "2 episodes", "3 to 5", "6 to 10", "11 or more"],
                per_child[2:7],
            ),
            Row(
                "missing.children.repeat", f"Repeat missing ({count} or more episodes within {days} days)", per_child[7]
            ),
        ],
    )

    ended = _columns(
        _per_period(
            register,
            periods,
            (
                "SELECT p.idx, COUNT(e.id), SUM(e.duration_minutes < 1440), "
                "SUM(e.duration_minutes >= 1440 AND e.duration_minutes < 4320), "
                "SUM(e.duration_minutes >= 4320 AND e.duration_minutes <= 10080), SUM(e.duration_minutes > 10080), "
                "SUM(e.interview_offered), SUM(e.interview_accepted), SUM(e.interview_state = 'in_time'), "
                "SUM(e.interview_state = 'late'), "
                "SUM(e.interview_state = 'declined'), SUM(e.interview_state = 'not_offered'), "
                "SUM(e.interview_state = 'pending') FROM p LEFT JOIN missing_episodes e "
                "INDEXED BY idx_missing_episodes_ended_figures ON e.ended_at >= p.t0 AND e.ended_at < p.t1 "
                "GROUP BY p.idx"
            ),
        )
    )
    returned = ended[0]
    table(
        "Episodes that ended in the period, by how long they lasted",
        [
            Row("missing.ended.episodes", "Episodes that ended", returned),
            *_counts(
                "missing.ended.duration",
                ["under_24_hours", "1_2_days", "3_7_days", "over_7_days"],
                ["Under 24 hours", "1 to 2 days", "3 to 7 days", "Over 7 days"],
                ended[1:5],
            ),
        ],
    )
    # Open at the end: still open now, or ended after the end; an episode ending after the end
    # began at most the longest episode's length before it.
    longest = register.db.execute("SELECT COALESCE(MAX(duration_minutes), 0) FROM missing_episodes").fetchone()[0]
    still = _columns(
        _per_period(
            register,
            periods,
            (
                "SELECT p.idx, (SELECT COUNT(*) FROM missing_episodes e "
                "WHERE e.ended_at IS NULL AND e.started_at < p.t1) "
                "+ (SELECT COUNT(*) FROM missing_episodes e INDEXED BY idx_missing_episodes_started_figures "
                "WHERE e.started_at >= strftime('%Y-%m-%dT%H:%M:%SZ', p.t1, :longest) AND e.started_at < p.t1 "
                "AND e.ended_at >= p.t1) FROM p"
            ),
            {"longest": f"-{longest} minutes"},
        )
    )
    section.tables[-1].rows.append(
        Row("missing.still_missing", "Children still missing at the end of the period", still[0])
    )
    names = {
        "offered": "Offered",
        "accepted": "Accepted",
        "in_time": "Completed within 72 hours",
        "late": "Completed late",
        "declined": "Declined",
        "not_offered": "Not offered",
        "pending": "None recorded yet",
    }
    rows = []
    for (code, name), values in zip(names.items(), ended[5:12], strict=True):
        key = f"missing.interviews.{code}"
        rows += [
            Row(key, name, values),
            _percent(f"{key}.percent", f"{name}, % of episodes that ended", values, returned),
        ]
    table("Return home interviews after episodes that ended in the period", rows)
    return section


# ---- children missing education ---------------------------------------------------

_OPEN_AT_END = "FROM p LEFT JOIN cme_cases k ON k.referred_on < p.d1 AND (k.closed_on IS NULL OR k.closed_on >= p.d1)"
_REFERRED = "FROM p LEFT JOIN cme_cases k ON k.referred_on >= p.d0 AND k.referred_on < p.d1"
# National curriculum year: age on the 31 August before the school year, less 5 (Reception is 0).
_YEAR_GROUP = (
    "(CAST(strftime('%Y', k.referred_on) AS INTEGER) - (strftime('%m', k.referred_on) < '09') "
    "- CAST(strftime('%Y', c.dob) AS INTEGER) - (strftime('%m', c.dob) >= '09') - 5)"
)


def _grouped(register: Register, periods: list[Period], sql: str, groups: list[str]) -> list[tuple]:
    """A query returning (idx, group, count) rows, laid out as one tuple per group across periods."""
    cte, parameters = _periods_cte(periods)
    found: dict[tuple[int, str], int] = {}
    for index, group, number in register.db.execute(cte + sql, parameters).fetchall():
        found[(index, group)] = number
    return [tuple(found.get((index, group), 0) for index in range(len(periods))) for group in groups]


def _education(register: Register, periods: list[Period], headings: tuple[str, ...], keys: tuple[str, ...]) -> Section:
    section = Section("education", "Children missing education")

    def table(title: str, rows: list[Row]) -> None:
        section.tables.append(Table(title, headings, rows, keys))

    open_end = _columns(
        _per_period(
            register,
            periods,
            (
                "SELECT p.idx, COUNT(k.id), SUM(k.referred_on < date(p.d1, '-28 days')), "
                "SUM(k.referred_on < date(p.d1, '-56 days')), SUM(k.referred_on < date(p.d1, '-84 days')), "
                f"SUM(k.whereabouts_known = 0) {_OPEN_AT_END} GROUP BY p.idx"
            ),
        )
    )
    referred = _columns(_per_period(register, periods, f"SELECT p.idx, COUNT(k.id) {_REFERRED} GROUP BY p.idx"))
    closed = _columns(
        _per_period(
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
    by_outcome = _grouped(
        register,
        periods,
        (
            "SELECT p.idx, k.outcome, COUNT(*) FROM p JOIN cme_cases k ON k.closed_on >= p.d0 AND k.closed_on < p.d1 "
            "GROUP BY p.idx, k.outcome"
        ),
        list(labels),
    )
    table(
        "Cases closed, by outcome", _counts("education.closed.outcome", list(labels), list(labels.values()), by_outcome)
    )
    by_reason = _grouped(
        register,
        periods,
        f"SELECT p.idx, k.reason, COUNT(*) {_REFERRED.replace('LEFT ', '')} GROUP BY p.idx, k.reason",
        list(codes.CME_REASONS),
    )
    table(
        "New referrals, by reason",
        _counts(
            "education.referred.reason",
            list(codes.CME_REASONS),
            [label.split(":")[0] for label in codes.CME_REASONS.values()],
            by_reason,
        ),
    )
    year_groups = ["R", *(str(year) for year in range(1, 12)), "other"]
    by_year = _grouped(
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
        _counts("education.referred.year", year_groups, names, by_year),
    )
    by_sex = _grouped(
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
        _counts("education.referred.sex", list(codes.SEXES), list(codes.SEXES.values()), by_sex),
    )
    return section


# ---- private fostering --------------------------------------------------------------

_NOTIFIED = "FROM p LEFT JOIN pf_arrangements a ON a.notified_on >= p.d0 AND a.notified_on < p.d1"


def _fostering(register: Register, periods: list[Period], headings: tuple[str, ...], keys: tuple[str, ...]) -> Section:
    section = Section("fostering", "Private fostering")

    def table(title: str, rows: list[Row]) -> None:
        section.tables.append(Table(title, headings, rows, keys))

    notified = _columns(
        _per_period(
            register,
            periods,
            (
                "SELECT p.idx, COUNT(a.id), SUM(a.notice = 'advance'), SUM(a.notice = 'late'), "
                "SUM(a.notice = 'emergency'), "
                "SUM(a.notice = 'other_means'), SUM(s.visited_on <= s.due_on) "
                f"{_NOTIFIED} LEFT JOIN pf_visit_schedule s ON s.arrangement_id = a.id AND s.kind = 'initial' "
                "GROUP BY p.idx"
            ),
        )
    )
    flow = _columns(
        _per_period(
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
    statutory = _columns(
        _per_period(
            register,
            periods,
            (
                "SELECT p.idx, COUNT(s.visit_id), SUM(s.visited_on <= s.due_on) FROM p LEFT JOIN pf_visit_schedule s "
                "ON s.kind = 'statutory' AND s.visited_on >= p.d0 AND s.visited_on < p.d1 GROUP BY p.idx"
            ),
        )
    )
    any_visit = _columns(
        _per_period(
            register,
            periods,
            (
                "SELECT p.idx, COUNT(v.id), SUM(v.seen_alone) FROM p LEFT JOIN pf_visits v "
                "ON v.visited_on >= p.d0 AND v.visited_on < p.d1 GROUP BY p.idx"
            ),
        )
    )
    visits = [*statutory, *any_visit]
    table(
        "Notifications and arrangements",
        [
            Row("fostering.notified", "Notifications received", notified[0]),
            *_counts(
                "fostering.notified.notice",
                ["advance", "late", "emergency", "other_means"],
                [
                    "Notice given in advance",
                    "Notice given late",
                    "Notified after an emergency start",
                    "Found out by other means",
                ],
                notified[1:5],
            ),
            Row("fostering.arrangements.begun", "Arrangements begun", flow[0]),
            Row("fostering.arrangements.ended", "Arrangements ended", flow[1]),
            Row("fostering.arrangements.open_at_end", "Children in arrangements at the end of the period", flow[2]),
        ],
    )
    table(
        "Visits",
        [
            Row(
                "fostering.visits.initial.in_time",
                "Notifications with an initial visit within 7 working days",
                notified[5],
            ),
            _percent(
                "fostering.visits.initial.in_time.percent",
                "Initial visits within 7 working days, % of notifications",
                notified[5],
                notified[0],
            ),
            Row("fostering.visits.later", "Later (statutory) visits made", visits[0]),
            Row("fostering.visits.later.on_time", "Later visits on time", visits[1]),
            _percent(
                "fostering.visits.later.on_time.percent",
                "Later visits on time, % of later visits",
                visits[1],
                visits[0],
            ),
            Row("fostering.visits.any", "Visits of any kind", visits[2]),
            Row("fostering.visits.seen_alone", "Child seen alone", visits[3]),
            _percent("fostering.visits.seen_alone.percent", "Child seen alone, % of visits", visits[3], visits[2]),
        ],
    )
    return section


# ---- equality and children known to more than one register -----------------------------

_ETHNIC_GROUP = (
    "CASE WHEN c.ethnicity IS NULL OR c.ethnicity IN ('REFU', 'NOBT') THEN 'R' ELSE substr(c.ethnicity, 1, 1) END"
)
_AGE = (
    "(CAST(strftime('%Y', :last) AS INTEGER) - CAST(strftime('%Y', c.dob) AS INTEGER) "
    "- (strftime('%m-%d', :last) < strftime('%m-%d', c.dob)))"
)
AGE_BANDS = {
    "under_10": "Under 10",
    "10_12": "10 to 12",
    "13_15": "13 to 15",
    "16_17": "16 and 17",
    "18_plus": "18 and over",
}
_AGE_BAND = (
    f"CASE WHEN {_AGE} < 10 THEN 'under_10' WHEN {_AGE} < 13 THEN '10_12' WHEN {_AGE} < 16 THEN '13_15' "
    f"WHEN {_AGE} < 18 THEN '16_17' ELSE '18_plus' END"
)

# Who each register counts in the equality tables: children, by id.
KNOWN = [
    (
        "missing",
        "Missing from home or care (children with an episode that began in the period)",
        "SELECT child_id FROM missing_episodes WHERE started_at >= :t0 AND started_at < :t1",
    ),
    (
        "education",
        "Children missing education (new referrals in the period)",
        "SELECT child_id FROM cme_cases WHERE referred_on >= :d0 AND referred_on < :d1",
    ),
    (
        "fostering",
        "Private fostering (notifications in the period)",
        "SELECT child_id FROM pf_arrangements WHERE notified_on >= :d0 AND notified_on < :d1",
    ),
]
# Known at any time in the period: an episode, case or arrangement open during it. An episode
# overlapping the period began at most the longest episode's length before it (or is still open).
ACTIVE = (
    "SELECT child_id, 1 AS m, 0 AS k, 0 AS f FROM missing_episodes WHERE started_at >= :t0_less_longest "
    "AND started_at < :t1 AND ended_at >= :t0 "
    "UNION ALL SELECT child_id, 1, 0, 0 FROM missing_episodes WHERE ended_at IS NULL AND started_at < :t1 "
    "UNION ALL SELECT child_id, 0, 1, 0 FROM cme_cases WHERE referred_on < :d1 "
    "AND (closed_on IS NULL OR closed_on >= :d0) "
    "UNION ALL SELECT child_id, 0, 0, 1 FROM pf_arrangements WHERE notified_on < :d1 "
    "AND (ended_on IS NULL OR ended_on >= :d0)"
)


def _bounds(period: Period) -> dict[str, str]:
    return {
        "t0": timescales.to_text(period.starts_at()),
        "t1": timescales.to_text(period.ends_at()),
        "d0": period.first.isoformat(),
        "d1": period.after.isoformat(),
        "last": period.last.isoformat(),
    }


def _equality(register: Register, period: Period) -> Section:
    section = Section("equality", "Equality: who the registers reach")
    dimensions = [
        ("ethnic", "Ethnic group", _ETHNIC_GROUP, codes.ETHNIC_GROUPS),
        ("sex", "Sex", "c.sex", codes.SEXES),
        ("age", "Age at the end of the period", _AGE_BAND, AGE_BANDS),
    ]
    for known, title, children_sql in KNOWN:
        # The children once, then counted three ways.
        found = {
            (dimension, group): number
            for dimension, group, number in register.db.execute(
                f"WITH known AS MATERIALIZED (SELECT c.* FROM children c WHERE c.id IN ({children_sql})) "
                + " UNION ALL ".join(
                    f"SELECT '{key}', {expression}, COUNT(*) FROM known c GROUP BY 2"
                    for key, _, expression, _ in dimensions
                ),
                _bounds(period),
            ).fetchall()
        }
        total = sum(number for (dimension, _), number in found.items() if dimension == "sex")
        rows = []
        for dimension, name, _, labels in dimensions:
            for code, label in labels.items():
                number = found.get((dimension, code), 0)
                key = f"equality.{known}.{dimension}.{code}"
                rows += [
                    Row(key, f"{name}: {label}", (number,)),
                    _percent(f"{key}.share", f"{name}: {label}, %", (number,), (total,)),
                ]
        section.tables.append(Table(title, (period.short,), rows, (period.key,)))
    return section


def _overlap(register: Register, period: Period) -> Section:
    section = Section("overlap", "Children known to more than one register")
    longest = register.db.execute("SELECT COALESCE(MAX(duration_minutes), 0) FROM missing_episodes").fetchone()[0]
    bounds = {**_bounds(period), "t0_less_longest": timescales.to_text(period.starts_at() - timedelta(minutes=longest))}
    found = register.db.execute(
        "SELECT COALESCE(SUM(m AND k), 0), COALESCE(SUM(m AND f), 0), COALESCE(SUM(k AND f), 0), "
        f"COALESCE(SUM(m AND k AND f), 0) FROM (SELECT child_id, MAX(m) AS m, MAX(k) AS k, MAX(f) AS f "
        f"FROM ({ACTIVE}) GROUP BY child_id)",
        bounds,
    ).fetchone()
    names = {
        "missing_education": "Missing from home or care and missing education",
        "missing_fostering": "Missing from home or care and privately fostered",
        "education_fostering": "Missing education and privately fostered",
        "all_three": "All three registers",
    }
    rows = [Row(f"overlap.{key}", name, (number,)) for (key, name), number in zip(names.items(), found, strict=True)]
    section.tables.append(
        Table("Children known to the registers at any time in the period", (period.short,), rows, (period.key,))
    )
    return section


def _on_own_connection(register: Register, work, *arguments):
    """Run ``work`` on a connection of its own, so that it runs beside the main one (SQLite releases
    the interpreter while it works, and the machine has two cores)."""
    own = open_register(register.path, register.actor)
    try:
        return work(own, *arguments)
    finally:
        own.close()


HISTORY = 4  # the periods shown before the one chosen, for the trend


def summary(register: Register, period: Period, history: int = HISTORY) -> Summary:
    """Every figure for the period, with the ``history`` periods before it beside it."""
    periods = period.with_previous(history)
    headings = tuple(p.short for p in periods)
    keys = tuple(p.key for p in periods)
    with ThreadPoolExecutor(max_workers=1) as pool:
        per_child = pool.submit(_on_own_connection, register, _missing_children, periods)
        education = _education(register, periods, headings, keys)
        fostering = _fostering(register, periods, headings, keys)
        equality = _equality(register, period)
        overlap = _overlap(register, period)
        missing = _missing(register, periods, headings, keys, per_child.result())
    sections = [missing, education, fostering, equality, overlap]
    return Summary(period, periods, settings.get(register, settings.AUTHORITY_NAME), clock.now(), sections)


# ---- keeping computed figures ---------------------------------------------------------


def _data_version(register: Register) -> int:
    """Every write leaves an audit row in its transaction, so the last row's id changes with any record."""
    return register.db.execute("SELECT COALESCE(MAX(id), 0) FROM audit_log").fetchone()[0]


# The layout of the kept JSON; figures kept in any other layout are computed again.
# 1 (no number written): rows without keys. 2: each row's key first.
_FORMAT = 2


def _to_json(summary: Summary) -> str:
    return json.dumps(
        {
            "format": _FORMAT,
            "kind": summary.period.kind,
            "key": summary.period.key,
            "authority": summary.authority,
            "produced": timescales.to_text(summary.produced),
            "sections": [
                {
                    "key": s.key,
                    "title": s.title,
                    "tables": [
                        {
                            "title": t.title,
                            "headings": t.headings,
                            "keys": t.keys,
                            "rows": [[r.key, r.measure, r.values, r.kind, r.basis] for r in t.rows],
                        }
                        for t in s.tables
                    ],
                }
                for s in summary.sections
            ],
        }
    )


def _from_json(text: str) -> Summary | None:
    """The summary kept as JSON, or None if it was kept in another format."""
    data = json.loads(text)
    if data.get("format") != _FORMAT:
        return None
    period = (quarter if data["kind"] == "quarter" else year)(data["key"])
    sections = [
        Section(
            s["key"],
            s["title"],
            [
                Table(
                    t["title"],
                    tuple(t["headings"]),
                    [Row(key, m, tuple(v), k, tuple(b)) for key, m, v, k, b in t["rows"]],
                    tuple(t["keys"]),
                )
                for t in s["tables"]
            ],
        )
        for s in data["sections"]
    ]
    history = len(sections[0].tables[0].headings) - 1
    return Summary(
        period, period.with_previous(history), data["authority"], timescales.from_text(data["produced"]), sections
    )


def _cache_key(period: Period, history: int) -> str:
    return period.key if history == HISTORY else f"{period.key}/{history}"


def kept_summary(register: Register, period: Period, history: int = HISTORY) -> Summary | None:
    """The period's figures as last computed, if no record has changed since and they are in this format; else None."""
    row = register.db.execute(
        "SELECT data_version, summary FROM figure_cache WHERE period = ?", [_cache_key(period, history)]
    ).fetchone()
    return _from_json(row[1]) if row is not None and row[0] == _data_version(register) else None


def cached_summary(register: Register, period: Period, history: int = HISTORY) -> Summary:
    """The period's figures, computed again only if a record has changed since they were last computed."""
    kept = kept_summary(register, period, history)
    if kept is not None:
        return kept
    version = _data_version(register)
    key = _cache_key(period, history)
    found = summary(register, period, history)
    with register.atomic():
        register.db.execute(
            "INSERT INTO figure_cache (period, data_version, computed_at, summary) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(period) DO UPDATE SET data_version = excluded.data_version, "
            "computed_at = excluded.computed_at, summary = excluded.summary",
            [key, version, timescales.to_text(found.produced), _to_json(found)],
        )
    return found
