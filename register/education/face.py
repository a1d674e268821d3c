"""The education register as the rest of the program sees it."""

from register.core.face import DemoOption, Importer, RegisterFace
from register.education import check, chronology, demo, import_csv

FACE = RegisterFace(
    key="education",
    title="Children missing education",
    tables=("cme_cases", "cme_enquiries", "cme_escalations", "absences", "schools", "cme_outcomes"),
    chronology=chronology.entries,
    check=check.problems,
    importers=(
        Importer("cme", "children missing education cases", tuple(import_csv.CASE_COLUMNS), import_csv.import_cases),
        Importer("absences", "EWOs' absence logs", tuple(import_csv.ABSENCE_COLUMNS), import_csv.import_absences),
    ),
    demo=demo.fill,
    demo_options=(
        DemoOption("cases", "CME cases (default: one for every six children)"),
        DemoOption("absences", "absence spells (default: three for every two children)"),
    ),
)
