from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import Promise

from catalog.validators import (
    NoNationalIdValidator,
    ThaiPhoneFormField,
    contains_thai_national_id,
    normalize_thai_digits,
    normalize_thai_phone,
    thai_national_id_is_valid,
    validate_no_national_id,
    validate_otop_registration_number,
    validate_thai_phone,
    validate_thai_postcode,
)


@pytest.fixture(autouse=True)
def _english_messages():
    # The site's default language is Thai; these tests read the English msgids.
    with translation.override("en"):
        yield


def _with_checksum(first_twelve: str) -> str:
    """A synthetic ID number with a correct check digit (never a real person's)."""
    total = sum(int(d) * w for d, w in zip(first_twelve, range(13, 1, -1), strict=True))
    return first_twelve + str((11 - total % 11) % 10)


VALID_ID = _with_checksum("110170020345")
VALID_ID_2 = _with_checksum("350990012345")
WRONG_CHECK_DIGIT = VALID_ID[:12] + str((int(VALID_ID[12]) + 1) % 10)


# --- phone numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0812345678", "0812345678"),
        ("081-234-5678", "0812345678"),
        ("081 234 5678", "0812345678"),
        ("081.234.5678", "0812345678"),
        ("  0612345678  ", "0612345678"),
        ("0912345678", "0912345678"),
        ("+66812345678", "0812345678"),
        ("+66 81 234 5678", "0812345678"),
        ("+66 (0) 81 234 5678", "0812345678"),
        ("66812345678", "0812345678"),
        ("0066 81 234 5678", "0812345678"),
        ("๐๘๑-๒๓๔-๕๖๗๘", "0812345678"),
        ("053 123 456", "053123456"),
        ("(053) 123-456", "053123456"),
        ("02-123-4567", "021234567"),
        ("+66 53 123 456", "053123456"),
        ("074\u00a0123\u00a0456", "074123456"),
    ],
)
def test_thai_phone_numbers_are_normalised_to_the_national_form(typed, stored):
    assert normalize_thai_phone(typed) == stored
    validate_thai_phone(typed)  # no error


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "081234567",  # mobile prefix but only 9 digits (the pre-2006 format)
        "08123456789",  # 11 digits
        "0712345678",  # 10 digits with a landline prefix
        "0123456789",  # 01 is not a Thai prefix
        "812345678",  # missing the leading 0 and no country code
        "+1 415 555 0100",  # a foreign number
        "+44 20 7946 0958",
        "1111",  # a government hotline, not a contact number
        "081-234-5678 ต่อ 12",  # an extension: say it in the notes, not here
        "081 234 5678 / 089 876 5432",  # two numbers
        "tel:0812345678",
        "081234567a",
        "0812345678" + "0" * 30,  # absurdly long
        "+66 0 0812345678",
    ],
)
def test_anything_else_is_rejected_with_a_clear_message(typed):
    with pytest.raises(ValidationError) as excinfo:
        normalize_thai_phone(typed)
    assert excinfo.value.code == "invalid_phone"
    assert isinstance(excinfo.value.message, Promise)
    assert "06, 08 or 09" in str(excinfo.value.message)


def test_the_phone_form_field_stores_the_normalised_number():
    class ContactForm(forms.Form):
        phone = ThaiPhoneFormField()

    form = ContactForm(data={"phone": "+66 81 234 5678"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "0812345678"

    bad = ContactForm(data={"phone": "12345"})
    assert not bad.is_valid()
    assert "06, 08 or 09" in bad.errors["phone"][0]


def test_the_phone_form_field_may_be_optional():
    class ContactForm(forms.Form):
        phone = ThaiPhoneFormField(required=False)

    form = ContactForm(data={"phone": ""})
    assert form.is_valid()
    assert form.cleaned_data["phone"] == ""


def test_thai_digits_are_converted():
    assert normalize_thai_digits("๕๐๑๓๐ ตำบลต้นเปา") == "50130 ตำบลต้นเปา"


# --- postcodes --------------------------------------------------------------------------------


@pytest.mark.parametrize("postcode", ["50130", "50000", "10200", "96000", "58130", "38000"])
def test_valid_thai_postcodes_pass(postcode):
    validate_thai_postcode(postcode)


@pytest.mark.parametrize(
    "postcode",
    ["", "5013", "501300", "5013O", "50 130", "09999", "97000", "00000", "๕๐๑๓๐", "50130\n", "abcde"],
)
def test_malformed_or_out_of_range_postcodes_are_rejected(postcode):
    with pytest.raises(ValidationError) as excinfo:
        validate_thai_postcode(postcode)
    assert excinfo.value.code == "invalid_postcode"


# --- OTOP registration numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    ["5013-0042", "OTOP/2567/0042", "50130123", "ชม-2566/17", "A1", "1", "X" * 31 + "1"],
)
def test_otop_registration_numbers_in_the_usual_shapes_pass(number):
    validate_otop_registration_number(number)


@pytest.mark.parametrize(
    "number",
    [
        "",
        "OTOP",  # no digit at all
        "1" * 33,  # too long
        "-5013",  # starts with a separator
        "5013 0042",  # spaces
        "5013<script>",
        "5013'; DROP TABLE",
        "5013\x00",
        "5013_0042",
    ],
)
def test_otop_registration_numbers_with_other_characters_or_too_long_are_rejected(number):
    with pytest.raises(ValidationError) as excinfo:
        validate_otop_registration_number(number)
    assert excinfo.value.code == "invalid_otop_number"


# --- national ID numbers -------------------------------------------------------------------------------


def test_the_national_id_checksum_is_the_official_mod_11_rule():
    assert thai_national_id_is_valid(VALID_ID)
    assert thai_national_id_is_valid(VALID_ID_2)
    assert not thai_national_id_is_valid(WRONG_CHECK_DIGIT)
    assert not thai_national_id_is_valid(VALID_ID[:12])


def _grouped(number: str, sep: str) -> str:
    return sep.join([number[0], number[1:5], number[5:10], number[10:12], number[12]])


@pytest.mark.parametrize(
    "text",
    [
        VALID_ID,
        f"ติดต่อคุณสมศรี เลขบัตรประชาชน {VALID_ID} โทร 0812345678",
        f"ID: {_grouped(VALID_ID, '-')}",
        f"บัตร {_grouped(VALID_ID, ' ')} ค่ะ",
        f"{_grouped(VALID_ID_2, '.')}",
        f"เลข {normalize_thai_digits(VALID_ID).translate(str.maketrans('0123456789', '๐๑๒๓๔๕๖๗๘๙'))}",
    ],
    ids=["bare", "in-thai-sentence", "dashes", "spaces", "dots", "thai-digits"],
)
def test_a_national_id_pasted_into_free_text_is_rejected(text):
    assert contains_thai_national_id(text)
    with pytest.raises(ValidationError) as excinfo:
        validate_no_national_id(text)
    assert excinfo.value.code == "national_id"
    assert "national ID" in str(excinfo.value.message)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ผ้าไหมทอมือจากบ้านต้นเปา สันกำแพง สืบทอดกันมาสามรุ่น",
        "โทร 081-234-5678 หรือ 053 123 456 รหัสไปรษณีย์ 50130",
        f"number with a wrong check digit {WRONG_CHECK_DIGIT}",
        f"a longer number {VALID_ID}7 is not an ID",
        f"9{VALID_ID} neither",
        "two phones 0812345678 053123456 side by side",
        f"odd grouping {VALID_ID[:6]} {VALID_ID[6:]}",
        "ราคา 1,250 บาท น้ำหนัก 0.5 กก. ผลิต 2567",
    ],
)
def test_ordinary_text_and_numbers_that_are_not_national_ids_pass(text):
    assert not contains_thai_national_id(text)
    validate_no_national_id(text)


def test_the_validator_class_is_usable_on_model_fields_and_in_migrations():
    validator = NoNationalIdValidator()
    path, args, kwargs = validator.deconstruct()
    assert path == "catalog.validators.NoNationalIdValidator"
    assert (args, kwargs) == ((), {})
    assert validator == NoNationalIdValidator()
    with pytest.raises(ValidationError):
        validator(f"บัตร {VALID_ID}")


# --- properties ------------------------------------------------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_digits = st.text(alphabet="0123456789", min_size=8, max_size=8)


@given(prefix=st.sampled_from("689"), rest=_digits, sep=st.sampled_from(["", " ", "-", "."]))
def test_any_mobile_number_written_any_usual_way_normalises_to_the_same_ten_digits(prefix, rest, sep):
    national = "0" + prefix + rest
    written = sep.join([national[:3], national[3:6], national[6:]])
    assert normalize_thai_phone(written) == national
    assert normalize_thai_phone(f"+66{sep}{national[1:]}") == national
    assert normalize_thai_phone(normalize_thai_phone(written)) == national  # idempotent


@given(first_twelve=st.text(alphabet="0123456789", min_size=12, max_size=12), sep=st.sampled_from(["", " ", "-"]))
def test_every_checksum_valid_id_is_caught_and_every_wrong_check_digit_is_not(first_twelve, sep):
    number = _with_checksum(first_twelve)
    written = number if not sep else _grouped(number, sep)
    assert contains_thai_national_id(f"ข้อความ {written} ข้อความ")
    for digit in "0123456789":
        if digit != number[12]:
            assert not contains_thai_national_id(f"ข้อความ {number[:12]}{digit} ข้อความ")
