"""Health, in three answers for three readers (issue 17):

* liveness, /healthz/live/: the process answers. Touches nothing (no
  database, cache or broker), so a restart is never triggered by something
  a restart cannot fix.
* readiness, /healthz/ready/ (and /healthz/, its old name): the load
  balancer's check. Only the database: the shop cannot serve a page without
  it. The cache is not required (it fails open: shop/common/cache_backend.py, a lost
  Redis costs speed, not pages), nor the broker (tasks wait in the outbox),
  nor a worker. When the old /healthz/ also checked the cache, a Redis outage
  took every web process out of the load balancer.
* status, /healthz/status/: for monitoring, everything an operator is alerted
  on: the broker, the cache, the worker heartbeat, the outbox backlog, the
  oldest unprocessed Stripe event. Staff or a token (HEALTH_STATUS_TOKEN);
  states, counts and ages only, no addresses or secrets.

Each check returns "ok", "eager" (Celery without a broker, the embedded
default) or "error: <exception class>"; none raises. They are bounded in
time: a probe must get an answer even when a component hangs.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down"
        return f"error: {exc.__class__.__name__}"
    return "ok"


def check_cache() -> str:
    # A round trip rather than "no exception": a cache that fails open
    # swallows its errors and answers a miss.
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        ok = cache.get(key) == "1"
        cache.delete(key)
    except Exception as exc:
        return f"error: {exc.__class__.__name__}"
    return "ok" if ok else "error: cache did not return the value it was given"


def check_broker() -> str:
    # Read the Celery app's own configuration, not Django settings: that is
    # the broker the app actually publishes to.
    from shop.celery import app

    if not app.conf.broker_url:
        # No broker: tasks run in-process. Running `ping` proves the Celery
        # app loads and a task executes, at the cost of a function call (and
        # without a log line per probe, which .delay() would write).
        try:
            from shop.tasks import ping

            result = ping()
        except Exception as exc:
            return f"error: {exc.__class__.__name__}"
        return "eager" if result == "pong" else "error: ping did not return pong"

    try:
        # A short, bounded connect: a health check must not hang on a dead broker.
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
    except Exception as exc:
        return f"error: {exc.__class__.__name__}"
    return "ok"


def readiness_report() -> dict:
    checks = {"database": check_database()}
    return {"status": "ok" if checks["database"] == "ok" else "error", "checks": checks}


def _worker(now: datetime) -> dict:
    from shop.celery import app
    from shop.outbox.selectors import heartbeat_age
    from shop.outbox.services import RELAY_HEARTBEAT

    age = heartbeat_age(name=RELAY_HEARTBEAT, now=now)
    if app.conf.task_always_eager:
        state = "eager"  # tasks run in the web process: no worker to wait for
    elif age is None:
        state = "never"
    else:
        state = "ok" if age <= settings.HEALTH_WORKER_STALE_SECONDS else "stale"
    return {"status": state, "last_seen_seconds": age}


def _outbox(now: datetime) -> dict:
    from shop.outbox.selectors import outbox_backlog

    backlog = outbox_backlog(now=now)
    oldest = backlog["oldest_unsent_seconds"]
    late = oldest is not None and oldest > settings.HEALTH_OUTBOX_ALERT_SECONDS
    return {"status": "backlog" if late else "ok", **backlog}


def _stripe_events(now: datetime) -> dict:
    from shop.payment.selectors import stripe_events_unprocessed_summary

    summary = stripe_events_unprocessed_summary(now=now)
    oldest = summary["oldest_unprocessed_seconds"]
    late = oldest is not None and oldest > settings.HEALTH_STRIPE_EVENT_ALERT_SECONDS
    return {"status": "late" if late else "ok", **summary}


def _guarded(read, now: datetime) -> dict:
    try:
        return read(now)
    except Exception as exc:  # the database is down: say so, do not 500
        return {"status": f"error: {exc.__class__.__name__}"}


#: The alert each check raises on the status page (docs/operations.md says
#: what each means and what to do).
ALERTS = {
    "database": "database_down",
    "cache": "cache_down",
    "celery_broker": "broker_down",
    "worker": "worker_stale",
    "outbox": "outbox_backlog",
    "stripe_events": "stripe_events_late",
}


def status_report(*, now: datetime | None = None) -> dict:
    """Every component and queue an operator watches, and the alerts raised."""
    now = now or timezone.now()
    checks: dict = {
        "database": check_database(),
        "cache": check_cache(),
        "celery_broker": check_broker(),
        "worker": _guarded(_worker, now),
        "outbox": _guarded(_outbox, now),
        "stripe_events": _guarded(_stripe_events, now),
    }
    alerts = []
    for name, value in checks.items():
        state = value["status"] if isinstance(value, dict) else value
        if state not in ("ok", "eager"):
            alerts.append(ALERTS[name])
    return {"status": "alert" if alerts else "ok", "alerts": alerts, "checks": checks}
