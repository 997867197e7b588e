"""The one place that configures the Stripe library.

Every call builds a ``stripe.StripeClient`` with the key passed explicitly
(no global ``stripe.api_key``), the API base from settings.STRIPE_API_BASE
(tests point it at the fake server in tests/fakestripe/) and short timeouts:
a Stripe call is made from a web request or a task and must never hang
either. Nothing here touches the database; callers make sure no row lock is
held while these functions run.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

import stripe
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# (connect, read) seconds. Stripe answers in well under a second; a slow
# answer is better retried (idempotency keys make that safe) than waited for.
TIMEOUT = (5, 20)
SATANG_PER_BAHT = 100


def stripe_api_base() -> str:
    return getattr(settings, "STRIPE_API_BASE", "") or stripe.DEFAULT_API_BASE


def stripe_client() -> stripe.StripeClient:
    """A client for the configured account; raises ImproperlyConfigured
    without STRIPE_SECRET_KEY (test-mode payments never call this)."""
    if not settings.STRIPE_SECRET_KEY:
        raise ImproperlyConfigured("STRIPE_SECRET_KEY is not set: card and PromptPay payments are unavailable.")
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": stripe_api_base()},
        http_client=stripe.RequestsClient(timeout=TIMEOUT),
        max_network_retries=2,
    )


def thb_to_satang(amount: Decimal) -> int:
    """Exact conversion of a THB amount to Stripe's smallest unit (satang).
    A fraction of a satang is refused rather than rounded: a total that is
    not a whole number of satang is a bug upstream, not something to hide."""
    amount = Decimal(amount)
    satang = amount * SATANG_PER_BAHT
    if satang != satang.to_integral_value(rounding=ROUND_DOWN):
        raise ValueError(f"{amount} THB is not a whole number of satang")
    if satang < 0:
        raise ValueError(f"{amount} THB is negative")
    return int(satang)


def satang_to_thb(satang: int) -> Decimal:
    return (Decimal(int(satang)) / SATANG_PER_BAHT).quantize(Decimal("0.01"))


def payment_intent_create(*, params: dict, idempotency_key: str) -> stripe.PaymentIntent:
    return stripe_client().v1.payment_intents.create(params=params, options={"idempotency_key": idempotency_key})


def payment_intent_retrieve(*, payment_intent_id: str) -> stripe.PaymentIntent:
    return stripe_client().v1.payment_intents.retrieve(payment_intent_id)


def payment_intent_cancel(*, payment_intent_id: str, idempotency_key: str) -> stripe.PaymentIntent:
    return stripe_client().v1.payment_intents.cancel(
        payment_intent_id, params={"cancellation_reason": "abandoned"}, options={"idempotency_key": idempotency_key}
    )


def refund_create(*, payment_intent_id: str, amount_satang: int, idempotency_key: str, metadata: dict) -> stripe.Refund:
    return stripe_client().v1.refunds.create(
        params={"payment_intent": payment_intent_id, "amount": amount_satang, "metadata": metadata},
        options={"idempotency_key": idempotency_key},
    )


def events_since(*, created_gte: int):
    """Every event created at or after the Unix time ``created_gte``,
    newest first, following Stripe's pagination."""
    page = stripe_client().v1.events.list(params={"created": {"gte": created_gte}, "limit": 100})
    return page.auto_paging_iter()


def webhook_event_construct(*, payload: bytes, signature_header: str | None, tolerance: int = 300) -> stripe.Event:
    """Verify the Stripe-Signature header over the raw body and parse the
    event. Raises stripe.SignatureVerificationError (bad, missing, stale
    signature) or ValueError (not JSON)."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise ImproperlyConfigured("STRIPE_WEBHOOK_SECRET is not set: webhooks cannot be verified.")
    return stripe.Webhook.construct_event(payload, signature_header, settings.STRIPE_WEBHOOK_SECRET, tolerance=tolerance)
