"""The private fostering register as the window shows it."""

from ui.fostering.dashboard import FosteringPage
from ui.fostering.panel import FosteringPanel
from ui.shell.face import PageSpec, WindowFace

FACE = WindowFace(
    key="fostering",
    pages=(PageSpec("fostering", 60, "&Private fostering", FosteringPage),),
    menu=(),
    panel=FosteringPanel,
)
