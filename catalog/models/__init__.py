"""Oscar's catalogue, forked: every model of the ``catalogue`` app label.

Category, Product and ProductImage are defined here; the other models live in
one module each and are imported below so Django registers them under the
same label (one app: moving a model to another app would need migrations):

* ``reference``: District, OtopProductType (and ``name_for_language``)
* ``producers``: Producer, ProducerBankAccount
* ``applications``: ProducerApplication, ProducerApplicationPhoto
* ``members``: MemberInvitation
* ``certifications``: Certification, CertificationExpiryWarning
* ``listing_decisions``: ListingDecision
* ``importjobs``: ImportJob
* ``audit``: AuditLog

Our models sit above Oscar's star import, which must stay LAST: Oscar defines
only the models not registered yet, so it builds the rest of its catalogue
around our Product.
"""

from django.core.files.storage import default_storage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractCategory, AbstractProduct, AbstractProductImage
from wagtail.search import index

from ..ordering import STARS_RANK
from ..search.fields import product_search_fields
from ..validators import PARCEL_CM_MAX, PARCEL_CM_MIN
from .applications import ProducerApplication, ProducerApplicationPhoto  # noqa: F401  (registers the models)
from .audit import AuditLog  # noqa: F401
from .certifications import Certification, CertificationExpiryWarning  # noqa: F401
from .importjobs import ImportJob  # noqa: F401
from .listing_decisions import ListingDecision  # noqa: F401
from .members import MemberInvitation  # noqa: F401
from .producers import Producer, ProducerBankAccount  # noqa: F401
from .reference import District, OtopProductType, name_for_language  # noqa: F401


def parcel_dimension_field(label) -> models.DecimalField:
    """A parcel's length, width or height in centimetres, optional, within
    PARCEL_CM_MIN..PARCEL_CM_MAX (catalog/validators.py), as the producer's
    form (catalog/producers/forms.py, dimension_field)."""
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(PARCEL_CM_MIN), MaxValueValidator(PARCEL_CM_MAX)],
    )


class Category(AbstractCategory):
    """Oscar's category with its name in each language. Oscar's ``name``
    holds the Thai name (the default language, what the staff work in);
    visitors read ``display_name``, picked like every other name of the
    shop (catalog.models.reference.name_for_language)."""

    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    name_zh_hans = models.CharField(_("name (Chinese)"), max_length=255, blank=True)

    @property
    def display_name(self) -> str:
        return name_for_language(th=self.name, en=self.name_en, zh=self.name_zh_hans)

    @property
    def full_name(self) -> str:
        return self._full_name_separator.join(c.display_name for c in self.get_ancestors_and_self())


class Product(index.Indexed, AbstractProduct):
    """Oscar's product with the OTOP passport and the listing workflow.

    Listing states (``listing_status``), changed only by
    ``catalog.producers.services.products.product_listing_transition``:

        draft -> submitted -> published -> archived
                    |  ^          |
                    v  |          v (price/text edit, PRODUCT_REVIEW_ON_EDIT)
                 rejected      submitted

    ``is_public`` (what Oscar's storefront filters on) is True exactly when
    the status is published; the service keeps the two in step, ``save()``
    does not.
    """

    class ListingStatus(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for review")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")
        ARCHIVED = "archived", _("Archived")

    class Fibre(models.TextChoices):
        SILK = "silk", _("Silk")
        COTTON = "cotton", _("Cotton")
        HEMP = "hemp", _("Hemp")
        BLEND = "blend", _("Silk and cotton blend")
        SYNTHETIC = "synthetic", _("Synthetic")
        OTHER = "other", _("Other fibre")

    class DyeType(models.TextChoices):
        NATURAL = "natural", _("Natural dye")
        CHEMICAL = "chemical", _("Chemical dye")
        UNDYED = "undyed", _("Undyed")

    class DyeSource(models.TextChoices):
        INDIGO = "indigo", _("Indigo (khram / hom)")
        LAC = "lac", _("Lac (khrang)")
        EBONY = "ebony", _("Ebony fruit (makluea)")
        JACKFRUIT = "jackfruit", _("Jackfruit heartwood")
        MANGO = "mango", _("Mango bark and leaves")
        TEAK = "teak", _("Teak leaves")
        TURMERIC = "turmeric", _("Turmeric")
        ANNATTO = "annatto", _("Annatto (kham saet)")
        SAPPAN = "sappan", _("Sappan wood (fang)")
        MARIGOLD = "marigold", _("Marigold")
        OTHER = "other", _("Other plant")

    class WeavingTechnique(models.TextChoices):
        PLAIN = "plain", _("Plain weave")
        MUDMEE = "mudmee", _("Mudmee (ikat)")
        JOK = "jok", _("Jok (discontinuous supplementary weft, teen jok)")
        KHIT = "khit", _("Khit (continuous supplementary weft)")
        YOK_DOK = "yok_dok", _("Yok dok (brocade)")
        NAM_LAI = "nam_lai", _("Nam lai (flowing-water pattern)")
        OTHER = "other", _("Other technique")

    # Oscar's `title` and `description` hold the Thai text, which is also the
    # fallback for any language without its own translation.
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    title_zh_hans = models.CharField(_("title (Chinese)"), max_length=255, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh_hans = models.TextField(_("description (Chinese)"), blank=True)

    producer = models.ForeignKey(
        "catalogue.Producer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("producer"),
    )
    otop_type = models.ForeignKey(
        "catalogue.OtopProductType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("OTOP product type"),
    )
    origin_district = models.ForeignKey(
        "catalogue.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("district of origin"),
    )
    otop_stars = models.PositiveSmallIntegerField(
        _("OTOP stars"),
        null=True,
        blank=True,
        db_index=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    otop_star_year = models.PositiveSmallIntegerField(
        _("OTOP assessment year (B.E.)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2540), MaxValueValidator(2700)],
    )

    # --- Listing workflow ---
    listing_status = models.CharField(
        _("listing status"),
        max_length=16,
        choices=ListingStatus.choices,
        default=ListingStatus.DRAFT,
        db_index=True,
    )
    review_comment = models.TextField(
        _("office comment"),
        blank=True,
        max_length=2000,
        help_text=_("Why the office rejected the listing; shown to the producer."),
    )
    listing_status_changed_at = models.DateTimeField(_("listing status changed"), null=True, blank=True)

    # --- Passport: place of origin ---
    # The tambon's Thai name, checked against the district by the service
    # (catalog.thai_address); English is looked up for display.
    origin_tambon = models.CharField(_("subdistrict (tambon) of origin"), max_length=100, blank=True, db_index=True)

    # --- Shipping ---
    weight_grams = models.PositiveIntegerField(
        _("weight (grams)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    length_cm = parcel_dimension_field(_("length (cm)"))
    width_cm = parcel_dimension_field(_("width (cm)"))
    height_cm = parcel_dimension_field(_("height (cm)"))
    not_shippable_abroad = models.BooleanField(
        _("not shippable abroad"),
        default=False,
        db_index=True,
        help_text=_("Perishable food and other goods that may only be sent within Thailand."),
    )

    # --- Passport: digital wallet ---
    digital_wallet_eligible = models.BooleanField(
        _("eligible for the digital wallet"),
        default=False,
        db_index=True,
        help_text=_("Never for goods the scheme excludes (alcohol, tobacco, cannabis, lottery)."),
    )

    # --- Passport: textiles ---
    fibre = models.CharField(_("fibre"), max_length=16, choices=Fibre.choices, blank=True, db_index=True)
    dye_type = models.CharField(_("dye"), max_length=16, choices=DyeType.choices, blank=True, db_index=True)
    dye_source_plant = models.CharField(
        _("natural dye source"), max_length=16, choices=DyeSource.choices, blank=True, db_index=True
    )
    weaving_technique = models.CharField(
        _("weaving technique"), max_length=16, choices=WeavingTechnique.choices, blank=True, db_index=True
    )

    # Search (catalog/search/): segmented words only; re-indexed by Celery
    # after commit (catalog.search.services), not by Wagtail's save signal.
    search_fields = product_search_fields()
    search_auto_update = False

    @classmethod
    def get_indexed_objects(cls):
        return (
            cls.objects.browsable()
            .select_related("producer", "producer__district", "otop_type", "origin_district")
            .prefetch_related("categories")
        )

    class Meta(AbstractProduct.Meta):
        permissions = [("publish_product", "Can publish or reject producers' listings")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(otop_stars__isnull=True) | models.Q(otop_stars__gte=1, otop_stars__lte=5),
                name="product_otop_stars_1_to_5",
            ),
        ]
        indexes = [
            # The storefront's default listing: browsable products, newest
            # first. With it, a page is an index scan of 24 rows instead of a
            # sort of the whole catalogue (issue #10's scale sweep: 65 ms at
            # 100,000 products, 1 ms at 1,000).
            models.Index(
                models.F("date_created").desc(),
                models.F("id").desc(),
                name="product_browsable_newest",
                condition=models.Q(is_public=True, parent__isnull=True),
            ),
            # Best-rated first, unrated last: the home page's featured
            # products and the listings' "stars" sort order by this same
            # expression (STARS_RANK); SQLite indexes cannot say NULLS LAST.
            models.Index(
                STARS_RANK.desc(),
                models.F("date_created").desc(),
                models.F("id").desc(),
                name="product_browsable_stars",
                condition=models.Q(is_public=True, parent__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        # Oscar names basket and order lines with str(product): use the
        # visitor's language rather than always the Thai title.
        return self.get_title() or self.upc or f"#{self.pk}"

    def _localized(self, *, th: str, en: str, zh: str) -> str:
        lang = (get_language() or "th").lower()
        if lang.startswith("zh") and zh:
            return zh
        if lang.startswith("en") and en:
            return en
        return th

    def get_title(self) -> str:
        if self.is_child and not (self.title or self.title_en or self.title_zh_hans):
            return super().get_title()
        return self._localized(th=self.title, en=self.title_en, zh=self.title_zh_hans)

    get_title.short_description = _("Title")

    def get_description(self) -> str:
        return self._localized(th=self.description, en=self.description_en, zh=self.description_zh_hans)

    @property
    def is_textile(self) -> bool:
        return bool(self.fibre or self.dye_type or self.weaving_technique)

    def has_review_by(self, user):
        # The product page loads the answer for its visitor with the product
        # (catalog.selectors.product_page_queryset): Oscar asks it with a
        # query of its own, twice a page (the stars and the reviews).
        known = getattr(self, "_visitor_review", None)
        if known is not None and known[0] == getattr(user, "pk", None):
            return known[1]
        return super().has_review_by(user)


class ProductImage(AbstractProductImage):
    """Oscar's product image with alt text and WebP/JPEG renditions.

    ``original`` is always a re-encoded, metadata-free copy (shop.common.images).
    ``renditions`` is filled by the Celery task
    ``catalog.tasks.build_product_image_renditions``:
    ``{"card": {"webp": "<storage path>", "jpeg": "...", "width": 480, "height": 360}, ...}``
    for the sizes in ``shop.common.images.RENDITION_SIZES``. Until
    ``renditions_ready`` the storefront shows the original itself, not
    resized (shop.common.thumbnails), and the portal a placeholder.
    """

    alt_text = models.CharField(
        _("alt text"),
        max_length=200,
        blank=True,
        help_text=_("What the photo shows, for visitors who cannot see it."),
    )
    renditions = models.JSONField(_("renditions"), default=dict, blank=True)
    renditions_ready = models.BooleanField(_("renditions ready"), default=False)

    @property
    def rendition_urls(self) -> dict[str, dict[str, str]]:
        """{"card": {"webp": url, "jpeg": url, "width": ..., "height": ...}, ...}
        or {} while the renditions are being built."""
        if not self.renditions_ready:
            return {}
        urls: dict[str, dict[str, str]] = {}
        for name, entry in (self.renditions or {}).items():
            urls[name] = {
                "webp": default_storage.url(entry["webp"]),
                "jpeg": default_storage.url(entry["jpeg"]),
                "width": entry.get("width"),
                "height": entry.get("height"),
            }
        return urls

    @property
    def alt(self) -> str:
        return self.alt_text or self.caption or str(self.product)


from oscar.apps.catalogue.models import *  # noqa: E402, F403
