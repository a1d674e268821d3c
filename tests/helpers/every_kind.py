"""A child with one record of every kind (the fixture ``every_kind``), each record holding words found nowhere
else: to find every one again in a child's whole record, and none in the analysts' extract."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from register import education, fostering, people
from register.education.records import Absence, CmeCase, Enquiry, Escalation
from register.fostering.records import Arrangement, Visit
from register.missing.records import Episode, ReturnInterview, save_episode, save_interview
from tests.helpers.values import at

WORDS = {
    "forenames": "Ottilie",
    "surname": "Quennell-Ardagh",
    "other_names": "Tilly Brightwater",
    "address": "14 Larchmere Close, Exampleton",
    "postcode": "EX4 9QZ",
    "school": "Heronsgate Academy",
    "upn": "A123456789012",
    "nhs_number": "9434765919",
    "la_id": "LA-77213",
    "last_seen_place": "Pelham Street bus shelter",
    "found_place": "Kestrel Road garages",
    "police_reference": "TV-2026-88431",
    "episode_notes": "Said she stayed with a man called Vortigern",
    "harm_disclosed": "Was given pills by an older boy",
    "interview_notes": "Wants to talk to her aunt Marisol",
    "referrer_name": "Dr Pendlebury-Hart",
    "case_notes": "Family seen leaving by the caravan site",
    "enquiry_result": "GP practice has no forwarding address",
    "escalation_note": "Raised with the duty sergeant Albrecht",
    "absence_note": "Mother rang to say the family went to Gdańsk",
    "carer_name": "Philippa Ravensworth",
    "carer_address": "3 Quillon Mews, Exampleton",
    "visit_notes": "Bedroom shared with the carer's niece Rosalind",
}


@pytest.fixture
def every_kind(register):
    """The register's number for a child with one episode (changed once after it was saved), return
    interview, CME case, enquiry, escalation, absence, fostering arrangement and visit."""
    w = WORDS
    child = people.save_child(
        register,
        people.Child(
            w["forenames"],
            w["surname"],
            date(2011, 2, 14),
            "F",
            ethnicity="WIRT",
            other_names=w["other_names"],
            address=w["address"],
            postcode=w["postcode"],
            school=w["school"],
            upn=w["upn"],
            nhs_number=w["nhs_number"],
            la_id=w["la_id"],
        ),
    )
    episode = save_episode(
        register,
        Episode(
            child.id,
            "M",
            at("20/07/2026 22:15"),
            last_seen_place=w["last_seen_place"],
            ended_at=at("21/07/2026 09:00"),
            found_place=w["found_place"],
            police_reference=w["police_reference"],
            risk_grade="medium",
            notes=w["episode_notes"],
        ),
    )
    save_episode(register, replace(episode, risk_grade="high"))
    save_interview(
        register,
        ReturnInterview(
            child.id,
            (episode.id,),
            offered_at=at("21/07/2026 12:00"),
            outcome="accepted",
            completed_at=at("23/07/2026 15:00"),
            completed_by="Sam",
            harm_disclosed=w["harm_disclosed"],
            notes=w["interview_notes"],
        ),
    )
    case = education.save_case(
        register,
        CmeCase(
            child.id,
            date(2026, 9, 10),
            "health",
            "other",
            referrer_name=w["referrer_name"],
            notes=w["case_notes"],
        ),
    )
    education.save_enquiry(register, Enquiry(case.id, "health", date(2026, 9, 11), w["enquiry_result"]))
    education.save_escalation(register, Escalation(case.id, "police", date(2026, 9, 14), w["escalation_note"]))
    education.save_absence(
        register,
        Absence(
            child.id, "900123", date(2026, 9, 1), date(2026, 9, 9), school_name="Heronsgate", note=w["absence_note"]
        ),
    )
    arrangement = fostering.save_arrangement(
        register,
        Arrangement(
            child.id,
            date(2026, 10, 1),
            "carer",
            "notified",
            date(2026, 10, 1),
            w["carer_name"],
            "family_friend",
            carer_address=w["carer_address"],
        ),
    )
    fostering.save_visit(register, Visit(arrangement.id, date(2026, 10, 6), "initial", "Ruth", notes=w["visit_notes"]))
    return child.id
