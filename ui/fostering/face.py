"""The private fostering register as the window shows it."""

from ui.fostering.dashboard import FosteringPage
from ui.fostering.panel import FosteringPanel
from ui.shell.face import ImportAction, PageSpec, WindowFace

FACE = WindowFace(
    key="fostering",
    pages=(PageSpec("fostering", 60, "&Private fostering", FosteringPage),),
    imports=(ImportAction("fostering", "Import &private fostering from CSV…"),),
    menu=(),
    panel=FosteringPanel,
)
