"""Code lists and their labels: the one place forms, reports and exports read them."""

from __future__ import annotations


class CodeList(dict[str, str]):
    """A code list (code -> label, in order) whose codes also have a short label for narrow columns.

    It reads as the dict of full labels it is; ``short`` maps every code to its short label,
    which is the full label where no shorter one is given. Raises ValueError if a short
    label is given for a code that is not in the list.
    """

    def __init__(self, labels: dict[str, str], short: dict[str, str]):
        super().__init__(labels)
        unknown = sorted(set(short) - set(labels))
        if unknown:
            raise ValueError(f"short labels given for codes not in the list: {', '.join(unknown)}")
        self.short: dict[str, str] = {code: short.get(code, label) for code, label in labels.items()}


SEXES = {"M": "Male", "F": "Female", "U": "Not known"}

# A yes/no column, as stored.
YES_NO = {0: "No", 1: "Yes"}

# DfE ethnicity codes (school census / SSDA903), grouped as the DfE groups them.
ETHNICITIES = {
    "WBRI": "White British",
    "WIRI": "White Irish",
    "WIRT": "Traveller of Irish heritage",
    "WROM": "Gypsy / Roma",
    "WOTH": "Any other White background",
    "MWBC": "White and Black Caribbean",
    "MWBA": "White and Black African",
    "MWAS": "White and Asian",
    "MOTH": "Any other mixed background",
    "AIND": "Indian",
    "APKN": "Pakistani",
    "ABAN": "Bangladeshi",
    "AOTH": "Any other Asian background",
    "BCRB": "Black Caribbean",
    "BAFR": "Black African",
    "BOTH": "Any other Black background",
    "CHNE": "Chinese",
    "OOTH": "Any other ethnic group",
    "REFU": "Refused",
    "NOBT": "Information not yet obtained",
}

ETHNIC_GROUPS = {
    "W": "White",
    "M": "Mixed",
    "A": "Asian or Asian British",
    "B": "Black or Black British",
    "C": "Chinese",
    "O": "Any other ethnic group",
    "R": "Refused / not obtained",
}


# SSDA903: M = missing (whereabouts unknown), A = away from placement without
# authorisation (whereabouts known).
EPISODE_TYPES = {"M": "Missing", "A": "Away from placement without authorisation"}

# College of Policing risk grades.
RISK_GRADES = {
    "none": "No apparent risk",
    "low": "Low",
    "medium": "Medium",
    "high": "High",
}

LOOKED_AFTER_BY = {"this": "This authority", "other": "Another authority (placed here)"}

# Exploitation concerns: each is a yes/no column on an episode.
EXPLOITATION_CONCERNS = {
    "cse": "Child sexual exploitation",
    "cce": "Child criminal exploitation",
    "county_lines": "County lines",
    "trafficking": "Trafficking",
}

INTERVIEW_OUTCOMES = {
    "accepted": "Accepted",
    "declined": "Declined",
    "not_offered": "Not offered",
}

INTERVIEW_SERVICES = {
    "commissioned": "Commissioned independent service",
    "social_care": "Children's social care",
    "early_help": "Early help",
    "youth_service": "Youth service",
    "other": "Other",
}

INTERVIEW_ACTIONS = {
    "referred_cse_panel": "Referred to the sexual exploitation panel",
    "referred_mash": "Referred to the multi-agency safeguarding hub",
    "shared_with_police": "Shared with police",
    "strategy_meeting": "Strategy meeting held",
}

# What the register derives for each episode's interview. "pending" is shown as
# due or overdue depending on the time now.
INTERVIEW_STATES = {
    "still_missing": "Not due yet (still missing)",
    "due": "Due",
    "overdue": "Overdue",
    "in_time": "Completed within 72 h",
    "late": "Completed late",
    "declined": "Declined",
    "not_offered": "Not offered",
}

# ---- children missing education -------------------------------------------------

CME_REFERRERS = {
    "school": "School",
    "admissions": "Admissions",
    "health": "Health",
    "police": "Police",
    "social_care": "Children's social care",
    "other_authority": "Another authority",
    "public": "Member of the public",
    "other": "Other",
}

# Why the case was opened; the deletion grounds are regulation 9(1) of the School Attendance
# (Pupil Registration) (England) Regulations 2024.
CME_REASONS = CodeList(
    {
        "deletion_f": "Deletion notice 9(1)(f): parent gave written notice of home education",
        "deletion_g": "Deletion notice 9(1)(g): moved away",
        "deletion_h": "Deletion notice 9(1)(h): not returned after leave of absence",
        "deletion_i": "Deletion notice 9(1)(i): 20 school days absent, not found after enquiries",
        "absent_10_days": "Absent without permission for 10 continuous school days",
        "not_on_roll": "Not on a school roll (new arrival, not registered)",
        "other": "Other",
    },
    short={
        "deletion_f": "Deletion notice 9(1)(f)",
        "deletion_g": "Deletion notice 9(1)(g)",
        "deletion_h": "Deletion notice 9(1)(h)",
        "deletion_i": "Deletion notice 9(1)(i)",
    },
)

CME_AGENCIES = {
    "home_visit": "Contact numbers and home visit",
    "school_records": "School records",
    "siblings_schools": "Siblings' schools",
    "admissions": "Admissions",
    "council_tax": "Council tax",
    "housing": "Housing",
    "benefits": "Benefits",
    "health": "Health (GP, school nurse)",
    "social_care": "Children's social care",
    "police": "Police",
    "other_authority": "Other authority's CME officer",
    "lost_pupils": "Lost Pupils Database (school-to-school)",
    "home_office": "Home Office / Border Force",
    "other": "Other",
}

CME_ESCALATIONS = {"social_care": "Children's social care", "police": "Police"}

# The default outcomes; the register keeps its own editable list (table cme_outcomes).
CME_OUTCOMES = {
    "on_roll_here": "On roll at a school here",
    "on_roll_elsewhere": "On roll elsewhere (other authority confirmed)",
    "home_education": "Suitable home education confirmed",
    "moved_authority": "Moved to another authority (handed over)",
    "left_country": "Left the country (confirmed)",
    "whereabouts_unknown": "Whereabouts unknown after all enquiries (lost pupil record)",
    "alternative_provision": "Alternative provision arranged",
    "past_school_age": "Past compulsory school age",
    "died": "Died",
}

# ---- private fostering --------------------------------------------------------

PF_NOTIFIERS = {
    "carer": "The carer",
    "parent": "A parent",
    "school": "School",
    "health": "Health",
    "other": "Other",
}

# How the authority learnt of the arrangement. "advance" and "late" are worked out from the
# dates: notice at least six weeks before the start is in advance.
PF_NOTICE = CodeList(
    {
        "advance": "In advance (six weeks or more before the start)",
        "late": "Late (less than six weeks before the start, or after it)",
        "emergency": "After an emergency start (due within 48 hours)",
        "other_means": "Found out by other means",
    },
    short={"advance": "In advance", "late": "Late", "emergency": "After an emergency start"},
)

PF_PURPOSES = {
    "education": "Education",
    "parents_abroad": "Parents abroad",
    "family_breakdown": "Family breakdown",
    "other": "Other",
}

# The carer's relationship to the child. Close relatives (Children Act 1989 s105) and parents
# are not private foster carers; cousins, great-aunts and uncles and family friends can be.
PF_RELATIONSHIPS = {
    "family_friend": "Family friend",
    "cousin": "Cousin",
    "great_aunt_uncle": "Great-aunt or great-uncle",
    "other_relative": "Other relative (not a close relative)",
    "host_family": "Host family (language school or exchange)",
    "other": "Other, not related",
    "grandparent": "Grandparent",
    "sibling": "Brother or sister",
    "aunt_uncle": "Aunt or uncle",
    "step_parent": "Step-parent",
    "parent": "Parent or person with parental responsibility",
}
PF_CLOSE_RELATIVES = {"grandparent", "sibling", "aunt_uncle", "step_parent", "parent"}

PF_VISIT_KINDS = {"initial": "Initial visit", "statutory": "Statutory visit", "requested": "Requested visit"}

# The matters the officer must establish at the initial visit (Schedule 2 to the 2005 Regulations).
PF_MATTERS = {
    "duration": "Purpose and intended duration agreed",
    "wishes": "The child's wishes and feelings",
    "accommodation": "Suitability of the accommodation",
    "carer": "Capacity of the carer to look after the child",
    "household": "Other members of the household",
    "contact": "Arrangements for contact with parents",
    "finance": "Financial arrangements",
    "health": "The child's health and health care",
    "education": "The child's education",
    "decisions": "Who takes decisions about the child",
    "advice": "Advice and support the carer and child need",
}

PF_SUITABILITY = {
    "suitable": "Suitable",
    "suitable_conditions": "Suitable, with requirements",
    "unsuitable": "Not suitable (prohibition or requirements considered)",
    "pending": "Decision pending",
}

PF_END_REASONS = {
    "returned_to_parents": "Returned to parents",
    "moved_carer": "Moved to another carer",
    "became_looked_after": "Became looked after",
    "moved_authority": "Moved to another authority",
    "reached_age": "Reached 16 (18 if disabled)",
}
