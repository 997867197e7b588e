"""Settings of the real worker that tests/integration/shop/test_worker_kill.py
starts: the project's settings (the database and broker come from
DATABASE_URL and CELERY_BROKER_URL in its environment) with a short Redis
visibility timeout, so the message of a killed worker is handed out again
within seconds instead of the production ~10 minutes (about twice the hard
time limit: CELERY_BROKER_TRANSPORT_OPTIONS in shop/settings/celery.py), and emails
written as files the test can count."""

import os

from shop.settings import *  # noqa: F403
from shop.settings import CELERY_BROKER_TRANSPORT_OPTIONS

CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "visibility_timeout": int(os.environ.get("OTOP_TEST_VISIBILITY_TIMEOUT", "3")),
    # Look for unacknowledged messages to restore every second (kombu's
    # default is every 10 polls of 10 s).
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["OTOP_TEST_EMAIL_DIR"]
