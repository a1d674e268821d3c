"""The education register as the rest of the program sees it."""

from register.core import codes
from register.core.face import BoardSection, Chart, Column, DemoOption, Importer, RegisterFace, RegisterList
from register.education import board, check, chronology, demo, import_csv
from register.education.listing import CASES, CaseFilter
from register.imports.columns import child_columns, in_header_order

FACE = RegisterFace(
    key="education",
    title="Children missing education",
    records="CME cases",
    tables=("cme_cases", "cme_enquiries", "cme_escalations", "absences", "schools", "cme_outcomes"),
    chronology=chronology.entries,
    check=check.problems,
    importers=(
        Importer(
            "cme",
            "children missing education cases",
            in_header_order(
                import_csv.CASE_COLUMNS,
                (
                    *child_columns("LA101", "Andrei", "Popescu", "12/03/2013", "M"),
                    Column("referred_on", "the date of the referral", "02/11/2026", True),
                    Column("referred_by", "a school's six-digit URN, or admissions, health, police, …", "123456"),
                    Column(
                        "reason",
                        "deletion_f, deletion_g, deletion_h, deletion_i, absent_10_days, …",
                        "absent_10_days",
                        True,
                    ),
                    Column("last_attended", "the last day the child attended school", "09/10/2026"),
                    Column("whereabouts_known", "Y or N: whether where the child is now is known", "N"),
                    Column("outcome", "how the case closed, from the register's list (blank while open)", ""),
                    Column("closed_on", "the date the case closed (blank while open)", ""),
                ),
            ),
            import_csv.import_cases,
        ),
        Importer(
            "absences",
            "absences from EWOs' logs",
            in_header_order(
                import_csv.ABSENCE_COLUMNS,
                (
                    *child_columns("LA101", "Andrei", "Popescu", "12/03/2013", "M"),
                    Column("school_urn", "the school's six-digit URN", "123456", True),
                    Column(
                        "school_name", "the school's name (needed the first time its URN comes)", "Oak Park Primary"
                    ),
                    Column("from", "the first day of the absence", "19/10/2026", True),
                    Column("to", "the last day of the absence", "23/10/2026", True),
                    Column("sessions_missed", "how many sessions (half days) were missed", "10"),
                ),
            ),
            import_csv.import_absences,
        ),
    ),
    demo=demo.fill,
    demo_options=(
        DemoOption("cases", "CME cases (default: one for every six children)"),
        DemoOption("absences", "absence spells (default: three for every two children)"),
    ),
    board=BoardSection(
        key="education",
        counts="Cases open at the end of the period, new referrals and closures in it. Year groups are "
        "the national curriculum year at referral. Whereabouts are as now recorded.",
        figures=board.section,
        reached=(
            "Children missing education (new referrals in the period)",
            "SELECT child_id FROM cme_cases WHERE referred_on >= :d0 AND referred_on < :d1",
        ),
        known=board.known_in,
        known_as="missing education",
        open_record="a CME case",
        at_a_glance=(
            ("education.cases.referred", "Children referred as missing education"),
            ("education.cases.open", "CME cases open at the end"),
            ("education.cases.open.whereabouts_unknown", "… of which whereabouts unknown"),
        ),
        charts=(Chart("CME cases open at the end of the period", (("", "education.cases.open"),)),),
    ),
    meanings={
        "cme_cases.referred_by": codes.CME_REFERRERS,
        "cme_cases.reason": codes.CME_REASONS,
        "cme_cases.whereabouts_known": codes.YES_NO,
        "cme_enquiries.agency": codes.CME_AGENCIES,
        "cme_escalations.escalated_to": codes.CME_ESCALATIONS,
    },
    open_now=(("an open CME case", "SELECT child_id FROM cme_cases WHERE closed_on IS NULL"),),
    lists=(
        RegisterList(
            "cme-cases",
            "CME cases",
            CASES,
            CaseFilter(),
            ("open", "closed", "all"),
            ("referred_from", "referred_to"),
            "referred",
        ),
    ),
)
