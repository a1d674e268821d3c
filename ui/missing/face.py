"""The missing register as the window shows it."""

from ui.missing.dashboard import DashboardPage
from ui.missing.episodes_page import EpisodesPage
from ui.missing.panel import MissingPanel
from ui.shell.face import PageSpec, WindowFace

FACE = WindowFace(
    key="missing",
    pages=(
        PageSpec("dashboard", 10, "&Dashboard", DashboardPage),
        PageSpec("episodes", 30, "&Missing episodes", EpisodesPage),
    ),
    menu=(),
    panel=MissingPanel,
)
