"""Synthetic children for a demo register: invented names drawn from the communities an English town serves."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from register.core import identifiers
from register.core.audit import log_bulk
from register.core.demo import BATCH, DemoContext
from register.people.index import name_words

FORENAMES = {
    "M": [
        "Oliver",
        "Harry",
        "Jack",
        "Charlie",
        "Liam",
        "Mason",
        "Kacper",
        "Jakub",
        "Mateusz",
        "Łukasz",
        "Muhammad",
        "Ayaan",
        "Hamza",
        "Zain",
        "Ibrahim",
        "Yusuf",
        "Arjun",
        "Gurpreet",
        "Harjit",
        "Ravi",
        "Abdi",
        "Mohamed",
        "Ahmed",
        "Andrei",
        "Ionuț",
        "Mihai",
        "Kwame",
        "Tobi",
        "Dawit",
        "Omar",
    ],
    "F": [
        "Olivia",
        "Amelia",
        "Isla",
        "Ava",
        "Mia",
        "Grace",
        "Zofia",
        "Zuzanna",
        "Maja",
        "Wiktoria",
        "Aisha",
        "Fatima",
        "Maryam",
        "Zara",
        "Inaya",
        "Simran",
        "Harleen",
        "Priya",
        "Amira",
        "Hodan",
        "Ayaan",
        "Fadumo",
        "Ioana",
        "Elena",
        "Bianca",
        "Ama",
        "Chiamaka",
        "Selam",
        "Layla",
        "Noor",
    ],
}
SURNAMES = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Evans",
    "Walker",
    "Hughes",
    "Green",
    "Kowalski",
    "Nowak",
    "Wiśniewska",
    "Wójcik",
    "Kamiński",
    "Khan",
    "Hussain",
    "Ahmed",
    "Ali",
    "Begum",
    "Iqbal",
    "Malik",
    "Singh",
    "Kaur",
    "Sandhu",
    "Gill",
    "Patel",
    "Sharma",
    "Mohamed",
    "Abdi",
    "Warsame",
    "Farah",
    "Popescu",
    "Ionescu",
    "Munteanu",
    "Stoica",
    "Mensah",
    "Okafor",
    "Bekele",
    "Haddad",
]
# Names also written in their own script, kept as the child's other names.
OTHER_SCRIPT = {"Khan": "خان", "Hussain": "حسین", "Ali": "علی", "Singh": "ਸਿੰਘ", "Kaur": "ਕੌਰ", "Haddad": "حداد"}
ETHNICITY_FOR = {
    "Kowalski": "WOTH",
    "Nowak": "WOTH",
    "Wiśniewska": "WOTH",
    "Wójcik": "WOTH",
    "Kamiński": "WOTH",
    "Khan": "APKN",
    "Hussain": "APKN",
    "Ahmed": "ABAN",
    "Ali": "APKN",
    "Begum": "ABAN",
    "Iqbal": "APKN",
    "Malik": "APKN",
    "Singh": "AIND",
    "Kaur": "AIND",
    "Sandhu": "AIND",
    "Gill": "AIND",
    "Patel": "AIND",
    "Sharma": "AIND",
    "Mohamed": "BAFR",
    "Abdi": "BAFR",
    "Warsame": "BAFR",
    "Farah": "BAFR",
    "Popescu": "WROM",
    "Ionescu": "WOTH",
    "Munteanu": "WOTH",
    "Stoica": "WROM",
    "Mensah": "BAFR",
    "Okafor": "BAFR",
    "Bekele": "BAFR",
    "Haddad": "AOTH",
}
PLACING_AUTHORITIES = ["Reading", "Hillingdon", "Windsor and Maidenhead", "Buckinghamshire", "Ealing"]
LA_NUMBER = "871"  # the DfE number of the authority the demo's schools are in (a UPN's first three digits)
# NHS numbers beginning 999 are never issued to anyone (NHS England keeps them for testing).
FIRST_NHS_NUMBER, LAST_NHS_NUMBER = 999_000_000, 999_999_999


def _dob(rng: random.Random, today: date) -> date:
    return today - timedelta(days=rng.randint(8 * 365, 19 * 365))


def upn(child_id: int, born: date) -> str:
    """A UPN for demo child ``child_id`` (below 8,000,000): the authority's number, an establishment
    number and serial that only this child has, and the year the child started Reception, behind its
    check letter (``identifiers.upn_check_letter``)."""
    school_entry = born.year + 4 + (born.month >= 9)
    twelve = f"{LA_NUMBER}{2000 + child_id // 1000:04d}{school_entry % 100:02d}{child_id % 1000:03d}"
    return identifiers.upn_check_letter(twelve) + twelve


def nhs_numbers() -> Iterator[str]:
    """Valid NHS numbers in the 999 range kept for testing, in order, skipping the nine digits
    no check digit fits (``identifiers.nhs_check_digit``)."""
    for nine in range(FIRST_NHS_NUMBER, LAST_NHS_NUMBER + 1):
        check = identifiers.nhs_check_digit(str(nine))
        if check is not None:
            yield f"{nine}{check}"


def add_children(context: DemoContext, children: int) -> None:
    """Add ``children`` synthetic children (ids 1 to ``children``), noting each one's birth and care in the context."""
    # Locals, not attributes, in loops that run a million times.
    rng, today, stamp, actor, conn = context.rng, context.today, context.stamp, context.actor, context.conn
    looked_after, born = context.looked_after, context.born
    child_rows: list[tuple] = []
    word_rows: list[tuple[str, int]] = []
    numbers = nhs_numbers()
    for child_id in range(1, children + 1):
        sex = rng.choice("MF") if rng.random() > 0.01 else "U"
        forenames = rng.choice(FORENAMES["F" if sex == "F" else "M"])
        surname = rng.choice(SURNAMES)
        other = OTHER_SCRIPT.get(surname, "")
        dob = _dob(rng, today)
        cared_for = rng.random() < 0.4
        looked_after.append(cared_for)
        context.placed_by.append(rng.choice(PLACING_AUTHORITIES) if cared_for and rng.random() < 0.15 else None)
        born.append(dob)
        child_rows.append(
            (
                child_id,
                forenames,
                surname,
                other or None,
                dob.isoformat(),
                sex,
                ETHNICITY_FOR.get(surname, rng.choice(["WBRI", "WBRI", "WBRI", "MWBC", "BCRB", "WIRI"])),
                int(cared_for),
                ("other" if context.placed_by[-1] else "this") if cared_for else None,
                f"LA{child_id:07d}",
                # A few children have no UPN yet (new to the country, never on a roll here) or no NHS number known.
                upn(child_id, dob) if rng.random() < 0.97 else None,
                next(numbers, None) if rng.random() < 0.95 else None,
                1,
                stamp,
                actor,
            )
        )
        word_rows.extend((word, child_id) for word in name_words(forenames, surname, other))
        if len(child_rows) >= BATCH or child_id == children:
            conn.executemany(
                "INSERT INTO children (id, forenames, surname, other_names, dob, sex, ethnicity, looked_after, "
                "looked_after_by, la_id, upn, nhs_number, version, updated_at, updated_by) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                child_rows,
            )
            conn.executemany("INSERT OR IGNORE INTO child_name_words (word, child_id) VALUES (?, ?)", word_rows)
            child_rows, word_rows = [], []
    log_bulk(context.register, "children", f"demo: {children} synthetic children (seed {context.seed})")
