"""Shipping methods and charges: pickup, Thai weight bands, international
zones, and goods that may not leave Thailand."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_class, get_model

from shop.demo.shipping import seed_shipping_rates
from tests.factories.order import basket_for, stocked_product

pytestmark = pytest.mark.django_db

Repository = get_class("shipping.repository", "Repository")
ShippingAddress = get_model("order", "ShippingAddress")
WeightBased = get_model("shipping", "WeightBased")


@pytest.fixture(autouse=True)
def _rates(db):
    seed_shipping_rates()


def _methods(basket, country):
    return {
        m.code: m.calculate(basket).incl_tax
        for m in Repository().get_shipping_methods(basket, shipping_addr=ShippingAddress(country_id=country))
    }


def test_a_thai_address_gets_pickup_and_the_domestic_bands_by_weight():
    light = basket_for(lines=[(stocked_product(weight_grams=400, quantity=5), 1)])
    heavy = basket_for(lines=[(stocked_product(weight_grams=800, quantity=5), 2)])  # 1.6 kg

    assert _methods(light, "TH") == {
        "pickup": Decimal("0.00"),
        "registered-mail-thailand-post": Decimal("50.00"),
        "ems-thailand": Decimal("60.00"),
    }
    assert _methods(heavy, "TH")["ems-thailand"] == Decimal("130.00")


def test_international_rates_depend_on_the_zone():
    basket = basket_for(lines=[(stocked_product(weight_grams=900, quantity=5), 1)])

    assert _methods(basket, "SG") == {"pickup": Decimal("0.00"), "ems-world-asean": Decimal("800.00")}
    assert _methods(basket, "JP")["ems-world-asia-and-pacific"] == Decimal("950.00")
    assert _methods(basket, "DE")["ems-world-europe-and-the-americas"] == Decimal("1350.00")


def test_a_parcel_over_the_top_band_is_charged_in_several_parcels():
    basket = basket_for(lines=[(stocked_product(weight_grams=6000, quantity=5), 2)])  # 12 kg

    assert _methods(basket, "TH")["ems-thailand"] == Decimal("420.00") + Decimal("130.00")


def test_a_product_that_may_not_leave_thailand_removes_the_international_methods_and_is_named():
    tea = stocked_product(weight_grams=200, quantity=5, not_shippable_abroad=True, title_en="Mulberry tea")
    basket = basket_for(lines=[(tea, 1), (stocked_product(quantity=5), 1)])

    assert set(_methods(basket, "DE")) == {"pickup"}
    assert Repository().international_unavailable(basket=basket, shipping_addr=ShippingAddress(country_id="DE")) == [
        tea.get_title()
    ]
    assert "ems-thailand" in _methods(basket, "TH")


def test_rates_edited_by_the_office_apply_at_once():
    basket = basket_for(lines=[(stocked_product(weight_grams=400, quantity=5), 1)])
    WeightBased.objects.get(code="ems-thailand").bands.filter(upper_limit=Decimal("0.5")).update(
        charge=Decimal("65.00")
    )

    assert _methods(basket, "TH")["ems-thailand"] == Decimal("65.00")


def test_loading_the_demo_rates_twice_changes_nothing():
    before = (WeightBased.objects.count(), get_model("shipping", "WeightBand").objects.count())

    seed_shipping_rates()

    assert (WeightBased.objects.count(), get_model("shipping", "WeightBand").objects.count()) == before


def test_the_office_edits_a_band_in_oscars_shipping_dashboard_and_the_checkout_uses_it(client):
    from django.urls import reverse

    from tests.factories.catalog import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    method = WeightBased.objects.get(code="ems-thailand")
    band = method.bands.get(upper_limit=Decimal("0.5"))
    basket = basket_for(lines=[(stocked_product(weight_grams=400, quantity=5), 1)])

    page = client.get(reverse("dashboard:shipping-method-detail", kwargs={"pk": method.pk}))
    response = client.post(
        reverse("dashboard:shipping-method-band-edit", kwargs={"method_pk": method.pk, "pk": band.pk}),
        {"upper_limit": "0.5", "charge": "70.00"},
    )

    assert page.status_code == 200 and response.status_code == 302
    assert _methods(basket, "TH")["ems-thailand"] == Decimal("70.00")
