import pytest

from register.core import identifiers


def upn_check_letter(twelve: str) -> str:
    """The check letter for the twelve characters after it, worked out here from the DfE's rule."""
    alphabet = identifiers.UPN_ALPHABET
    last = twelve[11]
    total = sum(int(char) * weight for weight, char in enumerate(twelve[:11], start=2))
    total += 13 * (int(last) if last.isdigit() else alphabet.index(last))
    return alphabet[total % 23]


def test_valid_upn_and_temporary_upn():
    body = "820200101001"
    upn = upn_check_letter(body) + body
    assert identifiers.upn_problem(upn) is None
    temporary = "82020010100" + "A"
    assert identifiers.upn_problem(upn_check_letter(temporary) + temporary) is None


def test_upn_check_letter_worked_by_hand():
    # 2*8 + 3*2 + 5*2 + 8*1 + 10*1 + 13*1 = 63; 63 mod 23 = 17, the 18th letter of
    # ABCDEFGHJKLMNPQRTUVWXYZ is "U".
    assert identifiers.upn_problem("U820200101001") is None
    assert "check letter" in identifiers.upn_problem("T820200101001")


@pytest.mark.parametrize(
    ("upn", "words"),
    [("T82020010100", "13 characters"), ("I820200101001", "check letter"), ("T82020A101001", "12 digits")],
)
def test_bad_upns_say_why(upn, words):
    assert words in identifiers.upn_problem(upn)


def test_nhs_number_check_digit():
    # 9434765919: weights 10..2 give 299; 11 - 299 mod 11 = 11 - 2 = 9.
    assert identifiers.nhs_number_problem("9434765919") is None
    assert "check digit" in identifiers.nhs_number_problem("9434765918")
    assert "10 digits" in identifiers.nhs_number_problem("943476591")
    # 000000006: 2*6 = 12, 12 mod 11 = 1, 11 - 1 = 10: no number can start this way.
    assert identifiers.nhs_check_digit("000000006") is None
    assert "check digit" in identifiers.nhs_number_problem("0000000060")
