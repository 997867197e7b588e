"""The one place that configures the Stripe library.

Every call builds a ``stripe.StripeClient`` with the key passed explicitly
(no global ``stripe.api_key``), the API base from settings.STRIPE_API_BASE
(tests point it at the fake server in tests/fakestripe/) and short timeouts:
a Stripe call is made from a web request or a task and must never hang
either. Nothing here touches the database; callers make sure no row lock is
held while these functions run.
"""

from __future__ import annotations

import json
import re
import time
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


class WebhookRejected(Exception):
    """The webhook request is not a verifiable Stripe event: answer 400 and
    write nothing. The message says why (for Stripe's dashboard and logs)."""


#: How far ahead of our clock a signature's timestamp may be (clock skew).
#: Stripe's own tolerance (300 s) bounds the past; nothing bounds the future
#: in the library, so a signed request captured now could be replayed for
#: ever if it carried a timestamp far ahead.
FUTURE_SKEW_SECONDS = 300
SIGNATURE_HEADER_MAX = 2048
_SIGNATURE_ITEM = re.compile(r"([a-z0-9]+)=([A-Za-z0-9]*)")
_V1_SIGNATURE = re.compile(r"[0-9a-f]{64}")
_EVENT_ID = re.compile(r"[A-Za-z0-9_\-]{1,255}")  # fits StripeEvent.event_id
_EVENT_TYPE = re.compile(r"[a-z0-9_.]{1,100}")  # fits StripeEvent.type


def livemode() -> bool:
    """Whether our key is a live one: events and objects from the other mode
    are never applied."""
    return settings.STRIPE_SECRET_KEY.startswith(("sk_live_", "rk_live_"))


def _signature_timestamp(header) -> int:
    """The ``t=`` of a well-formed Stripe-Signature header. Anything else
    (non-ASCII, which makes the library's hmac.compare_digest raise
    TypeError, control characters, no v1 of the right shape) is refused
    here, before the library sees it."""
    if not isinstance(header, str) or not header:
        raise WebhookRejected("Missing Stripe-Signature header")
    if len(header) > SIGNATURE_HEADER_MAX or not header.isascii() or not header.isprintable():
        raise WebhookRejected("Malformed Stripe-Signature header")
    items = [_SIGNATURE_ITEM.fullmatch(part.strip()) for part in header.split(",")]
    if not all(items):
        raise WebhookRejected("Malformed Stripe-Signature header")
    timestamps = [m.group(2) for m in items if m.group(1) == "t"]
    signatures = [m.group(2) for m in items if m.group(1) == "v1"]
    if len(timestamps) != 1 or not timestamps[0].isdigit() or len(timestamps[0]) > 12:
        raise WebhookRejected("Malformed Stripe-Signature timestamp")
    if not signatures or not all(_V1_SIGNATURE.fullmatch(sig) for sig in signatures):
        raise WebhookRejected("Malformed Stripe-Signature v1 signature")
    return int(timestamps[0])


def _has_unstorable_text(value) -> bool:
    # PostgreSQL's jsonb cannot store \u0000, and psycopg cannot encode a
    # lone surrogate ("\ud800", which json.loads accepts): either would
    # make the insert a 500.
    if isinstance(value, str):
        if "\x00" in value:
            return True
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_unstorable_text(k) or _has_unstorable_text(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_unstorable_text(v) for v in value)
    return False


def webhook_event_verify(*, payload: bytes, signature_header, tolerance: int = 300, now: float | None = None) -> dict:
    """Verify the Stripe-Signature header over the raw body (the real
    library's scheme) and return the event as a plain dict. Raises
    WebhookRejected for anything that is not a signed, fresh event object
    we can store: bad header, bad or stale signature, a timestamp more than
    FUTURE_SKEW_SECONDS ahead, a body that is not UTF-8 JSON, not an
    object, or whose id / type do not fit (StripeEvent's columns) or
    contain NUL or a lone surrogate. ImproperlyConfigured without
    STRIPE_WEBHOOK_SECRET."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise ImproperlyConfigured("STRIPE_WEBHOOK_SECRET is not set: webhooks cannot be verified.")
    timestamp = _signature_timestamp(signature_header)
    now = time.time() if now is None else now
    if timestamp > now + FUTURE_SKEW_SECONDS:
        raise WebhookRejected("Timestamp is in the future")
    if timestamp < now - tolerance:
        raise WebhookRejected("Timestamp outside the tolerance zone")
    try:
        text = bytes(payload).decode("utf-8")
        stripe.WebhookSignature.verify_header(text, signature_header, settings.STRIPE_WEBHOOK_SECRET, tolerance)
    except stripe.SignatureVerificationError as exc:
        raise WebhookRejected("Invalid signature") from exc
    except (TypeError, ValueError) as exc:  # UnicodeDecodeError is a ValueError
        raise WebhookRejected("Invalid signature or payload") from exc
    try:
        event = json.loads(text)
    except ValueError as exc:
        raise WebhookRejected("Invalid payload: not JSON") from exc
    if not isinstance(event, dict):
        raise WebhookRejected("Invalid payload: not an event object")
    if not isinstance(event.get("id"), str) or not _EVENT_ID.fullmatch(event["id"]):
        raise WebhookRejected("Invalid event id")
    if not isinstance(event.get("type"), str) or not _EVENT_TYPE.fullmatch(event["type"]):
        raise WebhookRejected("Invalid event type")
    if _has_unstorable_text(event):
        raise WebhookRejected("Invalid payload: NUL character or lone surrogate")
    return event
