"""Online OTOP registration: a producer's application, reviewed by the office.

A producer *is* an Oscar partner, so nothing is created in the catalogue
until the office approves: the application holds what the applicant typed,
and ``catalog.producers.services.applications.producer_application_approve`` turns it
into a Partner + Producer in one transaction. Rejected applications are kept
(with the reason) so the office can see a group's history.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..validators import NoNationalIdValidator
from .producers import Producer
from .reference import name_for_language


class ProducerApplication(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    # What the applicant typed (same meaning as on Producer).
    name_th = models.CharField(_("name (Thai)"), max_length=200, validators=[NoNationalIdValidator()])
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True, validators=[NoNationalIdValidator()])
    kind = models.CharField(_("type"), max_length=32, choices=Producer.Kind.choices)
    otop_registration_number = models.CharField(_("OTOP registration number"), max_length=32, blank=True, db_index=True)
    district = models.ForeignKey(
        "catalogue.District", on_delete=models.PROTECT, related_name="applications", verbose_name=_("district")
    )
    tambon = models.CharField(_("subdistrict (tambon)"), max_length=100)
    village = models.CharField(_("village"), max_length=100, blank=True, validators=[NoNationalIdValidator()])
    address = models.TextField(_("address"), max_length=500, blank=True, validators=[NoNationalIdValidator()])
    postcode = models.CharField(_("postcode"), max_length=5)
    contact_name = models.CharField(_("contact person"), max_length=200, validators=[NoNationalIdValidator()])
    phone = models.CharField(_("phone"), max_length=16, db_index=True, help_text=_("Normalised to 0XXXXXXXXX"))
    line_id = models.CharField(_("LINE ID"), max_length=64, blank=True)
    email = models.EmailField(_("email"))
    product_types = models.ManyToManyField(
        "catalogue.OtopProductType", related_name="applications", verbose_name=_("product types")
    )
    story = models.TextField(_("story"), max_length=2000, blank=True, validators=[NoNationalIdValidator()])
    # The language of the registration page; the decision email uses it.
    language = models.CharField(_("language"), max_length=8, default="th")

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="producer_applications",
        verbose_name=_("applicant"),
    )
    email_verified_at = models.DateTimeField(_("email verified"), null=True, blank=True)
    # Claimed by the "we received it" email task (safe to run twice).
    received_emailed_at = models.DateTimeField(_("confirmation emailed"), null=True, blank=True)

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    decision_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    # Claimed by the email task so a retried task does not email twice.
    decision_emailed_at = models.DateTimeField(_("decision emailed"), null=True, blank=True)
    producer = models.OneToOneField(
        "catalogue.Producer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("producer"),
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("producer application")
        verbose_name_plural = _("producer applications")
        permissions = [("review_producerapplication", "Can approve or reject producer applications")]
        constraints = [
            # The duplicate check runs before the insert; these make two
            # identical registrations sent at the same moment fail too.
            models.UniqueConstraint(
                fields=["phone"],
                condition=models.Q(status="pending"),
                name="producer_application_pending_phone_unique",
            ),
            models.UniqueConstraint(
                fields=["otop_registration_number"],
                condition=models.Q(status="pending") & ~models.Q(otop_registration_number=""),
                name="producer_application_pending_otop_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name_th

    @property
    def name(self) -> str:
        return name_for_language(th=self.name_th, en=self.name_en)


class ProducerApplicationPhoto(models.Model):
    """A photo sent with the application (workshop, products), always a
    clean re-encode from shop.common.images: no EXIF, no GPS."""

    application = models.ForeignKey(
        ProducerApplication, on_delete=models.CASCADE, related_name="photos", verbose_name=_("application")
    )
    image = models.ImageField(_("photo"), upload_to="producers/applications/%Y/%m/", max_length=255)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["display_order", "pk"]
        verbose_name = _("application photo")
        verbose_name_plural = _("application photos")

    def __str__(self) -> str:
        return self.image.name
