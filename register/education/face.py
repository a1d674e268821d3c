"""The education register as the rest of the program sees it."""

from register.core import codes
from register.core.face import BoardSection, Chart, DemoOption, Importer, RegisterFace
from register.education import board, check, chronology, demo, import_csv

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
            tuple(import_csv.CASE_COLUMNS),
            import_csv.import_cases,
            example=(
                "LA101",
                "Andrei",
                "Popescu",
                "12/03/2013",
                "M",
                "02/11/2026",
                "123456",
                "absent_10_days",
                "09/10/2026",
                "N",
                "",
                "",
            ),  # fmt: skip
        ),
        Importer(
            "absences",
            "EWOs' absence logs",
            tuple(import_csv.ABSENCE_COLUMNS),
            import_csv.import_absences,
            example=(
                "LA101",
                "Andrei",
                "Popescu",
                "12/03/2013",
                "M",
                "123456",
                "Oak Park Primary",
                "19/10/2026",
                "23/10/2026",
                "10",
            ),  # fmt: skip
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
)
