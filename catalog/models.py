"""Oscar's catalogue, forked. Our fields sit above Oscar's star import so
Oscar builds the rest of its models around our Product."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct

from .producers import Producer  # noqa: F401  (registers the model)
from .reference import District, OtopProductType  # noqa: F401


class Product(AbstractProduct):
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
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    otop_star_year = models.PositiveSmallIntegerField(
        _("OTOP assessment year (B.E.)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2540), MaxValueValidator(2700)],
    )

    class Meta(AbstractProduct.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(otop_stars__isnull=True) | models.Q(otop_stars__gte=1, otop_stars__lte=5),
                name="product_otop_stars_1_to_5",
            ),
        ]

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


from oscar.apps.catalogue.models import *  # noqa: E402,F401,F403
