"""Emails to producers about their consigned goods."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import Receipt
from ..selectors import producer_contact_emails


def producer_email_language(producer) -> str:
    """The producer's language for emails if it has one we serve, else Thai."""
    language = getattr(producer, "language", "") or ""
    return language if language in dict(settings.LANGUAGES) else "th"


def receipt_portal_url(receipt: Receipt) -> str:
    from shop.common.email_links import site_url

    return site_url(reverse("inventory-portal:receipt-detail", kwargs={"pk": receipt.pk}))


def receipt_notification_send(*, receipt_id: int) -> bool:
    """Email a posted receipt to its producer's contacts, in the producer's
    language, with a link to the receipt in the portal.

    Safe to run twice (Celery retries, a second post signal): the send is
    claimed with a conditional update of ``producer_notified_at``, released
    again if sending fails so a retry sends it. Returns True if sent."""
    claimed = Receipt.objects.filter(
        pk=receipt_id, status=Receipt.Status.POSTED, producer_notified_at__isnull=True
    ).update(producer_notified_at=timezone.now())
    if not claimed:
        return False
    receipt = Receipt.objects.select_related("producer", "producer__partner", "center").get(pk=receipt_id)
    recipients = producer_contact_emails(producer=receipt.producer)
    if not recipients:
        return False  # nobody to tell; the receipt is still in the portal
    try:
        with translation.override(producer_email_language(receipt.producer)):
            lines = list(receipt.lines.select_related("product", "lot").order_by("pk"))
            subject = _("%(number)s: your goods were received at %(center)s") % {
                "number": receipt.number,
                "center": receipt.center.name_th,
            }
            body = render_to_string(
                "inventory/emails/receipt_posted.txt",
                {"receipt": receipt, "lines": lines, "url": receipt_portal_url(receipt)},
            )
        send_mail(subject, body, None, recipients, fail_silently=False)
    except Exception:
        Receipt.objects.filter(pk=receipt_id).update(producer_notified_at=None)
        raise
    return True
