"""Fixtures of the outbox tests: the Celery app switched from eager to a
real broker URL for one test, and a throwaway Redis (redis-server on a free
port, no persistence) the test starts and stops itself, never the shared one."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest

from shop.celery import app as celery_app
from shop.outbox import services


@pytest.fixture(autouse=True)
def _fast_path_closed_breaker():
    # The fast path's pause is per process: one test's broker failure must
    # not make the next test skip its fast path.
    services._fast_path_paused_until = 0.0
    yield
    services._fast_path_paused_until = 0.0


@pytest.fixture
def broker(monkeypatch):
    """``broker(url)``: publish to ``url`` instead of running tasks eagerly.
    Celery lets the CELERY_BROKER_URL environment variable win over its
    configuration, so both are set; the connection pool of the previous URL
    is closed."""
    original = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)

    def forget_connections() -> None:
        # The app's connection and producer pools keep the previous URL's
        # connections (what Celery itself resets after a fork).
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    def use(url: str) -> None:
        monkeypatch.setenv("CELERY_BROKER_URL", url)
        celery_app.conf.broker_url = url
        celery_app.conf.task_always_eager = False
        forget_connections()
        assert celery_app.conf.broker_url == url

    yield use
    forget_connections()
    monkeypatch.undo()
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = original


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayRedis:
    def __init__(self, tmp_path):
        self.port = _free_port()
        self.dir = tmp_path
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=2)

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with self.client() as client:
                    if client.ping():
                        return
            except Exception:
                time.sleep(0.05)
        pytest.fail("the throwaway redis-server did not start within 10 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def throwaway_redis(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = ThrowawayRedis(tmp_path)
    yield server
    server.stop()
