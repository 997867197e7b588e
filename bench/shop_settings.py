"""The shop under test: shop.settings as production runs it (DEBUG off,
PostgreSQL, Redis cache, whitenoise), with three benchmark-only changes:
static files are collected into a temporary STATIC_ROOT, cache keys get a
per-run prefix (so no earlier run's pages are served, and nothing else in
that Redis database is flushed), and request logging stays quiet."""

import os

from shop.settings import *  # noqa: F403
from shop.settings import CACHES, LOGGING

STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", "/tmp/otop-bench/static-shop")
CACHES["default"]["KEY_PREFIX"] = "otop-bench-" + os.environ.get("BENCH_RUN_ID", "dev")
LOGGING["root"]["level"] = "WARNING"
