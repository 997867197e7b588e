"""Pure helpers of catalog.producers.selectors and catalog.models.producers (no database)."""

import pytest

from catalog.models.producers import mask_account_number
from catalog.producers.selectors import name_key


@pytest.mark.parametrize(
    ("a", "b"),
    [("กลุ่มทอผ้า บ้านดอน", "กลุ่มทอผ้าบ้านดอน"), ("Ton Pao Weavers", "ton-pao weavers"), ("กลุ่ม (ทอผ้า)", "กลุ่มทอผ้า")],
)
def test_names_that_differ_only_in_spacing_case_or_punctuation_compare_equal(a, b):
    assert name_key(a) == name_key(b)


def test_different_names_stay_different():
    assert name_key("กลุ่มทอผ้าบ้านดอน") != name_key("กลุ่มทอผ้าบ้านดง")


@pytest.mark.parametrize(
    ("number", "masked"), [("1234567890", "••••••7890"), ("123-456-789012", "••••••9012"), ("", "")]
)
def test_bank_account_numbers_are_masked_to_their_last_four_digits(number, masked):
    assert mask_account_number(number) == masked
