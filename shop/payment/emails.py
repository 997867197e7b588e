"""The buyer's email about a payment that could not become an order and was
refunded, in the language their checkout ran in (not the worker's).

Rendering only: sending it once is shop.payment.services.refund_email_send."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from . import stripe_client
from .models import PaymentAttempt


def refund_email_render(*, attempt: PaymentAttempt) -> tuple[str, str]:
    """(subject, body) of the refund email of ``attempt``, in the buyer's language."""
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
    return subject, body
