"""The person index: children, their identifiers, finding and matching them.

The records and their rules are in ``index``; this package re-exports them.
"""

from register.people.index import (
    Child,
    child_from_row,
    child_problems,
    children_by_ids,
    delete_child,
    find_children,
    first_children,
    fold,
    get_child,
    name_words,
    normalised,
    open_record,
    save_child,
    similar_children,
)

__all__ = [
    "delete_child",
    "Child",
    "child_from_row",
    "child_problems",
    "children_by_ids",
    "find_children",
    "first_children",
    "fold",
    "get_child",
    "name_words",
    "normalised",
    "open_record",
    "save_child",
    "similar_children",
]
