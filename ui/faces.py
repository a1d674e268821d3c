"""The registers as the window shows them, in the order of ``register/faces.py``: the one list the main
window and the child's record read."""

from ui.education.face import FACE as EDUCATION
from ui.fostering.face import FACE as FOSTERING
from ui.missing.face import FACE as MISSING
from ui.shell.face import WindowFace

WINDOWS: tuple[WindowFace, ...] = (MISSING, EDUCATION, FOSTERING)
