"""Stock django-oscar, for the benchmark's reference: Oscar's own apps (not
our forks), its own templates, its default search handler on haystack's
simple backend, pointed at the SAME PostgreSQL database as the shop.

This works read-only because our forks keep Oscar's table names and columns
(catalogue, partner, order...) and only add columns. Never run `migrate` or
any writing command with these settings: Oscar's migrations and ours name the
same tables. The runner (bench/run.py) only serves GET pages with it.
Modelled on Oscar's sandbox settings, trimmed to what the storefront needs.
"""

import importlib
import os

import environ
from django.core.exceptions import ImproperlyConfigured
from oscar import INSTALLED_APPS as OSCAR_APPS
from oscar.defaults import *  # noqa: F403

# Only read for its INSTALLED_APPS (it needs the same environment as the
# shop under test, which bench/run.py provides).
_shop_settings = importlib.import_module("shop.settings")

env = environ.Env()

SECRET_KEY = env.str("SECRET_KEY", default="bench-oscar-reference-not-secret")
DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# Oscar's own apps, derived from the shop's INSTALLED_APPS (so an app added
# there that Oscar also ships shows up here too): each of our forks is
# swapped for the Oscar app it replaces, and what is ours alone (Wagtail,
# inventory, reports, security...) is left out. What remains, with the two
# apps below, must be exactly Oscar's list plus its thumbnailer; a fork
# missing from the map fails here, loudly, instead of serving a half-stock
# Oscar.
OUR_FORKS = {
    "shop.config.Shop": "oscar.config.Shop",
    "shop.checkout.apps.CheckoutConfig": "oscar.apps.checkout.apps.CheckoutConfig",
    "shop.shipping.apps.ShippingConfig": "oscar.apps.shipping.apps.ShippingConfig",
    "catalog.apps.CatalogueConfig": "oscar.apps.catalogue.apps.CatalogueConfig",
    "shop.partner.apps.PartnerConfig": "oscar.apps.partner.apps.PartnerConfig",
    "shop.customer.apps.CustomerConfig": "oscar.apps.customer.apps.CustomerConfig",
    "shop.payment.apps.PaymentConfig": "oscar.apps.payment.apps.PaymentConfig",
    "shop.order.apps.OrderConfig": "oscar.apps.order.apps.OrderConfig",
    "catalog.search.apps.SearchConfig": "oscar.apps.search.apps.SearchConfig",
    "shop.dashboard.orders.apps.OrdersDashboardConfig": "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "catalog.dashboard_catalogue.CatalogueDashboardConfig": "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "shop.dashboard.partners.apps.PartnersDashboardConfig": "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "shop.dashboard.configs.UsersDashboardConfig": "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "shop.dashboard.configs.ReviewsDashboardConfig": "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "shop.dashboard.configs.OffersDashboardConfig": "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "shop.dashboard.configs.ShippingDashboardConfig": "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "shop.dashboard.configs.DashboardConfig": "oscar.apps.dashboard.apps.DashboardConfig",
}
STOCK_APPS = [*OSCAR_APPS, "sorl.thumbnail"]
# What stock Oscar needs and the shop does without: haystack for Oscar's
# search app (the shop searches with catalog/search/) and sorl-thumbnail for
# Oscar's default thumbnailer (the shop serves its own renditions,
# shop/common/thumbnails.py; sorl-thumbnail is in requirements-dev.txt for
# this file only). Installed after widget_tweaks, where Oscar lists haystack.
STOCK_ONLY = ["haystack", "sorl.thumbnail"]


def stock_installed_apps(shop_apps: list[str]) -> list[str]:
    apps = [OUR_FORKS.get(app, app) for app in shop_apps]
    apps = [app for app in apps if app in STOCK_APPS and app not in STOCK_ONLY]
    missing = [app for app in STOCK_APPS if app not in apps and app not in STOCK_ONLY]
    if missing:
        raise ImproperlyConfigured(
            f"bench/oscar_reference_settings.py: {missing} not found in shop.settings.INSTALLED_APPS; "
            "add the fork that replaces it to OUR_FORKS."
        )
    at = apps.index("widget_tweaks") + 1
    return [*apps[:at], *STOCK_ONLY, *apps[at:]]


INSTALLED_APPS = stock_installed_apps(_shop_settings.INSTALLED_APPS)
SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
]
ROOT_URLCONF = "bench.oscar_reference_urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
            ],
        },
    }
]

# The same database and cache as the shop under test (bench/run.py sets them).
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
REDIS_URL = env.str("REDIS_URL", default="")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "oscar-ref-" + os.environ.get("BENCH_RUN_ID", "dev"),
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

AUTHENTICATION_BACKENDS = (
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
)
LOGIN_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-gb"
USE_I18N = True
TIME_ZONE = "Asia/Bangkok"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.str("BENCH_STATIC_ROOT", default=os.path.join("/tmp", "otop-bench", "static-oscar"))
MEDIA_URL = "/media/"
MEDIA_ROOT = env.str("MEDIA_ROOT", default=os.path.join("/tmp", "otop-bench", "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

OSCAR_DEFAULT_CURRENCY = "THB"
OSCAR_SHOP_NAME = "Stock Oscar (benchmark reference)"
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
