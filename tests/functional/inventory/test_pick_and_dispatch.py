"""Fulfilment at the center: the queue of orders, pick lists sorted by bin
with FEFO lots, the order's steps on its dashboard page, and dispatch with
carrier and tracking number consuming the reservation."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from inventory.models import Reservation, StockMovement
from inventory.services import reservation_confirm, reservation_create
from shop.order import statuses
from shop.order.services import order_packed, order_payment_confirmed, order_picking_start
from tests.factories.inventory import stock_receive
from tests.factories.order import order_place

from .conftest import messages_of


def test_a_pick_list_is_sorted_by_bin_and_takes_the_first_expiring_lot(staff_client, product, other_product):
    stock_receive(product=product, quantity=2, lot_code="LATE", best_before=date(2028, 1, 1), to_bin="SKP-A-01")
    stock_receive(product=product, quantity=2, lot_code="SOON", best_before=date(2027, 1, 1), to_bin="SKP-A-03")
    stock_receive(product=other_product, quantity=2, lot_code="U", to_bin="SKP-A-02")
    reservation_create(reference="order:100001", lines=[(product.pk, 1), (other_product.pk, 1)])
    reservation_create(reference="order:100002", lines=[(product.pk, 1)])

    single = staff_client.get(reverse("inventory:pick-list"), {"reference": "100001"})
    batch = staff_client.get(reverse("inventory:pick-list") + "?reference=order:100001&reference=order:100002")

    assert [(r.location.code, r.lot.code) for r in single.context["rows"]] == [("SKP-A-02", "U"), ("SKP-A-03", "SOON")]
    assert [(r.location.code, r.lot.code, r.reference) for r in batch.context["rows"]] == [
        ("SKP-A-02", "U", "order:100001"),
        ("SKP-A-03", "SOON", "order:100001"),
        ("SKP-A-03", "SOON", "order:100002"),
    ]


def test_the_default_batch_lists_every_confirmed_order_not_yet_dispatched(staff_client, product):
    stock_receive(product=product, quantity=5)
    reservation_create(reference="order:1", lines=[(product.pk, 1)])
    reservation_create(reference="order:2", lines=[(product.pk, 1)])
    reservation_confirm(reference="order:2")

    response = staff_client.get(reverse("inventory:pick-list"))

    assert [r.reference for r in response.context["rows"]] == ["order:2"]


@pytest.fixture
def packed_order(product):
    stock_receive(product=product, quantity=3)
    order = order_place(lines=[(product, 2)], shipping_code="ems-thailand")
    order_payment_confirmed(order=order, amount=order.total_incl_tax, method_label="card")
    order_picking_start(order=order)
    order_packed(order=order)
    return order


def test_the_queue_shows_paid_and_pickup_orders_but_not_unpaid_deliveries(staff_client, product):
    stock_receive(product=product, quantity=5)
    unpaid_delivery = order_place(lines=[(product, 1)], shipping_code="ems-thailand")
    pickup = order_place(lines=[(product, 1)])
    paid = order_place(lines=[(product, 1)], shipping_code="ems-thailand")
    order_payment_confirmed(order=paid, amount=paid.total_incl_tax, method_label="card")

    response = staff_client.get(reverse("inventory:pick-list"))

    assert [o.number for o in response.context["queue"]] == [pickup.number, paid.number]
    assert unpaid_delivery.number not in [o.number for o in response.context["queue"]]


def test_dispatch_records_carrier_and_tracking_and_a_second_dispatch_changes_nothing(
    staff_client, product, packed_order
):
    url = reverse("inventory:dispatch")
    data = {"reference": packed_order.number, "carrier": "thailand_post", "tracking_number": "EF123456789TH"}

    first = staff_client.post(url, data, follow=True)
    second = staff_client.post(url, {**data, "reference": f"order:{packed_order.number}"}, follow=True)

    [move] = StockMovement.objects.filter(kind="dispatch")
    assert (move.reference, move.quantity) == (f"order:{packed_order.number}", 2) and "EF123456789TH" in move.reason
    assert messages_of(first)[-1][0] == "success" and messages_of(second)[-1][0] == "error"
    assert Reservation.objects.get().status == Reservation.Status.CONSUMED
    assert product.stockrecords.get().num_in_stock == 1
    packed_order.refresh_from_db()
    assert (packed_order.status, packed_order.tracking_number) == (statuses.DISPATCHED, "EF123456789TH")


def test_dispatch_without_a_tracking_number_is_refused(staff_client, packed_order):
    response = staff_client.post(
        reverse("inventory:dispatch"), {"reference": packed_order.number, "carrier": "kerry"}, follow=True
    )

    assert messages_of(response)[-1][0] == "error"
    assert not StockMovement.objects.filter(kind="dispatch").exists()
    packed_order.refresh_from_db()
    assert packed_order.status == statuses.PACKED


def test_an_order_that_is_not_packed_cannot_be_dispatched(staff_client, product):
    stock_receive(product=product, quantity=3)
    order = order_place(lines=[(product, 1)], shipping_code="ems-thailand")
    order_payment_confirmed(order=order, amount=order.total_incl_tax, method_label="card")

    response = staff_client.post(
        reverse("inventory:dispatch"),
        {"reference": order.number, "carrier": "kerry", "tracking_number": "KE1"},
        follow=True,
    )

    assert messages_of(response)[-1][0] == "error"
    assert not StockMovement.objects.filter(kind="dispatch").exists()


def test_staff_move_a_pickup_order_to_ready_on_its_dashboard_page(staff_client, product):
    stock_receive(product=product, quantity=3)
    order = order_place(lines=[(product, 1)])
    url = reverse("dashboard:order-detail", kwargs={"number": order.number})

    for step in ("picking", "packed", "ready_for_pickup"):
        response = staff_client.post(url, {"order_action": "fulfil", "step": step}, follow=True)
        assert messages_of(response)[-1][0] == "success", messages_of(response)

    order.refresh_from_db()
    assert order.status == statuses.READY_FOR_PICKUP
    assert "mark_paid" in response.context["fulfil_steps"]


def test_an_illegal_step_on_the_dashboard_is_refused_with_a_message(staff_client, product):
    stock_receive(product=product, quantity=3)
    order = order_place(lines=[(product, 1)])
    url = reverse("dashboard:order-detail", kwargs={"number": order.number})

    response = staff_client.post(url, {"order_action": "fulfil", "step": "ready_for_pickup"}, follow=True)

    assert messages_of(response)[-1][0] == "error"
    order.refresh_from_db()
    assert order.status == statuses.PENDING_PAYMENT


def test_cancelling_on_the_dashboard_releases_the_stock(staff_client, product):
    stock_receive(product=product, quantity=3)
    order = order_place(lines=[(product, 2)])
    url = reverse("dashboard:order-detail", kwargs={"number": order.number})

    staff_client.post(url, {"order_action": "fulfil", "step": "cancel", "reason": "never collected"})

    order.refresh_from_db()
    record = product.stockrecords.get()
    assert order.status == statuses.CANCELLED
    assert (record.num_in_stock, record.num_allocated) == (3, 0)


def test_office_staff_read_orders_but_cannot_move_them(client, office_staff, product):
    stock_receive(product=product, quantity=3)
    order = order_place(lines=[(product, 1)])
    client.force_login(office_staff)
    url = reverse("dashboard:order-detail", kwargs={"number": order.number})

    page = client.get(url)
    response = client.post(url, {"order_action": "fulfil", "step": "picking"}, follow=True)

    assert page.status_code == 200 and page.context["can_fulfil"] is False
    assert messages_of(response)[-1][0] == "error"
    order.refresh_from_db()
    assert order.status == statuses.PENDING_PAYMENT


def test_paying_at_the_counter_when_collecting_completes_a_ready_pickup_order(staff_client, product):
    stock_receive(product=product, quantity=3)
    order = order_place(lines=[(product, 1)])
    url = reverse("dashboard:order-detail", kwargs={"number": order.number})
    for step in ("picking", "packed", "ready_for_pickup"):
        staff_client.post(url, {"order_action": "fulfil", "step": step})

    response = staff_client.post(
        url, {"order_action": "fulfil", "step": "mark_paid", "payment_method": "cash"}, follow=True
    )

    assert messages_of(response)[-1][0] == "success", messages_of(response)
    order.refresh_from_db()
    assert order.paid_at is not None and order.status == statuses.COMPLETED
    assert order.total_incl_tax == Decimal("450.00")


def test_the_pick_list_runs_the_same_number_of_queries_for_one_or_many_orders(staff_client, product):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    stock_receive(product=product, quantity=20)
    order_place(lines=[(product, 1)])
    staff_client.get(reverse("inventory:pick-list"))
    with CaptureQueriesContext(connection) as one:
        staff_client.get(reverse("inventory:pick-list"))
    for _ in range(4):
        order_place(lines=[(product, 1)])

    with CaptureQueriesContext(connection) as five:
        response = staff_client.get(reverse("inventory:pick-list"))

    assert len(response.context["queue"]) == 5 and len(response.context["rows"]) == 5
    assert len(five) == len(one)


def test_a_pickup_order_paid_at_the_counter_before_picking_becomes_paid(staff_client, product):
    stock_receive(product=product, quantity=3)
    order = order_place(lines=[(product, 1)])
    url = reverse("dashboard:order-detail", kwargs={"number": order.number})

    wrong = staff_client.post(url, {"order_action": "fulfil", "step": "mark_paid"}, follow=True)
    right = staff_client.post(
        url, {"order_action": "fulfil", "step": "mark_paid", "payment_method": "promptpay_counter"}, follow=True
    )

    assert messages_of(wrong)[-1][0] == "error"
    assert messages_of(right)[-1][0] == "success", messages_of(right)
    order.refresh_from_db()
    assert order.status == statuses.PAID and order.paid_at is not None
    # Recorded as a counter payment of the whole total, not only marked paid.
    assert [(s.source_type.code, s.amount_debited) for s in order.sources.all()] == [
        ("promptpay-counter", order.total_incl_tax)
    ]
    assert "mark_paid" not in right.context["fulfil_steps"] and "picking" in right.context["fulfil_steps"]
