"""Payments: every write about a customer's money goes through here.

Life of a payment attempt (one per try; a new QR or a retry is a new one)::

    payment_start ──> created / requires_action (QR shown, 3-D Secure) ──> processing
         │                 │ payment_failed, QR expiry ──> failed / expired (stock released)
         │                 └──────────── succeeded ──> order placed once, Source + Debit
         │                                                  └─ charge.refunded ──> refunded / partly_refunded
         └── reserves the basket's stock first (inventory), then creates the PaymentIntent

Rules that hold everywhere below:

* No Stripe call while a row lock is held. Stripe is asked first (no
  transaction), then the answer is applied in a short transaction that locks
  the basket's PaymentAttempt rows (pk order) before anything else; follow-up
  Stripe calls (refunding a payment we cannot use) go to a task sent on commit.
* One order per basket: the order is placed by ``payment_succeeded_apply``
  while it holds those attempt locks, so the webhook, the customer's return
  and the status poll racing each other place it once.
* Events may arrive in any order: an attempt that is paid never goes back
  to open or failed (a paid order never moves back: O's order services
  check ``statuses.PAID_STATES``), a refund seen before the success first
  applies the success, then the refund.
* Amounts are THB Decimals in the shop and whole satang at Stripe
  (stripe_client.thb_to_satang refuses fractions of a satang).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation

import stripe
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from inventory.exceptions import StockError
from inventory.services import reservation_confirm, reservation_create, reservation_release
from shop.checkout.basket import basket_lines_prefetch
from shop.checkout.services import order_place_from_snapshot
from shop.checkout.snapshot import BasketChanged, CheckoutSnapshot
from shop.order import statuses
from shop.order.services import order_payment_confirmed, order_refund_recorded, order_stock_reference
from shop.order.utils import OrderStockUnavailable
from shop.outbox.selectors import outbox_pending, outbox_pending_args
from shop.outbox.services import outbox_send

from . import stripe_client
from .emails import refund_email_render
from .models import PaymentAttempt, StripeEvent
from .selectors import (
    SOURCE_TYPE_CODES,
    attempt_by_payment_intent,
    attempts_expire_due_list,
    attempts_latest_no,
    attempts_refund_due,
    attempts_refund_owed,
    method_label,
    payment_test_mode_enabled,
    stripe_enabled,
    stripe_events_due,
)
from .verdict import EventRefused, StripeFacts, buyer_language, payment_verdict

logger = logging.getLogger(__name__)

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
Transaction = get_model("payment", "Transaction")

Method = PaymentAttempt.Method
Status = PaymentAttempt.Status

# The tasks these services send after commit, by their registered names:
# services never import shop.payment.tasks (the tasks import this module).
EVENT_PROCESS_TASK = "shop.payment.tasks.payment_event_process"
ATTEMPT_REJECT_TASK = "shop.payment.tasks.payment_attempt_reject"
REFUND_NOTIFY_TASK = "shop.payment.tasks.payment_refund_notify"


class PaymentError(ValidationError):
    """A payment cannot be started, completed or refunded as asked; the
    message is for the customer or the staff member. Nothing was changed."""

    def __str__(self) -> str:
        return " ".join(str(m) for m in self.messages)


def payment_page_url(attempt: PaymentAttempt) -> str:
    return reverse("pay:page", kwargs={"public_id": attempt.public_id})


def _source_type(code: str):
    # Migration 0007 creates them; get_or_create keeps a flushed test
    # database (TransactionTestCase) working too.
    source_type, _created = SourceType.objects.get_or_create(code=code, defaults={"name": code})
    return source_type


def _attempts_lock(*, basket_ref: int) -> dict[int, PaymentAttempt]:
    """Lock every attempt of a basket, in pk order: the one lock that
    serialises everything that can place, fail or refund its order."""
    rows = PaymentAttempt.objects.select_for_update().filter(basket_ref=basket_ref).order_by("pk")
    return {row.pk: row for row in rows}


def _intent_dict(payment_intent) -> dict:
    return payment_intent.to_dict() if hasattr(payment_intent, "to_dict") else dict(payment_intent)


# --- starting a payment --------------------------------------------------------------------------


class _Joined(Exception):
    """payment_start found the same checkout's attempt open: leave its
    transaction without writing anything."""


def payment_start(
    *, basket, snapshot: CheckoutSnapshot, method: str, user=None, session_key: str = "", now=None
) -> PaymentAttempt:
    """Reserve the basket's stock and open a payment attempt for it.

    1. In one transaction: reserve the stock (``order:<number>``; a new
       attempt replaces the basket's previous hold) and write the attempt.
       InsufficientStock propagates with every short line.
    2. Outside any transaction: cancel the PaymentIntents of attempts this
       one replaces (best effort), then create this attempt's PaymentIntent
       with the idempotency key ``otop-pi-<basket>-<attempt>``.

    "Pay" pressed again for the same checkout (a second tab, a double
    click) while its attempt is still open joins that attempt: no second
    hold, no second PaymentIntent. Locks: the basket's attempt rows, then
    the basket row (the first attempt has no row to lock), in the order
    payment_succeeded_apply takes them.

    A Stripe failure in step 2 is not raised: the attempt is returned
    without a PaymentIntent and the payment page calls
    ``payment_intent_ensure``, which retries with the same key, so Stripe
    never holds two PaymentIntents for one attempt.
    """
    if method not in (Method.CARD, Method.PROMPTPAY, Method.TEST):
        raise PaymentError(_("Choose a payment method."), code="bad_method")
    if method == Method.TEST and not payment_test_mode_enabled():
        raise PaymentError(_("Test payments are switched off on this site."), code="test_mode_off")
    if method != Method.TEST and not stripe_enabled():
        raise PaymentError(_("Card and PromptPay payments are not available right now."), code="stripe_off")
    if snapshot.basket_id != basket.id:
        raise PaymentError(_("This checkout belongs to another basket."), code="wrong_basket")
    try:
        amount_satang = stripe_client.thb_to_satang(snapshot.order_total_incl_tax)
    except (ValueError, InvalidOperation) as exc:
        raise PaymentError(
            _("The order total cannot be charged: %(error)s") % {"error": exc}, code="bad_amount"
        ) from exc
    if amount_satang < 100:
        raise PaymentError(_("The order total is too small to pay online."), code="amount_too_small")
    basket_lines_prefetch(basket=basket)
    lines = [
        (line.product_id, line.quantity) for line in basket.all_lines() if line.product.get_product_class().track_stock
    ]
    joined = None
    superseded = []
    try:
        with transaction.atomic():
            _attempts_lock(basket_ref=basket.id)
            # Two "Pay" clicks on a basket with no attempt yet lock no attempt
            # row: the basket row makes the second wait for the first to
            # commit, then it reads (and joins) the first one's attempt.
            list(Basket.objects.select_for_update().filter(pk=basket.id).values_list("pk", flat=True))
            previous = list(_attempts_lock(basket_ref=basket.id).values())
            if any(a.order_id or a.status in PaymentAttempt.PAID for a in previous):
                raise PaymentError(_("This basket has already been paid for."), code="already_paid")
            joined = next(
                (
                    a
                    for a in reversed(previous)
                    if a.is_open and a.method == method and CheckoutSnapshot.from_json(a.snapshot) == snapshot
                ),
                None,
            )
            if joined is not None:
                raise _Joined
            held = (
                reservation_create(reference=order_stock_reference(snapshot.order_number), lines=lines, now=now)
                if lines
                else []
            )
            attempt = PaymentAttempt.objects.create(
                basket=basket,
                basket_ref=basket.id,
                order_number=snapshot.order_number,
                attempt_no=attempts_latest_no(basket_ref=basket.id) + 1,
                method=method,
                amount_satang=amount_satang,
                currency="THB",
                snapshot=snapshot.to_json(),
                user=user if user is not None and user.is_authenticated else None,
                session_key=session_key or "",
                language=(snapshot.language or get_language() or settings.LANGUAGE_CODE)[:10],
                hold_expires_at=min((r.expires_at for r in held), default=None),
            )
            superseded = [a for a in previous if a.is_open]
            PaymentAttempt.objects.filter(pk__in=[a.pk for a in superseded]).update(status=Status.CANCELED)
    except _Joined:
        attempt = joined
    except IntegrityError as exc:
        # Two "Pay" clicks at once took the same attempt number: the other
        # one goes on, this one changed nothing.
        raise PaymentError(_("A payment for this basket is already starting; reload the page."), code="busy") from exc
    for old in superseded:
        _payment_intent_cancel_quietly(attempt=old)
    try:
        return payment_intent_ensure(attempt=attempt)
    except PaymentError:
        # The stock is held and the attempt exists: the payment page tries
        # the create again (same idempotency key) when the customer lands on it.
        return attempt


def _intent_params(attempt: PaymentAttempt) -> dict:
    """The PaymentIntent for an attempt: derived from the attempt alone, so
    a retried create sends exactly the same parameters (Stripe refuses a
    reused idempotency key with different ones)."""
    snapshot = CheckoutSnapshot.from_json(attempt.snapshot)
    # In the buyer's language, not the request's: a retry of the create from
    # a page under another language prefix must send the same description.
    with buyer_language(attempt):
        description = _("OTOP Chiang Mai order %(number)s") % {"number": attempt.order_number}
    params = {
        "amount": attempt.amount_satang,
        "currency": "thb",
        "description": description,
        "metadata": {
            "order_number": attempt.order_number,
            "attempt": str(attempt.public_id),
            "basket_id": str(attempt.basket_ref),
        },
        "payment_method_types": [attempt.method],
    }
    if snapshot.email:
        params["receipt_email"] = snapshot.email
    if attempt.method == Method.PROMPTPAY:
        # Confirmed at once: Stripe answers with the QR in next_action.
        params["confirm"] = True
        params["payment_method_data"] = {"type": "promptpay", "billing_details": {"email": snapshot.email}}
    return params


def payment_intent_ensure(*, attempt: PaymentAttempt) -> PaymentAttempt:
    """Give the attempt its PaymentIntent: created once, and any retry (a
    lost response, a reload of the payment page) gets the same one back
    thanks to the idempotency key."""
    if attempt.method == Method.TEST or attempt.stripe_payment_intent or not attempt.is_open:
        return attempt
    if attempt_is_due(attempt=attempt, now=timezone.now()):
        # A checkout resumed after its stock hold ran out (the create call
        # was lost with a killed worker): no PaymentIntent for units no
        # longer held; the attempt expires as the sweep would expire it.
        return attempt_expire(attempt=attempt)
    try:
        payment_intent = stripe_client.payment_intent_create(
            params=_intent_params(attempt), idempotency_key=f"otop-pi-{attempt.basket_ref}-{attempt.attempt_no}"
        )
    except stripe.StripeError as exc:
        logger.warning("PaymentIntent create failed for %s: %s", attempt, exc)
        raise PaymentError(
            _("The payment service did not answer; please try again in a moment."), code="stripe_unavailable"
        ) from exc
    # Our own create call (idempotency key of this attempt) is the only
    # source of the attempt's PaymentIntent id: events are checked against it.
    stored = PaymentAttempt.objects.filter(
        pk=attempt.pk, stripe_payment_intent__isnull=True, status__in=PaymentAttempt.OPEN
    ).update(stripe_payment_intent=payment_intent.id)
    if not stored:
        attempt.refresh_from_db()
        if attempt.stripe_payment_intent != payment_intent.id:
            # Closed while Stripe answered (cancelled in another tab, expired
            # by the sweep): nobody will pay this PaymentIntent, so it must
            # not stay payable.
            _payment_intent_cancel_quietly(attempt=attempt, payment_intent_id=payment_intent.id)
            return attempt
    # Stripe just answered: the payment page that follows need not ask it
    # again (attempt_refresh waits min_interval_seconds after this).
    try:
        synced = payment_intent_sync(payment_intent=payment_intent, checked_at=timezone.now())
    except EventRefused as exc:
        logger.error("PaymentIntent %s created for %s refused: %s", payment_intent.id, attempt, exc)
        synced = None
    if synced is not None and synced.pk == attempt.pk:
        return synced  # re-read under the basket's attempt locks and saved
    attempt.refresh_from_db()
    return attempt


def _payment_intent_cancel_quietly(*, attempt: PaymentAttempt, payment_intent_id: str = "") -> None:
    """Best effort: an attempt replaced by a new one should not stay
    payable. If it was paid in the meantime Stripe refuses and the success
    event is applied as usual (the second payment is then refunded)."""
    payment_intent_id = payment_intent_id or attempt.stripe_payment_intent
    if not payment_intent_id:
        return
    try:
        stripe_client.payment_intent_cancel(
            payment_intent_id=payment_intent_id, idempotency_key=f"otop-cancel-{attempt.public_id}"
        )
    except stripe.StripeError as exc:
        logger.info("Could not cancel %s: %s", payment_intent_id, exc)


# --- applying what Stripe says -------------------------------------------------------------------


def _qr_fields(attempt: PaymentAttempt, payment_intent: dict) -> None:
    next_action = payment_intent.get("next_action") or {}
    qr = next_action.get("promptpay_display_qr_code")
    if not qr:
        return
    attempt.qr_image_url = qr.get("image_url_png") or ""
    attempt.qr_data = qr.get("data") or ""
    if attempt.qr_expires_at is None:
        # Stripe's object has no expiry; our own limit (shorter than the
        # stock reservation) decides. The fake server sends expires_at.
        expires = qr.get("expires_at")
        attempt.qr_expires_at = (
            datetime.fromtimestamp(int(expires), tz=UTC)
            if expires
            else timezone.now() + timedelta(minutes=settings.STRIPE_PROMPTPAY_QR_MINUTES)
        )


def _link(attempt: PaymentAttempt, payment_intent: dict | None) -> None:
    # Only the attempt's own PaymentIntent (payment_verdict checked it)
    # fills in the client secret and the QR.
    if not payment_intent or payment_intent.get("id") != attempt.stripe_payment_intent:
        return
    if payment_intent.get("client_secret") and not attempt.client_secret:
        attempt.client_secret = payment_intent["client_secret"]
    _qr_fields(attempt, payment_intent)


def payment_intent_sync(
    *, payment_intent, expired: bool = False, checked_at=None, event_livemode: bool | None = None
) -> PaymentAttempt | None:
    """Apply a PaymentIntent as Stripe reported it (API answer or event
    snapshot) to its attempt. Returns the attempt, or None for a
    PaymentIntent that is not ours. ``checked_at``: when Stripe gave this
    answer (API calls only), recorded on an attempt still open.

    Raises EventRefused when payment_verdict refuses the report (another
    PaymentIntent, the other mode, another currency or amount); a success
    on the attempt's own PaymentIntent that does not match is not refused
    but refunded (no order is placed)."""
    pi = _intent_dict(payment_intent)
    attempt = attempt_by_payment_intent(payment_intent_id=pi.get("id") or "", metadata=pi.get("metadata"))
    if attempt is None:
        return None
    facts = StripeFacts.from_payment_intent(pi, event_livemode=event_livemode)
    verdict = payment_verdict(attempt=attempt, facts=facts)
    verdict.raise_if_refused()
    status = pi.get("status")
    if status == "succeeded":
        return payment_succeeded_apply(
            attempt=attempt,
            amount_received_satang=facts.amount_received or 0,
            reference=pi.get("latest_charge") or pi["id"],
            payment_intent=pi,
            problem=verdict.reason,
        )
    error = pi.get("last_payment_error") or {}
    if status == "canceled":
        return payment_closed_apply(
            attempt=attempt, status=Status.EXPIRED if expired else Status.CANCELED, message="", payment_intent=pi
        )
    if status == "requires_payment_method" and error:
        expiry = expired or "expired" in (error.get("code") or "")
        return payment_closed_apply(
            attempt=attempt,
            status=Status.EXPIRED if expiry else Status.FAILED,
            message=error.get("message") or "",
            payment_intent=pi,
        )
    new_status = {
        "requires_action": Status.REQUIRES_ACTION,
        "processing": Status.PROCESSING,
    }.get(status, Status.CREATED)
    with transaction.atomic():
        attempt = _attempts_lock(basket_ref=attempt.basket_ref)[attempt.pk]
        _link(attempt, pi)
        if attempt.is_open:
            attempt.status = new_status
        if checked_at is not None:
            attempt.stripe_checked_at = checked_at
        attempt.save()
    return attempt


class _StockGone(Exception):
    def __init__(self, shortages) -> None:
        super().__init__("stock gone")
        self.shortages = shortages


def _stock_confirm(*, attempt: PaymentAttempt) -> None:
    """Confirm the attempt's stock hold before the order is placed. A hold
    that expired and whose units were sold meanwhile raises _StockGone: no
    order is placed for units that are gone (the money is refunded)."""
    try:
        confirmation = reservation_confirm(reference=order_stock_reference(attempt.order_number))
    except StockError as exc:
        if exc.code == "no_reservation":
            return  # nothing tracked was held: the order reserves it itself
        raise
    if confirmation.needs_refund:
        raise _StockGone(confirmation.shortages)


def _order_problem(*, attempt: PaymentAttempt, locked: dict[int, PaymentAttempt], snapshot) -> str:
    """Why the attempt's money cannot become its order, before trying to
    place it ("" = nothing against it)."""
    if attempt.amount_satang != stripe_client.thb_to_satang(snapshot.order_total_incl_tax):
        return _("The amount paid (%(paid)s THB) is not the order total (%(total)s THB).") % {
            "paid": stripe_client.satang_to_thb(attempt.amount_received_satang),
            "total": snapshot.order_total_incl_tax,
        }
    if any(a.order_id for a in locked.values()) or Order.objects.filter(number=attempt.order_number).exists():
        return _("This basket was already paid by another payment; no second order was placed.")
    if attempt.basket_id is None:
        return _("The basket of this payment no longer exists.")
    return ""


def payment_succeeded_apply(
    *,
    attempt: PaymentAttempt,
    amount_received_satang: int,
    reference: str,
    payment_intent: dict | None = None,
    problem: str = "",
) -> PaymentAttempt:
    """The money came in: place the order exactly once and record it.

    Under the basket's attempt locks: an attempt that already has its order
    (a redelivered webhook, the customer's return racing the webhook) is left
    alone. Otherwise the money must match (payment_verdict's ``problem``
    otherwise), the attempt's amount the snapshot's total, the stock hold
    still be there or re-reservable (``_stock_confirm``) and the basket the
    one priced (``order_place_from_snapshot`` raises BasketChanged): only
    then is the order placed, a Source with a Debit transaction written and
    the order marked paid. A payment that cannot become an order is marked
    ``needs_refund`` and refunded in full by a task after commit, which also
    emails the buyer; messages are written in the buyer's language.
    """
    with transaction.atomic():
        locked = _attempts_lock(basket_ref=attempt.basket_ref)
        attempt = locked[attempt.pk]
        _link(attempt, payment_intent)
        if attempt.order_id or (attempt.needs_refund and attempt.status in PaymentAttempt.PAID):
            attempt.save()
            return attempt
        attempt.status = Status.SUCCEEDED
        attempt.amount_received_satang = amount_received_satang
        snapshot = CheckoutSnapshot.from_json(attempt.snapshot)
        order = None
        with buyer_language(attempt):
            problem = problem or _order_problem(attempt=attempt, locked=locked, snapshot=snapshot)
            if not problem:
                basket = Basket.objects.get(pk=attempt.basket_id)
                try:
                    # One savepoint: a hold confirmed for a basket that then
                    # turns out changed is rolled back with it.
                    with transaction.atomic():
                        _stock_confirm(attempt=attempt)
                        order = order_place_from_snapshot(
                            snapshot=snapshot, basket=basket, status=statuses.PENDING_PAYMENT
                        )
                except BasketChanged:
                    problem = _("The basket changed after the payment was started; the order was not placed.")
                except _StockGone as exc:
                    problem = _(
                        "The time to pay ran out and the products were sold meanwhile (%(lines)s); no order was placed."
                    ) % {
                        "lines": "; ".join(f"{line.title}: {line.available}/{line.requested}" for line in exc.shortages)
                    }
                except OrderStockUnavailable as exc:
                    problem = str(exc)
        if order is None:
            attempt.needs_refund = True
            attempt.needs_refund_reason = problem[:500]
            attempt.save()
            logger.warning("Payment %s not turned into an order: %s", attempt, problem)
            outbox_send(task=ATTEMPT_REJECT_TASK, args=[attempt.pk])
            return attempt
        attempt.order = order
        amount = stripe_client.satang_to_thb(amount_received_satang)
        source = Source.objects.create(
            order=order,
            source_type=_source_type(SOURCE_TYPE_CODES[attempt.method]),
            currency=attempt.currency,
            amount_allocated=amount,
            reference=attempt.stripe_payment_intent or f"test-{attempt.public_id}",
            label=method_label(attempt.method),
        )
        source.debit(amount, reference=reference, status="succeeded")
        attempt.save()
        order_payment_confirmed(order=order, amount=amount, method_label=method_label(attempt.method))
    return attempt


def payment_closed_apply(
    *,
    attempt: PaymentAttempt,
    status: str,
    message: str = "",
    payment_intent: dict | None = None,
    only_without_payment_intent: bool = False,
) -> PaymentAttempt:
    """The attempt failed, its QR expired or its PaymentIntent was
    cancelled. Only an open attempt changes (a failure reported after the
    success, in whatever order Stripe delivers, changes nothing). The
    basket's stock is released unless another attempt still needs it.

    ``only_without_payment_intent``: close it only if, under the lock, it
    still has no PaymentIntent id; otherwise it is returned open, with the
    id stored meanwhile (payment_abandon then cancels that one at Stripe)."""
    with transaction.atomic():
        locked = _attempts_lock(basket_ref=attempt.basket_ref)
        attempt = locked[attempt.pk]
        _link(attempt, payment_intent)
        if not attempt.is_open or (only_without_payment_intent and attempt.stripe_payment_intent):
            attempt.save()
            return attempt
        attempt.status = status
        attempt.failure_message = (message or "")[:500]
        attempt.save()
        _reservation_release_if_unused(
            attempt=attempt, locked=locked, reason=_("payment %(status)s") % {"status": attempt.get_status_display()}
        )
    return attempt


def _reservation_release_if_unused(*, attempt: PaymentAttempt, locked: dict[int, PaymentAttempt], reason: str) -> None:
    # All attempts of a basket share the reservation: a late failure of an
    # old attempt must not release the stock the current one is holding.
    others = [a for pk, a in locked.items() if pk != attempt.pk]
    if any(a.is_open or a.order_id or a.status in PaymentAttempt.PAID for a in others):
        return
    if attempt.order_id or Order.objects.filter(number=attempt.order_number).exists():
        return
    reservation_release(reference=order_stock_reference(attempt.order_number), reason=reason[:255])


def payment_attempt_reject(*, attempt_id: int) -> PaymentAttempt:
    """A payment that did not become an order: give the money back at
    Stripe (or cancel a PaymentIntent not paid yet) and release the stock.
    Runs as a task after commit, holding no lock while Stripe answers."""
    attempt = PaymentAttempt.objects.get(pk=attempt_id)
    if not attempt.needs_refund or attempt.order_id:
        return attempt
    refunded = attempt.amount_refunded_satang
    if attempt.stripe_payment_intent and attempt.amount_received_satang > refunded:
        stripe_client.refund_create(
            payment_intent_id=attempt.stripe_payment_intent,
            amount_satang=attempt.amount_received_satang - refunded,
            idempotency_key=f"otop-refund-reject-{attempt.public_id}",
            metadata={"order_number": attempt.order_number, "reason": attempt.needs_refund_reason[:400]},
        )
        refunded = attempt.amount_received_satang
    with transaction.atomic():
        locked = _attempts_lock(basket_ref=attempt.basket_ref)
        attempt = locked[attempt.pk]
        attempt.amount_refunded_satang = max(attempt.amount_refunded_satang, refunded)
        if attempt.method == Method.TEST or attempt.amount_refunded_satang >= attempt.amount_received_satang:
            attempt.status = Status.REFUNDED
        attempt.save()
        _reservation_release_if_unused(attempt=attempt, locked=locked, reason=_("payment refused: refunded"))
        if attempt.method != Method.TEST and attempt.amount_refunded_satang > 0 and attempt.refund_notified_at is None:
            # Sent once (refund_notified_at), in the buyer's language. A
            # second run of this task queues nothing more: not after the
            # email went out, nor while the first run's message waits.
            if not outbox_pending(task_name=REFUND_NOTIFY_TASK, args=[attempt.pk]):
                outbox_send(task=REFUND_NOTIFY_TASK, args=[attempt.pk])
    return attempt


def attempts_refund_retry_due(*, now=None, limit: int = 100) -> int:
    """The beat sweep's net under payment_attempt_reject (run by the
    payment-events-retry task): queue the refund again, through the outbox,
    for attempts still owing it REFUND_TASK_GRACE after they were last
    written. The task's own retries go straight to the broker: lost with it
    when it is down, or run out while Stripe is down, and nothing else would
    ever refund the buyer.

    Not queued again while a message for it waits in the outbox, nor by two
    sweeps at once: each attempt is claimed by moving its updated_at to now
    (a conditional update), which also makes the next try wait another
    REFUND_TASK_GRACE, so a Stripe outage costs one refund call per attempt
    every grace period, not one per sweep. Running the refund twice is
    harmless: the Stripe call reuses its idempotency key
    (``otop-refund-reject-<attempt>``) and the amount refunded is recorded
    by total. Returns how many were queued."""
    now = now or timezone.now()
    due = attempts_refund_due(now=now, limit=limit)
    if not due:
        return 0
    pending = outbox_pending_args(task_name=ATTEMPT_REJECT_TASK)
    queued = 0
    with transaction.atomic():
        for attempt_id in due:
            if (attempt_id,) in pending:
                continue
            if attempts_refund_owed(now=now).filter(pk=attempt_id).update(updated_at=now):
                outbox_send(task=ATTEMPT_REJECT_TASK, args=[attempt_id])
                queued += 1
    if queued:
        logger.warning("Queued the refund of %d unusable payment(s) again", queued)
    return queued


def charge_refunded_apply(*, charge: dict, event_livemode: bool | None = None) -> PaymentAttempt | None:
    """Stripe says a charge was (partly) refunded; ``amount_refunded`` is
    the total so far, so replays and refunds we recorded ourselves are not
    counted twice. A refund that arrives before the success event first
    applies the success (the charge proves the money came in). A charge
    payment_verdict does not accept is refused whole (EventRefused): its
    refund says nothing about the attempt's money."""
    attempt = attempt_by_payment_intent(
        payment_intent_id=charge.get("payment_intent") or "", metadata=charge.get("metadata")
    )
    if attempt is None:
        return None
    facts = StripeFacts.from_charge(charge, event_livemode=event_livemode)
    verdict = payment_verdict(attempt=attempt, facts=facts)
    if not verdict.accept:
        raise EventRefused(verdict.reason, retry=verdict.retry)
    if attempt.order_id is None and not attempt.needs_refund:
        attempt = payment_succeeded_apply(
            attempt=attempt, amount_received_satang=facts.amount_received or 0, reference=charge["id"]
        )
    return _refund_record(attempt=attempt, refunded_total_satang=int(charge["amount_refunded"]), reference=charge["id"])


def refund_email_send(*, attempt_id: int) -> bool:
    """Send the refund email of an attempt once (the task
    payment_refund_notify). The attempt is claimed with a conditional update
    (no row lock held while the mail server answers); a failed send gives the
    claim back so the task's retry sends it. Returns True if this call sent it."""
    attempt = PaymentAttempt.objects.filter(pk=attempt_id).first()
    email = (attempt.snapshot or {}).get("email") if attempt else ""
    if attempt is None or not email or attempt.amount_refunded_satang <= 0:
        return False
    claimed = PaymentAttempt.objects.filter(pk=attempt_id, refund_notified_at__isnull=True).update(
        refund_notified_at=timezone.now()
    )
    if not claimed:
        return False
    try:
        subject, body = refund_email_render(attempt=attempt)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
    except Exception:
        PaymentAttempt.objects.filter(pk=attempt_id).update(refund_notified_at=None)
        raise
    return True


def _refund_record(
    *, attempt: PaymentAttempt, refunded_total_satang: int, reference: str, status: str = "succeeded"
) -> PaymentAttempt:
    with transaction.atomic():
        attempt = _attempts_lock(basket_ref=attempt.basket_ref)[attempt.pk]
        if refunded_total_satang <= attempt.amount_refunded_satang:
            return attempt
        attempt.amount_refunded_satang = refunded_total_satang
        full = refunded_total_satang >= attempt.amount_received_satang
        attempt.status = Status.REFUNDED if full else Status.PARTLY_REFUNDED
        attempt.save()
        if attempt.order_id:
            source = (
                Source.objects.select_for_update()
                .filter(
                    order_id=attempt.order_id, reference=attempt.stripe_payment_intent or f"test-{attempt.public_id}"
                )
                .first()
            )
            if source is not None:
                delta = stripe_client.satang_to_thb(refunded_total_satang) - source.amount_refunded
                if delta > 0:
                    source.refund(delta, reference=reference, status=status)
            order_refund_recorded(order=attempt.order, refunded_total=_order_refunded_total(order_id=attempt.order_id))
    return attempt


def _order_refunded_total(*, order_id: int) -> Decimal:
    return sum((s.amount_refunded for s in Source.objects.filter(order_id=order_id)), start=Decimal("0.00"))


# --- the customer's page and the sweep -----------------------------------------------------------


def attempt_is_due(*, attempt: PaymentAttempt, now) -> bool:
    """An open attempt whose time to pay ran out: a PromptPay QR past its
    expiry, or a card whose stock hold expired."""
    if not attempt.is_open:
        return False
    if attempt.method == Method.PROMPTPAY and attempt.qr_expires_at:
        return attempt.qr_expires_at <= now
    # A card, or a PromptPay attempt that never got its QR (create lost).
    return bool(
        attempt.method in (Method.CARD, Method.PROMPTPAY) and attempt.hold_expires_at and attempt.hold_expires_at <= now
    )


def attempt_refresh(*, attempt: PaymentAttempt, min_interval_seconds: int = 3, now=None) -> PaymentAttempt:
    """Ask Stripe how the attempt's PaymentIntent is doing (at most every
    few seconds per attempt) and apply the answer: the status poll and the
    3-D Secure return place the order the same way the webhook does. Also
    expires an attempt whose time ran out (QR, card hold)."""
    now = now or timezone.now()
    if attempt.method == Method.TEST or not attempt.stripe_payment_intent:
        return attempt
    if attempt_is_due(attempt=attempt, now=now):
        return attempt_expire(attempt=attempt)
    if attempt.status not in PaymentAttempt.OPEN and attempt.status != Status.FAILED:
        return attempt
    if attempt.stripe_checked_at and (now - attempt.stripe_checked_at).total_seconds() < min_interval_seconds:
        return attempt
    # A plain update, not a lock: at worst two polls both ask Stripe.
    PaymentAttempt.objects.filter(pk=attempt.pk).update(stripe_checked_at=now)
    try:
        payment_intent = stripe_client.payment_intent_retrieve(payment_intent_id=attempt.stripe_payment_intent)
    except stripe.StripeError as exc:
        logger.warning("Could not refresh %s: %s", attempt, exc)
        return attempt
    return _sync_quietly(payment_intent=payment_intent, attempt=attempt)


def _sync_quietly(*, payment_intent, attempt: PaymentAttempt, expired: bool = False) -> PaymentAttempt:
    # An API answer about the attempt's own PaymentIntent that the verdict
    # refuses (another mode, currency) changes nothing; it is logged.
    try:
        return payment_intent_sync(payment_intent=payment_intent, expired=expired) or attempt
    except EventRefused as exc:
        logger.error("Stripe's answer for %s refused: %s", attempt, exc)
        return attempt


def attempt_expire(*, attempt: PaymentAttempt) -> PaymentAttempt:
    """The time to pay ran out (a PromptPay QR, or a card's stock hold):
    cancel the PaymentIntent at Stripe first, holding no lock, so it can no
    longer be paid; then (short transaction) mark the attempt expired and
    release the stock. If the customer paid at the last second, Stripe
    refuses the cancel and the success is applied instead; if the payment
    is still in flight (processing, requires_capture) the attempt and its
    stock hold stay as they are until a later sweep or event settles it."""
    if not attempt.is_open:
        return attempt
    if attempt.stripe_payment_intent:
        try:
            payment_intent = stripe_client.payment_intent_cancel(
                payment_intent_id=attempt.stripe_payment_intent, idempotency_key=f"otop-expire-{attempt.public_id}"
            )
        except stripe.InvalidRequestError:
            try:
                payment_intent = stripe_client.payment_intent_retrieve(payment_intent_id=attempt.stripe_payment_intent)
            except stripe.StripeError as exc:
                logger.warning("Could not ask Stripe about expired %s: %s", attempt, exc)
                return attempt
        except stripe.StripeError as exc:
            logger.warning("Could not cancel expired %s: %s", attempt, exc)
            return attempt
        status = _intent_dict(payment_intent).get("status")
        if status == "succeeded":
            return _sync_quietly(payment_intent=payment_intent, attempt=attempt, expired=True)
        if status not in ("canceled", "requires_payment_method"):
            # Stripe refused the cancel because the money is in flight
            # (processing, requires_capture): releasing the stock now would
            # sell it twice if the payment succeeds. The next sweep asks again.
            logger.info("Expired %s not closed: its PaymentIntent is %s", attempt, status)
            return attempt
    with buyer_language(attempt):
        message = (
            _("The QR code expired.")
            if attempt.method == Method.PROMPTPAY
            else _("The time to pay ran out and the products were released; please start the payment again.")
        )
    return payment_closed_apply(attempt=attempt, status=Status.EXPIRED, message=message)


def attempts_expire_due(*, now=None, limit: int = 200) -> int:
    """The beat sweep: expire every open PromptPay attempt whose QR ran out
    and every open card attempt whose stock hold ran out (its PaymentIntent
    is cancelled at Stripe, so it cannot be paid for stock that is gone)."""
    now = now or timezone.now()
    due = list(attempts_expire_due_list(now=now, limit=limit))
    for attempt in due:
        attempt_expire(attempt=attempt)
    return len(due)


def payment_retry(*, attempt: PaymentAttempt, user=None, session_key: str = "") -> PaymentAttempt:
    """A new QR (or another card try) for the same basket and snapshot: a
    new attempt, with its own PaymentIntent, stock reserved again."""
    if attempt.status in PaymentAttempt.PAID or attempt.order_id:
        raise PaymentError(_("This order is already paid."), code="already_paid")
    if attempt.basket_id is None:
        raise PaymentError(_("The basket of this payment no longer exists."), code="no_basket")
    basket = Basket.objects.get(pk=attempt.basket_id)
    if basket.status != Basket.FROZEN:
        # Thawed since (the buyer went back to the basket, shop/checkout/resume.py):
        # this attempt's snapshot may no longer be the basket's; the checkout
        # builds a new one.
        raise PaymentError(_("Your basket is open again: check it and pay from the checkout."), code="basket_open")
    return payment_start(
        basket=basket,
        snapshot=CheckoutSnapshot.from_json(attempt.snapshot),
        method=attempt.method,
        user=user,
        session_key=session_key,
    )


def payment_complete_in_test_mode(*, attempt: PaymentAttempt) -> PaymentAttempt:
    """The "Pay now" button of test mode: the same success path as a real
    payment, with a Source of type "Test payment". Refused unless test
    mode is on (DEBUG without Stripe keys)."""
    if attempt.method != Method.TEST or not payment_test_mode_enabled():
        raise PaymentError(_("Test payments are switched off on this site."), code="test_mode_off")
    return payment_succeeded_apply(
        attempt=attempt, amount_received_satang=attempt.amount_satang, reference=f"test-{attempt.public_id}"
    )


# --- Stripe events -------------------------------------------------------------------------------


def stripe_event_store(*, event: dict) -> tuple[StripeEvent, bool]:
    """Insert the event once (unique event id) and queue its processing
    through the outbox, in the same transaction as the row: a stored event
    always has its task, even if the broker is down at commit.

    A redelivery of an event stored but not processed yet queues it again:
    Stripe redelivers when our answer was not a 2xx (a 500 after the row was
    committed), and until issue 17 that redelivery found the row, answered
    200 and did nothing, leaving a paid order unprocessed. Concurrent
    deliveries may queue it more than once; the task processes it once
    (processed_at under a row lock). A processed or refused event is not
    queued again."""
    with transaction.atomic():
        row, created = StripeEvent.objects.get_or_create(
            event_id=event["id"], defaults={"type": event.get("type", ""), "payload": event}
        )
        if created or row.processed_at is None:
            outbox_send(task=EVENT_PROCESS_TASK, args=[row.pk])
    return row, created


HANDLED_EVENTS = {
    "payment_intent.succeeded",
    "payment_intent.processing",
    "payment_intent.payment_failed",
    "payment_intent.canceled",
    "payment_intent.requires_action",
    "charge.refunded",
}


#: A failing event is tried this many times in all (backoff between tries),
#: then left failed for staff (admin list, manage.py stripe_replay_events).
EVENT_MAX_TRIES = 8
EVENT_RETRY_FIRST = timedelta(minutes=1)
EVENT_RETRY_MAX = timedelta(hours=2)


def _event_retry_at(*, tries: int, now):
    """1, 2, 4, 8… minutes after the last try, at most 2 hours; None after
    the last try (about 2 hours of tries in all)."""
    if tries >= EVENT_MAX_TRIES:
        return None
    return now + min(EVENT_RETRY_FIRST * 2 ** (tries - 1), EVENT_RETRY_MAX)


def _event_object(payload) -> dict:
    """The object an event carries; a malformed one raises ValueError (the
    event is then marked failed, with the error)."""
    data = payload.get("data") if isinstance(payload, dict) else None
    obj = data.get("object") if isinstance(data, dict) else None
    if not isinstance(obj, dict):
        raise ValueError("the event has no data.object")
    if not isinstance(obj.get("id"), str) or not obj["id"]:
        raise ValueError("the event's object has no id")
    return obj


def _event_apply(row: StripeEvent) -> tuple[str, str]:
    """(status, outcome) of applying one event; raises on failure."""
    if row.type not in HANDLED_EVENTS:
        return StripeEvent.Status.PROCESSED, "ignored"
    obj = _event_object(row.payload)
    event_livemode = row.payload.get("livemode")
    event_livemode = event_livemode if isinstance(event_livemode, bool) else None
    try:
        if row.type == "charge.refunded":
            attempt = charge_refunded_apply(charge=obj, event_livemode=event_livemode)
        else:
            attempt = payment_intent_sync(payment_intent=obj, event_livemode=event_livemode)
    except EventRefused as exc:
        if exc.retry:
            raise
        logger.warning("Stripe event %s refused: %s", row.event_id, exc)
        return StripeEvent.Status.REFUSED, f"refused: {exc}"[:255]
    return StripeEvent.Status.PROCESSED, (f"attempt {attempt.pk}: {attempt.status}" if attempt else "not ours")


def stripe_event_process(*, event_row_id: int, now=None) -> str:
    """Apply one stored event, once: the row is locked and processed_at
    checked and set in the same transaction. Nothing here calls Stripe
    (refunds of unusable payments are queued on commit).

    If applying it raises (a malformed object, a bug, a deadlock), its
    savepoint is rolled back, so nothing of the failed try is kept, and
    the row is marked failed with the error, its tries counted and its next
    try set (backoff; the beat sweep stripe_events_retry_due runs it)."""
    now = now or timezone.now()
    with transaction.atomic():
        row = StripeEvent.objects.select_for_update().get(pk=event_row_id)
        if row.processed_at is not None:
            return "already processed"
        try:
            with transaction.atomic():
                row.status, row.outcome = _event_apply(row)
        except Exception as exc:
            logger.exception("Stripe event %s failed", row.event_id)
            row.tries += 1
            row.status = StripeEvent.Status.FAILED
            row.error = f"{type(exc).__name__}: {exc}"[:2000]
            row.retry_at = _event_retry_at(tries=row.tries, now=now)
            row.outcome = "failed"
            row.save(update_fields=["status", "error", "tries", "retry_at", "outcome"])
            return f"failed: {row.error}"
        row.tries += 1
        row.error, row.retry_at = "", None
        row.processed_at = timezone.now()
        row.save(update_fields=["status", "outcome", "error", "tries", "retry_at", "processed_at"])
        return row.outcome


def stripe_events_retry_due(*, now=None, limit: int = 100) -> int:
    """The beat sweep: process failed events whose retry time came and
    events whose task was lost. Returns how many it tried."""
    now = now or timezone.now()
    ids = stripe_events_due(now=now, limit=limit)
    for row_id in ids:
        stripe_event_process(event_row_id=row_id, now=now)
    return len(ids)


def stripe_event_replay(*, event_row_id: int) -> str:
    """Staff: process a stored event again, whatever its state. A processed
    event changes nothing more (every step is idempotent: one order per
    basket, refunds by total); a failed or refused one is applied as if it
    had just arrived."""
    StripeEvent.objects.filter(pk=event_row_id).update(
        processed_at=None, status=StripeEvent.Status.RECEIVED, retry_at=None
    )
    return stripe_event_process(event_row_id=event_row_id)


def stripe_events_catch_up(*, since: timedelta, now=None) -> dict:
    """Fetch the events of the last ``since`` from Stripe's Events API,
    store those the webhook never delivered and process every stored event
    not processed yet. Returns counts for the summary."""
    now = now or timezone.now()
    created_gte = int((now - since).timestamp())
    counts = {"listed": 0, "new": 0, "processed": 0}
    pending = []
    for event in stripe_client.events_since(created_gte=created_gte):
        counts["listed"] += 1
        data = event.to_dict() if hasattr(event, "to_dict") else dict(event)
        row, created = StripeEvent.objects.get_or_create(
            event_id=data["id"], defaults={"type": data.get("type", ""), "payload": data}
        )
        counts["new"] += int(created)
        if row.processed_at is None:
            pending.append(row)
    # Oldest first, as Stripe created them (the list is newest first).
    for row in sorted(pending, key=lambda r: (r.payload.get("created", 0), r.pk)):
        if stripe_event_process(event_row_id=row.pk) != "already processed":
            counts["processed"] += 1
    return counts


# --- staff: counter payments and refunds ---------------------------------------------------------


def _amount_check(amount) -> Decimal:
    try:
        amount = Decimal(str(amount)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError, TypeError):
        raise PaymentError(_("Enter an amount in baht, for example 450.00."), code="bad_amount") from None
    if amount <= 0:
        raise PaymentError(_("The amount must be more than zero."), code="bad_amount")
    return amount


def offline_payment_record(*, order, amount, method: str, user, reference: str = ""):
    """Staff took the money at the counter (cash or PromptPay to the
    center's account): a Source with a Debit transaction, then the order is
    marked paid. Refused for an order that is already paid."""
    if method not in ("cash", "promptpay_counter"):
        raise PaymentError(_("Choose cash or PromptPay at the counter."), code="bad_method")
    amount = _amount_check(amount)
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        # paid_at, not the status: a pay-at-pickup order is picked, packed and
        # ready for pickup while still unpaid (shop/order/statuses.py).
        if order.paid_at is not None:
            raise PaymentError(_("Order %(number)s is already paid.") % {"number": order.number}, code="already_paid")
        if order.status == statuses.CANCELLED:
            raise PaymentError(_("Order %(number)s is cancelled.") % {"number": order.number}, code="cancelled")
        if amount != order.total_incl_tax:
            raise PaymentError(
                _("The order total is %(total)s THB; record exactly that amount.") % {"total": order.total_incl_tax},
                code="wrong_amount",
            )
        source = Source.objects.create(
            order=order,
            source_type=_source_type(SOURCE_TYPE_CODES[method]),
            currency=order.currency,
            amount_allocated=amount,
            reference=(reference or "").strip()[:255],
            label=method_label(method),
        )
        source.debit(amount, reference=(reference or "").strip()[:128] or "counter", status="received")
        transaction_row = source.transactions.order_by("-pk").first()
        order_payment_confirmed(order=order, amount=amount, method_label=method_label(method))
    return transaction_row


def payment_refund(*, order, amount, user, reason: str):
    """Give money back to the customer (staff). Stripe payments are refunded
    through Stripe first (no lock held), then recorded; the charge.refunded
    webhook that follows finds the total already recorded. A PromptPay
    refund completes only after Stripe has emailed the customer for their
    bank account; its transaction keeps Stripe's status (e.g.
    requires_action). Offline payments are recorded as handed back.
    Returns the Refund Transaction."""
    amount = _amount_check(amount)
    reason = (reason or "").strip()
    if not reason:
        raise PaymentError(_("Give a reason for the refund."), code="reason_required")
    sources = list(Source.objects.filter(order=order).select_related("source_type").order_by("pk"))
    source = next((s for s in sources if s.amount_debited - s.amount_refunded >= amount), None)
    if source is None:
        available = sum((s.amount_debited - s.amount_refunded for s in sources), start=Decimal("0.00"))
        raise PaymentError(
            _("At most %(amount)s THB can be refunded on order %(number)s.")
            % {"amount": available, "number": order.number},
            code="too_much",
        )
    attempt = PaymentAttempt.objects.filter(order=order, stripe_payment_intent=source.reference).first()
    if attempt is None:
        # Counter payment (or test payment): recorded as handed back.
        with transaction.atomic():
            source = Source.objects.select_for_update().get(pk=source.pk)
            if source.amount_debited - source.amount_refunded < amount:
                raise PaymentError(_("This payment was refunded meanwhile."), code="too_much")
            source.refund(amount, reference=reason[:128], status="handed back")
            order_refund_recorded(order=order, refunded_total=_order_refunded_total(order_id=order.pk))
        return source.transactions.order_by("-pk").first()
    refunded_before = attempt.amount_refunded_satang
    amount_satang = stripe_client.thb_to_satang(amount)
    try:
        refund = stripe_client.refund_create(
            payment_intent_id=attempt.stripe_payment_intent,
            amount_satang=amount_satang,
            # Same key for a double-clicked form: one refund at Stripe.
            idempotency_key=f"otop-refund-{order.number}-{refunded_before}-{amount_satang}",
            metadata={"order_number": order.number, "reason": reason[:400], "staff": str(getattr(user, "pk", ""))},
        )
    except stripe.StripeError as exc:
        raise PaymentError(
            _("Stripe refused the refund: %(error)s") % {"error": exc.user_message or str(exc)}, code="stripe"
        ) from exc
    _refund_record(
        attempt=attempt,
        refunded_total_satang=refunded_before + amount_satang,
        reference=refund.id,
        status=refund.status or "",
    )
    return Transaction.objects.filter(source__order=order, txn_type=Transaction.REFUND).order_by("-pk").first()


# --- an interrupted checkout ---------------------------------------------------------------------


def basket_unfreeze(*, basket_id: int, merge_basket_ids=()):
    """Give the buyer back a basket the checkout froze for a payment that
    will not happen: its attempts expired, failed or were cancelled, or the
    process died before the attempt was written. The buyer's other open
    baskets (the owner's, and ``merge_basket_ids``: a guest's new basket)
    are merged into it, each line at the larger of the two quantities, so
    products added again after the interruption are not doubled.

    Returns the basket, open, or None when it must not be thawed: an
    attempt of it is still open, or money was taken for it (an order, or a
    payment being refunded: payment_start would refuse it for good). Locks
    the basket's attempt rows (pk order), then the basket row: the order in
    which payment_start and payment_succeeded_apply take them, so a payment
    being placed right now either wins (the basket is submitted) or sees it
    thawed; the attempts are read again once the basket row is ours, so a
    first attempt committed while this waited keeps its basket frozen."""
    with transaction.atomic():
        locked = _attempts_lock(basket_ref=basket_id)
        if any(a.is_open or a.order_id or a.status in PaymentAttempt.PAID for a in locked.values()):
            return None  # paid: payment_start would refuse it for good
        # payment_start holds the basket row while it writes a basket's first
        # attempt (no attempt row to lock yet): wait for it here, then look
        # again, or a "Pay" committing meanwhile would find its basket thawed.
        if not Basket.objects.select_for_update().filter(pk=basket_id, status=Basket.FROZEN).exists():
            return None
        if (
            PaymentAttempt.objects.filter(basket_ref=basket_id)
            .filter(Q(status__in=PaymentAttempt.OPEN + PaymentAttempt.PAID) | Q(order__isnull=False))
            .exists()
        ):
            return None
        Basket.objects.filter(pk=basket_id, status=Basket.FROZEN).update(status=Basket.OPEN)
        basket = Basket.objects.select_for_update().filter(pk=basket_id, status=Basket.OPEN).first()
        if basket is None:
            return None
        others = Basket.objects.filter(status=Basket.OPEN).exclude(pk=basket.pk)
        others = (
            others.filter(owner_id=basket.owner_id)
            if basket.owner_id
            else others.filter(owner__isnull=True, pk__in=[pk for pk in merge_basket_ids if pk])
        )
        for other in others.order_by("pk"):
            basket.merge(other, add_quantities=False)
    return basket


def payment_abandon(*, attempt: PaymentAttempt):
    """The buyer cancels an open payment to change the basket (the payment
    page's "Cancel the payment and change the basket"). Returns (attempt,
    basket): the basket open again, or None if it cannot be.

    The PaymentIntent is cancelled at Stripe first, holding no lock, so it
    can no longer be paid; then (short transaction) the attempt is
    cancelled and its stock released, then the basket is thawed. A payment
    made at the last second is applied instead (Stripe refuses the cancel;
    the attempt comes back with its order); one still in flight
    (processing) is refused with PaymentError and nothing changes.

    An attempt without a PaymentIntent id (its create call was lost, or
    another tab's payment page is creating it right now: payment_intent_ensure)
    is closed only if it still has none under the attempt lock; the
    ``attempt`` given was read at the start of the request and may be stale.
    Then the other tab's create finds the attempt closed: it does not store
    its PaymentIntent and cancels it at Stripe itself, and a PaymentIntent
    whose create was lost cannot be paid (its client secret or QR never
    reached anyone). If the id was stored meanwhile, the other tab may be
    showing its card form or QR: that PaymentIntent is cancelled at Stripe
    first like any other, before the attempt is closed."""
    if attempt.is_open and not attempt.stripe_payment_intent:
        with buyer_language(attempt):
            message = _("You cancelled this payment.")
        attempt = payment_closed_apply(
            attempt=attempt, status=Status.CANCELED, message=message, only_without_payment_intent=True
        )
    if attempt.is_open and attempt.stripe_payment_intent:
        try:
            try:
                payment_intent = stripe_client.payment_intent_cancel(
                    payment_intent_id=attempt.stripe_payment_intent, idempotency_key=f"otop-cancel-{attempt.public_id}"
                )
            except stripe.InvalidRequestError:
                payment_intent = stripe_client.payment_intent_retrieve(payment_intent_id=attempt.stripe_payment_intent)
        except stripe.StripeError as exc:
            logger.warning("Could not cancel %s for the buyer: %s", attempt, exc)
            raise PaymentError(
                _("The payment service did not answer; please try again in a moment."), code="stripe_unavailable"
            ) from exc
        status = _intent_dict(payment_intent).get("status")
        if status == "succeeded":
            return _sync_quietly(payment_intent=payment_intent, attempt=attempt), None
        if status not in ("canceled", "requires_payment_method"):
            raise PaymentError(
                _("Your payment is being processed and can no longer be cancelled. Please wait a moment."),
                code="in_flight",
            )
    if attempt.is_open:
        with buyer_language(attempt):
            message = _("You cancelled this payment.")
        attempt = payment_closed_apply(attempt=attempt, status=Status.CANCELED, message=message)
    if attempt.order_id:
        return attempt, None
    return attempt, basket_unfreeze(basket_id=attempt.basket_ref)
