"""Settings for the Chiang Mai OTOP marketplace.

One module for every environment, driven by environment variables
(django-environ). DEBUG is off unless set, and then SECRET_KEY and
ALLOWED_HOSTS are required. With DEBUG=true and nothing else set (`make run`,
and manage.py in a bare checkout) you get the embedded default: SQLite at
db.sqlite3, local-memory cache, Celery tasks run eagerly, emails printed to
the console. Production sets DATABASE_URL, CELERY_BROKER_URL, REDIS_URL,
SECRET_KEY and ALLOWED_HOSTS (see README).
"""

from pathlib import Path

from decimal import Decimal

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F401,F403  (Oscar's OSCAR_* defaults, overridden below)

BASE_DIR = Path(__file__).resolve().parent.parent

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
# Oscar's emails link to OSCAR_URL_SCHEMA://<Sites row's domain><path>; every
# `migrate` writes SITE_URL's host into that row (shop/common/email_links.py).
OSCAR_URL_SCHEMA = SITE_URL.partition("://")[0] if "://" in SITE_URL else "https"

# --- Applications ------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # Oscar, with our forks replacing catalogue and partner (labels unchanged).
    "shop.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "shop.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "shop.shipping.apps.ShippingConfig",
    "catalog.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.partner.apps.PartnerConfig",
    "oscar.apps.basket.apps.BasketConfig",
    "shop.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "shop.order.apps.OrderConfig",
    "shop.reports.apps.ReportsConfig",
    "shop.customer.apps.CustomerConfig",
    "oscar.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "oscar.apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "shop.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    # Ours
    "shop.apps.ShopConfig",
    "shop.outbox.apps.OutboxConfig",
    "inventory.apps.InventoryConfig",
    "cms.apps.CmsConfig",
]

SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session, locale, auth and basket middleware: a cached page
    # costs none of their work (shop/common/pagecache.py).
    "shop.common.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "shop.checkout.basket.BasketMiddleware",  # Oscar's, with the basket lines prefetched
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "shop.urls"
WSGI_APPLICATION = "shop.wsgi.application"

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

# --- Database ----------------------------------------------------------------
# SQLite at db.sqlite3 unless DATABASE_URL is set (postgres://... uses psycopg 3).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout: the dev server and an eager Celery task must not
    # trip over "database is locked" on every concurrent request.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# --- Cache -------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Fails open (shop/common/cache_backend.py, docs/operations.md): while Redis is
    # unreachable every cache call is a miss or a no-op, never a 500, and
    # Redis is skipped for FAIL_OPEN_RETRY_SECONDS after a failure. The
    # socket timeouts bound what a hung Redis costs a request (one timeout,
    # then skipped); a healthy Redis on the local network answers in ~1 ms.
    CACHES = {
        "default": {
            "BACKEND": "shop.common.cache_backend.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "otop",
            "FAIL_OPEN_RETRY_SECONDS": 5,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Page cache (shop/common/pagecache.py, docs/performance.md) -----------------------
# Whole storefront pages for visitors with no session, basket or messages
# cookie, kept in the cache above and keyed by the versions of what they show
# (shop/common/page_versions.py), so a change shows on the next request.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
# A safety net only: a stored page is dropped by a version bump, not by age.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# How long a CDN in front may keep a public page (one without forms), and
# serve it stale while it fetches a fresh one.
PAGE_CACHE_SHARED_SECONDS = env.int("PAGE_CACHE_SHARED_SECONDS", default=30)
# Never looked up: staff tools, the basket, checkout, accounts, payments.
PAGE_CACHE_SKIP_PREFIXES = (
    "/dashboard/", "/cms/", "/django-admin/", "/healthz", "/static/", "/media/", "/documents/",
)

# --- Auth --------------------------------------------------------------------
AUTHENTICATION_BACKENDS = (
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "customer:login"

# --- Languages and time ------------------------------------------------------
# Thai is the default and has no URL prefix; English and Simplified Chinese are
# served under /en/ and /zh-hans/.
LANGUAGE_CODE = "th"
LANGUAGES = [
    ("th", "ไทย"),
    ("en", "English"),
    ("zh-hans", "简体中文"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Bangkok"
USE_TZ = True

# --- Static and media --------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files served by whitenoise; in DEBUG the plain
    # storage avoids a collectstatic step for `make run`.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Media on S3-compatible storage (MinIO, Ceph, AWS...) when a bucket is named.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default=None)
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env.bool("AWS_QUERYSTRING_AUTH", default=False)
    AWS_S3_FILE_OVERWRITE = False

# Upload caps at the server: see the Security section below.

# --- Email -------------------------------------------------------------------
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
if "EMAIL_URL" in env.ENVIRON:
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="OTOP Chiang Mai <shop@otop-chiangmai.example>")
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ----------------------------------------------------------------
# Hardening of issue 9, explained in docs/security.md. With DEBUG off the
# defaults are the secure ones; environment variables only relax them.
from datetime import timedelta  # noqa: E402
#
# Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER_ENABLED=true so
# Django trusts X-Forwarded-Proto; SECURE_SSL_REDIRECT=false if the proxy
# already redirects.
if env.bool("SECURE_PROXY_SSL_HEADER_ENABLED", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Lax, not Strict: a customer coming back from the bank's 3-D Secure page or
# a link in an email must still arrive logged in with their basket.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# The CSRF cookie stays readable by scripts (Django's documented AJAX
# pattern, used by Oscar's dashboard.js): HttpOnly would add nothing, as the
# same token is in every form.
CSRF_FAILURE_VIEW = "shop.common.security.csrf_failure"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    # Preloading (security.W021) is the operator's decision, not a default:
    # leaving the browsers' preload list takes months. Every other item of
    # `check --deploy` must pass (CI runs it with --fail-level WARNING).
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# Health checks come from load balancers over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz/"]
# Health (shop/health.py, docs/operations.md): /healthz/live/ (the process
# answers) and /healthz/ready/ = /healthz/ (the database answers) are public,
# for load balancers. /healthz/status/ is for monitoring and shows no secrets,
# only states, counts and ages: staff users, or a request carrying
# "Authorization: Bearer <HEALTH_STATUS_TOKEN>" (empty: staff only).
HEALTH_STATUS_TOKEN = env.str("HEALTH_STATUS_TOKEN", default="")
# The status page's alerts: no outbox relay run (the worker heartbeat) for
# this long; an unsent outbox message this old; a Stripe event unprocessed
# this long (the retry sweep takes lost ones after 5 minutes).
HEALTH_WORKER_STALE_SECONDS = env.int("HEALTH_WORKER_STALE_SECONDS", default=120)
HEALTH_OUTBOX_ALERT_SECONDS = env.int("HEALTH_OUTBOX_ALERT_SECONDS", default=300)
HEALTH_STRIPE_EVENT_ALERT_SECONDS = env.int("HEALTH_STRIPE_EVENT_ALERT_SECONDS", default=900)

INSTALLED_APPS += ["csp", "axes"]  # noqa: F405
# Order matters: the body-size guard runs before anything reads the body; the
# CSP middleware sets the header on every response; axes must be last so it
# sees the lockout flag its backend set during the view.
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "shop.common.security.RequestSizeLimitMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("shop.common.security.RequestSizeLimitMiddleware") + 1,
                  "shop.common.security.PathPolicyCSPMiddleware")
# NUL bytes, control characters and invalid UTF-8 refused with a 400 before
# any middleware or view reads the request (shop/request_guard.py); inside the
# CSP middleware so the refusal carries the headers.
MIDDLEWARE.insert(MIDDLEWARE.index("shop.common.security.PathPolicyCSPMiddleware") + 1,
                  "shop.request_guard.RequestGuardMiddleware")
MIDDLEWARE += ["shop.common.security.RateLimitMiddleware", "axes.middleware.AxesMiddleware"]
# Staff pages and their exports (order, member, bank and stock data, reports,
# settlements, statements) are never stored by a browser or a proxy: every
# response under these prefixes gets Cache-Control: private, no-store
# (shop.cache_control). Outermost after SecurityMiddleware, so refusals and
# redirects made by other middleware are covered too.
NO_STORE_PATH_PREFIXES = ("/dashboard/", "/cms/", "/django-admin/")
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "shop.cache_control.NoStoreMiddleware")

# Content-Security-Policy (django-csp 4). No inline scripts anywhere: page
# scripts live in static/js/ and read their data from data-* attributes.
# Inline style attributes are refused on the storefront too; the staff tools
# (dashboard, Wagtail, Django admin) get their own policies by path prefix
# (CSP_PATH_POLICIES, applied by shop.common.security.PathPolicyCSPMiddleware).
_STRIPE_ON = bool(env.str("STRIPE_PUBLISHABLE_KEY", default=""))
_MEDIA_HOSTS = [f"https://{_h}" for _h in [env.str("AWS_S3_CUSTOM_DOMAIN", default="")] if _h]
_CSP_BASE = {
    "default-src": ["'self'"],
    "script-src": ["'self'", *(["https://js.stripe.com"] if _STRIPE_ON else [])],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", *_MEDIA_HOSTS],
    "font-src": ["'self'"],
    "connect-src": ["'self'", *(["https://api.stripe.com"] if _STRIPE_ON else [])],
    "frame-src": ["'self'", *(["https://js.stripe.com", "https://hooks.stripe.com"] if _STRIPE_ON else [])],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_BASE}
# Staff tools, first matching prefix wins. Scripts stay 'self' everywhere
# except Wagtail's admin, whose templates still carry small inline scripts
# (docs/security.md); styles are relaxed because TinyMCE, select2, Draftail
# and Django's admin write style attributes in their markup.
_CSP_STAFF_STYLES = {**_CSP_BASE, "style-src": ["'self'", "'unsafe-inline'"], "img-src": [*_CSP_BASE["img-src"], "blob:"]}
CSP_PATH_POLICIES = [
    ("/cms/", {**_CSP_STAFF_STYLES, "script-src": ["'self'", "'unsafe-inline'"], "frame-ancestors": ["'self'"],
               "frame-src": ["'self'", "https://www.youtube.com", "https://player.vimeo.com"]}),
    ("/dashboard/", _CSP_STAFF_STYLES),
    ("/django-admin/", _CSP_STAFF_STYLES),
]
# Wagtail's page preview shows the storefront inside the admin in an iframe.
X_FRAME_OPTIONS_SAMEORIGIN_PREFIXES = ("/cms/",)

# Login throttling (django-axes) on every login: Oscar's customer login, the
# dashboard login, Wagtail's and Django admin's. Axes works at the
# authentication-backend level, so each form that passes the request is
# covered. Locked: the same username from the same address after
# AXES_FAILURE_LIMIT failures, for AXES_COOLOFF_MINUTES (a shared café IP is
# not locked out for everyone by one guesser).
AUTHENTICATION_BACKENDS = ("shop.common.security.LoginThrottleBackend", *AUTHENTICATION_BACKENDS)
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "shop.common.security.lockout_response"
# The same client address as the registration rate limit (trusted proxies).
AXES_CLIENT_IP_CALLABLE = "shop.common.security.login_client_ip"
# The username as the backends match it (stripped, case-insensitive email),
# so case variants share one count (#16), cut to axes' column length (#9).
AXES_USERNAME_CALLABLE = "shop.common.security.login_username"
# Against spraying many usernames from one address: that many failed logins
# from one client address, on all login forms together, in a window of
# LOGIN_ADDRESS_WINDOW_MINUTES, and that address may not try again until the
# window ends (shop.common.security.LoginThrottleBackend, on the cache).
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
LOGIN_ADDRESS_WINDOW_MINUTES = env.int("LOGIN_ADDRESS_WINDOW_MINUTES", default=15)
AXES_VERBOSE = False

# Rate limits by URL name (shop.common.security.RateLimitMiddleware), per client IP
# in a fixed window: url name -> (limit, window seconds, methods[, shared
# scope]). Producer registration has its own in catalog/views.py.
_PASSWORD_RESET_LIMIT = (env.int("PASSWORD_RESET_RATE_LIMIT", default=5), 3600, ("POST",), "password-reset")
RATE_LIMITS = {
    # Every password-reset form counts towards one limit per address.
    "password-reset": _PASSWORD_RESET_LIMIT,
    "wagtailadmin_password_reset": _PASSWORD_RESET_LIMIT,
    "customer:register": (env.int("CUSTOMER_REGISTER_RATE_LIMIT", default=10), 3600, ("POST",)),
    # The login page also carries Oscar's registration form.
    "customer:login": (env.int("CUSTOMER_LOGIN_RATE_LIMIT", default=30), 600, ("POST",)),
}
# Search-as-you-type has its own limit in its view (a JSON 429 the search box
# understands): SEARCH_AUTOCOMPLETE_RATE_LIMIT below.

# Upload caps at the server, on top of each form's own checks. A photo is at
# most 15 MB (shop/common/images.py) and a registration sends at most 5 of them, so
# a request body over REQUEST_MAX_BODY_SIZE (5 x 15 MB + 5 MB of fields) is
# refused with 413 before it is read. DATA_UPLOAD_MAX_MEMORY_SIZE counts the
# non-file fields only; FILE_UPLOAD_MAX_MEMORY_SIZE is where an upload moves
# from memory to a temporary file.
REQUEST_MAX_BODY_SIZE = env.int("REQUEST_MAX_BODY_SIZE", default=80 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Celery ------------------------------------------------------------------
# No broker configured means the embedded default: tasks run in-process, at
# once. Either way callers send tasks after a commit with
# shop.outbox.services.outbox_send (the transactional outbox, see shop/celery.py)
# so a task never sees data that was rolled back, and is never lost when the
# broker is down at commit.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Acknowledge after the task ran, and re-queue if the worker dies mid-task:
# every task is written to be safe to run twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TIMEZONE = TIME_ZONE
# Redis visibility timeout: a message a worker took and did not acknowledge
# (acks late) is handed out again after this long. It must exceed the longest
# a worker may legitimately hold a message: a run, which the hard time limit
# caps (no task of ours overrides it, so a report export or a product import
# that needs longer is killed and fails rather than running on: they must
# finish within CELERY_TASK_TIME_LIMIT), plus a retry countdown (autoretry
# backoff: at most 2**7 s). Below that, a long task would be handed to a
# second worker while the first still runs. Above it, the message of a worker
# killed mid-task (OOM, kill -9, a lost host; a warm shutdown re-queues at
# once) waits longer: it was an hour until issue 17. About twice the hard
# limit, less the restore scan period, so at the default 300 s it is back
# within 10 minutes: 600 - 2*10 = 580 s, then found by the next scan (every
# 10 s: unacked_restore_interval x unacked_restore_throttle).
# tests/integration/shop/test_worker_kill.py proves the redelivery with 3 s.
_UNACKED_RESTORE_INTERVAL = 10
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 2 * CELERY_TASK_TIME_LIMIT - 2 * _UNACKED_RESTORE_INTERVAL,
    "unacked_restore_interval": _UNACKED_RESTORE_INTERVAL,
    "unacked_restore_throttle": 1,
    # A dead or hung broker costs a publish seconds, not forever: the
    # outbox's fast path runs in web requests (shop/outbox/services.py).
    # socket_timeout stays above the 1 s BRPOP poll of the workers.
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
CELERY_BEAT_SCHEDULE: dict = {
    # The transactional outbox's relay (shop/outbox/services.py): publishes
    # what the broker did not take at commit, and is the worker heartbeat of
    # /healthz/status/. expires: runs missed while no worker ran are dropped,
    # not piled up.
    "outbox-relay": {"task": "shop.outbox.tasks.outbox_relay", "schedule": 15.0, "options": {"expires": 15}},
}

# --- Oscar -------------------------------------------------------------------
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
OSCAR_THUMBNAILER = "oscar.core.thumbnails.SorlThumbnail"
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
THUMBNAIL_FORMAT = "JPEG"
THUMBNAIL_PRESERVE_FORMAT = False

HAYSTACK_CONNECTIONS = {
    "default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"},
}

# --- Wagtail -----------------------------------------------------------------
WAGTAIL_SITE_NAME = "OTOP Chiang Mai"
# Links in Wagtail's emails (password reset, notifications): the one SITE_URL.
WAGTAILADMIN_BASE_URL = SITE_URL
# No Gravatar avatars in the admin: the CSP allows images from this site only,
# and editors' email hashes are not sent to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail 8 autosaves page drafts every 500 ms by default; 0 turns it off
# (the browser journeys do, see tests/e2e/test_editor_journey.py).
WAGTAIL_AUTOSAVE_INTERVAL = env.int("WAGTAIL_AUTOSAVE_INTERVAL", default=500)
# CMS images go through the same intake as the portal's photos (shop/common/images.py,
# cms/images.py): these caps are its byte and pixel limits, the form base runs
# it before Willow decodes anything, and only what it accepts is offered.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.image_forms.SafeImageForm"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "heic"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "csv", "xlsx"]

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Oscar's missing-image warnings and sorl's noise are not useful here.
        "sorl.thumbnail": {"level": "ERROR"},
    },
}

# --- Inventory ---------------------------------------------------------------
# Stock is held for a paying customer this long before the sweep releases it.
from celery.schedules import crontab  # noqa: E402

INVENTORY_RESERVATION_MINUTES = env.int("INVENTORY_RESERVATION_MINUTES", default=15)
# Low-stock alert threshold for products without their own (alerts step).
INVENTORY_LOW_STOCK_DEFAULT = env.int("INVENTORY_LOW_STOCK_DEFAULT", default=3)
# Lots whose best-before date falls within this many days are reported.
INVENTORY_EXPIRY_WARNING_DAYS = env.int("INVENTORY_EXPIRY_WARNING_DAYS", default=30)
# A count line whose variance is above this many units, or worth more than
# this many baht (at the product's price), needs a center manager's approval
# before the count is posted. None switches that limit off.
INVENTORY_COUNT_APPROVAL_THRESHOLD = {
    "units": env.int("INVENTORY_COUNT_APPROVAL_UNITS", default=5),
    "value": Decimal(env.str("INVENTORY_COUNT_APPROVAL_VALUE", default="2000.00")),
}
# Who hears about ledger/cache differences found by the nightly check;
# empty means the ADMINS (mail_admins).
INVENTORY_ALERT_EMAILS = env.list("INVENTORY_ALERT_EMAILS", default=[SHOP_CENTER["email"]])
CELERY_BEAT_SCHEDULE.update(
    {
        "inventory-release-expired-reservations": {
            "task": "inventory.tasks.release_expired_reservations",
            "schedule": 60.0,
        },
        "inventory-check-stock-ledger": {
            "task": "inventory.tasks.check_stock_ledger",
            "schedule": crontab(hour=2, minute=30),
        },
    }
)

# --- Producers ---------------------------------------------------------------
# Online registration, the producer portal and the product passport (catalog/).
from catalog import nav as _producer_nav  # noqa: E402  (plain functions, no models)

# A producer member's edit of a published product's price, text or passport
# claims sends it back to the office for review (hidden until re-published).
PRODUCT_REVIEW_ON_EDIT = env.bool("PRODUCT_REVIEW_ON_EDIT", default=True)
# Categories (slug, matched with their sub-categories) the digital-wallet
# scheme excludes: a product in one can never be marked eligible.
DIGITAL_WALLET_EXCLUDED_CATEGORY_SLUGS = env.list(
    "DIGITAL_WALLET_EXCLUDED_CATEGORY_SLUGS", default=["alcohol", "tobacco", "cannabis", "lottery"]
)
# Registration POSTs allowed per client IP per window (shop/common/ratelimit.py).
PRODUCER_REGISTRATION_RATE_LIMIT = env.int("PRODUCER_REGISTRATION_RATE_LIMIT", default=5)
PRODUCER_REGISTRATION_RATE_WINDOW = env.int("PRODUCER_REGISTRATION_RATE_WINDOW", default=3600)
# Behind N reverse proxies that append to X-Forwarded-For, set N so the rate
# limit sees the client's address rather than the proxy's.
RATE_LIMIT_TRUSTED_PROXY_COUNT = env.int("RATE_LIMIT_TRUSTED_PROXY_COUNT", default=0)
# Members a producer may add (each one is emailed) per 24 hours.
PRODUCER_MEMBER_INVITATIONS_PER_DAY = env.int("PRODUCER_MEMBER_INVITATIONS_PER_DAY", default=20)
# Who at the office hears about expiring certifications.
PRODUCERS_OFFICE_EMAILS = env.list("PRODUCERS_OFFICE_EMAILS", default=[SHOP_CENTER["email"]])
# Absolute links in emails (verification, approval) start with SITE_URL.

CELERY_BEAT_SCHEDULE.update(
    {
        "catalog-warn-expiring-certifications": {
            "task": "catalog.tasks.warn_expiring_certifications",
            "schedule": crontab(hour=7, minute=0),
        },
        # Photos whose renditions were never built (worker down at upload).
        "catalog-build-missing-renditions": {
            "task": "catalog.tasks.build_missing_product_image_renditions",
            "schedule": crontab(minute="*/10"),
        },
    }
)

# Oscar's catalogue dashboard (/dashboard/catalogue/) is closed to producer
# members, not only hidden from their menu: catalog/dashboard_catalogue.py
# keeps Oscar's views but drops their partner.dashboard_access alternative.
INSTALLED_APPS = [
    "catalog.dashboard_catalogue.CatalogueDashboardConfig"
    if _app == "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig"
    else _app
    for _app in INSTALLED_APPS
]
# Dashboard permissions: Oscar gates a URL with one permission whatever the
# method, so pages that read on GET and write on POST need more for the POST
# (shop/dashboard/permissions.py). The partners dashboard is forked
# (office only: shop/dashboard/partners); the others keep Oscar's module.
_DASHBOARD_CONFIGS = {
    # Producers land on their portal, not on Oscar's statistics (shop/dashboard/index.py).
    "oscar.apps.dashboard.apps.DashboardConfig": "shop.dashboard.configs.DashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig": "shop.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig": "shop.dashboard.configs.UsersDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig": "shop.dashboard.configs.ReviewsDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig": "shop.dashboard.configs.OffersDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig": "shop.dashboard.configs.ShippingDashboardConfig",
}
INSTALLED_APPS = [_DASHBOARD_CONFIGS.get(_app, _app) for _app in INSTALLED_APPS]

# Oscar's own catalogue screens stay staff-only in the menu; producers use
# the portal. Then the office's queues and the portal.
import copy as _copy  # noqa: E402

OSCAR_DASHBOARD_NAVIGATION = _copy.deepcopy(OSCAR_DASHBOARD_NAVIGATION)  # noqa: F405  (leave Oscar's defaults alone)
for _item in OSCAR_DASHBOARD_NAVIGATION:
    if any(child.get("url_name") == "dashboard:catalogue-product-list" for child in _item.get("children", [])):
        for _child in _item["children"]:
            _child["access_fn"] = _producer_nav.staff_only
OSCAR_DASHBOARD_NAVIGATION = [  # noqa: F405
    *OSCAR_DASHBOARD_NAVIGATION,  # noqa: F405
    {
        "label": _("Producers"),
        "icon": "fas fa-users",
        "access_fn": _producer_nav.portal_user,
        "children": [
            {
                "label": _("Registrations to review"),
                "url_name": "catalog-office:application-list",
                "access_fn": _producer_nav.office_can_review_applications,
            },
            {
                "label": _("Listings to review"),
                "url_name": "catalog-office:listing-list",
                "access_fn": _producer_nav.office_can_publish,
            },
            {
                "label": _("Act for a producer"),
                "url_name": "catalog-portal:act-as",
                "access_fn": _producer_nav.office_can_publish,
            },
            {
                "label": _("Producers and commission"),
                "url_name": "catalog-office:producer-list",
                "access_fn": _producer_nav.office_can_publish,
            },
            {
                "label": _("Commission by product type"),
                "url_name": "catalog-office:product-type-rates",
                "access_fn": _producer_nav.office_can_set_commission_rates,
            },
        ],
    },
    {
        "label": _("My shop"),
        "icon": "fas fa-store",
        "access_fn": _producer_nav.portal_user,
        "children": [
            {"label": _("Products"), "url_name": "catalog-portal:product-list", "access_fn": _producer_nav.portal_user},
            {"label": _("Bulk import"), "url_name": "catalog-portal:import", "access_fn": _producer_nav.portal_user},
            {"label": _("Bank details"), "url_name": "catalog-portal:bank", "access_fn": _producer_nav.portal_user},
            {"label": _("Members"), "url_name": "catalog-portal:members", "access_fn": _producer_nav.portal_user},
            {"label": _("Activity log"), "url_name": "catalog-portal:audit", "access_fn": _producer_nav.portal_user},
        ],
    },
]

# --- Inventory staff screens ---------------------------------------------------
# /dashboard/inventory/ (inventory/urls.py): center staff and managers use them,
# the office reads (inventory/views/access.py decides; the menu only mirrors it).
from inventory import nav as _inventory_nav  # noqa: E402  (plain functions, no models)

OSCAR_DASHBOARD_NAVIGATION = [
    *OSCAR_DASHBOARD_NAVIGATION,
    {
        "label": _("Inventory"),
        "icon": "fas fa-boxes",
        "access_fn": _inventory_nav.can_read,
        "children": [
            {"label": _("Receipts"), "url_name": "inventory:receipt-list", "access_fn": _inventory_nav.can_read},
            {"label": _("Stock"), "url_name": "inventory:stock-list", "access_fn": _inventory_nav.can_read},
            {"label": _("Movements"), "url_name": "inventory:movement-list", "access_fn": _inventory_nav.can_read},
            {"label": _("Pick list"), "url_name": "inventory:pick-list", "access_fn": _inventory_nav.can_read},
            {
                "label": _("Counter sale"),
                "url_name": "inventory:counter-sale-create",
                "access_fn": _inventory_nav.can_write,
            },
        ],
    },
]
OSCAR_DASHBOARD_NAVIGATION[-1]["children"].append(
    {"label": _("Alerts"), "url_name": "inventory:alert-list", "access_fn": _inventory_nav.can_read}
)
OSCAR_DASHBOARD_NAVIGATION[-1]["children"][3:3] = [
    {"label": _("Move stock"), "url_name": "inventory:stock-move", "access_fn": _inventory_nav.can_write},
    {"label": _("Counts"), "url_name": "inventory:count-list", "access_fn": _inventory_nav.can_read},
]
# The producer portal's stock pages (inventory/portal_urls.py) join the
# producer's "My shop" menu, whose entry the Producers section defines.
for _item in OSCAR_DASHBOARD_NAVIGATION:
    if any(child.get("url_name") == "catalog-portal:product-list" for child in _item.get("children", [])):
        _item["children"].append(
            {"label": _("Stock at the center"), "url_name": "inventory-portal:stock", "access_fn": _inventory_nav.portal_user}
        )
# Daily low-stock / expiring-lot digest to center staff and affected producers.
CELERY_BEAT_SCHEDULE.update(
    {
        "inventory-alert-digest": {
            "task": "inventory.tasks.send_alert_digest",
            "schedule": crontab(hour=7, minute=30),
        },
    }
)

# --- Orders (shop.order, shop.shipping, shop.checkout) -------------------------
from shop.order import statuses as _order_statuses  # noqa: E402

OSCAR_INITIAL_ORDER_STATUS = _order_statuses.PENDING_PAYMENT
OSCAR_INITIAL_LINE_STATUS = _order_statuses.PENDING_PAYMENT
OSCAR_ORDER_STATUS_PIPELINE = {k: list(v) for k, v in _order_statuses.PIPELINE.items()}
OSCAR_LINE_STATUS_PIPELINE = OSCAR_ORDER_STATUS_PIPELINE
# The center's commission when neither the producer nor the product type has
# its own rate (fraction of the line's price incl. VAT).
OTOP_DEFAULT_COMMISSION_RATE = Decimal(env.str("OTOP_DEFAULT_COMMISSION_RATE", default="0.15"))
# Producers find their own sales (order lines and counter sales) in the
# portal's "My shop" menu; the center works orders through Oscar's
# Fulfilment > Orders (forked: shop/dashboard/orders, status changes via
# shop.order.services).
for _item in OSCAR_DASHBOARD_NAVIGATION:
    if any(c.get("url_name") == "catalog-portal:product-list" for c in _item.get("children", [])):
        _item["children"].append(
            {"label": _("My sales"), "url_name": "catalog-portal:order-lines", "access_fn": _producer_nav.portal_user}
        )

# --- Payments (shop.payment: Stripe) -------------------------------------------
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
# Where the Stripe library sends API calls: Stripe's own API unless set (the
# tests point it at the fake server in tests/fakestripe/).
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")
# Test payments ("TEST PAYMENT – no money moves") are offered only with DEBUG
# on and no STRIPE_SECRET_KEY. STRIPE_TEST_MODE=false switches them off in
# development too; STRIPE_TEST_MODE=true with DEBUG off is refused by a system
# check (shop/payment/checks.py) and by the code that starts a test payment.
STRIPE_TEST_MODE = env.bool("STRIPE_TEST_MODE", default=None)
# How long a PromptPay QR may be paid (Stripe's PaymentIntent has no expiry
# of its own): shorter than INVENTORY_RESERVATION_MINUTES so the stock held
# for the QR is still there when the customer pays at the last minute.
STRIPE_PROMPTPAY_QR_MINUTES = env.int("STRIPE_PROMPTPAY_QR_MINUTES", default=10)
# Every minute: PromptPay QRs and card stock holds that ran out cancel their
# PaymentIntent; failed Stripe events are retried with backoff, and refunds of
# payments that could not become an order, still owed after 10 minutes, are
# queued again (shop.payment.services.attempts_refund_retry_due).
CELERY_BEAT_SCHEDULE["payment-expire-promptpay-qr"] = {
    "task": "shop.payment.tasks.payment_attempts_expire",
    "schedule": 60.0,
}
CELERY_BEAT_SCHEDULE["payment-events-retry"] = {
    "task": "shop.payment.tasks.payment_events_retry",
    "schedule": 60.0,
}
# Every 5 minutes: paid orders of the last 2 days still missing their
# "received" or "paid" email 10 minutes after payment get it queued again
# (shop.order.services.order_emails_missing_send; each email is sent once).
CELERY_BEAT_SCHEDULE["order-emails-sweep"] = {
    "task": "shop.order.tasks.order_emails_sweep",
    "schedule": 300.0,
    "options": {"expires": 300},
}
# The stripe library logs every request at INFO.
LOGGING["loggers"]["stripe"] = {"level": "WARNING"}

# --- Reports (shop.reports: office dashboard, exports, settlements) ----------
# TrueType fonts embedded in the PDF exports and statements: Thai needs a
# Thai font (Debian: fonts-tlwg-garuda-ttf, part of fonts-thai-tlwg).
REPORTS_PDF_FONT = env.str("REPORTS_PDF_FONT", default="/usr/share/fonts/truetype/tlwg/Garuda.ttf")
REPORTS_PDF_FONT_BOLD = env.str("REPORTS_PDF_FONT_BOLD", default="/usr/share/fonts/truetype/tlwg/Garuda-Bold.ttf")
# Settlements for the month just ended are drafted for every producer on the
# first of the month (Bangkok) at 01:15.
CELERY_BEAT_SCHEDULE.update(
    {
        "reports-settlements-generate": {
            "task": "shop.reports.tasks.settlements_generate_for_last_month",
            "schedule": crontab(day_of_month=1, hour=1, minute=15),
        },
    }
)
from shop.reports import nav as _reports_nav  # noqa: E402  (plain functions, no models)

OSCAR_DASHBOARD_NAVIGATION = [
    *OSCAR_DASHBOARD_NAVIGATION,
    {
        "label": _("Office report"),
        "icon": "fas fa-chart-bar",
        "children": [
            {
                "label": _("Quarterly report"),
                "url_name": "otop-reports:dashboard",
                "access_fn": _reports_nav.office_can_view_reports,
            },
            {
                "label": _("Producer settlements"),
                "url_name": "otop-reports:settlement-list",
                "access_fn": _reports_nav.office_can_manage_settlements,
            },
        ],
    },
]
for _item in OSCAR_DASHBOARD_NAVIGATION:
    if any(c.get("url_name") == "catalog-portal:product-list" for c in _item.get("children", [])):
        _item["children"].append(
            {
                "label": _("Settlement statements"),
                "url_name": "otop-reports:portal-statements",
                "access_fn": _producer_nav.portal_user,
            }
        )

# --- Search ---------------------------------------------------------------------
# Thai-aware search of products, producers and stories (catalog/search/,
# docs/search.md). Oscar's Haystack search app is replaced by our fork, which
# keeps its URL (/<lang>/shop/search/) and URL names.
INSTALLED_APPS[INSTALLED_APPS.index("oscar.apps.search.apps.SearchConfig")] = "catalog.search.apps.SearchConfig"
# The engine: Wagtail's database backend (SQLite FTS5 or PostgreSQL full text
# with GIN indexes, whichever DATABASE_URL is) unless SEARCH_URL names an
# Elasticsearch/OpenSearch server; SEARCH_BACKEND picks its backend module.
# Text is segmented and stemmed before it reaches any engine, so PostgreSQL
# uses the 'simple' configuration (no second stemming).
SEARCH_URL = env.str("SEARCH_URL", default="")
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": env.str("SEARCH_BACKEND", default="wagtail.search.backends.elasticsearch8"),
            "URLS": [SEARCH_URL],
            "INDEX": env.str("SEARCH_INDEX", default="otop"),
            "TIMEOUT": 5,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        # Wagtail's database backend, with relevance ranked in one FTS query on
        # SQLite (catalog/search/backends.py).
        "default": {"BACKEND": "catalog.search.backends", "SEARCH_CONFIG": "simple"},
    }
# At most this many products are ranked per query (the best by the engine's
# relevance); facets and counts are computed over them.
SEARCH_CANDIDATE_LIMIT = env.int("SEARCH_CANDIDATE_LIMIT", default=1000)
# Autocomplete requests allowed per client IP per window (shop/common/ratelimit.py).
SEARCH_AUTOCOMPLETE_RATE_LIMIT = env.int("SEARCH_AUTOCOMPLETE_RATE_LIMIT", default=120)
SEARCH_AUTOCOMPLETE_RATE_WINDOW = env.int("SEARCH_AUTOCOMPLETE_RATE_WINDOW", default=60)
