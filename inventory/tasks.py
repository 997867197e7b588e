"""Celery tasks of the inventory: thin wrappers around services, safe to run
twice (both are idempotent sweeps)."""

import hashlib
import logging

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.core.mail import mail_admins, send_mail
from django.utils import timezone

from .services import reservations_expire, stock_reconcile

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
    email center staff about any difference. Repairs nothing: a person looks
    first, then runs `manage.py reconcile_stock --repair`."""
    differences = stock_reconcile(repair=False)
    if differences and _first_alert_today(differences):
        # Sent after the (read-only) check has finished: no lock is held
        # while talking to the mail server.
        lines = "\n".join(str(d) for d in differences[:500])
        more = f"\n… and {len(differences) - 500} more" if len(differences) > 500 else ""
        subject = f"[OTOP inventory] {len(differences)} stock difference(s) between ledger and balances"
        body = (
            "The nightly stock check found cached stock figures that disagree with the ledger.\n"
            "Review them, then run `python manage.py reconcile_stock --repair`.\n\n"
            f"{lines}{more}\n"
        )
        recipients = list(getattr(settings, "INVENTORY_ALERT_EMAILS", []) or [])
        try:
            if recipients:
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
            else:
                mail_admins(subject, body)
        except Exception:
            cache.delete(_alert_key(differences))  # not sent: the retry must send it
            raise
    if differences:
        logger.error("Stock check: %d difference(s)", len(differences))
    return len(differences)


def _alert_key(differences) -> str:
    digest = hashlib.sha256("\n".join(str(d) for d in differences).encode()).hexdigest()[:24]
    return f"inventory:stock-check-alert:{timezone.localdate().isoformat()}:{digest}"


def _first_alert_today(differences) -> bool:
    """True once per day for the same differences. The task is acknowledged
    late, so a worker killed after the email went out runs it again, and a
    manual run can overlap the nightly one: neither may alert twice about the
    same differences on the same day. (The shared cache is Redis in
    production; tomorrow's check alerts again if nothing was repaired.)"""
    return cache.add(_alert_key(differences), True, timeout=36 * 3600)


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
