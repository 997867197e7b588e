"""Customer emails about orders, sent by Celery after the change commits."""

from celery import shared_task


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_order_email(order_id: int, event: str, key: str = "") -> bool:
    """Send one order email; a retried or duplicated task sends nothing more
    (shop.order.emails.order_email_send records each email once)."""
    from .emails import order_email_send

    return order_email_send(order_id=order_id, event=event, key=key)


@shared_task
def order_emails_sweep() -> int:
    """Every 5 minutes: paid orders still missing their "received" or
    "paid" email get it queued again (sent once: see send_order_email)."""
    from .services import order_emails_missing_send

    return order_emails_missing_send()
