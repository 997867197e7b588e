"""The checkout's shipping address: Thai addresses checked against the
bundled data, foreign ones free-form, pickup needs only a name and phone."""

import pytest
from django.utils import translation

from shop.checkout.forms import ShippingAddressForm

pytestmark = pytest.mark.django_db

GOOD_THAI = {
    "first_name": "Somchai",
    "last_name": "Jaidee",
    "phone_number": "081 234 5678",
    "country": "TH",
    "line1": "99/1 Moo 3",
    "line3": "ต้นเปา",
    "line4": "สันกำแพง",
    "state": "เชียงใหม่",
    "postcode": "50130",
}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _form(**changes):
    data = {**GOOD_THAI, **changes}
    return ShippingAddressForm(data={k: v for k, v in data.items() if v is not None})


def test_a_chiang_mai_address_with_the_right_postcode_is_accepted():
    form = _form()

    assert form.is_valid(), form.errors
    assert form.instance.postcode == "50130"


def test_english_names_are_accepted_and_stored_in_the_official_spelling():
    form = _form(line3="Ton Pao", line4="San Kamphaeng", state="Chiang Mai")

    assert form.is_valid(), form.errors
    assert (form.instance.line4, form.instance.state) == ("San Kamphaeng", "Chiang Mai")


def test_an_address_in_another_province_is_checked_too():
    form = _form(line3="Lumpini", line4="Pathum Wan", state="Bangkok", postcode="10330")

    assert form.is_valid(), form.errors


def test_a_postcode_of_another_district_is_refused_with_the_right_one_named():
    form = _form(postcode="50000")

    assert not form.is_valid()
    assert "50130" in form.errors["postcode"][0]


def test_a_subdistrict_outside_the_district_is_refused():
    form = _form(line3="ช้างเผือก")

    assert not form.is_valid()
    assert "subdistrict" in form.errors["line3"][0]


def test_a_district_outside_the_province_is_refused():
    form = _form(line4="Pathum Wan")

    assert not form.is_valid()
    assert "district" in form.errors["line4"][0]


def test_an_unknown_province_is_refused():
    form = _form(state="Atlantis")

    assert not form.is_valid()
    assert "province" in form.errors["state"][0]


def test_thai_addresses_need_every_part():
    form = _form(line3="", postcode="")

    assert not form.is_valid()
    assert set(form.errors) >= {"line3", "postcode"}


def test_a_phone_number_is_required():
    form = _form(phone_number="")

    assert not form.is_valid()
    assert "phone_number" in form.errors


def test_a_foreign_address_is_free_form():
    form = _form(
        country="DE",
        line1="Hauptstr. 5",
        line3="",
        line4="Berlin",
        state="",
        postcode="10115",
        phone_number="+49 30 1234567",
    )

    assert form.is_valid(), form.errors


def test_a_foreign_address_needs_street_and_city():
    form = _form(country="DE", line1="", line3="", line4="", state="", postcode="", phone_number="+49 30 1234567")

    assert not form.is_valid()
    assert set(form.errors) >= {"line1", "line4"}


def test_collecting_at_the_center_needs_only_name_and_phone():
    form = ShippingAddressForm(
        data={
            "pickup_only": "on",
            "first_name": "Anna",
            "last_name": "Berg",
            "phone_number": "+46701234567",
            "country": "SE",
        }
    )

    assert form.is_valid(), form.errors
    assert (form.instance.country_id, form.instance.postcode) == ("TH", "50130")
