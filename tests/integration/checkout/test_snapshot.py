"""The payment snapshot: a JSON round trip, and a basket that changed after
the total was fixed is refused before any order is written."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from oscar.core.loading import get_class, get_model

from inventory.models import Reservation
from shop.checkout.services import order_place_from_snapshot
from shop.checkout.snapshot import BasketChanged, CheckoutSnapshot, snapshot_build
from shop.demo.shipping import seed_shipping_rates
from shop.order import statuses
from tests.factories.order import THAI_ADDRESS, basket_for, stocked_product

pytestmark = pytest.mark.django_db

Repository = get_class("shipping.repository", "Repository")
Order = get_model("order", "Order")


@pytest.fixture
def basket(db):
    seed_shipping_rates()
    return basket_for(lines=[(stocked_product(price="450.00", weight_grams=400), 2)])


def _snapshot(basket, code="ems-thailand"):
    return snapshot_build(
        basket=basket,
        user=AnonymousUser(),
        email="guest@example.com",
        language="zh-hans",
        shipping_address=THAI_ADDRESS,
        billing_address=None,
        shipping_method=Repository().method_by_code(code=code),
    )


def test_the_snapshot_survives_a_json_round_trip(basket):
    snapshot = _snapshot(basket)

    again = CheckoutSnapshot.from_json(snapshot.to_json())

    assert again == snapshot
    assert snapshot.order_total_incl_tax == Decimal("900.00") + Decimal("90.00")  # 0.8 kg by EMS
    assert snapshot.order_number == str(100000 + basket.id)


def test_an_order_placed_from_the_snapshot_keeps_the_agreed_total_and_language(basket):
    order = order_place_from_snapshot(snapshot=_snapshot(basket), basket=basket, status=statuses.PENDING_PAYMENT)

    assert (order.total_incl_tax, order.shipping_incl_tax, order.language) == (
        Decimal("990.00"),
        Decimal("90.00"),
        "zh-hans",
    )
    assert order.shipping_address.line3 == "ต้นเปา" and order.guest_email == "guest@example.com"
    assert order.pickup_code == ""
    assert Reservation.objects.get(reference=f"order:{order.number}").status == Reservation.Status.CONFIRMED


def test_a_basket_changed_after_the_snapshot_is_refused_and_nothing_is_written(basket):
    snapshot = _snapshot(basket)
    line = basket.all_lines()[0]
    line.quantity = 1
    line.save()
    basket.reset_offer_applications()

    with pytest.raises(BasketChanged):
        order_place_from_snapshot(snapshot=snapshot, basket=basket, status=statuses.PENDING_PAYMENT)

    assert not Order.objects.exists() and not Reservation.objects.exists()


def test_a_price_changed_after_the_snapshot_is_refused(basket):
    snapshot = _snapshot(basket)
    record = basket.all_lines()[0].stockrecord
    record.price = Decimal("1.00")
    record.save()
    fresh = get_model("basket", "Basket").objects.get(pk=basket.pk)

    with pytest.raises(BasketChanged):
        order_place_from_snapshot(snapshot=snapshot, basket=fresh, status=statuses.PENDING_PAYMENT)
