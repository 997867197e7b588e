"""Test settings: the project's settings, with what tests need on top.

DATABASE_URL, REDIS_URL and CELERY_BROKER_URL still come from the
environment, so CI runs the same suite on PostgreSQL and Redis.

`make test` runs the suite in parallel (pytest-xdist). pytest-django gives
each worker its own test database (test_<name>_gw0, test_<name>_gw1...); the
Redis databases are split here: tests empty the cache before each test
(FLUSHDB) and purge or count the broker's queues, which workers sharing a
database would do to each other. Worker gwN uses the database numbers of
REDIS_URL and CELERY_BROKER_URL minus 2N: with CI's 14 (cache) and 15
(broker), gw0 keeps 14 and 15 and gw1 takes 12 and 13, so two workers stay
within 12-15, the Redis databases reserved for tests (Makefile, .ci/run).
"""

import os
from urllib.parse import urlsplit, urlunsplit

os.environ.setdefault("DEBUG", "true")

from django.core.exceptions import ImproperlyConfigured

from shop.settings import *  # noqa: F403
from shop.settings import CACHES, CELERY_BROKER_URL, REDIS_URL

# Set once per worker process; processes a test starts (Celery workers,
# manage.py) inherit the moved URLs and this marker, so importing these
# settings there does not move them a second time.
_split_marker = "OTOP_TEST_REDIS_WORKER"


def _worker_redis_url(url: str, *, worker: str) -> str:
    """``url`` with its database number lowered by 2 per xdist worker
    (gw0 unchanged, gw1 two lower...): the worker's own Redis database."""
    offset = 2 * int(worker.removeprefix("gw"))
    parts = urlsplit(url)
    try:
        database = int(parts.path.strip("/") or 0)
    except ValueError:
        raise ImproperlyConfigured(f"{url}: a parallel test run needs a redis://host:port/<number> URL") from None
    if database - offset < 0:
        raise ImproperlyConfigured(
            f"pytest-xdist worker {worker} needs Redis database {database} - {offset} of {url}: "
            "run fewer workers (make test PYTEST_WORKERS=...) or give higher database numbers"
        )
    return urlunsplit(parts._replace(path=f"/{database - offset}"))


_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker and os.environ.get(_split_marker) != _worker:
    if REDIS_URL:
        REDIS_URL = _worker_redis_url(REDIS_URL, worker=_worker)
        CACHES = {**CACHES, "default": {**CACHES["default"], "LOCATION": REDIS_URL}}
        os.environ["REDIS_URL"] = REDIS_URL
    if CELERY_BROKER_URL:
        CELERY_BROKER_URL = _worker_redis_url(CELERY_BROKER_URL, worker=_worker)
        # Celery lets the environment variable win over the setting.
        os.environ["CELERY_BROKER_URL"] = CELERY_BROKER_URL
    os.environ[_split_marker] = _worker

# Fast hashing; password strength is not what these tests check.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run in-process unless a test starts a real worker (tests marked
# `celery_worker`); the broker URL stays configured for those tests.
CELERY_TASK_ALWAYS_EAGER = True
TEST_CELERY_BROKER_URL = CELERY_BROKER_URL
# Each test gets its own folder (tests/conftest.py); this one is for what runs
# outside a test (class- and module-wide fixtures), one per xdist worker.
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT", "/tmp/otop-test-media") + (f"-{_worker}" if _worker else "")
