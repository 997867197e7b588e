"""The transactional outbox: the one way to send a Celery task after a commit.

Why: a task sent with ``transaction.on_commit(task.delay)`` is lost when the
broker is down at that moment. The data is committed, the send raises (a 500
for the user, after their order was saved) and nothing ever sends it again:
paid orders without emails, Stripe events never processed (issue 17).

How::

    outbox_send(task=SEND_ORDER_EMAIL_TASK, args=[order.pk, "paid", ""])

where ``SEND_ORDER_EMAIL_TASK = "shop.order.tasks.send_order_email"`` is the
task's registered name: services name their tasks and never import a tasks
module, so the arrow runs one way, tasks -> services (docs/architecture.md).

1. ``outbox_send`` writes an OutboxMessage row in the caller's transaction:
   rolled back with the data, committed with it. The row is born claimed by
   this process (``locked_until``, FAST_PATH_LEASE) for step 2.
2. Fast path: on commit the same process publishes the message at once, with
   a short connect timeout and no retries (never seconds of retrying inside a
   web request), and marks it sent. If the broker does not answer, the row
   stays unsent with a backoff, the request goes on, and this process skips
   the fast path for FAST_PATH_PAUSE seconds (a dead broker would otherwise
   cost every request its connect timeout).
3. The relay (``outbox_relay``, the beat task ``shop.outbox.tasks.outbox_relay``
   every 15 s) claims due unsent rows with ``select_for_update(skip_locked=True)``
   and a lease, commits the claim, publishes each outside any transaction or row
   lock (never network under a row lock), marks them sent, and backs off on
   failure (10 s doubling to 10 min). It also prunes sent rows after KEEP_SENT
   and records its heartbeat for the status page.

Guarantees: a committed message is published at least once. Two relays never
publish one row at the same time (the claim), but a publish followed by a
crash before the row is marked sent publishes it again: every task sent this
way must be safe to run twice (tests/integration/tasks/test_run_twice.py).

Eager mode (no broker: ``make run``, the tests): publishing a message means
running the task in-process at commit, as ``task.delay`` did; the row is marked
sent first, and CELERY_TASK_EAGER_PROPAGATES still decides whether the task's
error reaches the caller.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta
from typing import Any

from celery import current_app
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import Heartbeat, OutboxMessage

logger = logging.getLogger(__name__)

#: The writing process publishes the row itself within this time; the relay
#: leaves it alone meanwhile (no double publish in the common case).
FAST_PATH_LEASE = timedelta(seconds=60)
#: After a failed publish, this process leaves new rows to the relay for
#: this long instead of paying the broker's timeout on every request.
FAST_PATH_PAUSE = 30.0
#: A relay run owns the rows it claimed for this long; a relay killed
#: mid-run leaves them to the next one after it.
RELAY_LEASE = timedelta(minutes=5)
RELAY_BATCH = 500
BACKOFF_FIRST = timedelta(seconds=10)
BACKOFF_MAX = timedelta(minutes=10)
#: Sent rows are kept a while for inspection (admin, drills), then deleted.
KEEP_SENT = timedelta(days=3)
PRUNE_BATCH = 5000
#: Connecting to the broker when publishing: one try, this many seconds.
PUBLISH_CONNECT_TIMEOUT = 2.0

RELAY_HEARTBEAT = "outbox-relay"

_fast_path_paused_until = 0.0  # time.monotonic(); per process


def _app():
    # The project's Celery app (shop/celery.py makes it current and the default
    # in every thread), asked from Celery rather than imported: this shared
    # library imports nothing above it (docs/architecture.md).
    return current_app._get_current_object()


def _eager() -> bool:
    return bool(_app().conf.task_always_eager)


def _fast_path_open() -> bool:
    return _eager() or time.monotonic() >= _fast_path_paused_until


def _fast_path_pause() -> None:
    global _fast_path_paused_until
    _fast_path_paused_until = time.monotonic() + FAST_PATH_PAUSE


def outbox_backoff(*, attempts: int) -> timedelta:
    """Wait after the ``attempts``-th failed publish: 10 s, 20 s, 40 s... at most 10 min."""
    return min(BACKOFF_FIRST * 2 ** max(attempts - 1, 0), BACKOFF_MAX)


def outbox_send(*, task: Any, args: list | tuple = ()) -> OutboxMessage:
    """Send ``task`` (a Celery task or its registered name) with JSON ``args``
    once the current transaction commits, and never lose it: the message is a
    row of this transaction, published at commit or later by the relay.
    Outside a transaction it is committed and published at once."""
    name = task if isinstance(task, str) else task.name
    now = timezone.now()
    fast = _fast_path_open()
    message = OutboxMessage.objects.create(
        task_name=name,
        args=list(args),
        created_at=now,
        next_attempt_at=now,
        locked_until=now + FAST_PATH_LEASE if fast else None,
    )
    if fast:
        transaction.on_commit(lambda: _fast_path_publish(message))
    return message


def _fast_path_publish(message: OutboxMessage) -> None:
    if not _fast_path_open():
        # An earlier message of this same commit found the broker down: hand
        # this one to the relay now rather than pay the connect timeout once
        # per message in the request.
        OutboxMessage.objects.filter(pk=message.pk, sent_at__isnull=True).update(locked_until=None)
        return
    if timezone.now() >= message.locked_until and not _eager():
        # The transaction committed after the lease ran out (a long import):
        # a relay may own the row by now. Claim it again, or leave it.
        if not _claim_one(message=message, now=timezone.now()):
            return
    _deliver(message)


def _claim_one(*, message: OutboxMessage, now: datetime) -> bool:
    lease = now + FAST_PATH_LEASE
    claimed = (
        OutboxMessage.objects.filter(pk=message.pk, sent_at__isnull=True)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lte=now))
        .update(locked_until=lease)
    )
    message.locked_until = lease
    return bool(claimed)


def _task(name: str):
    app = _app()
    if name not in app.tasks:
        # A web process has not necessarily imported every tasks module.
        app.loader.import_default_modules()
    return app.tasks[name]


def _publish(message: OutboxMessage) -> None:
    """Hand the message to the broker: one connection attempt with a short
    timeout, no retry loop (the relay is the retry)."""
    app = _app()
    with app.producer_or_acquire() as producer:
        producer.connection.ensure_connection(
            max_retries=1, interval_start=0, interval_step=0, timeout=PUBLISH_CONNECT_TIMEOUT
        )
        app.send_task(message.task_name, args=message.args, producer=producer, retry=False)


def _mark_sent(message: OutboxMessage) -> None:
    # Not conditional on our claim: once published it is sent, whoever
    # claimed it meanwhile (their publish would be the duplicate anyway).
    OutboxMessage.objects.filter(pk=message.pk, sent_at__isnull=True).update(sent_at=timezone.now(), locked_until=None)


def _mark_failed(message: OutboxMessage, exc: Exception) -> None:
    now = timezone.now()
    attempts = message.attempts + 1
    OutboxMessage.objects.filter(pk=message.pk, sent_at__isnull=True).update(
        attempts=F("attempts") + 1,
        last_error=f"{type(exc).__name__}: {exc}"[:1000],
        next_attempt_at=now + outbox_backoff(attempts=attempts),
        locked_until=None,
    )


def _deliver(message: OutboxMessage) -> bool:
    """Publish one claimed message and record the outcome; True if sent.
    A broker error is recorded (backoff) and pauses this process' fast path;
    it never reaches the caller, whose data is already committed."""
    if _eager():
        # In-process "publish": mark it sent first, so a task that raises
        # (propagated to the caller, as task.delay did) is not run again.
        _mark_sent(message)
        _task(message.task_name).apply_async(args=message.args)
        return True
    try:
        _publish(message)
    except Exception as exc:
        _fast_path_pause()
        logger.warning(
            "Broker unreachable: task %s (outbox %s) left for the relay: %s", message.task_name, message.pk, exc
        )
        _mark_failed(message, exc)
        return False
    _mark_sent(message)
    return True


def _claim_due(*, now: datetime, limit: int) -> list[OutboxMessage]:
    """Claim up to ``limit`` due unsent rows for this relay run. The row
    locks (skip_locked: a concurrent relay takes other rows) are held only
    for this short transaction; the lease keeps the rows ours after it."""
    lease = now + RELAY_LEASE
    with transaction.atomic():
        rows = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(sent_at__isnull=True, next_attempt_at__lte=now)
            .filter(Q(locked_until__isnull=True) | Q(locked_until__lte=now))
            .order_by("next_attempt_at", "pk")[:limit]
        )
        OutboxMessage.objects.filter(pk__in=[row.pk for row in rows]).update(locked_until=lease)
    for row in rows:
        row.locked_until = lease
    return rows


def heartbeat_record(*, name: str, now: datetime | None = None) -> None:
    now = now or timezone.now()
    if not Heartbeat.objects.filter(name=name).update(beat_at=now):
        Heartbeat.objects.get_or_create(name=name, defaults={"beat_at": now})


def outbox_prune(*, now: datetime | None = None) -> int:
    """Delete rows sent more than KEEP_SENT ago (a batch per call)."""
    now = now or timezone.now()
    ids = list(OutboxMessage.objects.filter(sent_at__lt=now - KEEP_SENT).values_list("pk", flat=True)[:PRUNE_BATCH])
    if not ids:
        return 0
    deleted, _ = OutboxMessage.objects.filter(pk__in=ids).delete()
    return deleted


def outbox_relay(*, now: datetime | None = None, limit: int = RELAY_BATCH) -> dict[str, int]:
    """One relay run (the beat task): record the heartbeat, publish due
    unsent messages, prune old sent ones. Must run outside a transaction:
    the claim commits before anything is published. Stops at the first
    broker error; the rest of the batch is released for the next run."""
    now = now or timezone.now()
    heartbeat_record(name=RELAY_HEARTBEAT, now=now)
    claimed = _claim_due(now=now, limit=limit)
    sent = failed = 0
    for index, message in enumerate(claimed):
        try:
            ok = _deliver(message)
        except Exception:
            logger.exception("Outbox task %s (outbox %s) failed in-process", message.task_name, message.pk)
            ok = True
        if ok:
            sent += 1
            continue
        failed += 1
        rest = [m.pk for m in claimed[index + 1 :]]
        OutboxMessage.objects.filter(pk__in=rest, sent_at__isnull=True).update(locked_until=None)
        break
    pruned = outbox_prune(now=now)
    if sent or failed:
        logger.info("Outbox relay: %d sent, %d failed, %d pruned", sent, failed, pruned)
    return {"sent": sent, "failed": failed, "pruned": pruned}
