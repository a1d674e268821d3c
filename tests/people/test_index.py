"""The person index: finding children, close matches, identifiers and their check digits."""

from dataclasses import replace
from datetime import date

from register import missing, people
from register.missing.records import Episode
from tests.helpers.values import at, refused


def new_episode(register, child, start, end=None, kind="M", **extra):
    return missing.save_episode(
        register, Episode(child.id, kind, at(start), ended_at=at(end) if end else None, **extra)
    )


def test_people_search_and_matching(register, child):
    people.save_child(register, people.Child("Łukasz", "Wójcik", date(2013, 2, 3), "M", other_names="Luke"))
    people.save_child(register, people.Child("محمد", "خان", date(2014, 7, 8), "M", nhs_number="9434765919"))
    assert [c.forenames for c in people.find_children(register, "woj")] == ["Łukasz"]
    assert [c.forenames for c in people.find_children(register, "luk")] == ["Łukasz"]
    assert [c.forenames for c in people.find_children(register, "خا")] == ["محمد"]
    assert [c.forenames for c in people.find_children(register, "943 476 5919")] == ["محمد"]
    assert [c.forenames for c in people.find_children(register, "03/02/2013")] == ["Łukasz"]
    assert [c.forenames for c in people.find_children(register, "zof kow")] == ["Zofia"]
    assert people.find_children(register, "zof woj") == []
    similar = people.similar_children(register, "Zofia", "Kowalski", date(2012, 5, 1))
    assert [c.id for c in similar] == [child.id]
    assert [c.id for c in people.similar_children(register, "Zofia", "Kowalska", date(2012, 1, 5))] == [child.id]
    assert people.similar_children(register, "Maria", "Nowak", date(2012, 5, 1)) == []


def test_identifier_problems_and_duplicates(register, child):
    problems = refused(
        people.save_child,
        register,
        people.Child("A", "B", date(2012, 1, 1), upn="T820200101001", nhs_number="9434765918"),
    )
    assert "check letter" in problems["upn"] and "check digit" in problems["nhs_number"]
    people.save_child(register, replace(child, la_id="LA-1"))
    problems = refused(people.save_child, register, people.Child("A", "B", date(2012, 1, 1), la_id="LA-1"))
    assert "Zofia Kowalska" in problems["la_id"]


def test_future_birth_refused(register):
    assert "future" in refused(people.save_child, register, people.Child("A", "B", date(2026, 11, 28)))["dob"]
