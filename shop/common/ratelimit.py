"""A small fixed-window rate limiter on Django's cache (no new dependency).

    if rate_limit_hit(scope="producer-register", key=client_ip(request), limit=5, window_seconds=3600):
        return too_many_requests()

With Redis (REDIS_URL) the count is shared by every web process; with the
default local-memory cache it is per process, which is enough for `make run`.
``cache.add`` + ``cache.incr`` are atomic on Redis, so two requests at once
cannot both be the last one allowed.

When the shared cache is down (issue #17) every limit here **fails open to a
per-process count**, deliberately, for all scopes (password reset, customer
and producer registration, login POSTs, search autocomplete, the login
address throttle): the attempt is counted in this web process's memory
instead, as with ``make run``. A process's count is part of the shared
count, so the fallback never refuses a request the shared limit would have
let through (no visitor is locked out because Redis is down), yet abuse is
still bounded at the limit times the number of web processes rather than
unbounded. Failing closed would turn a cache outage into refused logins,
password resets and registrations for everyone; none of these limits is the
last line of defence (axes' username lockout is in the database).
docs/security.md, docs/operations.md.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

from shop.common.cache_backend import CacheUnavailable, cache_strict

# Counts while the shared cache is down (module docstring). Bounded: the
# oldest windows are culled past MAX_ENTRIES keys.
_process_counts = LocMemCache("ratelimit-fallback", {"OPTIONS": {"MAX_ENTRIES": 10000}})


def client_ip(request) -> str:
    """The client's address. Behind N trusted proxies
    (settings.RATE_LIMIT_TRUSTED_PROXY_COUNT) it is the N-th address from the
    right of X-Forwarded-For; otherwise REMOTE_ADDR, because a client can put
    anything in X-Forwarded-For."""
    proxies = int(getattr(settings, "RATE_LIMIT_TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _cache_key(*, scope: str, key: str, window_seconds: int, now: float | None) -> str:
    window = int((time.time() if now is None else now) // window_seconds)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{window}"


def rate_limit_count(*, scope: str, key: str, window_seconds: int, now: float | None = None) -> int:
    """Count one attempt for ``key`` in ``scope``; the attempts so far in the
    current window of ``window_seconds``, this one included."""
    cache_key = _cache_key(scope=scope, key=key, window_seconds=window_seconds, now=now)
    try:
        return _count(cache_strict(cache), cache_key, window_seconds)
    except CacheUnavailable:  # fails open to this process's count (module docstring)
        return _count(_process_counts, cache_key, window_seconds)


def _count(counts, cache_key: str, window_seconds: int) -> int:
    if counts.add(cache_key, 1, timeout=window_seconds + 5):
        return 1
    try:
        return counts.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        counts.add(cache_key, 1, timeout=window_seconds + 5)
        return 1


def rate_limit_counted(*, scope: str, key: str, window_seconds: int, now: float | None = None) -> int:
    """The attempts counted for ``key`` in the current window, counting none
    (the login throttle checks before it knows whether an attempt fails)."""
    cache_key = _cache_key(scope=scope, key=key, window_seconds=window_seconds, now=now)
    try:
        return cache_strict(cache).get(cache_key) or 0
    except CacheUnavailable:  # this process's count, as rate_limit_count kept it meanwhile
        return _process_counts.get(cache_key) or 0


def rate_limit_hit(*, scope: str, key: str, limit: int, window_seconds: int, now: float | None = None) -> bool:
    """Count one attempt for ``key`` in ``scope``; True when it is over
    ``limit`` attempts in the current window of ``window_seconds``."""
    return rate_limit_count(scope=scope, key=key, window_seconds=window_seconds, now=now) > limit
