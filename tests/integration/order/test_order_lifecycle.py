"""Order lifecycle services: legal moves, refused moves, stock effects."""

from decimal import Decimal

import pytest
from django.core import mail

from inventory.models import Reservation
from shop.order import statuses
from shop.order.services import (
    OrderTransitionRefused,
    order_cancel,
    order_completed,
    order_dispatched,
    order_packed,
    order_payment_confirmed,
    order_picked_up,
    order_picking_start,
    order_ready_for_pickup,
    order_refund_recorded,
)
from tests.factories.order import order_place, stocked_product

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    # The refusal messages are asserted in English; the suite starts in Thai.
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def product(db):
    return stocked_product(price="300.00", quantity=5)


def test_a_shipped_order_goes_from_paid_to_dispatched_and_consumes_its_reservation(
    product, django_capture_on_commit_callbacks
):
    order = order_place(lines=[(product, 2)], shipping_code="ems-thailand")

    with django_capture_on_commit_callbacks(execute=True):
        assert order_payment_confirmed(order=order, amount=order.total_incl_tax, method_label="card") is True
        order_picking_start(order=order)
        order_packed(order=order)
        order_dispatched(order=order, carrier="thailand_post", tracking_number="EF123456789TH")
    order.refresh_from_db()

    assert order.status == statuses.DISPATCHED
    assert (order.carrier, order.tracking_number) == ("thailand_post", "EF123456789TH")
    assert set(Reservation.objects.values_list("status", flat=True)) == {Reservation.Status.CONSUMED}
    assert product.stockrecords.get().num_in_stock == 3
    assert [s.new_status for s in order.status_changes.order_by("pk")] == [
        statuses.PAID,
        statuses.PICKING,
        statuses.PACKED,
        statuses.DISPATCHED,
    ]


def test_an_unpaid_shipped_order_cannot_be_picked(product):
    order = order_place(lines=[(product, 1)], shipping_code="ems-thailand")

    with pytest.raises(OrderTransitionRefused, match="not paid"):
        order_picking_start(order=order)

    order.refresh_from_db()
    assert order.status == statuses.PENDING_PAYMENT


def test_an_illegal_jump_is_refused_with_a_message_naming_both_states(product):
    order = order_place(lines=[(product, 1)], shipping_code="ems-thailand")
    order_payment_confirmed(order=order, amount=order.total_incl_tax, method_label="card")

    with pytest.raises(OrderTransitionRefused) as exc:
        order_dispatched(order=order, carrier="kerry", tracking_number="KE1")

    assert "Paid" in str(exc.value) and "Dispatched" in str(exc.value)
    order.refresh_from_db()
    assert order.status == statuses.PAID and order.tracking_number == ""


def test_a_pay_at_pickup_order_is_picked_unpaid_and_completed_by_the_counter_payment(product):
    order = order_place(lines=[(product, 1)])
    order_picking_start(order=order)
    order_packed(order=order)
    order_ready_for_pickup(order=order)

    with pytest.raises(OrderTransitionRefused, match="not paid"):
        order_picked_up(order=order)
    order_payment_confirmed(order=order, amount=Decimal("300.00"), method_label="cash")

    order.refresh_from_db()
    assert order.status == statuses.COMPLETED and order.paid_at is not None
    assert Reservation.objects.get().status == Reservation.Status.CONSUMED


def test_a_pickup_order_paid_online_is_completed_when_picked_up(product):
    order = order_place(lines=[(product, 1)])
    order_payment_confirmed(order=order, amount=order.total_incl_tax, method_label="card")
    for step in (order_picking_start, order_packed, order_ready_for_pickup, order_picked_up):
        step(order=order)

    order.refresh_from_db()
    assert order.status == statuses.COMPLETED
    assert Reservation.objects.get().status == Reservation.Status.CONSUMED


def test_a_second_payment_confirmation_changes_nothing(product):
    order = order_place(lines=[(product, 1)], shipping_code="ems-thailand")

    first = order_payment_confirmed(order=order, amount=order.total_incl_tax, method_label="card")
    second = order_payment_confirmed(order=order, amount=order.total_incl_tax, method_label="card")

    assert (first, second) == (True, False)
    assert order.payment_events.count() == 1


def test_cancelling_releases_the_stock_and_needs_a_reason(product):
    order = order_place(lines=[(product, 2)])

    with pytest.raises(OrderTransitionRefused):
        order_cancel(order=order, reason="  ")
    order_cancel(order=order, reason="customer changed their mind")

    order.refresh_from_db()
    assert order.status == statuses.CANCELLED
    assert Reservation.objects.get().status == Reservation.Status.RELEASED
    record = product.stockrecords.get()
    assert (record.num_in_stock, record.num_allocated) == (5, 0)


def test_a_paid_order_is_refunded_not_cancelled(product):
    order = order_place(lines=[(product, 1)], shipping_code="ems-thailand")
    order_payment_confirmed(order=order, amount=order.total_incl_tax, method_label="card")

    with pytest.raises(OrderTransitionRefused, match="refund"):
        order_cancel(order=order, reason="oops")


def test_a_full_refund_before_dispatch_releases_the_stock_and_a_replay_is_a_no_op(
    product, django_capture_on_commit_callbacks
):
    order = order_place(lines=[(product, 1)], shipping_code="ems-thailand")
    order_payment_confirmed(order=order, amount=order.total_incl_tax, method_label="card")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        order_refund_recorded(order=order, refunded_total=order.total_incl_tax)
        order_refund_recorded(order=order, refunded_total=order.total_incl_tax)

    order.refresh_from_db()
    assert order.status == statuses.REFUNDED
    assert Reservation.objects.get().status == Reservation.Status.RELEASED
    assert len(mail.outbox) == 1


def test_a_partial_refund_keeps_the_goods_reserved(product):
    order = order_place(lines=[(product, 2)], shipping_code="ems-thailand")
    order_payment_confirmed(order=order, amount=order.total_incl_tax, method_label="card")

    order_refund_recorded(order=order, refunded_total=Decimal("100.00"))

    order.refresh_from_db()
    assert order.status == statuses.PARTLY_REFUNDED
    assert Reservation.objects.get().status == Reservation.Status.CONFIRMED


def test_a_refund_reported_before_the_payment_still_ends_refunded(product):
    order = order_place(lines=[(product, 1)], shipping_code="ems-thailand")

    order_refund_recorded(order=order, refunded_total=order.total_incl_tax)
    late = order_payment_confirmed(order=order, amount=order.total_incl_tax, method_label="card")

    order.refresh_from_db()
    assert late is False and order.status == statuses.REFUNDED


def test_a_dispatched_order_completes(product):
    order = order_place(lines=[(product, 1)], shipping_code="ems-thailand")
    order_payment_confirmed(order=order, amount=order.total_incl_tax, method_label="card")
    order_picking_start(order=order)
    order_packed(order=order)
    order_dispatched(order=order, carrier="kerry", tracking_number="KEX1")

    order_completed(order=order)

    order.refresh_from_db()
    assert order.status == statuses.COMPLETED
