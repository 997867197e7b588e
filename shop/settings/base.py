"""Paths, the environment, DEBUG, secrets and hosts, the site's address, the
database, languages and time, templates, and the center's details."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

# The checkout: shop/settings/base.py -> shop/settings -> shop -> the top.
BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env is convenient for development; production passes real env vars.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Off unless asked for: `make run` sets DEBUG=true, production leaves it unset.
DEBUG = env.bool("DEBUG", default=False)

# --- Secrets and hosts -------------------------------------------------------
# In DEBUG a throwaway key is fine; with DEBUG off we refuse to start rather
# than run with a guessable key or an open Host header.
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if DEBUG:
    SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]
else:
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The site's public address: every absolute link in an email (password
# resets, orders, producers, Wagtail) starts with it (shop/common/email_links.py).
# Emails are read outside any request, and the Host header is the client's
# to choose, so neither may decide where a reset link points. Required with
# DEBUG off (system check shop.E001), https for check --deploy (shop.E002).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "").rstrip("/")

SITE_ID = 1
ROOT_URLCONF = "shop.urls"
WSGI_APPLICATION = "shop.wsgi.application"

# --- Database ----------------------------------------------------------------
# SQLite at db.sqlite3 unless DATABASE_URL is set (postgres://... uses psycopg 3).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout: the dev server and an eager Celery task must not
    # trip over "database is locked" on every concurrent request.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"})
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# --- Languages and time ------------------------------------------------------
# Thai is the default and has no URL prefix; English and Simplified Chinese are
# served under /en/ and /zh-hans/.
LANGUAGE_CODE = "th"
LANGUAGES = [
    ("th", "ไทย"),
    ("en", "English"),
    ("zh-hans", "简体中文"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Bangkok"
USE_TZ = True

# --- Templates ---------------------------------------------------------------
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Our theme in templates/ overrides Oscar's and Wagtail's templates.
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # Our `date` filter replaces Django's in every template (Oscar's
            # and Wagtail's too): Thai readers get Buddhist-Era years (shop/common/dates.py).
            "builtins": ["catalog.templatetags.thai_dates"],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                # Oscar's notifications processor is replaced by the lazy
                # num_unread_notifications of shop.context_processors.shop.
                "oscar.core.context_processors.metadata",
                "wagtail.contrib.settings.context_processors.settings",
                "shop.context_processors.shop",
                # Last: on a page built for the page cache it replaces the
                # CSRF token with a placeholder (shop/common/pagecache.py).
                "shop.common.pagecache.csrf_placeholder",
            ],
        },
    }
]

# --- The shop and the center -------------------------------------------------
# Names per language: name_<th|en|zh_hans>, read through
# shop.context_processors.center_details (Chinese place names as in
# catalog/data/districts.json: สันกำแพง = 汕甘烹).
SHOP_CENTER = {
    "name_th": "ศูนย์จำหน่ายสินค้า OTOP อำเภอสันกำแพง",
    "name_en": "San Kamphaeng OTOP Distribution Center",
    "name_zh_hans": "汕甘烹县 OTOP 产品销售中心",
    "address_th": "อำเภอสันกำแพง จังหวัดเชียงใหม่ 50130",
    "address_en": "San Kamphaeng District, Chiang Mai 50130, Thailand",
    "address_zh_hans": "泰国清迈府汕甘烹县 50130",
    "hours_th": "เปิดทุกวัน 09:00–18:00 น.",
    "hours_en": "Open daily 09:00–18:00",
    "hours_zh_hans": "每天营业 09:00–18:00",
    "phone": "053-000-000",
    "email": "center@otop-chiangmai.example",
}
