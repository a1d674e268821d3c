"""The registers, in the order the program shows them: the one list everything that spans them reads."""

from register.core.face import RegisterFace
from register.education.face import FACE as EDUCATION
from register.fostering.face import FACE as FOSTERING
from register.missing.face import FACE as MISSING

REGISTERS: tuple[RegisterFace, ...] = (MISSING, EDUCATION, FOSTERING)
