"""Finding a child in any register's list: the conditions a typed word adds to a list's query."""

from __future__ import annotations

import re
from typing import Any

from register.people.index import name_words


def name_search(words: str, child_column: str, parameters: dict[str, Any], key: str = "w") -> list[list[str]]:
    """For each typed word, the alternative conditions that find a child by it: the start of
    any name, or an identifier. Shared by every list that can be searched for a child;
    a list may add alternatives of its own (a police reference, say) before joining them.
    """
    conditions = []
    for number, word in enumerate(words.split()):
        name = f"{key}{number}"
        alternatives = []
        for fold_number, folded in enumerate(sorted(name_words(word))):
            low, high = f"{name}_{fold_number}_low", f"{name}_{fold_number}_high"
            alternatives.append(
                f"{child_column} IN (SELECT child_id FROM child_name_words WHERE word >= :{low} AND word < :{high})"
            )
            parameters[low], parameters[high] = folded, folded + "\U0010ffff"
        alternatives.append(
            f"{child_column} IN (SELECT id FROM children WHERE upn = :{name}_id OR nhs_number = :{name}_id "
            f"OR la_id = :{name}_exact)"
        )
        parameters[f"{name}_id"] = re.sub(r"[\s-]+", "", word).upper()
        parameters[f"{name}_exact"] = word
        conditions.append(alternatives)
    return conditions
