"""The orders' part of the dashboard menu (OSCAR_DASHBOARD_NAVIGATION,
assembled by shop.dashboard.nav): "My sales" in the producer portal's
"My shop" section (shop/order/portal_views.py). The center works orders
through Oscar's Fulfilment > Orders (forked: shop/dashboard/orders), which
Oscar's own menu already lists. Settings import this module: no models at
import time."""

from django.utils.translation import gettext_lazy as _

from catalog.nav import portal_user


def portal_entries() -> list[dict]:
    """A producer's own sales (order lines and counter sales), shown by the
    portal's own rule."""
    return [{"label": _("My sales"), "url_name": "catalog-portal:order-lines", "access_fn": portal_user}]
