"""Code lists: labels and the short labels narrow columns show."""

import pytest

from register.core import codes
from register.core.codes import CodeList


def test_a_cme_reasons_short_label_is_its_label_up_to_the_colon():
    assert codes.CME_REASONS.short == {
        "deletion_f": "Deletion notice 9(1)(f)",
        "deletion_g": "Deletion notice 9(1)(g)",
        "deletion_h": "Deletion notice 9(1)(h)",
        "deletion_i": "Deletion notice 9(1)(i)",
        "absent_10_days": "Absent without permission for 10 continuous school days",
        "not_on_roll": "Not on a school roll (new arrival, not registered)",
        "other": "Other",
    }
    # What the lists showed when the short label was cut from the long one.
    assert codes.CME_REASONS.short == {code: label.split(":")[0] for code, label in codes.CME_REASONS.items()}


def test_a_notices_short_label_is_its_label_without_the_explanation():
    assert codes.PF_NOTICE.short == {
        "advance": "In advance",
        "late": "Late",
        "emergency": "After an emergency start",
        "other_means": "Found out by other means",
    }
    assert codes.PF_NOTICE.short == {code: label.split(" (")[0] for code, label in codes.PF_NOTICE.items()}


def test_a_code_list_still_reads_as_its_full_labels_in_order():
    assert list(codes.CME_REASONS)[:2] == ["deletion_f", "deletion_g"]
    assert codes.CME_REASONS["deletion_g"] == "Deletion notice 9(1)(g): moved away"
    assert codes.PF_NOTICE.get("notified", "") == ""
    assert dict(codes.PF_NOTICE.items())["late"] == "Late (less than six weeks before the start, or after it)"


def test_a_short_label_for_a_code_not_in_the_list_is_refused():
    with pytest.raises(ValueError, match="not in the list: lat"):
        CodeList({"late": "Late (after the start)"}, short={"lat": "Late"})
