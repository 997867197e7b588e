"""Celery tasks of the inventory: thin wrappers around services, each safe
to run twice. Services send these by their registered names
(``outbox_send(task="inventory.tasks....")``) and never import this module."""

import logging

from celery import shared_task

from .services import (
    alert_digest_send,
    receipt_notification_send,
    reservations_expire,
    stock_ledger_check,
    stock_records_saved_send,
)

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
    email center staff about any difference (inventory.services.alerts)."""
    return stock_ledger_check()


@shared_task
def send_alert_digest() -> int:
    """Daily: low-stock and expiring-lot digest (once per day, see inventory.services.alerts)."""
    return alert_digest_send()


@shared_task
def notify_receipt_posted(receipt_id: int) -> bool:
    """Email the producer about a posted goods received note (once)."""
    return receipt_notification_send(receipt_id=receipt_id)


@shared_task
def stock_records_saved(record_ids: list[int]) -> int:
    """After a stock change commits: Oscar's stock-record receivers
    (low-stock alerts, "back in stock" emails) for the records it changed."""
    return stock_records_saved_send(record_ids=record_ids)
