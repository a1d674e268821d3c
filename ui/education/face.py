"""The education register as the window shows it."""

from ui.education.calendar_dialog import CalendarDialog
from ui.education.cases_page import CasesPage
from ui.education.dashboard import EducationPage
from ui.education.outcomes_dialog import OutcomesDialog
from ui.education.panel import EducationPanel
from ui.shell.face import MenuAction, PageSpec, WindowFace

FACE = WindowFace(
    key="education",
    pages=(
        PageSpec("education", 40, "&Education", EducationPage),
        PageSpec("cases", 50, "CME c&ases", CasesPage),
    ),
    menu=(MenuAction("&Term calendar…", CalendarDialog), MenuAction("CME &outcomes…", OutcomesDialog)),
    panel=EducationPanel,
)
