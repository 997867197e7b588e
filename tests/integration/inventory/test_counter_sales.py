"""counter_sale_record: a walk-in sale priced by the shop, its cash and
change checked and stored with priced lines, so the buyer's receipt can be
reprinted as sold (issue 19, point 10)."""

import uuid
from decimal import Decimal

import pytest

from inventory.exceptions import StockError
from inventory.models import CounterSale, StockMovement
from inventory.selectors import counter_sale_receipt_lines, stock_available
from inventory.services import counter_sale_record
from tests.factories.inventory import stock_receive

pytestmark = pytest.mark.django_db


@pytest.fixture
def stocked(product, other_product):
    stock_receive(product=product, quantity=5)
    stock_receive(product=other_product, quantity=5)
    return {product.pk: 3, other_product.pk: 1}  # 3 × 450 + 350 = 1,700.00


def _record(lines, **kwargs):
    kwargs.setdefault("payment_method", "cash")
    kwargs.setdefault("payment_reference", "")
    return counter_sale_record(token=str(uuid.uuid4()), lines=lines, user=None, **kwargs)


def test_a_cash_sale_stores_the_total_the_cash_received_and_the_change(stocked):
    sale, created = _record(stocked, cash_tendered=Decimal("2000"))

    assert created
    assert (sale.total, sale.cash_tendered, sale.change_given) == (
        Decimal("1700.00"),
        Decimal("2000.00"),
        Decimal("300.00"),
    )


def test_cash_short_of_the_total_is_refused_and_nothing_is_written(stocked, product):
    with pytest.raises(StockError) as caught:
        _record(stocked, cash_tendered=Decimal("1699.99"))

    assert caught.value.code == "cash_short"
    assert CounterSale.objects.count() == 0
    assert not StockMovement.objects.filter(kind="counter_sale").exists()
    assert stock_available(product_id=product.pk) == 5


def test_the_exact_total_is_assumed_when_a_cash_sale_gives_no_amount(stocked):
    sale, _created = _record(stocked)
    assert (sale.cash_tendered, sale.change_given) == (Decimal("1700.00"), Decimal("0.00"))


def test_a_promptpay_sale_stores_no_cash_whatever_is_passed(stocked):
    sale, _created = _record(stocked, payment_method="promptpay", cash_tendered=Decimal("5000"))
    assert (sale.cash_tendered, sale.change_given) == (None, None)


def test_the_lines_keep_the_price_charged_when_the_price_changes_later(stocked, product, other_product):
    sale, _created = _record(stocked)
    product.stockrecords.update(price=Decimal("999.00"))

    lines = counter_sale_receipt_lines(sale=sale)

    assert [(line["quantity"], line["unit_price"], line["line_total"]) for line in lines] == [
        (3, Decimal("450.00"), Decimal("1350.00")),
        (1, Decimal("350.00"), Decimal("350.00")),
    ]
    assert sum(line["line_total"] for line in lines) == sale.total


def test_a_total_computed_by_the_caller_at_another_price_is_refused(stocked):
    with pytest.raises(StockError) as caught:
        _record(stocked, total=Decimal("1600.00"))
    assert caught.value.code == "total_changed"
    assert CounterSale.objects.count() == 0


def test_the_database_refuses_change_that_is_not_cash_received_minus_total(stocked):
    from django.db import IntegrityError, transaction

    sale, _created = _record(stocked, cash_tendered=Decimal("2000"))
    with pytest.raises(IntegrityError), transaction.atomic():
        CounterSale.objects.filter(pk=sale.pk).update(change_given=Decimal("500.00"))
