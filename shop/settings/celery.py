"""Celery: the broker, how tasks run, and the whole beat schedule."""

from celery.schedules import crontab

from .base import TIME_ZONE, env

# No broker configured means the embedded default: tasks run in-process, at
# once. Either way callers send tasks after a commit with
# shop.outbox.services.outbox_send (the transactional outbox, see shop/celery.py)
# so a task never sees data that was rolled back, and is never lost when the
# broker is down at commit.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Acknowledge after the task ran, and re-queue if the worker dies mid-task:
# every task is written to be safe to run twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TIMEZONE = TIME_ZONE
# Redis visibility timeout: a message a worker took and did not acknowledge
# (acks late) is handed out again after this long. It must exceed the longest
# a worker may legitimately hold a message: a run, which the hard time limit
# caps (no task of ours overrides it, so a report export or a product import
# that needs longer is killed and fails rather than running on: they must
# finish within CELERY_TASK_TIME_LIMIT), plus a retry countdown (autoretry
# backoff: at most 2**7 s). Below that, a long task would be handed to a
# second worker while the first still runs. Above it, the message of a worker
# killed mid-task (OOM, kill -9, a lost host; a warm shutdown re-queues at
# once) waits longer: it was an hour until issue 17. About twice the hard
# limit, less the restore scan period, so at the default 300 s it is back
# within 10 minutes: 600 - 2*10 = 580 s, then found by the next scan (every
# 10 s: unacked_restore_interval x unacked_restore_throttle).
# tests/integration/shop/test_worker_kill.py proves the redelivery with 3 s.
_UNACKED_RESTORE_INTERVAL = 10
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 2 * CELERY_TASK_TIME_LIMIT - 2 * _UNACKED_RESTORE_INTERVAL,
    "unacked_restore_interval": _UNACKED_RESTORE_INTERVAL,
    "unacked_restore_throttle": 1,
    # A dead or hung broker costs a publish seconds, not forever: the
    # outbox's fast path runs in web requests (shop/outbox/services.py).
    # socket_timeout stays above the 1 s BRPOP poll of the workers.
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}

# --- Beat: every periodic task of every app ------------------------------------
# Keys are the schedule's names, "task" the registered task names (never
# renamed: a running beat and messages in flight name them). Times are Bangkok's.
CELERY_BEAT_SCHEDULE = {
    # The transactional outbox's relay (shop/outbox/services.py): publishes
    # what the broker did not take at commit, and is the worker heartbeat of
    # /healthz/status/. expires: runs missed while no worker ran are dropped,
    # not piled up.
    "outbox-relay": {"task": "shop.outbox.tasks.outbox_relay", "schedule": 15.0, "options": {"expires": 15}},
    # --- Inventory (docs/inventory.md)
    # Stock held for a payment that did not come back is released
    # (INVENTORY_RESERVATION_MINUTES).
    "inventory-release-expired-reservations": {
        "task": "inventory.tasks.release_expired_reservations",
        "schedule": 60.0,
    },
    # The nightly ledger/cache check; differences are emailed to INVENTORY_ALERT_EMAILS.
    "inventory-check-stock-ledger": {
        "task": "inventory.tasks.check_stock_ledger",
        "schedule": crontab(hour=2, minute=30),
    },
    # --- Producers (catalog/)
    # Expiring certifications, to the producers and PRODUCERS_OFFICE_EMAILS.
    "catalog-warn-expiring-certifications": {
        "task": "catalog.tasks.warn_expiring_certifications",
        "schedule": crontab(hour=7, minute=0),
    },
    # Photos whose renditions were never built (worker down at upload).
    "catalog-build-missing-renditions": {
        "task": "catalog.tasks.build_missing_product_image_renditions",
        "schedule": crontab(minute="*/10"),
    },
    # Daily low-stock / expiring-lot digest to center staff and affected producers.
    "inventory-alert-digest": {
        "task": "inventory.tasks.send_alert_digest",
        "schedule": crontab(hour=7, minute=30),
    },
    # --- Payments and orders (docs/payments.md)
    # Every minute: PromptPay QRs and card stock holds that ran out cancel
    # their PaymentIntent and release their stock.
    "payment-expire-promptpay-qr": {
        "task": "shop.payment.tasks.payment_attempts_expire",
        "schedule": 60.0,
    },
    # Every minute: failed Stripe events are retried with backoff, and refunds
    # of payments that could not become an order, still owed after 10
    # minutes, are queued again (shop.payment.services.attempts_refund_retry_due).
    "payment-events-retry": {
        "task": "shop.payment.tasks.payment_events_retry",
        "schedule": 60.0,
    },
    # Every 5 minutes: paid orders of the last 2 days still missing their
    # "received" or "paid" email 10 minutes after payment get it queued again
    # (shop.order.services.order_emails_missing_send; each email is sent once).
    "order-emails-sweep": {
        "task": "shop.order.tasks.order_emails_sweep",
        "schedule": 300.0,
        "options": {"expires": 300},
    },
    # --- Reports (docs/reports.md)
    # Settlements for the month just ended are drafted for every producer on
    # the first of the month at 01:15.
    "reports-settlements-generate": {
        "task": "shop.reports.tasks.settlements_generate_for_last_month",
        "schedule": crontab(day_of_month=1, hour=1, minute=15),
    },
}
