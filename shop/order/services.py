"""Order lifecycle: the only code that changes an order's status.

Each service locks the order row, checks the move against
``statuses.PIPELINE`` (a refused move raises ``OrderTransitionRefused`` with
a message for the screen and changes nothing), records Oscar's status change,
and queues the customer's email through the outbox (sent after commit, never
lost: shop/outbox/services.py). Stock moves go
through ``inventory.services`` in the same transaction.

Payment and shipping are independent facts: ``Order.paid_at`` says whether
the money came in; the status says where the goods are. A pay-at-pickup order
goes picking → packed → ready for pickup unpaid; the counter payment
(``order_payment_confirmed``) then completes it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from inventory.exceptions import StockError
from inventory.services import reservation_release, stock_dispatch
from shop.outbox.selectors import outbox_pending_args
from shop.outbox.services import outbox_send

from . import statuses
from .emails import EVENTS, order_email_render

Order = get_model("order", "Order")
OrderNotification = get_model("order", "OrderNotification")
OrderNote = get_model("order", "OrderNote")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEvent = get_model("order", "PaymentEvent")

PICKUP_METHOD_CODE = "pickup"

# Email events (templates/order/email/<event>_subject.txt and _body.txt).
EMAIL_RECEIVED = "received"
EMAIL_PAID = "paid"
EMAIL_DISPATCHED = "dispatched"
EMAIL_READY_FOR_PICKUP = "ready_for_pickup"
EMAIL_REFUNDED = "refunded"

# The task these services send after commit, by its registered name:
# services never import shop.order.tasks (the tasks import this module).
SEND_ORDER_EMAIL_TASK = "shop.order.tasks.send_order_email"


class OrderTransitionRefused(ValidationError):
    """The order cannot make this move now; nothing was changed."""

    def __str__(self) -> str:
        return " ".join(str(m) for m in self.messages)


def order_is_pickup(order) -> bool:
    return order.shipping_code == PICKUP_METHOD_CODE


def order_stock_reference(order_number) -> str:
    """The reservation reference of an order: also what the payment step
    passes to reservation_create when payment starts."""
    return f"order:{order_number}"


def _locked(order):
    """Re-read the order under a row lock: two staff members (or a webhook
    and a staff member) acting at once see each other's change."""
    return Order.objects.select_for_update().get(pk=order.pk)


def order_note_add(*, order, message: str, user=None, note_type: str = "System") -> None:
    """A note on the order for the staff (Oscar's order page shows it)."""
    OrderNote.objects.create(
        order=order, user=user if user and user.is_authenticated else None, note_type=note_type, message=message
    )


def _move(order, new_status: str, *, user=None) -> None:
    """Move along the pipeline or refuse with a message naming both states."""
    if new_status not in statuses.PIPELINE.get(order.status, ()):
        raise OrderTransitionRefused(
            _("Order %(number)s is %(current)s; it cannot become %(new)s.")
            % {
                "number": order.number,
                "current": statuses.status_label(order.status),
                "new": statuses.status_label(new_status),
            },
            code="illegal_transition",
        )
    _force(order, new_status)


def _force(order, new_status: str) -> None:
    old = order.status
    if old == new_status:
        return
    order.status = new_status
    order.save(update_fields=["status"])
    order.status_changes.create(old_status=old, new_status=new_status)
    order.lines.update(status=new_status)


def order_notify(*, order, event: str, key: str = "") -> None:
    """Send the customer's email for ``event`` after the transaction commits
    (a rolled-back change sends nothing; a broker down at commit delays it,
    the outbox sends it later)."""
    outbox_send(task=SEND_ORDER_EMAIL_TASK, args=[order.pk, event, key])


def order_received_notify(*, order) -> None:
    order_notify(order=order, event=EMAIL_RECEIVED)


#: A paid order is given this long to get its "received" and "paid" emails
#: the normal way (outbox fast path or relay, the task's own retries) before
#: the sweep queues them again...
EMAILS_SWEEP_GRACE = timedelta(minutes=10)
#: ...and only for orders paid within this window: an old order without its
#: email (data from before the emails existed, a restored backup) is not
#: mailed days later.
EMAILS_SWEEP_WINDOW = timedelta(days=2)


def order_emails_missing_send(*, now: datetime | None = None, limit: int = 200) -> int:
    """The beat sweep: queue the "received" and "paid" emails of paid orders
    that still lack them after EMAILS_SWEEP_GRACE. The outbox makes a lost
    send unlikely; this catches the rest: a task whose own retries ran out
    while the mail server was down, a message published and then lost by a
    broker without persistence. Emails already queued and waiting in the
    outbox are not queued twice; each email is sent once whatever happens
    (OrderNotification, order_email_send). Returns how many were queued."""
    now = now or timezone.now()
    paid = Order.objects.filter(paid_at__lte=now - EMAILS_SWEEP_GRACE, paid_at__gte=now - EMAILS_SWEEP_WINDOW).filter(
        Q(user__isnull=True, guest_email__gt="") | Q(user__isnull=False, user__email__gt="")
    )
    pending = outbox_pending_args(task_name=SEND_ORDER_EMAIL_TASK)
    missing: list[tuple[int, str]] = []
    for event in (EMAIL_RECEIVED, EMAIL_PAID):
        sent = OrderNotification.objects.filter(order=OuterRef("pk"), event=event, key="")
        ids = paid.filter(~Exists(sent)).order_by("paid_at", "pk").values_list("pk", flat=True)[:limit]
        missing += [(order_id, event) for order_id in ids if (order_id, event, "") not in pending]
    with transaction.atomic():
        # Per order, "received" before "paid", as the customer expects them.
        for order_id, event in sorted(missing, key=lambda item: (item[0], item[1] != EMAIL_RECEIVED)):
            outbox_send(task=SEND_ORDER_EMAIL_TASK, args=[order_id, event, ""])
    return len(missing)


def order_email_send(*, order_id: int, event: str, key: str = "") -> bool:
    """Send the email for (order, event, key) once (the task
    send_order_email). The notification row is written in the same
    transaction as the send: a concurrent duplicate task waits on the unique
    constraint and then finds it taken; a failed send rolls the row back so
    the retry tries again. Returns True if sent."""
    if event not in EVENTS:
        raise ValueError(f"unknown order email event {event!r}")
    order = Order.objects.select_related("user").filter(pk=order_id).first()
    if order is None or not order.email:
        return False
    with transaction.atomic():
        try:
            with transaction.atomic():
                OrderNotification.objects.create(order=order, event=event, key=key)
        except IntegrityError:
            return False
        subject, body = order_email_render(order=order, event=event)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [order.email])
    return True


def order_payment_confirmed(*, order, amount: Decimal, method_label: str) -> bool:
    """The customer's money came in (webhook, test payment or the counter).

    Pending payment → paid; a pay-at-pickup order waiting at the counter →
    completed; a pickup order still being picked stays where it is. Returns
    False and changes nothing when the payment was already recorded, or when
    the order is already refunded/cancelled (a late or replayed event: the
    caller decides about refunding)."""
    with transaction.atomic():
        order = _locked(order)
        if order.paid_at is not None:
            return False
        if order.status in (statuses.CANCELLED, statuses.REFUNDED, statuses.PARTLY_REFUNDED):
            order_note_add(
                order=order,
                message=_("Payment of %(amount)s (%(method)s) arrived while the order was %(status)s.")
                % {"amount": amount, "method": method_label, "status": statuses.status_label(order.status)},
                note_type="Error",
            )
            return False
        order.paid_at = timezone.now()
        order.save(update_fields=["paid_at"])
        event_type, _created = PaymentEventType.objects.get_or_create(code="paid", defaults={"name": "Paid"})
        PaymentEvent.objects.create(order=order, event_type=event_type, amount=amount, reference=method_label[:128])
        if order.status == statuses.PENDING_PAYMENT:
            _force(order, statuses.PAID)
        elif order.status == statuses.READY_FOR_PICKUP:
            # Paid at the counter while collecting: the goods leave with the
            # customer, so the order completes and the reservation is consumed.
            _force(order, statuses.COMPLETED)
            try:
                _consume_stock(order, user=None, reason=_("collected at the center"))
            except OrderTransitionRefused as exc:
                order_note_add(order=order, message=str(exc), note_type="Error")
        order_notify(order=order, event=EMAIL_PAID)
    return True


def order_refund_recorded(*, order, refunded_total: Decimal) -> None:
    """Money went back to the customer; ``refunded_total`` is the total
    refunded so far (not this refund alone), so a replayed event is a no-op.

    A full refund of goods not yet dispatched releases their stock; goods
    already dispatched or handed over are not touched (returns are a separate
    inventory document). The pipeline is not consulted: a refund that Stripe
    reports before the success event still ends refunded."""
    refunded_total = Decimal(refunded_total)
    with transaction.atomic():
        order = _locked(order)
        if refunded_total <= order.refunded_total:
            return
        order.refunded_total = refunded_total
        order.save(update_fields=["refunded_total"])
        full = refunded_total >= order.total_incl_tax
        goods_left = order.status not in (statuses.DISPATCHED, statuses.COMPLETED)
        if full and goods_left:
            reservation_release(reference=order_stock_reference(order.number), reason=_("order refunded"))
        _force(order, statuses.REFUNDED if full else statuses.PARTLY_REFUNDED)
        order_notify(order=order, event=EMAIL_REFUNDED, key=str(refunded_total))


def order_cancel(*, order, user=None, reason: str) -> None:
    """Cancel an order that has not left the center and release its stock.
    A paid order must be refunded (shop.payment) rather than cancelled."""
    reason = (reason or "").strip()
    if not reason:
        raise OrderTransitionRefused(_("Give a reason for cancelling."), code="reason_required")
    with transaction.atomic():
        order = _locked(order)
        if order.paid_at is not None:
            raise OrderTransitionRefused(
                _("Order %(number)s is paid: refund it instead of cancelling.") % {"number": order.number},
                code="paid",
            )
        _move(order, statuses.CANCELLED, user=user)
        reservation_release(reference=order_stock_reference(order.number), user=user, reason=reason[:255])
        order_note_add(order=order, message=_("Cancelled: %(reason)s") % {"reason": reason}, user=user)


def order_picking_start(*, order, user=None) -> None:
    """Staff start picking. A shipped order must be paid first; a
    pay-at-pickup order may be picked while unpaid."""
    with transaction.atomic():
        order = _locked(order)
        if order.status == statuses.PENDING_PAYMENT and not order_is_pickup(order):
            raise OrderTransitionRefused(
                _("Order %(number)s is not paid yet; only pickup orders are picked before payment.")
                % {"number": order.number},
                code="not_paid",
            )
        _move(order, statuses.PICKING, user=user)


def order_packed(*, order, user=None) -> None:
    with transaction.atomic():
        _move(_locked(order), statuses.PACKED, user=user)


def order_dispatched(*, order, carrier: str, tracking_number: str, user=None) -> None:
    """The parcel leaves the center: consume the reservation (inventory),
    record carrier and tracking number, email the tracking link."""
    carrier = (carrier or "").strip()
    tracking_number = (tracking_number or "").strip()
    if not carrier or not tracking_number:
        raise OrderTransitionRefused(_("Enter the carrier and the tracking number."), code="tracking_required")
    with transaction.atomic():
        order = _locked(order)
        if order_is_pickup(order):
            raise OrderTransitionRefused(
                _("Order %(number)s is collected at the center; mark it ready for pickup instead.")
                % {"number": order.number},
                code="pickup_order",
            )
        _move(order, statuses.DISPATCHED, user=user)
        try:
            stock_dispatch(
                reference=order_stock_reference(order.number),
                user=user,
                reason=_("%(carrier)s tracking %(no)s") % {"carrier": carrier, "no": tracking_number},
            )
        except StockError as exc:
            raise OrderTransitionRefused(str(exc), code="stock") from exc
        order.carrier = carrier[:64]
        order.tracking_number = tracking_number[:64]
        order.dispatched_at = timezone.now()
        order.save(update_fields=["carrier", "tracking_number", "dispatched_at"])
        order_notify(order=order, event=EMAIL_DISPATCHED)


def order_ready_for_pickup(*, order, user=None) -> None:
    with transaction.atomic():
        order = _locked(order)
        if not order_is_pickup(order):
            raise OrderTransitionRefused(
                _("Order %(number)s is shipped, not collected: dispatch it instead.") % {"number": order.number},
                code="not_pickup",
            )
        _move(order, statuses.READY_FOR_PICKUP, user=user)
        order_notify(order=order, event=EMAIL_READY_FOR_PICKUP)


def order_picked_up(*, order, user=None) -> None:
    """The customer collected a paid pickup order at the counter: the
    reservation is consumed (the goods left the center) and the order is
    completed. Unpaid: record the counter payment first."""
    with transaction.atomic():
        order = _locked(order)
        if order.paid_at is None:
            raise OrderTransitionRefused(
                _("Order %(number)s is not paid: record the counter payment first.") % {"number": order.number},
                code="not_paid",
            )
        _move(order, statuses.COMPLETED, user=user)
        _consume_stock(order, user=user, reason=_("collected at the center"))


def order_completed(*, order, user=None) -> None:
    """A dispatched order arrived (or staff close it)."""
    with transaction.atomic():
        _move(_locked(order), statuses.COMPLETED, user=user)


def _consume_stock(order, *, user, reason: str) -> None:
    try:
        stock_dispatch(reference=order_stock_reference(order.number), user=user, reason=reason)
    except StockError as exc:
        raise OrderTransitionRefused(str(exc), code="stock") from exc
