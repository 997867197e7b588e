"""Producers: the OTOP makers whose goods the center sells on consignment.

A producer *is* an Oscar partner (one-to-one): the partner owns the stock
records, so Oscar's partner-scoped dashboard and per-partner order lines work
for producers without any extra plumbing.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .reference import _pick


class Producer(models.Model):
    class Kind(models.TextChoices):
        COMMUNITY_ENTERPRISE = "community_enterprise", _("Community enterprise")
        HOUSEHOLD = "household", _("Household producer")
        SMALL_FIRM = "small_firm", _("Small firm")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.CASCADE, related_name="producer", verbose_name=_("partner")
    )
    slug = models.SlugField(_("slug"), max_length=128, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    otop_registration_number = models.CharField(_("OTOP registration number"), max_length=32, blank=True)
    district = models.ForeignKey(
        "catalogue.District", on_delete=models.PROTECT, related_name="producers", verbose_name=_("district")
    )
    tambon = models.CharField(_("subdistrict (tambon)"), max_length=100, blank=True)
    village = models.CharField(_("village"), max_length=100, blank=True)
    address = models.TextField(_("address"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=16, blank=True, help_text=_("Normalised to 0XXXXXXXXX"))
    email = models.EmailField(_("email"), blank=True)
    line_id = models.CharField(_("LINE ID"), max_length=64, blank=True)
    story_th = models.TextField(_("story (Thai)"), blank=True)
    story_en = models.TextField(_("story (English)"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name_th"]
        verbose_name = _("producer")
        verbose_name_plural = _("producers")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _pick(th=self.name_th, en=self.name_en)

    @property
    def story(self) -> str:
        return _pick(th=self.story_th, en=self.story_en)

    def get_absolute_url(self) -> str:
        return reverse("producers:producer-detail", kwargs={"slug": self.slug})
