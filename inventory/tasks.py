"""Celery tasks of the inventory: thin wrappers around services, safe to run
twice (both are idempotent sweeps)."""

import logging

from celery import shared_task

from .services import reservations_expire

logger = logging.getLogger(__name__)


@shared_task
def release_expired_reservations() -> int:
    """Every minute: give back stock held by baskets that never paid."""
    expired = reservations_expire()
    if expired:
        logger.info("Released %d expired reservation(s)", expired)
    return expired


@shared_task
def check_stock_ledger() -> int:
    """Nightly: compare balances and Oscar stock records with the ledger and
    email center staff about any difference (inventory.alerts)."""
    from .alerts import stock_ledger_check

    return stock_ledger_check()


@shared_task
def send_alert_digest() -> int:
    """Daily: low-stock and expiring-lot digest (once per day, see inventory.alerts)."""
    from .alerts import alert_digest_send

    return alert_digest_send()


@shared_task
def notify_receipt_posted(receipt_id: int) -> bool:
    """Email the producer about a posted goods received note (once)."""
    from .services import receipt_notification_send

    return receipt_notification_send(receipt_id=receipt_id)


@shared_task
def stock_records_saved(record_ids: list[int]) -> int:
    """After a stock change commits: Oscar's stock-record receivers
    (low-stock alerts, "back in stock" emails) for the records it changed."""
    from .services._work import stock_records_saved_send

    return stock_records_saved_send(record_ids=record_ids)
