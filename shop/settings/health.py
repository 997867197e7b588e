"""Health (shop/health.py, docs/operations.md): /healthz/live/ (the process
answers) and /healthz/ready/ = /healthz/ (the database answers) are public,
for load balancers. /healthz/status/ is for monitoring and shows no secrets,
only states, counts and ages."""

from .base import env

# Who may read /healthz/status/: staff users, or a request carrying
# "Authorization: Bearer <HEALTH_STATUS_TOKEN>" (empty: staff only).
HEALTH_STATUS_TOKEN = env.str("HEALTH_STATUS_TOKEN", default="")
# The status page's alerts: no outbox relay run (the worker heartbeat) for
# this long; an unsent outbox message this old; a Stripe event unprocessed
# this long (the retry sweep takes lost ones after 5 minutes).
HEALTH_WORKER_STALE_SECONDS = env.int("HEALTH_WORKER_STALE_SECONDS", default=120)
HEALTH_OUTBOX_ALERT_SECONDS = env.int("HEALTH_OUTBOX_ALERT_SECONDS", default=300)
HEALTH_STRIPE_EVENT_ALERT_SECONDS = env.int("HEALTH_STRIPE_EVENT_ALERT_SECONDS", default=900)
