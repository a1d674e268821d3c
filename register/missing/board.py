"""The missing register's section of the board's summary: episodes, children, durations and interviews."""

from __future__ import annotations

from datetime import timedelta

from register.core import codes, timescales
from register.core.db import Register
from register.core.figures import Row, Section, Sum, columns, counts, per_period, percent
from register.core.periods import Period
from register.missing.records import repeat_missing_rule

_EPISODE_COUNTS = {"1": "1 episode", "2": "2 episodes", "3_5": "3 to 5", "6_10": "6 to 10", "11_plus": "11 or more"}


def children_per_period(register: Register, periods: list[Period]) -> list[tuple]:
    """Per period: children, average episodes, children with 1, 2, 3-5, 6-10, 11+ episodes, repeat missing."""
    count, span = repeat_missing_rule(register)
    window = {
        "lag": count - 1,
        "from": timescales.to_text(periods[0].starts_at() - span),
        "to": timescales.to_text(periods[-1].ends_at()),
    }
    # Each child's episodes in each period, and whether any began with N or more within the D days up
    # to it: its (N-1)th episode before began within those D days (earlier periods count too).
    # Read child by child from the (child, start) index, so the window needs no sorting.
    return columns(
        per_period(
            register,
            periods,
            (
                "SELECT p.idx, COUNT(c.child_id), ROUND(SUM(c.n) * 1.0 / NULLIF(COUNT(c.child_id), 0), 1), "
                "SUM(c.n = 1), SUM(c.n = 2), SUM(c.n BETWEEN 3 AND 5), "
                "SUM(c.n BETWEEN 6 AND 10), SUM(c.n >= 11), SUM(c.repeat) FROM p LEFT JOIN ("
                "SELECT p.idx AS idx, x.child_id, COUNT(*) AS n, "
                f"MAX({timescales.within_sql('x.earlier', 'x.started_at', span)}) AS repeat FROM ("
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


def section(
    register: Register, periods: list[Period], headings: tuple[str, ...], keys: tuple[str, ...], per_child: list[tuple]
) -> Section:
    """The missing section for ``periods`` (oldest first), given ``children_per_period`` worked out for them."""
    section = Section("missing", "Missing from home or care")

    table = section.table_adder(headings, keys)

    started = columns(
        per_period(
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
            Row("missing.began.type.A", "Away from placement without authorisation (A)", away),
            Row("missing.began.children", "Children", children),
            Row(
                "missing.began.average_per_child",
                "Average episodes per child",
                average,
                "ratio",
                ("missing.began.episodes", "missing.began.children"),
            ),
        ],
    )
    section.sums.append(Sum("missing.began.episodes", ("missing.began.type.M", "missing.began.type.A")))
    table(
        "Episodes by looked after status at the start",
        counts(
            "missing.began.looked_after",
            ["this", "other", "none"],
            ["Looked after by this authority", "Placed here by another authority", "Not looked after"],
            started[3:6],
        ),
        total="missing.began.episodes",
    )
    table(
        "Episodes by police risk grade",
        counts(
            "missing.began.risk",
            [*codes.RISK_GRADES, "not_recorded"],
            [*codes.RISK_GRADES.values(), "Not recorded"],
            started[6:11],
        ),
        total="missing.began.episodes",
    )
    table(
        "Episodes with exploitation concerns",
        counts(
            "missing.began.concern",
            list(codes.EXPLOITATION_CONCERNS),
            list(codes.EXPLOITATION_CONCERNS.values()),
            started[11:15],
        ),
    )
    count, span = repeat_missing_rule(register)
    table(
        "Children by number of episodes in the period",
        [
            *counts(
                "missing.children.episodes",
                list(_EPISODE_COUNTS),
                list(_EPISODE_COUNTS.values()),
                per_child[2:7],
            ),
            Row(
                "missing.children.repeat",
                f"Repeat missing ({count} or more episodes within {span.days} days)",
                per_child[7],
            ),
        ],
    )
    section.sums.append(Sum("missing.began.children", tuple(f"missing.children.episodes.{n}" for n in _EPISODE_COUNTS)))

    ended = columns(
        per_period(
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
            *counts(
                "missing.ended.duration",
                ["under_24_hours", "1_2_days", "3_7_days", "over_7_days"],
                ["Under 24 hours", "1 to 2 days", "3 to 7 days", "Over 7 days"],
                ended[1:5],
            ),
        ],
        total="missing.ended.episodes",
    )
    # Open at the end: still open now, or ended after the end; an episode ending after the end
    # began at most the longest episode's length before it.
    longest = register.db.execute("SELECT COALESCE(MAX(duration_minutes), 0) FROM missing_episodes").fetchone()[0]
    still = columns(
        per_period(
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
    ended_row = section.tables[-1].rows[0]
    for (code, name), values in zip(names.items(), ended[5:12], strict=True):
        state = Row(f"missing.interviews.{code}", name, values)
        rows += [state, percent(f"{state.key}.percent", f"{name}, % of episodes that ended", state, ended_row)]
    table("Return home interviews after episodes that ended in the period", rows)
    # Every episode that ended has one of these states: the rest (offered, accepted) overlap them.
    states = ("in_time", "late", "declined", "not_offered", "pending")
    section.sums.append(Sum("missing.ended.episodes", tuple(f"missing.interviews.{state}" for state in states)))
    return section


def known_in(register: Register, period: Period) -> tuple[str, dict[str, str]]:
    """SQL of the children with an episode open at any time in the period (with :t0 and :t1), and its
    own parameters. An episode overlapping the period began at most the longest episode's length before
    it, or is still open."""
    longest = register.db.execute("SELECT COALESCE(MAX(duration_minutes), 0) FROM missing_episodes").fetchone()[0]
    sql = (
        "SELECT child_id FROM missing_episodes WHERE started_at >= :missing_t0_less_longest "
        "AND started_at < :t1 AND ended_at >= :t0 "
        "UNION ALL SELECT child_id FROM missing_episodes WHERE ended_at IS NULL AND started_at < :t1"
    )
    return sql, {"missing_t0_less_longest": timescales.to_text(period.starts_at() - timedelta(minutes=longest))}
