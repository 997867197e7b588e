"""Django's Redis cache, failing open (issue #17): a lost Redis costs speed,
never a page.

Django's ``RedisCache`` raises ``redis.ConnectionError`` on every call while
Redis is unreachable. Wagtail reads the site root paths from the cache on
every request, and the listings, the rate limits and the login throttle read
it too, so a stopped Redis answered every request with a 500. Nothing in the
cache is the only copy of anything (sessions are in the database, axes keeps
its lockouts in the database): every value can be rebuilt, so a missing
Redis is a cache miss.

``FailOpenRedisCache`` turns a connection error, a timeout or a read-only
replica (after a failover) into what a cold, empty cache would answer:

==============  ==========================================================
call            while Redis is unreachable
==============  ==========================================================
get             ``default`` (a miss)
get_many        ``{}``
has_key         ``False``
get_or_set      the default, computed and not stored (Django's own get_or_set
                over get and add)
set, touch      nothing is stored (``touch`` answers ``False``)
set_many        nothing is stored; every key is returned as not inserted
add             ``False``: "not stored". A caller that takes ``add`` as a
                lock or a once-only guard must decide for itself what an
                unknown answer means (``strict`` below): ``False`` never lets
                two callers both believe they won.
delete(_many)   ``False``; the key is remembered and deleted when Redis
                answers again (a blip that kept the data must not keep a
                value someone invalidated: Wagtail's site root paths live an
                hour). A caller that must know uses ``strict``.
incr, decr      ``ValueError``, as for a missing key: a counter has no
                sensible "miss" value, so callers already handle this case.
clear           ``False``
==============  ==========================================================

Callers that must know whether the shared cache answered (the rate limits,
once-a-day alert guards) use ``cache_strict(cache)``: the same calls, raising
``CacheUnavailable`` instead of degrading.

A dead Redis must cost a fast miss, not a timeout per call: the socket
timeouts are short (settings: ``OPTIONS``), and after a failure the backend
skips Redis altogether for ``FAIL_OPEN_RETRY_SECONDS`` (default 5) before
trying again, so a request that reads the cache ten times waits for at most
one timeout. The outage is logged once when it starts and once when Redis
answers again, not once per call. The state is per process (shared by its
threads), keyed by the cache's location.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ReadOnlyError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Errors that mean "Redis is not there (or cannot take writes) right now".
# Anything else (a value that cannot be pickled, a wrong key type) is a bug
# and still raises. BusyLoadingError (Redis reading its dump at start-up) is
# a ConnectionError.
UNAVAILABLE_ERRORS = (RedisConnectionError, RedisTimeoutError, ReadOnlyError)

DEFAULT_RETRY_SECONDS = 5.0


class CacheUnavailable(Exception):
    """The shared cache did not answer (raised by ``cache_strict`` calls)."""


class _Outage:
    """Whether one Redis location is down, shared by the threads of a
    process. Reads without the lock are fine: a stale read costs one extra
    call to Redis or one extra skipped call."""

    # Deletes lost during an outage, replayed when Redis answers again
    # (bounded: past this many, the rest are only logged).
    MAX_PENDING_DELETES = 10000

    def __init__(self, location: str, retry_seconds: float):
        self.location = location
        self.retry_seconds = retry_seconds
        self.down = False
        self.skip_until = 0.0
        self.pending_deletes: set[str] = set()
        self._lock = threading.Lock()

    def skipping(self) -> bool:
        return self.down and time.monotonic() < self.skip_until

    def failed(self, exc: Exception) -> None:
        with self._lock:
            first = not self.down
            self.down = True
            self.skip_until = time.monotonic() + self.retry_seconds
        if first:
            logger.warning(
                "Cache unavailable at %s (%s: %s): serving without it, retrying every %.0f s",
                self.location,
                exc.__class__.__name__,
                exc,
                self.retry_seconds,
            )

    def delete_lost(self, keys: list[str]) -> None:
        with self._lock:
            room = self.MAX_PENDING_DELETES - len(self.pending_deletes)
            self.pending_deletes.update(keys[: max(room, 0)])
        if room < len(keys):
            logger.warning(
                "Cache at %s: too many deletes lost in this outage; some keys may stay stale until they expire",
                self.location,
            )

    def pending(self) -> list[str]:
        with self._lock:
            return list(self.pending_deletes)

    def answered(self, replayed: list[str] = ()) -> None:
        """Redis answered (and the lost deletes in ``replayed`` are done)."""
        if not self.down:
            return
        with self._lock:
            self.pending_deletes.difference_update(replayed)
            was_down, self.down = self.down, False
        if was_down:
            logger.warning("Cache at %s answers again", self.location)


_outages: dict[tuple[str, ...], _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(servers: list[str], retry_seconds: float) -> _Outage:
    # Django makes one backend instance per thread; the outage is the
    # process's, so one thread's failure spares the others their timeout.
    key = tuple(servers)
    with _outages_lock:
        if key not in _outages:
            _outages[key] = _Outage(",".join(_safe_location(s) for s in servers), retry_seconds)
        return _outages[key]


def _safe_location(url: str) -> str:
    """The URL without a password, for logs."""
    if "@" in url:
        scheme, _, rest = url.partition("://")
        return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"
    return url


_RAISE = object()  # fallback of the strict calls


class FailOpenRedisCache(RedisCache):
    """``RedisCache`` whose calls degrade to a miss while Redis is down
    (module docstring). Settings: ``FAIL_OPEN_RETRY_SECONDS`` next to
    ``LOCATION``; socket timeouts in ``OPTIONS``."""

    def __init__(self, server, params):
        super().__init__(server, params)
        retry_seconds = float(params.get("FAIL_OPEN_RETRY_SECONDS", DEFAULT_RETRY_SECONDS))
        self._outage = _outage_for(self._servers, retry_seconds)

    def _guarded(self, call, fallback):
        """One guard for every call: skip Redis while the outage lasts, else
        try it once; on failure answer ``fallback`` (a value, a function
        computing it, or ``_RAISE``)."""
        if self._outage.skipping():
            return self._unavailable(fallback, None)
        replayed: list[str] = []
        try:
            if self._outage.down:
                # First try after an outage. An invalidation lost while Redis
                # was unreachable but kept its data (a network blip, not a
                # restart) would leave the old value until it expires
                # (Wagtail's site root paths: an hour). Deleting a cache key
                # is always safe, so the process that lost it deletes it
                # before anything reads it again.
                replayed = self._outage.pending()
                if replayed:
                    self._cache.delete_many(replayed)
            result = call()
        except UNAVAILABLE_ERRORS as exc:
            self._outage.failed(exc)
            return self._unavailable(fallback, exc)
        self._outage.answered(replayed)
        return result

    def _delete_lost(self, keys, version):
        self._outage.delete_lost([self.make_and_validate_key(key, version=version) for key in keys])

    @staticmethod
    def _unavailable(fallback, exc):
        if fallback is _RAISE:
            raise CacheUnavailable("the shared cache is unavailable") from exc
        return fallback() if callable(fallback) else fallback

    # get_or_set, decr, incr_version and the async variants are BaseCache's,
    # built on these calls, so they degrade too.

    def get(self, key, default=None, version=None):
        return self._guarded(lambda: super(FailOpenRedisCache, self).get(key, default, version), lambda: default)

    def get_many(self, keys, version=None):
        return self._guarded(lambda: super(FailOpenRedisCache, self).get_many(keys, version), dict)

    def has_key(self, key, version=None):
        return self._guarded(lambda: super(FailOpenRedisCache, self).has_key(key, version), False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: super(FailOpenRedisCache, self).add(key, value, timeout, version), False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: super(FailOpenRedisCache, self).set(key, value, timeout, version), None)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that were not inserted (all of them).
        return self._guarded(
            lambda: super(FailOpenRedisCache, self).set_many(data, timeout, version), lambda: list(data)
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: super(FailOpenRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key, version=None):
        def lost():
            self._delete_lost([key], version)  # replayed when Redis answers again
            return False

        return self._guarded(lambda: super(FailOpenRedisCache, self).delete(key, version), lost)

    def delete_many(self, keys, version=None):
        keys = list(keys)

        def lost():
            self._delete_lost(keys, version)

        return self._guarded(lambda: super(FailOpenRedisCache, self).delete_many(keys, version), lost)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found: the cache is unavailable.")

        return self._guarded(lambda: super(FailOpenRedisCache, self).incr(key, delta, version), missing)

    def clear(self):
        return self._guarded(lambda: super(FailOpenRedisCache, self).clear(), False)

    @property
    def strict(self) -> _StrictCache:
        """These calls raising ``CacheUnavailable`` instead of degrading."""
        return _StrictCache(self)


class _StrictCache:
    """The calls of a ``FailOpenRedisCache`` that raise ``CacheUnavailable``
    instead of degrading (still skipping Redis while it is known down)."""

    _CALLS = frozenset(
        {"get", "get_many", "has_key", "add", "set", "set_many", "touch", "incr", "delete", "delete_many", "clear"}
    )

    def __init__(self, backend: FailOpenRedisCache):
        self._backend = backend

    def __getattr__(self, name):
        if name not in self._CALLS:
            raise AttributeError(name)
        base = getattr(RedisCache, name)
        backend = self._backend

        def call(*args, **kwargs):
            return backend._guarded(lambda: base(backend, *args, **kwargs), _RAISE)

        return call


def cache_strict(backend):
    """``backend`` with calls that raise ``CacheUnavailable`` when the shared
    cache does not answer, instead of degrading to a miss. Any other backend
    (local memory in development and tests) is returned as it is: it cannot
    be unavailable."""
    return getattr(backend, "strict", backend)
