"""Counts said in words: "1 problem", "2 problems", never "problem(s)"."""

from __future__ import annotations


def counted(number: int, singular: str, plural: str = "") -> str:
    """``number`` (with thousands separated) and the noun agreeing with it: counted(1, "problem") is "1 problem",
    counted(0, "problem") "0 problems", counted(1500, "episode") "1,500 episodes"; ``plural`` is given where
    adding "s" is wrong (counted(2, "enquiry", "enquiries"))."""
    return f"{number:,} {singular if number == 1 else plural or singular + 's'}"
