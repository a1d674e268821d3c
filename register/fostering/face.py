"""The private fostering register as the rest of the program sees it."""

from register.core.face import DemoOption, Importer, RegisterFace
from register.fostering import check, chronology, demo, import_csv

FACE = RegisterFace(
    key="fostering",
    title="Private fostering",
    tables=("pf_arrangements", "pf_visits"),
    chronology=chronology.entries,
    check=check.problems,
    importers=(
        Importer(
            "fostering",
            "private fostering arrangements and initial visits",
            tuple(import_csv.COLUMNS),
            import_csv.import_fostering,
        ),
    ),
    demo=demo.fill,
    demo_options=(DemoOption("arrangements", "private fostering arrangements (default: one in 25 children)"),),
)
