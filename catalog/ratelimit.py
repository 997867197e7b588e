"""A small fixed-window rate limiter on Django's cache (no new dependency).

    if rate_limit_hit(scope="producer-register", key=client_ip(request), limit=5, window_seconds=3600):
        return too_many_requests()

With Redis (REDIS_URL) the count is shared by every web process; with the
default local-memory cache it is per process, which is enough for `make run`.
``cache.add`` + ``cache.incr`` are atomic on Redis, so two requests at once
cannot both be the last one allowed.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


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
    if cache.add(cache_key, 1, timeout=window_seconds + 5):
        return 1
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=window_seconds + 5)
        return 1


def rate_limit_counted(*, scope: str, key: str, window_seconds: int, now: float | None = None) -> int:
    """The attempts counted for ``key`` in the current window, counting none
    (the login throttle checks before it knows whether an attempt fails)."""
    return cache.get(_cache_key(scope=scope, key=key, window_seconds=window_seconds, now=now)) or 0


def rate_limit_hit(*, scope: str, key: str, limit: int, window_seconds: int, now: float | None = None) -> bool:
    """Count one attempt for ``key`` in ``scope``; True when it is over
    ``limit`` attempts in the current window of ``window_seconds``."""
    return rate_limit_count(scope=scope, key=key, window_seconds=window_seconds, now=now) > limit
