"""Certifications on the OTOP product passport (อย., มผช., มอก., GI, Halal,
Organic Thailand, GMP/HACCP).

A certification is valid until its expiry date, counted in Bangkok: from the
next day it no longer shows on the passport. The beat task
``catalog.tasks.warn_expiring_certifications`` warns the producer and the
office 30 days before; ``CertificationExpiryWarning`` remembers each warning
(per certification *and* expiry date, so a renewed certificate is warned
again before its new date).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Certification(models.Model):
    class Kind(models.TextChoices):
        FDA = "fda", _("Thai FDA registration (อย.)")
        TCPS = "tcps", _("Thai Community Product Standard (มผช.)")
        TIS = "tis", _("Thai Industrial Standard (มอก.)")
        GI = "gi", _("Geographical indication (GI)")
        HALAL = "halal", _("Halal")
        ORGANIC = "organic", _("Organic Thailand")
        GMP_HACCP = "gmp_haccp", _("GMP / HACCP")

    class DocumentType(models.TextChoices):
        PDF = "pdf", "PDF"
        IMAGE = "image", _("Image")

    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="certifications", verbose_name=_("product")
    )
    kind = models.CharField(_("certification"), max_length=16, choices=Kind.choices, db_index=True)
    number = models.CharField(_("number"), max_length=64)
    issuer = models.CharField(_("issued by"), max_length=200)
    expiry_date = models.DateField(
        _("expiry date"), null=True, blank=True, db_index=True, help_text=_("Leave empty if it does not expire.")
    )
    document = models.FileField(_("document"), upload_to="certifications/%Y/%m/", max_length=255, blank=True)
    document_type = models.CharField(_("document type"), max_length=8, choices=DocumentType.choices, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["kind", "expiry_date", "pk"]
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        constraints = [
            models.UniqueConstraint(fields=["product", "kind", "number"], name="certification_unique_per_product"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def is_valid(self) -> bool:
        """Not expired, judged by today's date in Asia/Bangkok (TIME_ZONE):
        a certificate expiring today is still valid today."""
        return self.expiry_date is None or self.expiry_date >= timezone.localdate()


class CertificationExpiryWarning(models.Model):
    """A warning that was sent: the unique constraint is what makes the beat
    task safe to run twice (or on two beats at once)."""

    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="expiry_warnings", verbose_name=_("certification")
    )
    expiry_date = models.DateField(_("expiry date"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("certification expiry warning")
        verbose_name_plural = _("certification expiry warnings")
        constraints = [
            models.UniqueConstraint(
                fields=["certification", "expiry_date"], name="certification_warning_once_per_expiry"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certification} ({self.expiry_date})"
