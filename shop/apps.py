from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopConfig(AppConfig):
    """Project-wide pieces: health check, demo data, context processors."""

    name = "shop"
    label = "shop"
    verbose_name = _("Shop")
