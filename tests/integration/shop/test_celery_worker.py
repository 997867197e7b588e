"""A task goes through the real broker to a real worker and its result comes
back. Runs when CELERY_BROKER_URL is set (CI sets it to Redis); otherwise the
conftest hook skips it with that reason."""

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from shop.celery import app as shop_app
from shop.tasks import ping

pytestmark = pytest.mark.celery_worker


@pytest.fixture
def worker_app():
    """A Celery app configured exactly like shop.celery's (same CELERY_
    settings), but not eager and with a result backend so the test can read
    the result. A separate app leaves the shared one's cached connection pool
    and backend alone; start_worker makes it the current app, so the
    `shop.tasks.ping` shared task is sent through it."""
    url = settings.TEST_CELERY_BROKER_URL
    app = Celery("shop-worker-test", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(
        broker_url=url,
        result_backend=url,
        task_always_eager=False,
        # The embedded worker must not take over the test run's logging.
        worker_hijack_root_logger=False,
    )
    # Tasks left in the queue by an interrupted earlier run are dropped.
    app.control.purge()
    yield app
    shop_app.set_current()
    shop_app.set_default()
    app.close()


def test_ping_travels_through_the_broker_to_a_worker_and_back(worker_app):
    with start_worker(worker_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        result = ping.delay()

        assert result.get(timeout=20) == "pong"
    # Not eager: the result came from the worker, by way of the backend.
    assert type(result).__name__ == "AsyncResult"
    assert result.backend.__class__.__name__ == "RedisBackend"
