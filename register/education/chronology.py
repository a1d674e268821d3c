"""The education register's lines in a child's chronology: absences, CME cases, enquiries, escalations."""

from __future__ import annotations

from register.core import codes, term_calendar, timescales
from register.core.chronology_entry import Entry, day_start, join
from register.core.db import Register
from register.core.words import counted
from register.education import records as education


def entries(register: Register, child_id: int) -> list[Entry]:
    """Every absence, case, enquiry, escalation and closure of one child."""
    found = []
    calendar = term_calendar.calendar(register)
    for absence in education.absences_for_child(register, child_id):
        school_days, warning = education.absence_school_days(calendar, absence.from_on, absence.to_on)
        days = counted(school_days, "school day") + (f" ({warning})" if warning else "")
        details = join(
            f"{absence.school_name} (URN {absence.school_urn})",
            f"to {timescales.show_date(absence.to_on)}, {days}",
            f"{absence.sessions_missed} sessions missed" if absence.sessions_missed is not None else "",
            f"codes {absence.attendance_codes}" if absence.attendance_codes else "",
            absence.note,
        )
        found.append(
            Entry(day_start(absence.from_on), "Absent from school", details, "absences", absence.id or 0, True)
        )
    for case in education.cases_for_child(register, child_id):
        referrer = codes.CME_REFERRERS.get(case.referred_by, case.referred_by)
        details = join(
            codes.CME_REASONS.get(case.reason, case.reason),
            f"referred by {referrer}" + (f" (URN {case.referrer_urn})" if case.referrer_urn else ""),
            f"last attended {timescales.show_date(case.last_attended_on)}" if case.last_attended_on else "",
            "whereabouts known" if case.whereabouts_known else "whereabouts unknown",
            f"officer {case.assigned_officer}" if case.assigned_officer else "",
            case.notes,
        )
        found.append(Entry(day_start(case.referred_on), "CME case opened", details, "cme_cases", case.id or 0, True))
        for enquiry in education.enquiries_for_case(register, case.id or 0):
            agency = codes.CME_AGENCIES.get(enquiry.agency, enquiry.agency)
            details = f"{agency}: {enquiry.result}" if enquiry.result else agency  # the result: hidden from an analyst
            found.append(
                Entry(day_start(enquiry.made_on), "CME enquiry", details, "cme_enquiries", enquiry.id or 0, True)
            )
        for escalation in education.escalations_for_case(register, case.id or 0):
            details = join(codes.CME_ESCALATIONS[escalation.escalated_to], escalation.note)
            found.append(
                Entry(
                    day_start(escalation.escalated_on),
                    "CME case escalated",
                    details,
                    "cme_escalations",
                    escalation.id or 0,
                    True,
                )
            )
        if case.closed_on is not None:
            label = education.outcomes(register, include_retired=True).get(case.outcome, case.outcome)
            found.append(
                Entry(
                    day_start(case.closed_on),
                    "CME case closed",
                    join(label, case.closing_note),
                    "cme_cases",
                    case.id or 0,
                    True,
                )
            )
    return found
