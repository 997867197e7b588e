"""The outbox relay, run by beat (CELERY_BEAT_SCHEDULE "outbox-relay")."""

from celery import shared_task


@shared_task
def outbox_relay() -> dict:
    """Every 15 s: publish outbox messages the fast path could not (broker
    down at commit, process killed), prune old sent ones, record the
    worker heartbeat. Safe to run twice and concurrently (rows are claimed)."""
    from .services import outbox_relay as relay

    return relay()
