"""Reads of the outbox for the status page (/healthz/status/)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Min
from django.utils import timezone

from .models import Heartbeat, OutboxMessage


def outbox_backlog(*, now: datetime | None = None) -> dict:
    """Unsent messages: how many, and the age in seconds of the oldest
    (None when there is none). Served by the partial index on unsent rows."""
    now = now or timezone.now()
    row = OutboxMessage.objects.filter(sent_at__isnull=True).aggregate(unsent=Count("pk"), oldest=Min("created_at"))
    oldest = row["oldest"]
    return {
        "unsent": row["unsent"],
        "oldest_unsent_seconds": int((now - oldest).total_seconds()) if oldest else None,
    }


def heartbeat_age(*, name: str, now: datetime | None = None) -> int | None:
    """Seconds since the named job last ran on a worker; None if never."""
    now = now or timezone.now()
    beat_at = Heartbeat.objects.filter(name=name).values_list("beat_at", flat=True).first()
    return int((now - beat_at).total_seconds()) if beat_at else None


def outbox_pending_args(*, task_name: str) -> set[tuple]:
    """Arguments of the messages of ``task_name`` waiting to be sent, as
    tuples (a sweep does not queue what already waits)."""
    rows = OutboxMessage.objects.filter(task_name=task_name, sent_at__isnull=True).values_list("args", flat=True)
    return {tuple(args) for args in rows}


def outbox_pending(*, task_name: str, args: list) -> bool:
    """Whether this very message (task and arguments) waits unsent."""
    return OutboxMessage.objects.filter(task_name=task_name, sent_at__isnull=True, args=args).exists()
