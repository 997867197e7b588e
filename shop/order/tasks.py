"""Customer emails about orders, sent by Celery after the change commits.

This module imports the services; the services never import it: they send
these tasks through the outbox by their registered names
(shop.order.services.SEND_ORDER_EMAIL_TASK)."""

from celery import shared_task

from . import services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_order_email(order_id: int, event: str, key: str = "") -> bool:
    """Send one order email; a retried or duplicated task sends nothing more
    (services.order_email_send records each email once)."""
    return services.order_email_send(order_id=order_id, event=event, key=key)


@shared_task
def order_emails_sweep() -> int:
    """Every 5 minutes: paid orders still missing their "received" or
    "paid" email get it queued again (sent once: see send_order_email)."""
    return services.order_emails_missing_send()
