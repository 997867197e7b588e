"""Chiang Mai reference data: districts (amphoe) and OTOP product types.

Rows are loaded by `load_demo_data` from catalog/data/ and never edited by
users; other models point at them with PROTECT so history stays readable.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def name_for_language(*, th: str, en: str, zh: str = "") -> str:
    """Return the text for the active language: Thai by default, English for
    foreign visitors, Chinese when we have it (else English, which Chinese
    tourists read more easily than Thai script)."""
    lang = (get_language() or "th").lower()
    if lang.startswith("zh"):
        return zh or en or th
    if lang.startswith("en"):
        return en or th
    return th or en


class District(models.Model):
    """One of Chiang Mai's 25 districts, with the official DOPA code (5001-5025)."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_zh_hans = models.CharField(_("name (Chinese)"), max_length=100, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return name_for_language(th=self.name_th, en=self.name_en, zh=self.name_zh_hans)


class OtopProductType(models.Model):
    """The five official OTOP product types (food, beverages, textiles, ...)."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_zh_hans = models.CharField(_("name (Chinese)"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # Default center commission for this type (see Producer.commission_rate).
    commission_rate = models.DecimalField(
        _("center commission rate"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("0.5"))],
        help_text=_("Fraction of the sale price kept by the center, e.g. 0.15 for 15%. Empty: the default rate."),
    )

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("OTOP product type")
        verbose_name_plural = _("OTOP product types")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return name_for_language(th=self.name_th, en=self.name_en, zh=self.name_zh_hans)
