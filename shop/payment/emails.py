"""The buyer's email about a payment that could not become an order and was
refunded, in the language their checkout ran in (not the worker's)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import stripe_client
from .models import PaymentAttempt


def refund_email_send(*, attempt_id: int) -> bool:
    """Send the refund email of an attempt once. The attempt is claimed with
    a conditional update (no row lock held while the mail server answers);
    a failed send gives the claim back so the task's retry sends it.
    Returns True if this call sent it."""
    attempt = PaymentAttempt.objects.filter(pk=attempt_id).first()
    email = (attempt.snapshot or {}).get("email") if attempt else ""
    if attempt is None or not email or attempt.amount_refunded_satang <= 0:
        return False
    claimed = PaymentAttempt.objects.filter(pk=attempt_id, refund_notified_at__isnull=True).update(
        refund_notified_at=timezone.now()
    )
    if not claimed:
        return False
    try:
        with translation.override(attempt.language or settings.LANGUAGE_CODE):
            context = {
                "order_number": attempt.order_number,
                "amount": stripe_client.satang_to_thb(attempt.amount_refunded_satang),
                "reason": attempt.needs_refund_reason,
                "promptpay": attempt.method == PaymentAttempt.Method.PROMPTPAY,
                "center_email": settings.SHOP_CENTER.get("email", ""),
                "shop_name": str(settings.OSCAR_SHOP_NAME),
            }
            subject = " ".join(render_to_string("payment/email/refunded_subject.txt", context).split())
            body = render_to_string("payment/email/refunded_body.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
    except Exception:
        PaymentAttempt.objects.filter(pk=attempt_id).update(refund_notified_at=None)
        raise
    return True
