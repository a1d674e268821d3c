"""The register's schema, as an append-only list of migrations.

A released migration is never edited: change the schema by adding m005_..., m006_...
Each migration is self-contained: literal SQL and literal seed rows, calling no live code,
so that it writes the same thing forever (tests/core/schema.json holds what the whole list
builds, and a test compares a fresh file with it). Rows that depend on the day the file is
created (the default term calendar, the working-day table) are filled by the opening step,
not here. docs/schema.md describes the result for analysts.
"""

from __future__ import annotations

import hashlib
import json

from sqlite_utils import Database, Migrations

migrations = Migrations("register")
KNOWN: list[str] = []


def migration(function):
    """Register a migration, remembering its name so a newer file can be recognised."""
    KNOWN.append(function.__name__)
    return migrations()(function)


# Columns every editable record carries: a version for refusing stale saves, and
# who changed it last and when (ISO 8601 UTC).
_RECORD = {"version": int, "updated_at": str, "updated_by": str}
_RECORD_NOT_NULL = {"version", "updated_at", "updated_by"}


@migration
def m001_missing_register(db: Database) -> None:
    db.table("settings").create({"key": str, "value": str}, pk="key", not_null={"value"})

    db.table("children").create(
        {
            "id": int,
            "forenames": str,
            "surname": str,
            "other_names": str,
            "dob": str,
            "sex": str,
            "ethnicity": str,
            "disabled": int,
            "looked_after": int,
            "looked_after_by": str,
            "address": str,
            "postcode": str,
            "school": str,
            "first_language": str,
            "upn": str,
            "nhs_number": str,
            "la_id": str,
            **_RECORD,
        },
        pk="id",
        not_null={"forenames", "surname", "dob", "sex", "disabled", "looked_after"} | _RECORD_NOT_NULL,
        defaults={"sex": "U", "disabled": 0, "looked_after": 0},
    )
    for column in ("upn", "nhs_number", "la_id"):
        db.execute(f"CREATE UNIQUE INDEX idx_children_{column} ON children({column}) WHERE {column} IS NOT NULL")
    db.table("children").create_index(["dob"])
    db.table("children").create_index(["surname", "forenames"])

    # Every word of every name, folded for matching (lower case, no accents), so that
    # a prefix of any name finds the child through an index.
    db.execute(
        "CREATE TABLE child_name_words (word TEXT NOT NULL, child_id INTEGER NOT NULL "
        "REFERENCES children(id) ON DELETE CASCADE, PRIMARY KEY (word, child_id)) WITHOUT ROWID"
    )
    db.execute("CREATE INDEX idx_child_name_words_child ON child_name_words(child_id)")

    db.table("missing_episodes").create(
        {
            "id": int,
            "child_id": int,
            "type": str,
            "started_at": str,
            "last_seen_place": str,
            "ended_at": str,
            "found_place": str,
            "reported_at": str,
            "police_reference": str,
            "risk_grade": str,
            "looked_after": int,
            "looked_after_by": str,
            "placing_authority": str,
            "cse": int,
            "cce": int,
            "county_lines": int,
            "trafficking": int,
            "notes": str,
            "duration_minutes": int,
            "interview_due_at": str,
            "interview_state": str,
            "interview_offered": int,
            "interview_accepted": int,
            **_RECORD,
        },
        pk="id",
        foreign_keys=[("child_id", "children", "id")],
        not_null={
            "child_id",
            "type",
            "started_at",
            "looked_after",
            "cse",
            "cce",
            "county_lines",
            "trafficking",
            "interview_state",
            "interview_offered",
            "interview_accepted",
        }
        | _RECORD_NOT_NULL,
        defaults={
            "looked_after": 0,
            "cse": 0,
            "cce": 0,
            "county_lines": 0,
            "trafficking": 0,
            "interview_offered": 0,
            "interview_accepted": 0,
        },
    )
    episodes = db.table("missing_episodes")
    episodes.create_index(["child_id", "started_at"])
    for column in (
        "started_at",
        "ended_at",
        "type",
        "risk_grade",
        "looked_after",
        "police_reference",
        "duration_minutes",
    ):
        episodes.create_index([column])
    episodes.create_index(["interview_state", "interview_due_at"])
    db.execute("CREATE INDEX idx_missing_episodes_open ON missing_episodes(started_at) WHERE ended_at IS NULL")
    # Covering indexes for the board's figures: a period's episodes are read from the index alone.
    episodes.create_index(
        [
            "started_at",
            "child_id",
            "ended_at",
            "type",
            "looked_after",
            "looked_after_by",
            "risk_grade",
            "cse",
            "cce",
            "county_lines",
            "trafficking",
        ],
        index_name="idx_missing_episodes_started_figures",
    )
    episodes.create_index(
        ["ended_at", "duration_minutes", "interview_state", "interview_offered", "interview_accepted"],
        index_name="idx_missing_episodes_ended_figures",
    )

    db.table("return_interviews").create(
        {
            "id": int,
            "child_id": int,
            "offered_at": str,
            "offered_by": str,
            "service": str,
            "outcome": str,
            "outcome_reason": str,
            "completed_at": str,
            "completed_by": str,
            "independent": int,
            "push_factors": str,
            "pull_factors": str,
            "harm_disclosed": str,
            "where_went": str,
            "with_whom": str,
            "exploitation_indicators": str,
            "referred_cse_panel": int,
            "referred_mash": int,
            "shared_with_police": int,
            "strategy_meeting": int,
            "notes": str,
            **_RECORD,
        },
        pk="id",
        foreign_keys=[("child_id", "children", "id")],
        not_null={
            "child_id",
            "referred_cse_panel",
            "referred_mash",
            "shared_with_police",
            "strategy_meeting",
        }
        | _RECORD_NOT_NULL,
        defaults={
            "referred_cse_panel": 0,
            "referred_mash": 0,
            "shared_with_police": 0,
            "strategy_meeting": 0,
        },
    )
    db.table("return_interviews").create_index(["child_id"])
    # One interview may cover several episodes; an episode has at most one interview.
    db.execute(
        "CREATE TABLE interview_episodes ("
        "interview_id INTEGER NOT NULL REFERENCES return_interviews(id) ON DELETE CASCADE, "
        "episode_id INTEGER NOT NULL UNIQUE REFERENCES missing_episodes(id) ON DELETE CASCADE, "
        "PRIMARY KEY (interview_id, episode_id))"
    )

    db.table("audit_log").create(
        {
            "id": int,
            "at": str,
            "actor": str,
            "role": str,
            "action": str,
            "table_name": str,
            "row_id": int,
            "before": str,
            "after": str,
        },
        pk="id",
        not_null={"at", "actor", "role", "action", "table_name"},
    )
    db.table("audit_log").create_index(["table_name", "row_id"])


@migration
def m002_education_register(db: Database) -> None:
    db.table("schools").create({"urn": str, "name": str}, pk="urn", not_null={"name"})
    db.table("school_terms").create(
        {"id": int, "name": str, "starts_on": str, "ends_on": str, **_RECORD},
        pk="id",
        not_null={"name", "starts_on", "ends_on"} | _RECORD_NOT_NULL,
    )
    db.table("school_terms").create_index(["starts_on"])
    db.table("school_closures").create(
        {"id": int, "day": str, "reason": str, **_RECORD},
        pk="id",
        not_null={"day", "reason"} | _RECORD_NOT_NULL,
    )
    db.table("school_closures").create_index(["day"], unique=True)

    db.table("absences").create(
        {
            "id": int,
            "child_id": int,
            "school_urn": str,
            "from_on": str,
            "to_on": str,
            "sessions_missed": int,
            "attendance_codes": str,
            "note": str,
            **_RECORD,
        },
        pk="id",
        foreign_keys=[("child_id", "children", "id"), ("school_urn", "schools", "urn")],
        not_null={"child_id", "school_urn", "from_on", "to_on"} | _RECORD_NOT_NULL,
    )
    db.table("absences").create_index(["child_id", "from_on"])
    db.table("absences").create_index(["to_on"])
    db.table("absences").create_index(["school_urn"])

    db.table("cme_outcomes").create(
        {"code": str, "label": str, "active": int, "position": int},
        pk="code",
        not_null={"label", "active", "position"},
        defaults={"active": 1},
    )
    # The default outcomes; the authority edits its own list afterwards.
    outcomes = [
        ("on_roll_here", "On roll at a school here"),
        ("on_roll_elsewhere", "On roll elsewhere (other authority confirmed)"),
        ("home_education", "Suitable home education confirmed"),
        ("moved_authority", "Moved to another authority (handed over)"),
        ("left_country", "Left the country (confirmed)"),
        ("whereabouts_unknown", "Whereabouts unknown after all enquiries (lost pupil record)"),
        ("alternative_provision", "Alternative provision arranged"),
        ("past_school_age", "Past compulsory school age"),
        ("died", "Died"),
    ]
    db.table("cme_outcomes").insert_all(
        [
            {"code": code, "label": label, "active": 1, "position": number}
            for number, (code, label) in enumerate(outcomes)
        ]
    )

    db.table("cme_cases").create(
        {
            "id": int,
            "child_id": int,
            "referred_on": str,
            "referred_by": str,
            "referrer_urn": str,
            "referrer_name": str,
            "reason": str,
            "last_attended_on": str,
            "whereabouts_known": int,
            "assigned_officer": str,
            "school_age_note": str,
            "notes": str,
            "outcome": str,
            "closed_on": str,
            "closing_note": str,
            **_RECORD,
        },
        pk="id",
        foreign_keys=[("child_id", "children", "id"), ("outcome", "cme_outcomes", "code")],
        not_null={"child_id", "referred_on", "referred_by", "reason", "whereabouts_known"} | _RECORD_NOT_NULL,
        defaults={"whereabouts_known": 0},
    )
    cases = db.table("cme_cases")
    cases.create_index(["child_id", "referred_on"])
    for column in (
        "referred_on",
        "closed_on",
        "reason",
        "assigned_officer",
        "outcome",
        "whereabouts_known",
        "referred_by",
    ):
        cases.create_index([column])
    db.execute("CREATE INDEX idx_cme_cases_open ON cme_cases(referred_on) WHERE closed_on IS NULL")

    db.table("cme_enquiries").create(
        {"id": int, "case_id": int, "agency": str, "made_on": str, "result": str, **_RECORD},
        pk="id",
        foreign_keys=[("case_id", "cme_cases", "id")],
        not_null={"case_id", "agency", "made_on", "result"} | _RECORD_NOT_NULL,
    )
    db.table("cme_enquiries").create_index(["case_id", "made_on"])
    db.table("cme_escalations").create(
        {"id": int, "case_id": int, "escalated_to": str, "escalated_on": str, "note": str, **_RECORD},
        pk="id",
        foreign_keys=[("case_id", "cme_cases", "id")],
        not_null={"case_id", "escalated_to", "escalated_on"} | _RECORD_NOT_NULL,
    )
    db.table("cme_escalations").create_index(["case_id"])


@migration
def m003_private_fostering(db: Database) -> None:
    # Every day with whether it is a working day and a running count of working days, so
    # that "the 7th working day after" is one lookup in SQL (rebuilt when bank holidays change).
    db.table("calendar_days").create(
        {"day": str, "working": int, "working_day_number": int}, pk="day", not_null={"working", "working_day_number"}
    )
    db.table("calendar_days").create_index(["working_day_number", "working"])
    db.table("pf_arrangements").create(
        {
            "id": int,
            "child_id": int,
            "notified_on": str,
            "aware_on": str,
            "notified_by": str,
            "notice": str,
            "intended_start_on": str,
            "started_on": str,
            "purpose": str,
            "intended_duration_days": int,
            "carer_name": str,
            "carer_address": str,
            "carer_relationship": str,
            "parents": str,
            "born_abroad": int,
            "disabled": int,
            "suitability": str,
            "suitability_on": str,
            "suitability_note": str,
            "ended_on": str,
            "end_reason": str,
            "end_destination": str,
            "notes": str,
            **_RECORD,
        },
        pk="id",
        foreign_keys=[("child_id", "children", "id")],
        not_null={
            "child_id",
            "notified_on",
            "aware_on",
            "notified_by",
            "notice",
            "intended_start_on",
            "carer_name",
            "carer_relationship",
            "born_abroad",
            "disabled",
        }
        | _RECORD_NOT_NULL,
        defaults={"born_abroad": 0, "disabled": 0},
    )
    arrangements = db.table("pf_arrangements")
    for columns in (["child_id"], ["notified_on"], ["ended_on"], ["started_on"]):
        arrangements.create_index(columns)
    db.table("pf_visits").create(
        {
            "id": int,
            "arrangement_id": int,
            "visited_on": str,
            "kind": str,
            "officer": str,
            "seen_alone": int,
            "not_alone_reason": str,
            "matters": str,
            "notes": str,
            **_RECORD,
        },
        pk="id",
        foreign_keys=[("arrangement_id", "pf_arrangements", "id")],
        not_null={"arrangement_id", "visited_on", "kind", "seen_alone"} | _RECORD_NOT_NULL,
    )
    db.table("pf_visits").create_index(["arrangement_id", "visited_on"])
    db.table("pf_visits").create_index(["visited_on"])
    db.table("pf_visits").create_index(["kind"])
    # Each initial and statutory visit with the visit before it and when this one was due:
    # six weeks after a visit in the first year from when the authority became aware of the
    # arrangement, twelve weeks after a later one (the 2005 Regulations, reg 8).
    db.execute(
        "CREATE VIEW pf_visit_schedule AS "
        "SELECT v.id AS visit_id, v.arrangement_id, v.kind, v.visited_on, v.seen_alone, "
        "LAG(v.visited_on) OVER w AS previous_on, "
        "CASE WHEN v.kind = 'initial' THEN "
        "(SELECT after.day FROM calendar_days after WHERE after.working = 1 AND after.working_day_number = "
        "(SELECT start.working_day_number FROM calendar_days start WHERE start.day = a.notified_on) + 7) "
        "WHEN LAG(v.visited_on) OVER w IS NULL THEN NULL "
        "WHEN LAG(v.visited_on) OVER w < date(a.aware_on, '+1 year') THEN date(LAG(v.visited_on) OVER w, '+42 days') "
        "ELSE date(LAG(v.visited_on) OVER w, '+84 days') END AS due_on "
        "FROM pf_visits v JOIN pf_arrangements a ON a.id = v.arrangement_id "
        "WHERE v.kind IN ('initial', 'statutory') "
        "WINDOW w AS (PARTITION BY v.arrangement_id ORDER BY v.visited_on, v.id)"
    )
    # When each arrangement's next visit is due: the initial visit 7 working days after the
    # notification, then six or twelve weeks after the last initial or statutory visit.
    db.execute(
        "CREATE VIEW pf_next_visit AS "
        "SELECT a.id AS arrangement_id, last.visited_on AS last_visited_on, "
        "CASE WHEN last.visited_on IS NULL THEN "
        "(SELECT after.day FROM calendar_days after WHERE after.working = 1 AND after.working_day_number = "
        "(SELECT start.working_day_number FROM calendar_days start WHERE start.day = a.notified_on) + 7) "
        "WHEN last.visited_on < date(a.aware_on, '+1 year') THEN date(last.visited_on, '+42 days') "
        "ELSE date(last.visited_on, '+84 days') END AS due_on, "
        "CASE WHEN last.visited_on IS NULL THEN 'initial' ELSE 'statutory' END AS kind "
        "FROM pf_arrangements a LEFT JOIN (SELECT arrangement_id, MAX(visited_on) AS visited_on FROM pf_visits "
        "WHERE kind IN ('initial', 'statutory') GROUP BY arrangement_id) last ON last.arrangement_id = a.id"
    )


@migration
def m004_board_commentary(db: Database) -> None:
    db.table("commentaries").create(
        {"id": int, "period": str, "section": str, "text": str, **_RECORD},
        pk="id",
        not_null={"period", "section", "text"} | _RECORD_NOT_NULL,
    )
    db.table("commentaries").create_index(["period", "section"], unique=True)
    # Figures already computed, valid while no record has changed since (the audit log's last row).
    db.table("figure_cache").create(
        {"period": str, "data_version": int, "computed_at": str, "summary": str},
        pk="period",
        not_null={"data_version", "computed_at", "summary"},
    )


@migration
def m005_fold_names_with_anyascii(db: Database) -> None:
    """Names are now folded by transliteration (Ł to L, Đ to D, ı to i, ø to o), so the name index of a
    register made before is rebuilt. The words come from today's fold, which is live code, so that is
    done by the opening step when this is first applied (register/core/names.py); nothing changes here."""


@migration
def m006_quarters_of_the_financial_year(db: Database) -> None:
    """Quarters are now named by the financial year (Q1 is April to June: 2026-27-Q1), no longer by the
    calendar (2026-Q2 was April to June 2026). Commentary written for a quarter is kept under its new
    name; the figures kept under the old one are never read again (the cache's format changed too)."""
    db.execute(
        "UPDATE commentaries SET period = CASE substr(period, 7, 1) "
        "WHEN '1' THEN printf('%d-%02d-Q4', substr(period, 1, 4) - 1, substr(period, 1, 4) % 100) "
        "ELSE printf('%d-%02d-Q%d', substr(period, 1, 4), (substr(period, 1, 4) + 1) % 100, substr(period, 7, 1) - 1) "
        "END WHERE period GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'"
    )


@migration
def m007_audit_chain(db: Database) -> None:
    # The tamper-evident trail (register/core/trail.py says what is hashed, and why): each audit row
    # carries a hash chained to the row before it, and trail_heads keeps where each chain ends. The
    # audit rows already there are chained here, as they stand at the upgrade (a change made to them
    # before it cannot be seen; this migration's applied_at in _sqlite_migrations says when that was).
    # The rule is written out again below, not imported, so that this migration hashes the same way
    # forever; a test checks that it agrees with register/core/trail.py.
    db.execute("ALTER TABLE audit_log ADD COLUMN hash TEXT")
    db.execute(
        "CREATE TABLE trail_heads (trail TEXT PRIMARY KEY, rows INTEGER NOT NULL, last_id INTEGER NOT NULL, "
        "last_hash TEXT NOT NULL)"
    )
    # The CME outcomes m002 wrote have no audit rows of their own: this row says they were there when the
    # trail began (the health check takes the records up to its last_id as made in bulk, like a demo's).
    db.execute(
        "INSERT INTO audit_log (at, actor, role, action, table_name, row_id, before, after) "
        "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'register upgrade', 'system', 'bulk insert', 'cme_outcomes', 0, "
        "NULL, json_object('description', 'the CME outcomes the register started with', 'last_id', max(rowid)) "
        "FROM cme_outcomes HAVING count(*) > 0"
    )
    previous, last_id, count = "", 0, 0
    while True:
        rows = db.execute(
            "SELECT id, at, actor, role, action, table_name, row_id, before, after FROM audit_log WHERE id > ? "
            "ORDER BY id LIMIT 10000",
            [last_id],
        ).fetchall()
        if not rows:
            break
        hashes = []
        for row in rows:
            text = json.dumps([previous, *row], ensure_ascii=False, separators=(",", ":"))
            previous = hashlib.sha256(text.encode("utf-8")).hexdigest()
            hashes.append((previous, row[0]))
        db.conn.executemany("UPDATE audit_log SET hash = ? WHERE id = ?", hashes)
        last_id, count = rows[-1][0], count + len(rows)
    if count:
        db.execute(
            "INSERT INTO trail_heads (trail, rows, last_id, last_hash) VALUES ('audit_log', ?, ?, ?)",
            [count, last_id, previous],
        )


@migration
def m008_users(db: Database) -> None:
    """The people who may sign in to a real register, and each one's role (their passphrases are not here:
    their key slots are in the keys file beside the register). A demo register has none."""
    db.table("users").create(
        {"id": int, "name": str, "role": str, "disabled_at": str, **_RECORD},
        pk="id",
        not_null={"name", "role"} | _RECORD_NOT_NULL,
    )
    db.execute("CREATE UNIQUE INDEX idx_users_name ON users (name COLLATE NOCASE)")


@migration
def m009_access_log(db: Database) -> None:
    """Who opened, printed, exported, reported on or searched for which child, and when: append-only and
    chained like the audit trail (register/core/access.py says what each row holds). One row per child an
    event concerned (``event`` is the id of the event's first row); an event that names no child has one
    row with no child_id. No foreign key: a child deleted or erased keeps the rows that name their id."""
    db.execute(
        "CREATE TABLE access_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL, "
        "action TEXT NOT NULL, what TEXT NOT NULL, child_id INTEGER, event INTEGER NOT NULL, hash TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX idx_access_log_child ON access_log (child_id, id)")
    db.execute("CREATE INDEX idx_access_log_actor ON access_log (actor COLLATE NOCASE, id)")


@migration
def m010_retention(db: Database) -> None:
    """What is left of a child whose records were erased at the end of their retention (register/retention):
    the child's number in the register, when and by whom, why, and what was erased (counts, never content)."""
    db.table("erasures").create(
        {"id": int, "child_id": int, "erased_on": str, "erased_by": str, "reason": str, "erased": str, **_RECORD},
        pk="id",
        not_null={"child_id", "erased_on", "erased_by", "reason", "erased"} | _RECORD_NOT_NULL,
    )
    db.table("erasures").create_index(["child_id"])
