"""Oscar's shipping models, forked: weight-based methods (with their bands,
editable in Oscar's shipping dashboard) carry names in our three languages
and weigh products by Product.weight_grams. A method whose countries do not
include Thailand ships abroad (see shop.shipping.repository)."""

from decimal import Decimal

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.abstract_models import AbstractWeightBased
from oscar.core import prices


class WeightBased(AbstractWeightBased):
    # Oscar's `name` holds the English name (it is also the code's source).
    name_th = models.CharField(_("name (Thai)"), max_length=128, blank=True)
    name_zh_hans = models.CharField(_("name (Chinese)"), max_length=128, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta(AbstractWeightBased.Meta):
        ordering = ["position", "name"]

    @property
    def display_name(self) -> str:
        lang = (get_language() or "th").lower()
        if lang.startswith("th") and self.name_th:
            return self.name_th
        if lang.startswith("zh") and self.name_zh_hans:
            return self.name_zh_hans
        return self.name

    def _bands_loaded(self):
        """The bands prefetched by shop.shipping.repository (ordered by upper
        limit), or None: Oscar's band lookups below query the bands again
        (two queries per charge)."""
        bands = getattr(self, "_prefetched_objects_cache", {}).get("bands")
        return None if bands is None else sorted(bands, key=lambda band: band.upper_limit)

    @property
    def top_band(self):
        bands = self._bands_loaded()
        if bands is None:
            return super().top_band
        return bands[-1] if bands else None

    def get_band_for_weight(self, weight):
        bands = self._bands_loaded()
        if bands is None:
            return super().get_band_for_weight(weight)
        return next((band for band in bands if band.upper_limit >= weight), None)

    def calculate(self, basket):
        from .scales import basket_weight_kg

        weight = basket_weight_kg(basket=basket, default_kg=self.default_weight)
        charge = self.get_charge(weight) if weight > 0 else Decimal("0.00")
        return prices.Price(currency=basket.currency, excl_tax=charge, incl_tax=charge)


from oscar.apps.shipping.models import *  # noqa: E402
