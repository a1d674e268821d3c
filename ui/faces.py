"""The registers as the window shows them, in the order of ``register/faces.py``: the one list the main
window and the child's record read, and which of them the person's role may read and change (as the
register itself answers)."""

from register.core.db import Register
from register.core.face import Importer
from register.faces import REGISTERS
from ui.education.face import FACE as EDUCATION
from ui.fostering.face import FACE as FOSTERING
from ui.missing.face import FACE as MISSING
from ui.shell.face import WindowFace

WINDOWS: tuple[WindowFace, ...] = (MISSING, EDUCATION, FOSTERING)
_REGISTERS = {face.key: face for face in REGISTERS}


def readable(register: Register) -> tuple[WindowFace, ...]:
    """The registers whose pages and panels the person's role may see: those it may read."""
    return tuple(face for face in WINDOWS if _REGISTERS[face.key].readable(register))


def changeable(face: WindowFace, register: Register) -> bool:
    """Whether the person's role may change the register ``face`` shows (its forms save, its imports write)."""
    return _REGISTERS[face.key].changeable(register)


def importers(register: Register) -> tuple[Importer, ...]:
    """The kinds of spreadsheet the person's role may import: those of the registers it may read and change."""
    return tuple(
        importer
        for face in readable(register)
        if changeable(face, register)
        for importer in _REGISTERS[face.key].importers
    )
