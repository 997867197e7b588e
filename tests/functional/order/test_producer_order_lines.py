"""A producer sees only its own lines of an order, with commission and
what it is owed; another producer's line is a 404."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.catalog import ProducerFactory, producer_member
from tests.factories.order import order_place, stocked_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_order(db):
    """One order with a line from each of two producers."""
    maker_a = ProducerFactory(commission_rate=Decimal("0.10"))
    maker_b = ProducerFactory(commission_rate=Decimal("0.20"))
    scarf = stocked_product(producer=maker_a, price="500.00", title="ผ้าพันคอ", title_en="Scarf")
    bowl = stocked_product(producer=maker_b, price="300.00", title="ชามเซลาดอน", title_en="Celadon bowl")
    order = order_place(lines=[(scarf, 2), (bowl, 1)])
    return order, maker_a, maker_b


def _client_for(client, producer):
    client.force_login(producer_member(producer))
    return client


def test_the_portal_lists_only_the_producers_own_lines_with_commission_and_payable(client, shared_order):
    order, maker_a, _maker_b = shared_order

    response = _client_for(client, maker_a).get(reverse("catalog-portal:order-lines"))

    assert response.status_code == 200
    [row] = response.context["page_obj"].object_list
    assert not row.is_counter_sale and row.line.producer_id == maker_a.pk and row.reference == order.number
    assert (row.commission, row.payable) == (Decimal("100.00"), Decimal("900.00"))
    body = response.content.decode()
    assert "ผ้าพันคอ" in body and "ชามเซลาดอน" not in body
    assert response.context["totals"]["payable"] == Decimal("900.00")


def test_another_producers_line_is_a_404(client, shared_order):
    order, maker_a, maker_b = shared_order
    line_of_b = order.lines.get(producer=maker_b)
    line_of_a = order.lines.get(producer=maker_a)
    client = _client_for(client, maker_a)

    assert client.get(reverse("catalog-portal:order-line", kwargs={"line_pk": line_of_b.pk})).status_code == 404
    own = client.get(reverse("catalog-portal:order-line", kwargs={"line_pk": line_of_a.pk}))
    assert own.status_code == 200 and own.context["line"] == line_of_a


def test_the_order_lines_page_runs_a_fixed_number_of_queries(client, shared_order):
    order, maker_a, _maker_b = shared_order
    client = _client_for(client, maker_a)
    client.get(reverse("catalog-portal:order-lines"))  # warm caches (site, session)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("catalog-portal:order-lines"))
    scarf = order.lines.get(producer=maker_a).product
    for _ in range(5):
        order_place(lines=[(scarf, 1)])

    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("catalog-portal:order-lines"))

    assert len(response.context["page_obj"].object_list) == 6
    assert len(many) == len(few) <= 20, [q["sql"] for q in many.captured_queries]


def test_producers_no_longer_reach_whole_orders_in_oscars_order_dashboard(client, shared_order):
    order, maker_a, _maker_b = shared_order
    client = _client_for(client, maker_a)

    response = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))

    assert response.status_code in (302, 403, 404)


def test_a_counter_sale_of_the_producers_goods_shows_on_the_sales_page_at_once_marked_as_a_counter_sale(
    client, shared_order
):
    import uuid

    from inventory.services import counter_sale_record

    order, maker_a, maker_b = shared_order
    scarf = order.lines.get(producer=maker_a).product
    bowl = order.lines.get(producer=maker_b).product
    sale, _created = counter_sale_record(
        token=str(uuid.uuid4()),
        payment_method="cash",
        payment_reference="",
        lines={scarf.pk: 3, bowl.pk: 1},
        total=Decimal("1800.00"),
        user=None,
    )

    response = _client_for(client, maker_a).get(reverse("catalog-portal:order-lines"))

    rows = list(response.context["page_obj"].object_list)
    counter = [row for row in rows if row.is_counter_sale]
    assert [(row.reference, row.title, row.quantity) for row in counter] == [(sale.number, "ผ้าพันคอ", 3)]
    # Valued as the month-end statement values it: stock-record price, the producer's rate.
    assert (counter[0].gross, counter[0].commission, counter[0].payable) == (
        Decimal("1500.00"),
        Decimal("150.00"),
        Decimal("1350.00"),
    )
    assert [row.is_counter_sale for row in rows] == [True, False]  # newest first
    assert response.context["totals"]["sales"] == Decimal("2500.00")
    assert response.context["totals"]["payable"] == Decimal("2250.00")
    assert response.context["totals"]["counter_sales"] == Decimal("1500.00")
    body = response.content.decode()
    assert sale.number in body and "ชามเซลาดอน" not in body
