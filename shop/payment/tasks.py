"""Celery tasks of payments: thin envelopes around services, safe to run
twice (each service is idempotent)."""

import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task
def payment_event_process(event_row_id: int) -> str:
    """A stored Stripe webhook event: apply it once (processed_at under a lock)."""
    return services.stripe_event_process(event_row_id=event_row_id)


@shared_task
def payment_attempt_reject(attempt_id: int) -> str:
    """Refund (or cancel) a payment that could not become an order."""
    return services.payment_attempt_reject(attempt_id=attempt_id).status


@shared_task
def payment_attempts_expire() -> int:
    """Every minute: PromptPay QR codes that ran out release their stock."""
    expired = services.attempts_expire_due()
    if expired:
        logger.info("Expired %d PromptPay QR payment(s)", expired)
    return expired
