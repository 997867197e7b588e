"""Checks behind /healthz/. Each returns "ok", "eager" (Celery without a
broker, the embedded default) or an "error: ..." string; none raises."""

import uuid

from django.conf import settings
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
    if not settings.CELERY_BROKER_URL:
        return "eager"
    from shop.celery import app

    try:
        # A short, bounded connect: a health check must not hang on a dead broker.
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return f"error: {exc.__class__.__name__}"
    return "ok"


def health_report() -> dict:
    checks = {"database": check_database(), "cache": check_cache(), "celery_broker": check_broker()}
    healthy = all(value in ("ok", "eager") for value in checks.values())
    return {"status": "ok" if healthy else "error", "checks": checks}
