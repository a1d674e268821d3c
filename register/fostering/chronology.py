"""The private fostering register's lines in a child's chronology: notifications, visits, decisions, ends."""

from __future__ import annotations

from register.core import codes, timescales
from register.core.chronology_entry import Entry, day_start, join
from register.core.db import Register
from register.fostering import records as fostering


def entries(register: Register, child_id: int) -> list[Entry]:
    """Every notification, visit, suitability decision and end of one child's arrangements."""
    found = []
    for arrangement in fostering.arrangements_for_child(register, child_id):
        relationship = codes.PF_RELATIONSHIPS.get(arrangement.carer_relationship, arrangement.carer_relationship)
        details = join(
            f"by {codes.PF_NOTIFIERS.get(arrangement.notified_by, arrangement.notified_by)}",
            codes.PF_NOTICE.short.get(arrangement.notice, arrangement.notice),
            f"carer {arrangement.carer_name} ({relationship.lower()})"
            if arrangement.carer_name  # hidden from an analyst's role: the relationship alone
            else f"carer: {relationship.lower()}",
            f"purpose: {codes.PF_PURPOSES[arrangement.purpose].lower()}" if arrangement.purpose else "",
            f"start {timescales.show_date(arrangement.start)}",
        )
        found.append(
            Entry(
                day_start(arrangement.notified_on),
                "Private fostering notified",
                details,
                "pf_arrangements",
                arrangement.id or 0,
                True,
            )
        )
        schedule = fostering.visit_schedule(register, arrangement.id or 0)
        for visit in fostering.visits_for_arrangement(register, arrangement.id or 0):
            due, on_time = schedule.get(visit.id or 0, (None, None))
            details = join(
                f"by {visit.officer}" if visit.officer else "",
                "child seen alone"
                if visit.seen_alone
                else join("child not seen alone", visit.not_alone_reason).replace(";", ":", 1),
                "" if due is None else f"due {timescales.show_date(due)}, {'on time' if on_time else 'late'}",
                f"{len(visit.matters)} of 11 matters established" if visit.matters is not None else "",
                visit.notes,
            )
            found.append(
                Entry(
                    day_start(visit.visited_on),
                    f"Private fostering: {codes.PF_VISIT_KINDS[visit.kind]}",
                    details,
                    "pf_visits",
                    visit.id or 0,
                    True,
                )
            )
        # After the visit it follows on the same day.
        if arrangement.suitability and arrangement.suitability_on:
            details = join(codes.PF_SUITABILITY[arrangement.suitability], arrangement.suitability_note)
            found.append(
                Entry(
                    day_start(arrangement.suitability_on),
                    "Suitability decided",
                    details,
                    "pf_arrangements",
                    arrangement.id or 0,
                    True,
                )
            )
        if arrangement.ended_on is not None:
            details = join(codes.PF_END_REASONS.get(arrangement.end_reason, ""), arrangement.end_destination)
            found.append(
                Entry(
                    day_start(arrangement.ended_on),
                    "Private fostering ended",
                    details,
                    "pf_arrangements",
                    arrangement.id or 0,
                    True,
                )
            )
    return found
