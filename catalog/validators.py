"""Validators for what producers and buyers type: Thai phone numbers and
postcodes, OTOP registration numbers, and a guard against national ID numbers
in free text.

Each rule says why it exists. Messages are English msgids wrapped in
gettext_lazy; the translations step adds Thai.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, ClassVar, Final

from django import forms
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Thai digits (๐๑๒๓๔๕๖๗๘๙) are what a Thai keyboard types in Thai mode.
_THAI_DIGITS: Final = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def normalize_thai_digits(value: str) -> str:
    """Replace Thai digits with ASCII digits; everything else is unchanged."""
    return str(value).translate(_THAI_DIGITS)


# --- Parcel dimensions ---------------------------------------------------------------

# Length, width and height in cm, with one decimal (a tape measure's
# precision). 500 cm is beyond any courier's parcel limit, so only a typo is
# refused. The model's fields and the producer's form both use these bounds.
PARCEL_CM_MIN: Final = Decimal("0.1")
PARCEL_CM_MAX: Final = Decimal("500")


# --- Phone numbers -------------------------------------------------------------------

# A pasted number is short; anything longer is not a phone number, and the
# cap keeps the cleaning below trivially cheap.
_PHONE_MAX_INPUT: Final = 32
# Formatting people use: spaces (also no-break), dashes, dots, brackets
# ("(053) 123 456"), and the "+66 (0) 81..." habit. Nothing else is dropped:
# letters, extensions ("ต่อ 12") or a second number are rejected, not guessed.
_PHONE_FORMATTING: Final = re.compile(r"[\s\u00a0\-\u2010-\u2015.()]")
_MOBILE: Final = re.compile(r"0[689][0-9]{8}")
# Landlines: 0 + area code + number, 9 digits in all: 02 Bangkok, 03x
# central/east, 04x north-east, 05x north (053 Chiang Mai), 07x south.
_LANDLINE: Final = re.compile(r"0[2-57][0-9]{7}")

PHONE_MESSAGE: Final = _(
    "Enter a Thai phone number: a mobile number of 10 digits starting with 06, 08 or 09 "
    "(for example 081 234 5678), or a landline of 9 digits starting with 0 (for example 053 123 456). "
    "+66 is accepted in place of the first 0."
)


def normalize_thai_phone(value: str) -> str:
    """Return the number as 0XXXXXXXXX (10 digits, mobile) or 0XXXXXXXX
    (9 digits, landline), or raise ValidationError(code="invalid_phone").

    Accepts the international forms +66, 0066 and 66 (the leading 0 of the
    national number is dropped after the country code, and tolerated if
    written anyway: "+66 (0)81 ..."), Thai digits, spaces, dashes, dots and
    brackets. Stored numbers are always national so duplicate detection
    (same phone, different producer) compares like with like.
    """
    text = normalize_thai_digits(str(value or "")).strip()
    if not text or len(text) > _PHONE_MAX_INPUT:
        raise ValidationError(PHONE_MESSAGE, code="invalid_phone")
    compact = _PHONE_FORMATTING.sub("", text)
    if compact.startswith("+"):
        compact = compact[1:]
        if not compact.startswith("66"):
            raise ValidationError(PHONE_MESSAGE, code="invalid_phone")  # a foreign number
    if not compact.isascii() or not compact.isdigit():
        raise ValidationError(PHONE_MESSAGE, code="invalid_phone")
    # National numbers start with 0 (never 00), so 0066 and a bare leading 66
    # can only be the country code.
    if compact.startswith("0066"):
        national = compact[4:]
    elif compact.startswith("66"):
        national = compact[2:]
    elif compact.startswith("0"):
        return _check_national(compact)
    else:
        raise ValidationError(PHONE_MESSAGE, code="invalid_phone")
    if not national.startswith("0"):
        national = "0" + national
    return _check_national(national)


def _check_national(number: str) -> str:
    if _MOBILE.fullmatch(number) or _LANDLINE.fullmatch(number):
        return number
    raise ValidationError(PHONE_MESSAGE, code="invalid_phone")


def validate_thai_phone(value: str) -> None:
    """Django validator form of ``normalize_thai_phone`` (validators cannot
    change the value: forms should store ``normalize_thai_phone(value)``, or
    use ``ThaiPhoneFormField`` which does)."""
    normalize_thai_phone(value)


class ThaiPhoneFormField(forms.CharField):
    """A form field that validates and normalises a Thai phone number, so the
    cleaned value is always 0XXXXXXXXX or 0XXXXXXXX."""

    default_error_messages: ClassVar[dict[str, Any]] = {"invalid_phone": PHONE_MESSAGE}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", _PHONE_MAX_INPUT)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return normalize_thai_phone(value)


# --- Postcodes -----------------------------------------------------------------------

POSTCODE_MESSAGE: Final = _("Enter a Thai postcode: 5 digits, for example 50130.")
_POSTCODE: Final = re.compile(r"[0-9]{5}")


def validate_thai_postcode(value: str) -> None:
    """Five ASCII digits whose first two are 10-96, the range of Thai
    postcodes (10xxx Bangkok ... 96xxx Narathiwat; Chiang Mai is 50xxx, but
    Galyani Vadhana uses 58130). Whether the postcode exists and matches the
    tambon is ``catalog.thai_address.address_is_valid``'s job."""
    text = str(value or "")
    if not _POSTCODE.fullmatch(text) or not 10 <= int(text[:2]) <= 96:
        raise ValidationError(POSTCODE_MESSAGE, code="invalid_postcode")


# --- OTOP registration numbers ------------------------------------------------------------

OTOP_NUMBER_MAX_LENGTH: Final = 32
OTOP_NUMBER_MESSAGE: Final = _(
    "Enter the OTOP registration number as written on your certificate: letters, digits, "
    '"-" and "/" only, at most 32 characters.'
)
# Formats vary by year and issuing office, so the rule is permissive but
# bounded: it must start with a letter or digit, contain a digit, and use
# only letters (Latin or Thai), digits, "-" and "/". That keeps markup,
# quotes and control characters out of a value that is shown to staff and
# used for duplicate detection.
_OTOP_NUMBER: Final = re.compile(r"[0-9A-Za-z\u0e01-\u0e4e\u0e50-\u0e59][0-9A-Za-z\u0e01-\u0e4e\u0e50-\u0e59/\-]*")


def validate_otop_registration_number(value: str) -> None:
    text = str(value or "")
    if (
        not text
        or len(text) > OTOP_NUMBER_MAX_LENGTH
        or not _OTOP_NUMBER.fullmatch(text)
        or not any(ch.isdigit() for ch in text)
    ):
        raise ValidationError(OTOP_NUMBER_MESSAGE, code="invalid_otop_number")


# --- National ID numbers in free text --------------------------------------------------------

NATIONAL_ID_MESSAGE: Final = _(
    "Please remove the national ID number from this text. The office does not collect national ID numbers."
)
# 13 digits written together, or in the card's 1-4-5-2-1 grouping with one
# separator (space, dash or dot) used throughout: "1 2345 67890 12 1".
# Not part of a longer run of digits (a 14-digit number is something else).
_NATIONAL_ID_CANDIDATES: Final = re.compile(
    r"(?<![0-9])(?:[0-9]{13}|[0-9]([ \-.])[0-9]{4}\1[0-9]{5}\1[0-9]{2}\1[0-9])(?![0-9])"
)


def thai_national_id_is_valid(value: str) -> bool:
    """True when ``value`` (13 digits, separators allowed) passes the Thai
    national ID checksum: sum of the first 12 digits weighted 13..2, then
    (11 - sum mod 11) mod 10 must equal the last digit."""
    digits = re.sub(r"[^0-9]", "", normalize_thai_digits(value))
    if len(digits) != 13:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:12], range(13, 1, -1), strict=True))
    return (11 - total % 11) % 10 == int(digits[12])


def contains_thai_national_id(text: str) -> bool:
    """True when the text contains a number that is a valid Thai national ID.

    Only numbers passing the checksum count, so a random 13-digit number is
    flagged one time in ten; a product barcode (EAN-13) in a story can be one
    of them. That is acceptable for free-text fields: the message says what to
    remove, and the office must not collect ID numbers at all.
    """
    normalized = normalize_thai_digits(str(text or ""))
    return any(thai_national_id_is_valid(match.group(0)) for match in _NATIONAL_ID_CANDIDATES.finditer(normalized))


@deconstructible
class NoNationalIdValidator:
    """Model/form validator: rejects free text containing a Thai national ID
    number (PDPA: the office must not collect them, and producers paste their
    ID card into "about us" or address fields surprisingly often)."""

    message = NATIONAL_ID_MESSAGE
    code = "national_id"

    def __call__(self, value: str) -> None:
        if contains_thai_national_id(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoNationalIdValidator)

    def __hash__(self) -> int:
        return hash(NoNationalIdValidator)


def validate_no_national_id(text: str) -> None:
    """Reject free text (story, address, notes) containing a Thai national ID."""
    NoNationalIdValidator()(text)
