"""The center's commission is recorded on each order line at the time of sale."""

from decimal import Decimal

import pytest

from tests.factories.catalog import OtopProductTypeFactory, ProducerFactory
from tests.factories.order import order_place, stocked_product

pytestmark = pytest.mark.django_db


def test_the_producers_own_rate_wins_over_the_product_type_and_the_default(settings):
    settings.OTOP_DEFAULT_COMMISSION_RATE = Decimal("0.15")
    textiles = OtopProductTypeFactory(commission_rate=Decimal("0.12"))
    own_rate = stocked_product(
        producer=ProducerFactory(commission_rate=Decimal("0.10")), otop_type=textiles, price="500.00"
    )
    type_rate = stocked_product(otop_type=textiles, price="500.00")
    default_rate = stocked_product(otop_type=None, price="500.00")

    order = order_place(lines=[(own_rate, 1), (type_rate, 2), (default_rate, 1)])

    lines = {line.product_id: line for line in order.lines.all()}
    assert (
        lines[own_rate.pk].commission_rate,
        lines[own_rate.pk].commission_amount,
        lines[own_rate.pk].producer_payable,
    ) == (
        Decimal("0.1000"),
        Decimal("50.00"),
        Decimal("450.00"),
    )
    assert (lines[type_rate.pk].commission_amount, lines[type_rate.pk].producer_payable) == (
        Decimal("120.00"),
        Decimal("880.00"),
    )
    assert lines[default_rate.pk].commission_rate == Decimal("0.1500")
    assert lines[own_rate.pk].producer == own_rate.producer


def test_changing_a_rate_later_does_not_change_lines_already_sold():
    producer = ProducerFactory(commission_rate=Decimal("0.10"))
    product = stocked_product(producer=producer, price="200.00")
    old = order_place(lines=[(product, 1)])

    producer.commission_rate = Decimal("0.25")
    producer.save()
    new = order_place(lines=[(product, 1)])

    old_line, new_line = old.lines.get(), new.lines.get()
    old_line.refresh_from_db()
    assert (old_line.commission_amount, old_line.producer_payable) == (Decimal("20.00"), Decimal("180.00"))
    assert (new_line.commission_amount, new_line.producer_payable) == (Decimal("50.00"), Decimal("150.00"))
