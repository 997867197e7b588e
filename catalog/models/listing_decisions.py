"""The office's decisions on listings (publish, reject), one row each.

Written by ``catalog.producers.services.products.product_listing_transition``; the
row is what the "your listing was published / rejected" email is sent from,
so a retried Celery task sends it once (``emailed_at`` is claimed with a
conditional UPDATE), and a later decision never changes an earlier email.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ListingDecision(models.Model):
    class Decision(models.TextChoices):
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="listing_decisions", verbose_name=_("product")
    )
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    comment = models.TextField(_("office comment"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("listing decision")
        verbose_name_plural = _("listing decisions")

    def __str__(self) -> str:
        return f"{self.product_id} {self.decision}"
