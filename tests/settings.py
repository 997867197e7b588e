"""Test settings: the project's settings, with what tests need on top.

DATABASE_URL, REDIS_URL and CELERY_BROKER_URL still come from the
environment, so CI runs the same suite on PostgreSQL and Redis.
"""

import os

os.environ.setdefault("DEBUG", "true")

from shop.settings import *  # noqa: E402,F401,F403
from shop.settings import CELERY_BROKER_URL  # noqa: E402

# Fast hashing; password strength is not what these tests check.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run in-process unless a test starts a real worker (tests marked
# `celery_worker`); the broker URL stays configured for those tests.
CELERY_TASK_ALWAYS_EAGER = True
TEST_CELERY_BROKER_URL = CELERY_BROKER_URL
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT", "/tmp/otop-test-media")
THUMBNAIL_DEBUG = False
