"""Checks behind /healthz/. Each returns "ok", "eager" (Celery without a
broker, the embedded default) or an "error: ..." string; none raises.

The checks are cheap and bounded in time: a load balancer calls this every
few seconds and must get an answer even when a component hangs."""

import uuid

from django.core.cache import cache
from django.db import connection


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down"
        return f"error: {exc.__class__.__name__}"
    return "ok"


def check_cache() -> str:
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
        # A short, bounded connect: a health check must not hang on a dead
        # broker. Workers are deliberately not pinged: a stopped worker delays
        # tasks but must not take the web tier out of the load balancer.
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
    except Exception as exc:
        return f"error: {exc.__class__.__name__}"
    return "ok"


def health_report() -> dict:
    checks = {"database": check_database(), "cache": check_cache(), "celery_broker": check_broker()}
    healthy = all(value in ("ok", "eager") for value in checks.values())
    return {"status": "ok" if healthy else "error", "checks": checks}
