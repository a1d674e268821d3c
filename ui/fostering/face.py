"""The private fostering register as the window shows it."""

from ui.fostering.arrangements_page import ArrangementsPage
from ui.fostering.dashboard import FosteringPage
from ui.fostering.panel import FosteringPanel
from ui.shell.face import PageSpec, WindowFace

FACE = WindowFace(
    key="fostering",
    pages=(
        PageSpec("fostering", 60, "&Private fostering", FosteringPage),
        # No Alt+letter: each of its letters already marks a menu or a field of some page.
        # View ▸ Fostering arrangements (Ctrl and its number) reaches it.
        PageSpec("arrangements", 65, "Fostering arrangements", ArrangementsPage),
    ),
    menu=(),
    panel=FosteringPanel,
)
