"""Oscar's storefront and order placement see and take stock only through
the ledger."""

from datetime import timedelta

import pytest
from django.utils import timezone
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order

from inventory.models import Reservation
from inventory.services import reservation_create, reservations_expire, stock_reconcile
from shop.order.services import order_stock_reference
from shop.order.utils import OrderStockUnavailable
from tests.factories.catalog import StockRecord
from tests.factories.inventory import stock_receive

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Selector = get_class("partner.strategy", "Selector")


def _basket(*items):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for product, quantity in items:
        basket.add_product(product, quantity)
    return basket


def test_the_storefront_strategy_is_ours_prices_in_thb_without_added_tax(product):
    stock_receive(product=product, quantity=3)

    info = Selector().strategy().fetch_for_product(product)

    assert type(Selector().strategy()).__name__ == "OtopStrategy"
    assert (info.price.currency, info.price.incl_tax, info.price.tax) == ("THB", info.price.excl_tax, 0)
    assert info.availability.is_available_to_buy
    assert info.stockrecord.partner == product.producer.partner


def test_reserved_units_are_not_offered_to_other_shoppers(product):
    stock_receive(product=product, quantity=2)
    reservation_create(reference="basket:1", lines=[(product.pk, 2)])

    info = Selector().strategy().fetch_for_product(product)

    assert not info.availability.is_available_to_buy


def test_the_strategy_prefers_the_producers_stock_record(product):
    from tests.factories.catalog import PartnerFactory, StockRecordFactory

    StockRecordFactory(product=product, partner=PartnerFactory(), num_in_stock=99)
    stock_receive(product=product, quantity=1)

    info = Selector().strategy().fetch_for_product(product)

    assert info.stockrecord.partner == product.producer.partner


@pytest.mark.parametrize("method", ["allocate", "consume_allocation", "cancel_allocation"])
def test_oscars_unchecked_stock_record_counters_cannot_be_used(product, method):
    record = StockRecord.objects.get(product=product)

    with pytest.raises(NotImplementedError, match="inventory"):
        getattr(record, method)(1)


def test_placing_an_order_reserves_and_confirms_its_stock(product, other_product):
    stock_receive(product=product, quantity=3)
    stock_receive(product=other_product, quantity=3)

    order = create_order(number="100001", basket=_basket((product, 2), (other_product, 1)))

    reservations = Reservation.objects.filter(reference=order_stock_reference(order.number))
    assert sorted((r.product_id, r.quantity, r.status) for r in reservations) == sorted(
        [(product.pk, 2, "confirmed"), (other_product.pk, 1, "confirmed")]
    )
    assert StockRecord.objects.get(product=product).num_allocated == 2
    assert stock_reconcile() == []


def test_an_order_for_stock_that_is_gone_is_not_placed_and_says_which_line(product, other_product):
    stock_receive(product=product, quantity=1)
    stock_receive(product=other_product, quantity=3)
    basket = _basket((product, 1), (other_product, 1))
    reservation_create(reference="basket:someone-else", lines=[(product.pk, 1)])

    with pytest.raises(OrderStockUnavailable) as caught:
        create_order(number="100002", basket=basket)

    assert [line.product for line in caught.value.lines] == [product]
    assert not Order.objects.exists()
    assert not Reservation.objects.filter(reference="order:100002").exists()


def test_an_order_confirms_the_reservation_made_when_payment_started(product):
    stock_receive(product=product, quantity=2)
    reservation_create(reference="order:100003", lines=[(product.pk, 2)])

    create_order(number="100003", basket=_basket((product, 2)))

    assert list(Reservation.objects.values_list("status", flat=True)) == ["confirmed"]
    assert StockRecord.objects.get(product=product).num_allocated == 2


def test_a_late_payment_for_sold_stock_places_the_order_flagged_for_refund(product):
    stock_receive(product=product, quantity=1)
    basket = _basket((product, 1))
    reservation_create(reference="order:100004", lines=[(product.pk, 1)], now=timezone.now() - timedelta(minutes=30))
    reservations_expire()
    reservation_create(reference="basket:walk-in", lines=[(product.pk, 1)])

    order = create_order(number="100004", basket=basket)

    assert order.stock_confirmation.needs_refund
    assert "refund needed" in order.notes.get().message
