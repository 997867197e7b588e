"""HTTP for payments: Stripe's webhook and the customer's payment pages.

Views only translate HTTP to service calls: verify, look up (404 for an
attempt that is not the visitor's), call shop.payment.services, render or
redirect.

The payment page, its status poll and the 3-D Secure return are GETs (Stripe
sends the buyer back with a GET; the page polls) that may write through the
services: they apply what Stripe says about the attempt (``attempt_refresh``:
the same idempotent path as the webhook, one order per basket under the
attempt locks) and create a PaymentIntent lost with a killed worker
(``payment_intent_ensure``: Stripe's idempotency key gives the same one back).
None of them writes anything the visitor chose; that takes a POST.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from inventory.exceptions import InsufficientStock
from shop.checkout.resume import request_basket_replace

from . import services, stripe_client
from .models import PaymentAttempt
from .qr import qr_image_src
from .selectors import attempt_for_customer, payment_test_mode_enabled

logger = logging.getLogger(__name__)

Status = PaymentAttempt.Status


# --- Stripe's webhook ----------------------------------------------------------------------------


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Verify the signature over the raw body, store the event once and
    queue its processing; answer at once (Stripe retries anything but 2xx).
    Anything that is not a signed, fresh (not older than 5 minutes, not more
    than 5 minutes ahead) event object with an id and type we can store is
    a 400 and writes nothing (stripe_client.webhook_event_verify). What the
    event's object says is checked when it is processed: a malformed one is
    stored and marked failed, for staff to see and replay."""
    try:
        event = stripe_client.webhook_event_verify(
            payload=request.body, signature_header=request.headers.get("Stripe-Signature"), tolerance=300
        )
    except stripe_client.WebhookRejected as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain")
    except ImproperlyConfigured as exc:
        logger.error("Stripe webhook refused: %s", exc)
        return HttpResponseBadRequest("Webhook not configured", content_type="text/plain")
    _row, created = services.stripe_event_store(event=event)
    return JsonResponse({"received": True, "duplicate": not created})


# --- the customer's payment pages ----------------------------------------------------------------


def _attempt(request, public_id) -> PaymentAttempt:
    # Only reads the session key: a guest's attempt carries the key of the
    # session whose POST started it (the checkout's "Pay", payment_retry),
    # which saves the session first. Until #20 this GET bound a guest attempt
    # started without a key to the first session that opened its URL (an
    # UPDATE, and a new session row, on a GET): no attempt is started without
    # one any more, and a visitor without a session has no attempt to see.
    return attempt_for_customer(public_id=public_id, user=request.user, session_key=request.session.session_key)


def _thank_you(request, attempt: PaymentAttempt):
    request.session["checkout_order_id"] = attempt.order_id
    return redirect(reverse("checkout:thank-you"))


def _status_payload(request, attempt: PaymentAttempt) -> dict:
    redirect_url = ""
    if attempt.order_id:
        request.session["checkout_order_id"] = attempt.order_id
        redirect_url = reverse("checkout:thank-you")
    return {
        "status": attempt.status,
        "redirect_url": redirect_url,
        "expires_at": attempt.qr_expires_at.isoformat() if attempt.qr_expires_at else None,
        "message": attempt.failure_message or attempt.needs_refund_reason,
    }


@never_cache
@require_GET
def payment_page(request, public_id):
    attempt = _attempt(request, public_id)
    if attempt.order_id:
        return _thank_you(request, attempt)
    if attempt.is_open and not attempt.stripe_payment_intent and attempt.method != PaymentAttempt.Method.TEST:
        try:
            attempt = services.payment_intent_ensure(attempt=attempt)
        except services.PaymentError as exc:
            messages.error(request, str(exc))
    attempt = services.attempt_refresh(attempt=attempt)
    if attempt.order_id:
        return _thank_you(request, attempt)
    context = {
        "attempt": attempt,
        "amount": stripe_client.satang_to_thb(attempt.amount_satang),
        "status_url": reverse("pay:status", kwargs={"public_id": attempt.public_id}),
        "return_url": request.build_absolute_uri(reverse("pay:return", kwargs={"public_id": attempt.public_id})),
        "retry_url": reverse("pay:retry", kwargs={"public_id": attempt.public_id}),
        "cancel_url": reverse("pay:cancel", kwargs={"public_id": attempt.public_id}),
        "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
        "test_mode": payment_test_mode_enabled(),
        "qr_src": qr_image_src(data=attempt.qr_data, fallback_url=attempt.qr_image_url)
        if attempt.method == PaymentAttempt.Method.PROMPTPAY
        else "",
    }
    template = {
        PaymentAttempt.Method.CARD: "payment/pay_card.html",
        PaymentAttempt.Method.PROMPTPAY: "payment/pay_promptpay.html",
        PaymentAttempt.Method.TEST: "payment/pay_test.html",
    }[attempt.method]
    return render(request, template, context)


@never_cache
@require_GET
def payment_status(request, public_id):
    """JSON for the payment page's poll: {status, redirect_url}. Asks Stripe
    at most every few seconds; a success found here places the order just
    like the webhook would (whichever comes first, one order)."""
    attempt = _attempt(request, public_id)
    attempt = services.attempt_refresh(attempt=attempt)
    return JsonResponse(_status_payload(request, attempt))


@never_cache
@require_GET
def payment_return(request, public_id):
    """Where Stripe sends the customer back after 3-D Secure."""
    attempt = _attempt(request, public_id)
    attempt = services.attempt_refresh(attempt=attempt, min_interval_seconds=0)
    if attempt.order_id:
        return _thank_you(request, attempt)
    if attempt.status in (Status.FAILED, Status.CANCELED, Status.EXPIRED):
        messages.error(request, attempt.failure_message or _("The payment did not go through. Please try again."))
    elif attempt.needs_refund:
        messages.error(request, _("Your payment could not be used for this order and is being refunded."))
    return redirect(services.payment_page_url(attempt))


@require_POST
def payment_retry(request, public_id):
    """A new QR code, or another try after a declined card."""
    attempt = _attempt(request, public_id)
    try:
        new = services.payment_retry(attempt=attempt, user=request.user, session_key=request.session.session_key)
    except InsufficientStock as exc:
        messages.error(
            request,
            _("Some products are no longer in stock: %(lines)s")
            % {"lines": "; ".join(f"{line.title} ({line.available}/{line.requested})" for line in exc.lines)},
        )
        return redirect(reverse("basket:summary"))
    except services.PaymentError as exc:
        messages.error(request, str(exc))
        if exc.code == "basket_open":
            return redirect(reverse("checkout:preview"))
        return redirect(services.payment_page_url(attempt))
    return redirect(services.payment_page_url(new))


@require_POST
def payment_test_pay(request, public_id):
    """The test-mode "Pay now" button (DEBUG without Stripe keys only)."""
    attempt = _attempt(request, public_id)
    try:
        attempt = services.payment_complete_in_test_mode(attempt=attempt)
    except services.PaymentError as exc:
        messages.error(request, str(exc))
        return redirect(services.payment_page_url(attempt))
    if attempt.order_id:
        return _thank_you(request, attempt)
    messages.error(request, attempt.needs_refund_reason or _("The payment could not be completed."))
    return redirect(services.payment_page_url(attempt))


@require_POST
def payment_cancel(request, public_id):
    """ "Cancel the payment and change the basket": the way back from a
    payment page to the basket (the basket page itself leads to an open
    payment, shop/checkout/resume.py)."""
    attempt = _attempt(request, public_id)
    try:
        attempt, basket = services.payment_abandon(attempt=attempt)
    except services.PaymentError as exc:
        messages.error(request, str(exc))
        return redirect(services.payment_page_url(attempt))
    if attempt.order_id:
        return _thank_you(request, attempt)
    if basket is not None:
        request_basket_replace(request=request, basket=basket)
    messages.success(request, _("You cancelled the payment and the products were released. Your basket is open again."))
    return redirect(reverse("basket:summary"))
