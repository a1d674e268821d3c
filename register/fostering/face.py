"""The private fostering register as the rest of the program sees it."""

from register.core import codes
from register.core.face import BoardSection, Chart, Column, DemoOption, Importer, RegisterFace, RegisterList
from register.fostering import board, check, chronology, demo, import_csv
from register.fostering.listing import ARRANGEMENTS, ArrangementFilter
from register.imports.columns import child_columns, in_header_order

FACE = RegisterFace(
    key="fostering",
    title="Private fostering",
    records="private fostering arrangements",
    tables=("pf_arrangements", "pf_visits"),
    chronology=chronology.entries,
    check=check.problems,
    importers=(
        Importer(
            "fostering",
            "private fostering arrangements and initial visits",
            in_header_order(
                import_csv.COLUMNS,
                (
                    *child_columns("LA202", "Kwame", "Mensah", "01/01/2012", "M"),
                    Column("disabled", "Y if the child is disabled, else N", "N"),
                    Column("notified_on", "the date the authority was told of the arrangement", "02/03/2026", True),
                    Column("notified_by", "who told: carer, parent, school, health or other", "School", True),
                    Column("notice", "advance, late, emergency or other_means", "late"),
                    Column("started_on", "the date the arrangement began", "01/03/2026"),
                    Column("ended_on", "the date it ended (blank while it goes on)", ""),
                    Column("end_reason", "why it ended: returned_to_parents, moved_carer, …", ""),
                    Column("carer_name", "the private foster carer's name", "Ama Boateng", True),
                    Column("carer_relationship", "the carer's relationship to the child (cousin, …)", "cousin", True),
                    Column("initial_visit_on", "the date of the first visit to the child", "09/03/2026"),
                    Column("seen_alone", "Y or N: whether the child was seen alone then (blank is Y)", "Y"),
                ),
            ),
            import_csv.import_fostering,
        ),
    ),
    demo=demo.fill,
    demo_options=(DemoOption("arrangements", "private fostering arrangements (default: one in 25 children)"),),
    board=BoardSection(
        key="fostering",
        counts="Initial visits are due within 7 working days of the notification (weekends and England "
        "and Wales bank holidays excluded); later visits within 6 weeks of the previous visit in the first "
        "year, 12 weeks after.",
        figures=board.section,
        reached=(
            "Private fostering (notifications in the period)",
            "SELECT child_id FROM pf_arrangements WHERE notified_on >= :d0 AND notified_on < :d1",
        ),
        known=board.known_in,
        known_as="privately fostered",
        open_record="a private fostering arrangement",
        at_a_glance=(
            ("fostering.notified", "Private fostering notifications"),
            ("fostering.visits.initial.in_time.percent", "Initial visits within 7 working days (%)"),
            ("fostering.visits.later.on_time.percent", "Later visits on time (%)"),
        ),
        charts=(Chart("Later visits on time, %", (("", "fostering.visits.later.on_time.percent"),), percent=True),),
    ),
    meanings={
        "pf_arrangements.notified_by": codes.PF_NOTIFIERS,
        "pf_arrangements.notice": codes.PF_NOTICE,
        "pf_arrangements.purpose": codes.PF_PURPOSES,
        "pf_arrangements.carer_relationship": codes.PF_RELATIONSHIPS,
        "pf_arrangements.born_abroad": codes.YES_NO,
        "pf_arrangements.disabled": codes.YES_NO,
        "pf_arrangements.suitability": codes.PF_SUITABILITY,
        "pf_arrangements.end_reason": codes.PF_END_REASONS,
        "pf_visits.kind": codes.PF_VISIT_KINDS,
        "pf_visits.seen_alone": codes.YES_NO,
    },
    open_now=(
        (
            "a private fostering arrangement not yet ended",
            "SELECT child_id FROM pf_arrangements WHERE ended_on IS NULL",
        ),
    ),
    lists=(
        RegisterList(
            "fostering",
            "Private fostering arrangements",
            ARRANGEMENTS,
            ArrangementFilter(),
            ("open", "ended", "all"),
            ("notified_from", "notified_to"),
            "notified",
        ),
    ),
)
