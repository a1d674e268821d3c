"""Children's identifiers and their check digits: UPN and NHS number."""

from __future__ import annotations

import re

UPN_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"  # no I, O or S


def normalise_upn(text: str) -> str:
    """A UPN as stored: upper case, no spaces."""
    return re.sub(r"\s+", "", text).upper()


def upn_problem(upn: str) -> str | None:
    """Why a UPN is not valid, or None when it is.

    Thirteen characters: a check letter, then twelve digits, where a temporary UPN
    ends in a letter in place of its last digit.
    """
    if len(upn) != 13:
        return f"a UPN has 13 characters; this one has {len(upn)}"
    check, body, last = upn[0], upn[1:12], upn[12]
    if check not in UPN_ALPHABET:
        return "a UPN starts with a check letter (not I, O or S)"
    if not body.isdigit() or not (last.isdigit() or last in UPN_ALPHABET):
        return "after its first letter a UPN has 12 digits (a temporary UPN ends in a letter)"
    if upn_check_letter(upn[1:]) != check:
        return "the UPN's check letter does not match: look for a mistyped character"
    return None


def upn_check_letter(twelve: str) -> str:
    """The check letter of a UPN's last twelve characters (eleven digits, then a digit or, in a
    temporary UPN, a letter of UPN_ALPHABET): the digits weighted 2 to 12 and the last 13, summed,
    modulo 23, as a letter of UPN_ALPHABET (DfE, Unique pupil numbers, annex A)."""
    total = sum(int(char) * weight for weight, char in enumerate(twelve[:11], start=2))
    last = twelve[11]
    total += 13 * (int(last) if last.isdigit() else UPN_ALPHABET.index(last))
    return UPN_ALPHABET[total % 23]


def normalise_nhs_number(text: str) -> str:
    """An NHS number as stored: ten digits, no spaces."""
    return re.sub(r"[\s-]+", "", text)


def nhs_check_digit(nine: str) -> int | None:
    """The check digit of an NHS number's first nine digits; None if none can exist."""
    total = sum(int(char) * weight for char, weight in zip(nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def nhs_number_problem(number: str) -> str | None:
    """Why an NHS number is not valid, or None when it is."""
    if len(number) != 10 or not number.isdigit():
        return "an NHS number has 10 digits"
    if nhs_check_digit(number[:9]) != int(number[9]):
        return "the NHS number's check digit does not match: look for a mistyped digit"
    return None
