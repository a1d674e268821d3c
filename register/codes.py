"""Code lists and their labels: the one place forms, reports and exports read them."""

from __future__ import annotations

SEXES = {"M": "Male", "F": "Female", "U": "Not known"}

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


def ethnic_group(code: str | None) -> str:
    """The DfE group an ethnicity code belongs to."""
    if not code or code in ("REFU", "NOBT"):
        return ETHNIC_GROUPS["R"]
    return ETHNIC_GROUPS.get(code[0], ETHNIC_GROUPS["O"])


# SSDA903: M = missing (whereabouts unknown), A = away from placement without
# authorisation (whereabouts known).
EPISODE_TYPES = {"M": "Missing", "A": "Away without authorisation"}

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

USER_ROLES = {
    "coordinator": "Missing children coordinator",
    "ewo": "Education welfare officer",
    "pf_officer": "Private fostering officer",
    "manager": "Team manager",
    "analyst": "Analyst",
}
