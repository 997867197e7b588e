"""Producers: the OTOP makers whose goods the center sells on consignment.

A producer *is* an Oscar partner (one-to-one): the partner owns the stock
records, so Oscar's partner-scoped dashboard and per-partner order lines work
for producers without any extra plumbing.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from ..search.fields import producer_search_fields
from ..validators import NoNationalIdValidator
from .reference import name_for_language


class Producer(index.Indexed, models.Model):
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
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=16, blank=True, help_text=_("Normalised to 0XXXXXXXXX"))
    email = models.EmailField(_("email"), blank=True)
    line_id = models.CharField(_("LINE ID"), max_length=64, blank=True)
    story_th = models.TextField(_("story (Thai)"), blank=True)
    story_en = models.TextField(_("story (English)"), blank=True)
    # The language emails to the producer are written in (decisions on its
    # listings, member invitations): the one its registration was made in.
    language = models.CharField(_("language for emails"), max_length=8, choices=settings.LANGUAGES, default="th")
    product_types = models.ManyToManyField(
        "catalogue.OtopProductType", blank=True, related_name="producers", verbose_name=_("product types")
    )
    # The center's consignment commission for this producer's sales, as a
    # fraction (0.1500 = 15 %). Empty: the product type's rate, else
    # settings.OTOP_DEFAULT_COMMISSION_RATE. Set by office staff only; the rate
    # in force is copied onto each order line at the time of sale, so changing
    # it never alters what is owed for past sales.
    commission_rate = models.DecimalField(
        _("center commission rate"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("0.5"))],
        help_text=_(
            "Fraction of the sale price kept by the center, e.g. 0.15 for 15%. Empty: the product type's rate."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Search (catalog/search/): approved producers only, re-indexed by Celery
    # after commit (catalog.search.services).
    search_fields = producer_search_fields()
    search_auto_update = False

    @classmethod
    def get_indexed_objects(cls):
        return (
            cls.objects.filter(status=cls.Status.APPROVED).select_related("district").prefetch_related("product_types")
        )

    class Meta:
        ordering = ["name_th"]
        verbose_name = _("producer")
        verbose_name_plural = _("producers")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return name_for_language(th=self.name_th, en=self.name_en)

    @property
    def story(self) -> str:
        return name_for_language(th=self.story_th, en=self.story_en)

    def get_absolute_url(self) -> str:
        return reverse("producers:producer-detail", kwargs={"slug": self.slug})


def mask_account_number(number: str) -> str:
    """ "••••••1234": the last four digits only, so a producer recognises the
    account and nobody reading a screen, a log or an audit diff learns it."""
    digits = "".join(ch for ch in str(number or "") if ch.isdigit())
    if not digits:
        return ""
    return "\u2022" * 6 + digits[-4:]


class ProducerBankAccount(models.Model):
    """Where the office pays a producer's settlements, entered by the producer
    in the portal after approval.

    Kept apart from Producer so that nothing that shows or serialises a
    producer (pages, admin, exports, audit diffs) can leak the number by
    accident. The full number is stored (settlements need it) but every view
    shows ``masked_account_number`` and no form ever renders it back.
    """

    class Bank(models.TextChoices):
        BBL = "bbl", _("Bangkok Bank")
        KBANK = "kbank", _("Kasikornbank")
        KTB = "ktb", _("Krungthai Bank")
        SCB = "scb", _("Siam Commercial Bank")
        BAY = "bay", _("Bank of Ayudhya (Krungsri)")
        TTB = "ttb", _("TMBThanachart Bank")
        GSB = "gsb", _("Government Savings Bank")
        BAAC = "baac", _("Bank for Agriculture and Agricultural Cooperatives")
        GHB = "ghb", _("Government Housing Bank")
        KKP = "kkp", _("Kiatnakin Phatra Bank")
        CIMB = "cimb", _("CIMB Thai")
        UOB = "uob", _("UOB Thailand")
        LHB = "lhb", _("Land and Houses Bank")
        TISCO = "tisco", _("TISCO Bank")
        IBANK = "ibank", _("Islamic Bank of Thailand")

    producer = models.OneToOneField(
        Producer, on_delete=models.CASCADE, related_name="bank_account", verbose_name=_("producer")
    )
    bank = models.CharField(_("bank"), max_length=16, choices=Bank.choices)
    account_name = models.CharField(_("account name"), max_length=200, validators=[NoNationalIdValidator()])
    account_number = models.CharField(_("account number"), max_length=15)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("producer bank account")
        verbose_name_plural = _("producer bank accounts")

    def __str__(self) -> str:
        return f"{self.get_bank_display()} {self.masked_account_number}"

    def __repr__(self) -> str:
        # Tracebacks and debug pages print reprs: keep the number out of them too.
        return f"<ProducerBankAccount producer={self.producer_id} {self.masked_account_number}>"

    @property
    def masked_account_number(self) -> str:
        return mask_account_number(self.account_number)
