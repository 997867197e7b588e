"""Settings of the processes a fault drill starts (gunicorn, Celery worker
and beat): the production settings (DEBUG off, PostgreSQL, Redis as cache
and broker) with only what a drill on one machine must change:

* static files collected once per test session into OTOP_DRILL_STATIC_ROOT
  (production collects them into STATIC_ROOT at deploy);
* a short Redis visibility timeout (OTOP_DRILL_VISIBILITY_TIMEOUT seconds),
  so a killed worker's message comes back within seconds instead of the
  production value (test_worker_sigkill.py checks that one separately), and
  kombu looking for such messages every second instead of every few polls.

Everything else (database, cache, broker, Stripe, email) comes from the
environment exactly as `make serve` reads it.
"""

import os

from shop.settings import *  # noqa: F403
from shop.settings import CELERY_BROKER_TRANSPORT_OPTIONS

STATIC_ROOT = os.environ["OTOP_DRILL_STATIC_ROOT"]
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "visibility_timeout": int(os.environ.get("OTOP_DRILL_VISIBILITY_TIMEOUT", "8")),
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
# Beat keeps its schedule in the drill's own folder.
CELERY_BEAT_SCHEDULE_FILENAME = os.environ.get("OTOP_DRILL_BEAT_SCHEDULE", "")
