"""Celery tasks of payments: thin envelopes around services, safe to run
twice (each service is idempotent).

This module imports the services; the services never import it: they send
these tasks through the outbox by their registered names
(shop.payment.services.EVENT_PROCESS_TASK...)."""

import logging

import stripe
from celery import shared_task

from . import services

logger = logging.getLogger(__name__)

# Stripe not answering (network, 5xx, rate limit) is worth another try; a
# refusal (InvalidRequestError) is not.
STRIPE_TRANSIENT = (stripe.APIConnectionError, stripe.APIError, stripe.RateLimitError)


@shared_task
def payment_event_process(event_row_id: int) -> str:
    """A stored Stripe webhook event: apply it once (processed_at under a
    lock); a failure is recorded on the row and retried by the sweep below."""
    return services.stripe_event_process(event_row_id=event_row_id)


@shared_task
def payment_events_retry() -> int:
    """Every minute: failed events whose backoff ran out, and events whose
    task was lost, are processed again; refunds of payments that could not
    become an order and are still not made are queued again
    (services.attempts_refund_retry_due). Returns how many of both."""
    tried = services.stripe_events_retry_due()
    if tried:
        logger.info("Retried %d Stripe event(s)", tried)
    return tried + services.attempts_refund_retry_due()


# The autoretry is the quick way through a short Stripe hiccup, but Celery
# publishes each retry straight to the broker, not through the outbox: a
# retry lost with the broker, or retries run out while Stripe is down, would
# leave the buyer unrefunded. payment_events_retry queues the task again
# through the outbox for any refund still owed 10 minutes later.
@shared_task(autoretry_for=STRIPE_TRANSIENT, retry_backoff=True, max_retries=8)
def payment_attempt_reject(attempt_id: int) -> str:
    """Refund a payment that could not become an order (idempotent: the
    refund's idempotency key is the attempt's, and a refunded attempt is
    left alone)."""
    return services.payment_attempt_reject(attempt_id=attempt_id).status


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def payment_refund_notify(attempt_id: int) -> bool:
    """Tell the buyer, in their language, that their payment was refunded
    (once: services.refund_email_send claims the attempt)."""
    return services.refund_email_send(attempt_id=attempt_id)


@shared_task
def payment_attempts_expire() -> int:
    """Every minute: PromptPay QR codes and card stock holds that ran out
    cancel their PaymentIntent and release their stock."""
    expired = services.attempts_expire_due()
    if expired:
        logger.info("Expired %d payment attempt(s)", expired)
    return expired
