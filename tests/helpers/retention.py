"""A child who has reached the retention age (25 on 01/05/2025), with records made while they
were a child, one of them deleted since: what the retention tests erase. Their names are found nowhere else."""

from __future__ import annotations

from datetime import date

from register import education, missing, people
from register.core.db import Register
from register.education import CmeCase, Enquiry
from tests.helpers.values import at

SURNAME, FORENAMES, STREET = "Zzyzxbrook", "Quillon", "Xylophone Lane"


def aged_child(register: Register) -> people.Child:
    """Quillon Zzyzxbrook, born 01/05/2000: an ended episode (2016) with notes naming them, a closed CME case
    (2014) with an enquiry, and an absence deleted since with a reason naming them."""
    child = people.save_child(
        register,
        people.Child(FORENAMES, SURNAME, date(2000, 5, 1), "M", address=f"7 {STREET}", postcode="ZZ9 9ZZ"),
    )
    missing.save_episode(
        register,
        missing.Episode(
            child.id,
            "M",
            at("20/11/2016 22:15"),
            ended_at=at("21/11/2016 10:00"),
            notes=f"{SURNAME} found at a bus stop",
        ),
    )
    case = education.save_case(
        register,
        CmeCase(
            child.id,
            date(2014, 9, 15),
            "police",
            "absent_10_days",
            notes=f"{FORENAMES} {SURNAME} moved away",
            outcome="on_roll_elsewhere",
            closed_on=date(2014, 10, 1),
        ),
    )
    education.save_enquiry(register, Enquiry(case.id, "home_visit", date(2014, 9, 20), f"{SURNAME} family gone"))
    absence = education.save_absence(
        register, education.Absence(child.id, "123456", date(2014, 9, 1), date(2014, 9, 5), school_name="Oak Park")
    )
    education.delete_absence(register, absence, f"{SURNAME} was entered twice")
    return child
