"""A worker killed in the middle of a task (kill -9: no warm shutdown, no
chance to re-queue anything) does not lose the task nor run it twice: a new
worker picks the message up again and the effect exists exactly once.

This is what CELERY_TASK_ACKS_LATE buys with the Redis broker: the message
is acknowledged only after the task returns, so the killed worker's message
stays in Redis' "unacked" set and is handed out again once its visibility
timeout has passed. The task here is the real order email task
(shop.order.tasks.send_order_email), stopped half-way by a test-only hook
(tests/integration/tasks/slow_worker.py): its OrderNotification row is
written but not committed when the worker dies, so PostgreSQL rolls it back
and the new worker's run writes the row and sends the email once.

The workers are real `celery -A shop worker --pool solo` processes on the
test database (committed rows: transaction=True) with a 3-second
visibility timeout (tests/integration/tasks/worker_settings.py; production
uses about twice the hard time limit, back within 10 minutes: see
shop/settings/celery.py and tests/unit/shop/test_celery_app.py). Needs PostgreSQL and Redis; skipped
with the reason otherwise (SQLite's test database is in memory, a second
process cannot see it).
"""

from __future__ import annotations

import os
import pathlib
import signal
import subprocess
import sys
import time
import uuid

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REPO = pathlib.Path(__file__).resolve().parents[3]
TASK = "shop.order.tasks.send_order_email"
# Each wait has its own bound. On an idle machine a worker starts in a few
# seconds and the whole test takes about 15 s; the bounds leave room for a
# busy CI runner (starting Django there can take half a minute).
WORKER_START_SECONDS = 40
REDELIVERY_SECONDS = 40


def _database_url() -> str:
    """The test database (pytest-django's test_<name>), for the worker."""
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Workers:
    """Starts `celery -A shop worker` processes and makes sure none outlives
    the test."""

    def __init__(self, *, tmp_path: pathlib.Path, queue: str):
        self.tmp_path = tmp_path
        self.queue = queue
        self.processes: list[subprocess.Popen] = []
        self.emails = tmp_path / "emails"
        self.emails.mkdir()
        self.slow_file = tmp_path / "slow"
        self.started_file = tmp_path / "started"
        self.env = {
            **os.environ,
            "DEBUG": "true",
            "DJANGO_SETTINGS_MODULE": "tests.integration.tasks.worker_settings",
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": settings.TEST_CELERY_BROKER_URL,
            "CONN_MAX_AGE": "0",
            "OTOP_TEST_EMAIL_DIR": str(self.emails),
            "OTOP_TEST_SLOW_FILE": str(self.slow_file),
            "OTOP_TEST_STARTED_FILE": str(self.started_file),
            "PYTHONPATH": str(REPO),
        }

    def start(self, name: str) -> subprocess.Popen:
        log = open(self.tmp_path / f"{name}.log", "wb")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "shop",
                "worker",
                "--pool",
                "solo",
                "--queues",
                self.queue,
                "--hostname",
                f"{name}@%h",
                "--include",
                "tests.integration.tasks.slow_worker",
                "--without-mingle",
                "--without-gossip",
                "--loglevel",
                "INFO",
            ],
            cwd=REPO,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        return process

    def log(self, name: str) -> str:
        path = self.tmp_path / f"{name}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)  # warm shutdown: finish, close connections
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def _wait_for(condition, *, seconds: float, what: str, logs=lambda: "") -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out after {seconds}s waiting for {what}\n{logs()}")


@pytest.fixture
def sender():
    """A non-eager Celery app configured like shop.celery, to put the
    message on the real broker (the test run's own app is eager)."""
    app = Celery("worker-kill-test", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(broker_url=settings.TEST_CELERY_BROKER_URL, task_always_eager=False)
    yield app
    app.close()


@pytest.fixture
def redis_client():
    import redis

    client = redis.Redis.from_url(settings.TEST_CELERY_BROKER_URL)
    yield client
    client.close()


def _unacked(client, queue: str) -> int:
    """Messages of ``queue`` delivered to a worker and not acknowledged yet
    (kombu keeps them in the "unacked" hash: [message, exchange, routing key])."""
    import json

    return sum(1 for raw in client.hvals("unacked") if json.loads(raw)[2] == queue)


def _order():
    from shop.order.models import OrderNotification
    from tests.factories.order import order_place, stocked_product

    order = order_place(lines=[(stocked_product(quantity=3), 1)], email="tourist@example.com")
    # Placing the order may already have sent emails in this (eager) test
    # process; the worker's run is the one under test.
    OrderNotification.objects.filter(order=order).delete()
    return order


def test_a_task_killed_mid_way_completes_exactly_once_on_a_new_worker(tmp_path, sender, redis_client):
    from shop.order.models import OrderNotification

    order = _order()
    queue = f"kill-test-{uuid.uuid4().hex[:8]}"
    workers = Workers(tmp_path=tmp_path, queue=queue)
    notifications = OrderNotification.objects.filter(order=order, event="received")
    try:
        workers.slow_file.write_text("pause")
        first = workers.start("first")
        sender.send_task(TASK, args=[order.pk, "received", ""], queue=queue)

        _wait_for(
            workers.started_file.exists,
            seconds=WORKER_START_SECONDS,
            what="the first worker to start the task",
            logs=lambda: workers.log("first"),
        )
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)

        # Killed half-way: nothing committed, nothing sent, the message kept.
        assert notifications.count() == 0
        assert list(workers.emails.iterdir()) == []
        assert _unacked(redis_client, queue) == 1

        workers.slow_file.unlink()
        workers.start("second")
        _wait_for(
            lambda: notifications.exists() and _unacked(redis_client, queue) == 0,
            seconds=REDELIVERY_SECONDS,
            what="the second worker to run the task again",
            logs=lambda: workers.log("second"),
        )
    finally:
        workers.stop_all()
        redis_client.delete(queue)

    assert notifications.count() == 1
    sent = [path.read_text(errors="replace") for path in workers.emails.iterdir()]
    assert sum(text.count("To: tourist@example.com") for text in sent) == 1
    assert redis_client.llen(queue) == 0  # nothing left to run a third time
    assert "succeeded" in workers.log("second")
