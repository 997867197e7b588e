"""Reads about orders for the staff screens and the producer portal."""

from __future__ import annotations

from oscar.core.loading import get_model

from . import statuses

Order = get_model("order", "Order")
Line = get_model("order", "Line")

PICKING = "picking"
PACKED = "packed"
DISPATCH = "dispatch"
READY_FOR_PICKUP = "ready_for_pickup"
PICKED_UP = "picked_up"
COMPLETE = "complete"
MARK_PAID = "mark_paid"
CANCEL = "cancel"
REFUND = "refund"


def order_fulfilment_steps(*, order) -> list[str]:
    """The fulfilment buttons that make sense for an order now (the services
    check again: this only decides what the screen offers)."""
    is_pickup = order.shipping_code == "pickup"
    paid = order.paid_at is not None
    status = order.status
    steps: list[str] = []
    if status == statuses.PAID or (status == statuses.PENDING_PAYMENT and is_pickup):
        steps.append(PICKING)
    elif status == statuses.PICKING:
        steps.append(PACKED)
    elif status == statuses.PACKED:
        steps.append(READY_FOR_PICKUP if is_pickup else DISPATCH)
    elif status == statuses.READY_FOR_PICKUP and paid:
        steps.append(PICKED_UP)
    elif status == statuses.DISPATCHED:
        steps.append(COMPLETE)
    if is_pickup and not paid and status not in (statuses.CANCELLED, statuses.REFUNDED, statuses.PARTLY_REFUNDED):
        steps.append(MARK_PAID)
    if not paid and statuses.CANCELLED in statuses.PIPELINE.get(status, ()):
        steps.append(CANCEL)
    if paid and status != statuses.REFUNDED:
        steps.append(REFUND)
    return steps


FULFILMENT_QUEUE = (
    statuses.PENDING_PAYMENT,
    statuses.PAID,
    statuses.PICKING,
    statuses.PACKED,
    statuses.READY_FOR_PICKUP,
)


def orders_to_fulfil():
    """Orders the center still has to pick, pack, hand over or dispatch:
    paid ones and unpaid pickup orders, oldest first."""
    from django.db.models import Q

    return (
        Order.objects.filter(status__in=FULFILMENT_QUEUE)
        .filter(~Q(status=statuses.PENDING_PAYMENT) | Q(shipping_code="pickup"))
        .order_by("date_placed", "pk")
    )


def producer_order_lines(*, producer):
    """A producer's own order lines (never another producer's lines of the
    same order), newest first, with what the center keeps and what it owes."""
    return (
        Line.objects.filter(producer=producer)
        .select_related("order", "product")
        .only(
            "id", "title", "upc", "quantity", "status", "line_price_incl_tax", "commission_rate",
            "commission_amount", "producer_payable", "partner_sku", "product__id", "product__upc",
            "order__id", "order__number", "order__status", "order__date_placed", "order__shipping_code",
            "order__paid_at",
        )
        .order_by("-order__date_placed", "-pk")
    )
