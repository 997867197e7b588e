"""Hardening (issue 9, explained in docs/security.md): HTTPS, headers and
cookies, the Content-Security-Policy, staff pages never stored, logins and
their throttling, rate limits and upload caps. With DEBUG off the defaults
are the secure ones; environment variables only relax them."""

from datetime import timedelta

from .base import DEBUG, env
from .payments import STRIPE_PUBLISHABLE_KEY

# --- HTTPS, headers, cookies -------------------------------------------------
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

# Staff pages and their exports (order, member, bank and stock data, reports,
# settlements, statements) are never stored by a browser or a proxy: every
# response under these prefixes gets Cache-Control: private, no-store
# (shop.cache_control.NoStoreMiddleware).
NO_STORE_PATH_PREFIXES = ("/dashboard/", "/cms/", "/django-admin/")

# --- Content-Security-Policy (django-csp 4) -----------------------------------
# No inline scripts anywhere: page scripts live in static/js/ and read their
# data from data-* attributes. Inline style attributes are refused on the
# storefront too; the staff tools (dashboard, Wagtail, Django admin) get their
# own policies by path prefix (CSP_PATH_POLICIES, applied by
# shop.common.security.PathPolicyCSPMiddleware).
_STRIPE_ON = bool(STRIPE_PUBLISHABLE_KEY)
# Media served from a bucket's own domain (storage.py; read here whether or
# not a bucket is named, as the policy only lists it).
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
_CSP_STAFF_STYLES = {
    **_CSP_BASE,
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": [*_CSP_BASE["img-src"], "blob:"],
}
CSP_PATH_POLICIES = [
    (
        "/cms/",
        {
            **_CSP_STAFF_STYLES,
            "script-src": ["'self'", "'unsafe-inline'"],
            "frame-ancestors": ["'self'"],
            "frame-src": ["'self'", "https://www.youtube.com", "https://player.vimeo.com"],
        },
    ),
    ("/dashboard/", _CSP_STAFF_STYLES),
    ("/django-admin/", _CSP_STAFF_STYLES),
]
# Wagtail's page preview shows the storefront inside the admin in an iframe.
X_FRAME_OPTIONS_SAMEORIGIN_PREFIXES = ("/cms/",)

# --- Logins -------------------------------------------------------------------
# Login throttling (django-axes) on every login: Oscar's customer login, the
# dashboard login, Wagtail's and Django admin's. Axes works at the
# authentication-backend level, so its backend comes first and each form
# that passes the request is covered. Then Oscar's email login, then Django's.
AUTHENTICATION_BACKENDS = (
    "shop.common.security.LoginThrottleBackend",
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
# Locked: the same username from the same address after AXES_FAILURE_LIMIT
# failures, for AXES_COOLOFF_MINUTES (a shared café IP is not locked out for
# everyone by one guesser).
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "shop.common.security.lockout_response"
# The same client address as the rate limits (RATE_LIMIT_TRUSTED_PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "shop.common.security.login_client_ip"
# The username as the backends match it (stripped, case-insensitive email),
# so case variants share one count (#16), cut to axes' column length (#9).
AXES_USERNAME_CALLABLE = "shop.common.security.login_username"
AXES_VERBOSE = False
# Against spraying many usernames from one address: that many failed logins
# from one client address, on all login forms together, in a window of
# LOGIN_ADDRESS_WINDOW_MINUTES, and that address may not try again until the
# window ends (shop.common.security.LoginThrottleBackend, on the cache).
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
LOGIN_ADDRESS_WINDOW_MINUTES = env.int("LOGIN_ADDRESS_WINDOW_MINUTES", default=15)

# --- Rate limits --------------------------------------------------------------
# Behind N reverse proxies that append to X-Forwarded-For, set N so the rate
# limits and the login throttle see the client's address rather than the
# proxy's (shop.common.ratelimit.client_ip; system check shop.W001).
RATE_LIMIT_TRUSTED_PROXY_COUNT = env.int("RATE_LIMIT_TRUSTED_PROXY_COUNT", default=0)
# Rate limits by URL name (shop.common.security.RateLimitMiddleware), per
# client IP in a fixed window: url name -> (limit, window seconds, methods[,
# shared scope]). Producer registration (PRODUCER_REGISTRATION_RATE_LIMIT,
# producers.py) and search-as-you-type (SEARCH_AUTOCOMPLETE_RATE_LIMIT,
# search.py: a JSON 429 the search box understands) have their own limits
# in their views.
_PASSWORD_RESET_LIMIT = (env.int("PASSWORD_RESET_RATE_LIMIT", default=5), 3600, ("POST",), "password-reset")
RATE_LIMITS = {
    # Every password-reset form counts towards one limit per address.
    "password-reset": _PASSWORD_RESET_LIMIT,
    "wagtailadmin_password_reset": _PASSWORD_RESET_LIMIT,
    "customer:register": (env.int("CUSTOMER_REGISTER_RATE_LIMIT", default=10), 3600, ("POST",)),
    # The login page also carries Oscar's registration form.
    "customer:login": (env.int("CUSTOMER_LOGIN_RATE_LIMIT", default=30), 600, ("POST",)),
}

# --- Upload caps --------------------------------------------------------------
# At the server, on top of each form's own checks. A photo is at most 15 MB
# (shop/common/images.py) and a registration sends at most 5 of them, so a
# request body over REQUEST_MAX_BODY_SIZE (5 x 15 MB + 5 MB of fields) is
# refused with 413 before it is read. DATA_UPLOAD_MAX_MEMORY_SIZE counts the
# non-file fields only; FILE_UPLOAD_MAX_MEMORY_SIZE is where an upload moves
# from memory to a temporary file.
REQUEST_MAX_BODY_SIZE = env.int("REQUEST_MAX_BODY_SIZE", default=80 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
