"""The missing register as the rest of the program sees it."""

from register.core import codes
from register.core.face import BoardSection, Chart, Column, DemoOption, Importer, RegisterFace, RegisterList
from register.imports.columns import child_columns, in_header_order
from register.missing import board, check, chronology, demo, import_csv
from register.missing.listing import EPISODES, EpisodeFilter

FACE = RegisterFace(
    key="missing",
    title="Missing from home or care",
    records="episodes",
    tables=("missing_episodes", "return_interviews", "interview_episodes"),
    chronology=chronology.entries,
    check=check.problems,
    importers=(
        Importer(
            "missing",
            "missing and away episodes, with their return home interviews",
            in_header_order(
                import_csv.COLUMNS,
                (
                    *child_columns("LA0042", "Ana", "Lopes", "14/02/2011", "F"),
                    Column("ethnicity", "the child's ethnicity code (WBRI, WOTH, …)", "WOTH"),
                    Column("looked_after", "Y if the child is looked after, else N", "Y"),
                    Column("type", "M (missing) or A (away from placement without authorisation)", "M", True),
                    Column("started", "when the child was last seen: DD/MM/YYYY HH:MM", "20/11/2026 22:15", True),
                    Column(
                        "ended", "when the child came back or was found (blank if still missing)", "21/11/2026 09:00"
                    ),
                    Column("risk_grade", "none, low, medium or high", "medium"),
                    Column("police_reference", "the police's reference for the report", "TV-2026-0042"),
                    Column("rhi_offered", "when the return home interview was offered", "21/11/2026 10:00"),
                    Column("rhi_outcome", "accepted, declined or not offered", "accepted"),
                    Column("rhi_completed", "when the interview was held (an accepted one)", "22/11/2026 15:00"),
                ),
            ),
            import_csv.import_missing,
        ),
    ),
    demo=demo.fill,
    demo_options=(DemoOption("episodes", "missing episodes (default: 1500)"),),
    board=BoardSection(
        key="missing",
        counts="Episodes are counted in the period they began; durations and return home interviews for "
        "episodes that ended in the period. An interview is in time when held within 72 hours of the return, "
        "counted in elapsed time (a clock change neither adds nor takes an hour).",
        figures=board.section,
        prepare=board.children_per_period,
        reached=(
            "Missing from home or care (children with an episode that began in the period)",
            "SELECT child_id FROM missing_episodes WHERE started_at >= :t0 AND started_at < :t1",
        ),
        known=board.known_in,
        known_as="missing from home or care",
        open_record="an episode",
        at_a_glance=(
            ("missing.began.episodes", "Missing and away episodes that began"),
            ("missing.began.children", "Children who went missing or away"),
            ("missing.children.repeat", "Children missing repeatedly"),
            ("missing.still_missing", "Still missing at the end"),
            ("missing.interviews.in_time.percent", "Return interviews within 72 hours (% of returns)"),
        ),
        charts=(
            Chart(
                "Episodes that began, by type",
                (
                    ("Missing (M)", "missing.began.type.M"),
                    ("Away from placement without authorisation (A)", "missing.began.type.A"),
                ),
            ),
            Chart(
                "Interviews within 72 hours, % of episodes that ended",
                (("", "missing.interviews.in_time.percent"),),
                percent=True,
            ),
        ),
    ),
    meanings={
        "missing_episodes.type": codes.EPISODE_TYPES,
        "missing_episodes.risk_grade": codes.RISK_GRADES,
        "missing_episodes.looked_after": codes.YES_NO,
        "missing_episodes.looked_after_by": codes.LOOKED_AFTER_BY,
        **{f"missing_episodes.{concern}": codes.YES_NO for concern in codes.EXPLOITATION_CONCERNS},
        "missing_episodes.interview_state": codes.INTERVIEW_STATES,
        "missing_episodes.interview_offered": codes.YES_NO,
        "missing_episodes.interview_accepted": codes.YES_NO,
        "return_interviews.service": codes.INTERVIEW_SERVICES,
        "return_interviews.outcome": codes.INTERVIEW_OUTCOMES,
        "return_interviews.independent": codes.YES_NO,
        **{f"return_interviews.{action}": codes.YES_NO for action in codes.INTERVIEW_ACTIONS},
    },
    open_now=(("a missing episode not yet ended", "SELECT child_id FROM missing_episodes WHERE ended_at IS NULL"),),
    lists=(
        RegisterList(
            "episodes",
            "Missing episodes",
            EPISODES,
            EpisodeFilter(),
            ("all", "open", "closed"),
            ("started_from", "started_to"),
            "last seen",
        ),
    ),
)
