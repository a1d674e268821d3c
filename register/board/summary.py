"""The board's oversight figures for a period and the four before it, each computed in SQL: every
register's own section (``register/faces.py``), then the sections they share (equality and the
children known to more than one register), kept while no record changes.

One Summary feeds the screen, the PDF and the CSV, so the three always agree; every figure is
found by its key (see ``register/core/figures.py``).
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from register.core import clock, codes, permissions, settings, timescales
from register.core.db import Register
from register.core.errors import PermissionDenied
from register.core.figures import Row, Section, Sum, Summary, Table, bounds, percent
from register.core.opening import open_register
from register.core.periods import Period, quarter, year
from register.faces import REGISTERS

# What the sections every register shares count, printed under their headings.
COUNTS = {
    "equality": "Children reached by each register in the period, by ethnic group (DfE groups), sex and age.",
    "overlap": "Children with "
    + ", ".join(face.board.open_record for face in REGISTERS[:-1])
    + f" or {REGISTERS[-1].board.open_record} open at any time in the period.",
}

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


def _equality(register: Register, period: Period) -> Section:
    section = Section("equality", "Equality: who the registers reach")
    dimensions = [
        ("ethnic", "Ethnic group", _ETHNIC_GROUP, codes.ETHNIC_GROUPS),
        ("sex", "Sex", "c.sex", codes.SEXES),
        ("age", "Age at the end of the period", _AGE_BAND, AGE_BANDS),
    ]
    for face in REGISTERS:
        title, children_sql = face.board.reached
        # The children once, then counted three ways.
        found = {
            (dimension, group): number
            for dimension, group, number in register.db.execute(
                f"WITH known AS MATERIALIZED (SELECT c.* FROM children c WHERE c.id IN ({children_sql})) "
                + " UNION ALL ".join(
                    f"SELECT '{key}', {expression}, COUNT(*) FROM known c GROUP BY 2"
                    for key, _, expression, _ in dimensions
                ),
                bounds(period),
            ).fetchall()
        }
        total = Row(
            f"equality.{face.key}.children",
            "Children",
            (sum(number for (dimension, _), number in found.items() if dimension == "sex"),),
        )
        rows = [total]
        for dimension, name, _, labels in dimensions:
            parts = []
            for code, label in labels.items():
                count = Row(
                    f"equality.{face.key}.{dimension}.{code}", f"{name}: {label}", (found.get((dimension, code), 0),)
                )
                rows += [count, percent(f"{count.key}.share", f"{name}: {label}, %", count, total)]
                parts.append(count.key)
            section.sums.append(Sum(total.key, tuple(parts)))  # each way of counting adds up to the children
        section.tables.append(Table(title, (period.short,), rows, (period.key,)))
    return section


NUMBER_WORDS = {3: "three", 4: "four", 5: "five", 6: "six"}


def _overlap(register: Register, period: Period) -> Section:
    """Children with a record open at any time in the period in each pair of registers, and in all of them."""
    section = Section("overlap", "Children known to more than one register")
    parameters: dict[str, str] = bounds(period)
    parts = []
    for number, face in enumerate(REGISTERS):
        sql, own = face.board.known(register, period)
        parameters |= own
        flags = ", ".join(f"{int(other == number)} AS r{other}" for other in range(len(REGISTERS)))
        parts.append(f"SELECT child_id, {flags} FROM ({sql})")
    groups = [tuple(pair) for pair in combinations(range(len(REGISTERS)), 2)]
    keys = [f"{REGISTERS[a].key}_{REGISTERS[b].key}" for a, b in groups]
    names = [f"{REGISTERS[a].board.known_as.capitalize()} and {REGISTERS[b].board.known_as}" for a, b in groups]
    if len(REGISTERS) > 2:
        groups.append(tuple(range(len(REGISTERS))))
        keys.append(f"all_{NUMBER_WORDS[len(REGISTERS)]}")
        names.append(f"All {NUMBER_WORDS[len(REGISTERS)]} registers")
    sums = ", ".join("COALESCE(SUM(" + " AND ".join(f"r{n}" for n in group) + "), 0)" for group in groups)
    most = ", ".join(f"MAX(r{n}) AS r{n}" for n in range(len(REGISTERS)))
    found = register.db.execute(
        f"SELECT {sums} FROM (SELECT child_id, {most} FROM ({' UNION ALL '.join(parts)}) GROUP BY child_id)",
        parameters,
    ).fetchone()
    rows = [Row(f"overlap.{key}", name, (number,)) for key, name, number in zip(keys, names, found, strict=True)]
    section.tables.append(
        Table("Children known to the registers at any time in the period", (period.short,), rows, (period.key,))
    )
    return section


def _on_own_connection(register: Register, work, *arguments):
    """Run ``work`` on a connection of its own, so that it runs beside the main one (SQLite releases
    the interpreter while it works, and the machine has two cores)."""
    own = open_register(
        register.path,
        register.actor,
        create=False,
        read_only=register.read_only is not None,
        sign_in=register.unlocked,
    )
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
        # Each register's slow part runs on its own connection while the rest are worked out here.
        prepared = {
            face.key: pool.submit(_on_own_connection, register, face.board.prepare, periods)
            for face in REGISTERS
            if face.board.prepare is not None
        }
        own = {
            face.key: face.board.figures(register, periods, headings, keys, None)
            for face in REGISTERS
            if face.board.prepare is None
        }
        equality = _equality(register, period)
        overlap = _overlap(register, period)
        for face in REGISTERS:
            if face.key in prepared:
                own[face.key] = face.board.figures(register, periods, headings, keys, prepared[face.key].result())
    sections = [*(own[face.key] for face in REGISTERS), equality, overlap]
    return Summary(
        period,
        periods,
        settings.get(register, settings.AUTHORITY_NAME),
        clock.now(),
        sections,
        settings.get(register, settings.PARTNERSHIP_NAME),
    )


# ---- keeping computed figures ---------------------------------------------------------


def _data_version(register: Register) -> int:
    """Every write leaves an audit row in its transaction, so the last row's id changes with any record."""
    return register.db.execute("SELECT COALESCE(MAX(id), 0) FROM audit_log").fetchone()[0]


# The layout of the kept JSON; figures kept in any other layout are computed again.
# 1 (no number written): rows without keys. 2: each row's key first. 3: quarters of the financial year,
# the keys a percentage is worked out from, the totals (sums) and the partnership's name.
_FORMAT = 3


def _to_json(summary: Summary) -> str:
    return json.dumps(
        {
            "format": _FORMAT,
            "kind": summary.period.kind,
            "key": summary.period.key,
            "authority": summary.authority,
            "partnership": summary.partnership,
            "produced": timescales.to_text(summary.produced),
            "sections": [
                {
                    "key": s.key,
                    "title": s.title,
                    "sums": [[total.total, total.parts] for total in s.sums],
                    "tables": [
                        {
                            "title": t.title,
                            "headings": t.headings,
                            "keys": t.keys,
                            "rows": [[r.key, r.measure, r.values, r.kind, r.of] for r in t.rows],
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
                    [Row(key, m, tuple(v), k, tuple(of)) for key, m, v, k, of in t["rows"]],
                    tuple(t["keys"]),
                )
                for t in s["tables"]
            ],
            [Sum(total, tuple(parts)) for total, parts in s["sums"]],
        )
        for s in data["sections"]
    ]
    history = len(sections[0].tables[0].headings) - 1
    return Summary(
        period,
        period.with_previous(history),
        data["authority"],
        timescales.from_text(data["produced"]),
        sections,
        data["partnership"],
    )


def _cache_key(period: Period, history: int) -> str:
    """Where a period's figures are kept: under a key naming the format, so that a version of the program
    that keeps another format (the one before keys: the bare period key) never reads these, nor these it."""
    return f"format {_FORMAT}: {period.key}" + ("" if history == HISTORY else f"/{history}")


def _published_key(period: Period) -> str:
    return f"format {_FORMAT}, published: {period.key}"


def publish(register: Register, summary: Summary) -> None:
    """Keep ``summary`` as its period's published copy, which the partnership's board readers read (they
    may read the kept figures, the commentary and the settings, and nothing else); it replaces the one
    published before. PermissionDenied unless the person's role may publish the board's summaries."""
    register.require(permissions.PUBLISH)
    with register.atomic():
        register.db.execute(
            "INSERT INTO figure_cache (period, data_version, computed_at, summary) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(period) DO UPDATE SET data_version = excluded.data_version, "
            "computed_at = excluded.computed_at, summary = excluded.summary",
            [
                _published_key(summary.period),
                _data_version(register),
                timescales.to_text(clock.now()),
                _to_json(summary),
            ],
        )


def published_summary(register: Register, period: Period) -> Summary | None:
    """The period's published copy (see ``publish``), or None if it has not been published."""
    row = register.db.execute("SELECT summary FROM figure_cache WHERE period = ?", [_published_key(period)]).fetchone()
    return _from_json(row[0]) if row is not None else None


def reads_published_only(register: Register) -> bool:
    """Whether the person may read only what is published (a board reader), not the records the figures come from."""
    return not register.may_read("audit_log")


# What working the figures out reads: every register's records, the children, the settings and the audit trail
# (whose last row says whether kept figures are still current).
READS = ("children", "settings", "audit_log", *(table for face in REGISTERS for table in face.tables))


def may_work_out(register: Register) -> bool:
    """Whether the person's role may read whole every table the figures are worked out from. A role with any
    of them refused, or any column of them hidden (which would read as empty and count as nothing), may only
    read the figures last kept (``last_kept``)."""
    try:
        for table in READS:
            register.require_whole(table)
    except PermissionDenied:
        return False
    return True


def last_kept(register: Register, period: Period, history: int = HISTORY) -> Summary | None:
    """The period's figures as last worked out and kept, however many records changed since (their
    ``produced`` says when), or None if they never were; reads the kept figures alone (figure_cache)."""
    row = register.db.execute(
        "SELECT summary FROM figure_cache WHERE period IN (?, ?) ORDER BY period = ? DESC LIMIT 1",
        [_frozen_key(period, history), _cache_key(period, history), _frozen_key(period, history)],
    ).fetchone()
    return _from_json(row[0]) if row is not None else None


def kept_summary(register: Register, period: Period, history: int = HISTORY) -> Summary | None:
    """The period's figures as frozen before an erasure (``frozen``), else as last computed if no record has
    changed since and they are in this format; else None."""
    frozen = register.db.execute(
        "SELECT summary FROM figure_cache WHERE period = ?", [_frozen_key(period, history)]
    ).fetchone()
    if frozen is not None:
        return _from_json(frozen[0])
    row = register.db.execute(
        "SELECT data_version, summary FROM figure_cache WHERE period = ?", [_cache_key(period, history)]
    ).fetchone()
    return _from_json(row[1]) if row is not None and row[0] == _data_version(register) else None


# ---- figures frozen before an erasure ------------------------------------------------------------------


def _frozen_key(period: Period, history: int) -> str:
    return f"format {_FORMAT}, frozen: {period.key}" + ("" if history == HISTORY else f"/{history}")


@dataclass(frozen=True)
class Frozen:
    """A reported period's figures as they stand, to be kept unchanged from now on (``freeze``): where they
    are kept, the data version (the audit trail's last row) they were worked out at, and the figures as JSON."""

    key: str
    data_version: int
    summary: str


def to_freeze(register: Register, before: date) -> list[Frozen]:
    """The figures of every period that ended before the day ``before`` and was already reported (its
    figures worked out and kept at least once), as the records now stand, and not frozen yet: worked out
    again where records changed since they were kept. Reads only; ``freeze`` keeps them.

    An erasure (register/retention) takes a child's records away: the figures of periods already reported
    to the board must not change with it, so they are frozen first; those of the current period may.
    """
    version = _data_version(register)
    kept = {
        key.removeprefix(f"format {_FORMAT}: "): (kept_version, text)
        for key, kept_version, text in register.db.execute(
            "SELECT period, data_version, summary FROM figure_cache WHERE period LIKE ?", [f"format {_FORMAT}: %"]
        )
    }
    # Each period's whole summary is frozen, with the periods before it, whichever part was shown first.
    found = []
    for key in sorted({key.partition("/")[0] for key in kept} | set(kept)):
        period_key, _, history_text = key.partition("/")
        period = (quarter if "Q" in period_key.upper() else year)(period_key)
        history = int(history_text) if history_text else HISTORY
        if (
            period.after > before
            or register.db.execute(
                "SELECT 1 FROM figure_cache WHERE period = ?", [_frozen_key(period, history)]
            ).fetchone()
        ):
            continue  # the current period, or frozen already
        kept_version, text = kept.get(key, (None, ""))
        if kept_version != version:
            text = _to_json(summary(register, period, history))
        found.append(Frozen(_frozen_key(period, history), version, text))
    return found


def freeze(register: Register, frozen: list[Frozen]) -> bool:
    """Keep ``frozen`` (from ``to_freeze``) as their periods' figures from now on, if no record has changed
    since they were worked out; returns whether they were kept (False: work them out again). Call inside
    register.atomic(), before the records change."""
    if any(each.data_version != _data_version(register) for each in frozen):
        return False
    register.db.conn.executemany(
        "INSERT OR IGNORE INTO figure_cache (period, data_version, computed_at, summary) VALUES (?, ?, ?, ?)",
        [(each.key, each.data_version, timescales.to_text(clock.now()), each.summary) for each in frozen],
    )
    return True


def cached_summary(register: Register, period: Period, history: int = HISTORY) -> Summary:
    """The period's figures, computed again only if a record has changed since they were last computed."""
    kept = kept_summary(register, period, history)
    if kept is not None:
        return kept
    version = _data_version(register)
    key = _cache_key(period, history)
    found = summary(register, period, history)
    if register.read_only is not None:  # open for viewing only: worked out each time, never kept
        return found
    with register.atomic():
        register.db.execute(
            "INSERT INTO figure_cache (period, data_version, computed_at, summary) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(period) DO UPDATE SET data_version = excluded.data_version, "
            "computed_at = excluded.computed_at, summary = excluded.summary",
            [key, version, timescales.to_text(found.produced), _to_json(found)],
        )
    return found
