"""The missing register as the rest of the program sees it."""

from register.core.face import DemoOption, Importer, RegisterFace
from register.missing import check, chronology, demo, import_csv

FACE = RegisterFace(
    key="missing",
    title="Missing from home or care",
    tables=("missing_episodes", "return_interviews", "interview_episodes"),
    chronology=chronology.entries,
    check=check.problems,
    importers=(Importer("missing", "episodes and interviews", tuple(import_csv.COLUMNS), import_csv.import_missing),),
    demo=demo.fill,
    demo_options=(DemoOption("episodes", "missing episodes (default: five for every child)"),),
)
