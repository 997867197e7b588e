"""Django's cache (Redis, failing open) and the full-page cache of storefront pages."""

from .base import env

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

# --- Page cache (shop/common/pagecache.py, docs/performance.md) -----------------
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
)  # fmt: skip
