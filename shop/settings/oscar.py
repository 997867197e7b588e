"""django-oscar: its defaults with ours on top (every OSCAR_* setting is set
here, after the import that brings Oscar's), the order statuses, the
dashboard menu, thumbnails, and what Oscar needs of haystack."""

from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # Oscar's OSCAR_* defaults, overridden below
from oscar.defaults import OSCAR_DASHBOARD_NAVIGATION as _OSCAR_MENU

from shop.dashboard.nav import dashboard_navigation
from shop.order import statuses as _order_statuses

from .base import SITE_URL
from .mail import DEFAULT_FROM_EMAIL

OSCAR_SHOP_NAME = _("OTOP Chiang Mai")
OSCAR_SHOP_TAGLINE = _("Crafts and foods of Chiang Mai's communities")
OSCAR_DEFAULT_CURRENCY = "THB"
OSCAR_CURRENCY_FORMAT = {
    "THB": {"format": "฿#,##0.00", "currency_digits": False},
}
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_MODERATE_REVIEWS = True
OSCAR_EAGER_ALERTS = True
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "last_name", "line1", "line4", "postcode", "country")
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
# Oscar's emails link to OSCAR_URL_SCHEMA://<Sites row's domain><path>; every
# `migrate` writes SITE_URL's host into that row (shop/common/email_links.py).
OSCAR_URL_SCHEMA = SITE_URL.partition("://")[0] if "://" in SITE_URL else "https"

# --- Orders (shop.order, shop.shipping, shop.checkout) -------------------------
OSCAR_INITIAL_ORDER_STATUS = _order_statuses.PENDING_PAYMENT
OSCAR_INITIAL_LINE_STATUS = _order_statuses.PENDING_PAYMENT
OSCAR_ORDER_STATUS_PIPELINE = {k: list(v) for k, v in _order_statuses.PIPELINE.items()}
OSCAR_LINE_STATUS_PIPELINE = OSCAR_ORDER_STATUS_PIPELINE

# --- Dashboard menu ---------------------------------------------------------------
# Oscar's sections (its catalogue screens staff-only: producers use the
# portal), then the office's "Producers", the producer portal's "My shop",
# "Inventory" and "Office report", each from its app's nav module
# (shop/dashboard/nav.py). The views check access again.
OSCAR_DASHBOARD_NAVIGATION = dashboard_navigation(oscar_menu=_OSCAR_MENU)

# --- Pictures -------------------------------------------------------------------
# One pipeline: a product photo's WebP/JPEG renditions (shop/common/images.py,
# built by catalog.tasks). {% oscar_thumbnail %} in Oscar's templates (its
# dashboard's among them) picks the rendition that fits, or shows the clean
# original until the renditions are built; no image is resized on a request.
OSCAR_THUMBNAILER = "shop.common.thumbnails.RenditionThumbnailer"
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"

# --- Haystack -------------------------------------------------------------------
# Nothing is indexed or searched with haystack (search is catalog/search/,
# and "haystack" is not an installed app), but Oscar's catalogue views
# import Oscar's search views at load time, and haystack refuses to be
# imported without this setting. The simple backend needs no server.
HAYSTACK_CONNECTIONS = {
    "default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"},
}
