"""Reads for payments: which attempt a customer may see, which QR codes
have run out, how an order was paid."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from .models import PaymentAttempt, StripeEvent

Basket = get_model("basket", "Basket")
Source = get_model("payment", "Source")

# Stripe's payment method (or our offline one) -> SourceType.code (migration 0007).
SOURCE_TYPE_CODES = {
    PaymentAttempt.Method.CARD: "stripe-card",
    PaymentAttempt.Method.PROMPTPAY: "stripe-promptpay",
    PaymentAttempt.Method.TEST: "test",
    "cash": "cash",
    "promptpay_counter": "promptpay-counter",
}


def method_label(method: str) -> str:
    """A payment method (an attempt's, or an offline one) in the reader's language."""
    return {
        PaymentAttempt.Method.CARD: _("Card (Stripe)"),
        PaymentAttempt.Method.PROMPTPAY: _("PromptPay (Stripe)"),
        PaymentAttempt.Method.TEST: _("Test payment – no money moved"),
        "cash": _("Cash at the center"),
        "promptpay_counter": _("PromptPay at the counter"),
    }.get(method, method)


def payment_test_mode_enabled() -> bool:
    """Test payments (no money moves) only in development without Stripe
    keys. Checked again wherever a test payment is started or completed, so
    a production settings mistake cannot turn them on (see checks.py)."""
    forced = getattr(settings, "STRIPE_TEST_MODE", None)
    return bool(settings.DEBUG and not settings.STRIPE_SECRET_KEY and forced is not False)


def stripe_enabled() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def attempt_for_customer(*, public_id, user, session_key: str | None) -> PaymentAttempt:
    """The attempt behind a payment page, or 404 when it is not the
    visitor's own: a signed-in customer's attempts are theirs; a guest's are
    bound to the session that started them."""
    try:
        attempt = PaymentAttempt.objects.get(public_id=public_id)
    except (PaymentAttempt.DoesNotExist, ValueError):
        raise Http404("No such payment") from None
    if attempt.user_id is not None:
        if user is None or not user.is_authenticated or user.pk != attempt.user_id:
            raise Http404("No such payment")
    elif not session_key or session_key != attempt.session_key:
        raise Http404("No such payment")
    return attempt


@dataclass(frozen=True)
class InterruptedCheckout:
    """A basket the checkout froze for payment and nobody thawed: ``attempt``
    is its open payment to go back to, or None when there is nothing left
    to pay (the attempt expired, failed or was cancelled, or the process
    died before the attempt was saved) and the basket should be thawed."""

    basket_id: int
    attempt: PaymentAttempt | None


def checkout_interrupted(*, user, session_key: str | None, basket_ids=()) -> InterruptedCheckout | None:
    """The visitor's frozen basket left by a checkout that did not finish
    (a web worker killed after "Pay", a closed tab), newest first.

    The visitor's baskets are found through their payment attempts (the
    signed-in customer's, or the guest session's: both are committed before
    Stripe is called, while the session and the basket cookie of the killed
    request were never saved), the baskets they own, and ``basket_ids``
    (the checkout session's submitted basket, the guest's basket cookie) for
    a process that died before the attempt was written. One query when
    nothing is frozen."""
    if user is not None and user.is_authenticated:
        attempts = PaymentAttempt.objects.filter(user=user)
        # Owned by the customer is all it takes (their attempts' baskets are
        # theirs): no subquery to build and run on every checkout step.
        mine = None
        owned = Q(owner=user)
    elif session_key:
        attempts = PaymentAttempt.objects.filter(user__isnull=True, session_key=session_key)
        mine = Q(pk__in=[])
        owned = Q(owner__isnull=True)
    else:
        return None
    ids = [int(pk) for pk in basket_ids if pk]
    # A basket whose money was taken (an order placed, or a payment that
    # could not become one and is refunded) can never be paid again
    # (payment_start: "already paid"): thawed, it would be a dead end.
    paid = PaymentAttempt.objects.filter(basket_ref=OuterRef("pk")).filter(
        Q(order__isnull=False) | Q(status__in=PaymentAttempt.PAID)
    )
    frozen = Basket.objects.filter(status=Basket.FROZEN).filter(owned)
    if mine is not None:
        frozen = frozen.filter(mine | Q(pk__in=attempts.values("basket_id")) | Q(pk__in=ids))
    basket_id = frozen.exclude(Exists(paid)).order_by("-pk").values_list("pk", flat=True).first()
    if basket_id is None:
        return None
    attempt = attempts.filter(basket_id=basket_id, status__in=PaymentAttempt.OPEN).order_by("-attempt_no").first()
    return InterruptedCheckout(basket_id=basket_id, attempt=attempt)


def attempt_by_payment_intent(*, payment_intent_id: str, metadata: dict | None = None) -> PaymentAttempt | None:
    """The attempt a report about a PaymentIntent is for: the one that owns
    the id, else the one its metadata names. Metadata can be set by whoever
    creates a PaymentIntent, so a named attempt is only a candidate:
    verdict.payment_verdict refuses it unless the ids are equal."""
    if isinstance(payment_intent_id, str) and payment_intent_id:
        attempt = PaymentAttempt.objects.filter(stripe_payment_intent=payment_intent_id).first()
        if attempt is not None:
            return attempt
    named = metadata.get("attempt") if isinstance(metadata, dict) else None
    try:
        public_id = uuid.UUID(str(named)) if named else None
    except ValueError:
        return None
    return PaymentAttempt.objects.filter(public_id=public_id).first() if public_id else None


def attempts_latest_no(*, basket_ref: int) -> int:
    return (
        PaymentAttempt.objects.filter(basket_ref=basket_ref)
        .order_by("-attempt_no")
        .values_list("attempt_no", flat=True)
        .first()
        or 0
    )


def attempts_expire_due_list(*, now: datetime, limit: int) -> list[PaymentAttempt]:
    """Open attempts whose time to pay ran out: PromptPay QR codes past
    their expiry, card attempts whose stock hold expired. A PromptPay
    attempt that never got its QR (the process died during the create call
    and the buyer never came back) expires with its stock hold."""
    open_attempts = PaymentAttempt.objects.filter(status__in=PaymentAttempt.OPEN)
    qr = open_attempts.filter(
        Q(qr_expires_at__lte=now) | Q(qr_expires_at__isnull=True, hold_expires_at__lte=now),
        method=PaymentAttempt.Method.PROMPTPAY,
    ).order_by("qr_expires_at", "hold_expires_at", "pk")
    cards = open_attempts.filter(method=PaymentAttempt.Method.CARD, hold_expires_at__lte=now).order_by(
        "hold_expires_at", "pk"
    )
    due = list(qr[:limit])
    return due + list(cards[: max(limit - len(due), 0)])


#: An event stored but not processed after this long lost its task
#: (broker down at commit, worker killed): the sweep processes it.
EVENT_TASK_GRACE = timedelta(minutes=5)
#: ...but only if it arrived within this window. An older unprocessed event
#: (a backlog from before a deploy, months-old successes) could place an
#: order long after the buyer gave up: staff review it and replay it with
#: ``manage.py stripe_replay_events --id``.
EVENT_TASK_WINDOW = timedelta(days=1)


def stripe_events_due(*, now: datetime, limit: int) -> list[int]:
    """Ids of stored events the retry sweep should process now, oldest
    first: failed ones whose retry time came, and received ones of the last
    day whose task never ran."""
    rows = StripeEvent.objects.filter(
        Q(status=StripeEvent.Status.FAILED, retry_at__lte=now)
        | Q(
            status=StripeEvent.Status.RECEIVED,
            received_at__lte=now - EVENT_TASK_GRACE,
            received_at__gte=now - EVENT_TASK_WINDOW,
        )
    ).order_by("received_at", "pk")
    return list(rows.values_list("pk", flat=True)[:limit])


#: Money taken for a payment that could not become an order is refunded by
#: the task payment_attempt_reject. Its own retries (autoretry, about four
#: minutes of backoff) are published by Celery straight to the broker, not
#: through the outbox: a retry lost with the broker, or retries run out
#: while Stripe was down, leave the refund undone. An attempt still owing
#: its refund this long after it was last written gets the task again.
REFUND_TASK_GRACE = timedelta(minutes=10)
#: ...if it was started within this window: a refund Stripe refuses for good
#: (a disputed charge) is not asked again forever; staff find the attempts
#: in the admin (needs refund: yes, status: succeeded).
REFUND_TASK_WINDOW = timedelta(days=2)
#: needs_refund with these statuses: money was taken and not (all) given back.
REFUND_OWED = (PaymentAttempt.Status.SUCCEEDED, PaymentAttempt.Status.PARTLY_REFUNDED)


def attempts_refund_owed(*, now: datetime) -> QuerySet:
    """Attempts whose money could not become an order and is not refunded
    yet, quiet for REFUND_TASK_GRACE (their refund task is not running)."""
    return PaymentAttempt.objects.filter(
        needs_refund=True,
        order__isnull=True,
        status__in=REFUND_OWED,
        updated_at__lte=now - REFUND_TASK_GRACE,
        created_at__gte=now - REFUND_TASK_WINDOW,
    )


def attempts_refund_due(*, now: datetime, limit: int) -> list[int]:
    """Ids of the attempts the refund sweep should queue again, oldest first."""
    return list(attempts_refund_owed(now=now).order_by("updated_at", "pk").values_list("pk", flat=True)[:limit])


def order_stripe_sources(*, order) -> QuerySet:
    return Source.objects.filter(order=order, source_type__code__in=["stripe-card", "stripe-promptpay"]).order_by("pk")


def order_refundable_amount(*, order):
    """What can still go back to the customer, over all payment sources."""
    return sum((s.amount_debited - s.amount_refunded for s in Source.objects.filter(order=order)), start=0)


def order_paid_by_promptpay(*, order) -> bool:
    return Source.objects.filter(order=order, source_type__code="stripe-promptpay").exists()


def stripe_events_unprocessed_summary(*, now: datetime) -> dict:
    """For the status page: stored events not processed yet (received, or
    failed and waiting for a retry or for staff), and the age in seconds of
    the oldest (None when there is none)."""
    from django.db.models import Count, Min

    row = StripeEvent.objects.filter(
        status__in=[StripeEvent.Status.RECEIVED, StripeEvent.Status.FAILED], processed_at__isnull=True
    ).aggregate(unprocessed=Count("pk"), oldest=Min("received_at"))
    oldest = row["oldest"]
    return {
        "unprocessed": row["unprocessed"],
        "oldest_unprocessed_seconds": int((now - oldest).total_seconds()) if oldest else None,
    }


@dataclass(frozen=True)
class PaymentLine:
    """One payment of an order as the customer reads it."""

    method: str  # translated name of how it was paid
    amount: Decimal
    currency: str
    state: str  # translated: paid / refunded / partly refunded


@dataclass(frozen=True)
class PaymentSummary:
    lines: list[PaymentLine]
    amount_due: Decimal  # still to pay (0 once paid)
    pay_at_counter: bool  # a pickup order the customer pays when collecting
    nothing_due: bool  # the order costs nothing (Oscar's "No payment was required")


def order_payment_summary(*, order) -> PaymentSummary:
    """How an order was (or will be) paid, for the customer's pages: each
    payment's method in the reader's language, amount and state, and what
    is still due. Not Oscar's Source text (type names and references are the
    staff's)."""
    method_by_code = {code: method for method, code in SOURCE_TYPE_CODES.items()}
    lines = []
    for source in Source.objects.filter(order=order).select_related("source_type").order_by("pk"):
        code = source.source_type.code
        method = method_label(method_by_code[code]) if code in method_by_code else source.source_type.name
        if source.amount_refunded and source.amount_refunded >= source.amount_debited:
            state = _("Refunded")
        elif source.amount_refunded:
            state = _("Partly refunded")
        elif source.amount_debited:
            state = _("Paid")
        else:
            state = _("Pending payment")
        lines.append(
            PaymentLine(method=str(method), amount=source.amount_allocated, currency=source.currency, state=str(state))
        )
    total = order.total_incl_tax or Decimal("0.00")
    return PaymentSummary(
        lines=lines,
        amount_due=Decimal("0.00") if order.paid_at or total <= 0 else total,
        pay_at_counter=order.shipping_code == "pickup" and order.paid_at is None and total > 0,
        nothing_due=total <= 0,
    )
