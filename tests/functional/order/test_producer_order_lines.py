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
    [line] = response.context["page_obj"].object_list
    assert line.producer_id == maker_a.pk and line.order.number == order.number
    assert (line.commission_amount, line.producer_payable) == (Decimal("100.00"), Decimal("900.00"))
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
