"""The office's decisions on listings and the email that tells the
producer: "published" with a link to the shop, or "rejected" with the
office's comment, in the producer's language (Producer.language)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.outbox.services import outbox_send

from .emails import absolute_url, email_language, producer_recipients

ListingDecision = get_model("catalogue", "ListingDecision")

# Sent after commit by registered name (shop.outbox.services.outbox_send): services never import
# catalog.tasks, whose tasks import these services.
DECISION_EMAIL_TASK = "catalog.tasks.send_listing_decision"


def listing_decision_record(*, product, decision: str, comment: str, actor) -> ListingDecision:
    """Record a publish/reject decision and email the producer after commit.
    Called by product_listing_transition inside its transaction."""
    row = ListingDecision.objects.create(
        product=product,
        decision=decision,
        comment=comment,
        decided_by=actor if actor is not None and actor.is_authenticated else None,
    )
    outbox_send(task=DECISION_EMAIL_TASK, args=[row.pk])
    return row


def listing_decision_email_send(*, decision_id: int) -> bool:
    """Email one decision to the producer's address and active members.
    Safe to run twice: claimed with a conditional UPDATE of ``emailed_at``,
    released if sending fails so a retry sends it. Returns False when it was
    already sent (or there is nobody to send it to)."""
    claimed = ListingDecision.objects.filter(pk=decision_id, emailed_at__isnull=True).update(emailed_at=timezone.now())
    if not claimed:
        return False
    row = ListingDecision.objects.select_related("product__producer__partner").get(pk=decision_id)
    product, producer = row.product, row.product.producer
    recipients = producer_recipients(producer)
    if not recipients:
        return False
    try:
        language = email_language(producer)
        with translation.override(language):
            published = row.decision == ListingDecision.Decision.PUBLISHED
            title = product.get_title()
            if published:
                subject = _("Published: %(product)s is in the OTOP Chiang Mai shop") % {"product": title}
            else:
                subject = _("Not published: %(product)s needs changes") % {"product": title}
            body = render_to_string(
                "catalog/emails/listing_decision.txt",
                {
                    "decision": row,
                    "published": published,
                    "product": product,
                    "producer": producer,
                    "title": title,
                    "shop_url": absolute_url(product.get_absolute_url()) if published else "",
                    "portal_url": absolute_url(reverse("catalog-portal:product-edit", kwargs={"pk": product.pk})),
                },
            )
        send_mail(subject, body, None, recipients, fail_silently=False)
    except Exception:
        ListingDecision.objects.filter(pk=decision_id).update(emailed_at=None)
        raise
    return True
