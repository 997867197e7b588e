"""shop.common.cache_backend.FailOpenRedisCache: while Redis is unreachable every
call degrades to what an empty cache would answer, the outage is logged once,
a hung Redis costs one short timeout and is then skipped, and a Redis that
comes back is used again. Against a closed port or a throwaway redis-server
of the test's own (never the machine's shared one)."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import subprocess
import time

import pytest

from shop.common import cache_backend
from shop.common.cache_backend import CacheUnavailable, FailOpenRedisCache, cache_strict

OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}

needs_redis_server = pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def backend(port: int, retry_seconds: float = 5) -> FailOpenRedisCache:
    return FailOpenRedisCache(
        f"redis://127.0.0.1:{port}/0", {"OPTIONS": OPTIONS, "FAIL_OPEN_RETRY_SECONDS": retry_seconds}
    )


class ThrowawayRedis:
    """redis-server on a spare port, no persistence, stopped by the test."""

    def __init__(self):
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> ThrowawayRedis:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            if self.process.poll() is None:
                os.kill(self.process.pid, signal.SIGCONT)  # in case a test paused it
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def pause(self) -> None:
        """A hung Redis: the port accepts connections, nothing answers."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)


@pytest.fixture(autouse=True)
def _fresh_outages(monkeypatch):
    # Outage state is per process and keyed by location; a port the OS hands
    # out again must not inherit an earlier test's outage.
    monkeypatch.setattr(cache_backend, "_outages", {})


@pytest.fixture
def redis_server():
    server = ThrowawayRedis().start()
    yield server
    server.stop()


def test_every_call_answers_as_an_empty_cache_when_redis_is_not_there():
    cache = backend(free_port())

    assert cache.get("k") is None
    assert cache.get("k", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("k") is False
    assert cache.get_or_set("k", lambda: "built") == "built"
    assert cache.add("k", 1) is False  # "not stored": never two winners of an add() guard
    assert cache.set("k", 1) is None
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]  # every key reported as not inserted
    assert cache.touch("k") is False
    assert cache.delete("k") is False
    assert cache.delete_many(["a"]) is None
    assert cache.clear() is False
    with pytest.raises(ValueError):  # a counter's miss, as for a missing key
        cache.incr("k")
    with pytest.raises(ValueError):
        cache.decr("k")


def test_strict_calls_raise_cache_unavailable_instead_of_degrading():
    strict = cache_strict(backend(free_port()))

    for call in (
        lambda: strict.get("k"),
        lambda: strict.add("k", 1),
        lambda: strict.set("k", 1),
        lambda: strict.incr("k"),
        lambda: strict.delete("k"),
        lambda: strict.clear(),
    ):
        with pytest.raises(CacheUnavailable):
            call()


def test_strict_of_a_local_memory_cache_is_the_cache_itself():
    from django.core.cache.backends.locmem import LocMemCache

    local = LocMemCache("strict-test", {})

    assert cache_strict(local) is local


def test_an_outage_is_logged_once_not_once_per_call(caplog):
    cache = backend(free_port(), retry_seconds=0)  # no skipping: every call really fails

    with caplog.at_level(logging.WARNING, logger="shop.common.cache_backend"):
        for _ in range(20):
            cache.get("k")

    assert len(caplog.records) == 1
    assert "Cache unavailable" in caplog.records[0].getMessage()


def test_a_dead_redis_costs_a_fast_miss():
    cache = backend(free_port())
    cache.get("k")  # the failure that opens the outage

    started = time.monotonic()
    for _ in range(1000):
        cache.get("k")

    assert time.monotonic() - started < 0.2  # measured: 0.5 ms for 1000 skipped calls


@needs_redis_server
def test_errors_that_are_not_about_availability_still_raise(redis_server):
    cache = backend(redis_server.port)

    with pytest.raises(Exception) as raised:
        cache.set("k", lambda: None)  # cannot be pickled: a bug, not an outage

    assert not isinstance(raised.value, CacheUnavailable)


@needs_redis_server
def test_a_hung_redis_costs_one_short_timeout_then_is_skipped(redis_server):
    cache = backend(redis_server.port)
    cache.set("k", "v")
    redis_server.pause()
    try:
        started = time.monotonic()
        first = cache.get("k")
        first_seconds = time.monotonic() - started
        started = time.monotonic()
        later = [cache.get("k") for _ in range(50)]
        later_seconds = time.monotonic() - started
    finally:
        redis_server.resume()

    assert first is None and later == [None] * 50
    assert first_seconds < 1.0  # socket_timeout 0.5 s, not redis-py's default of none
    assert later_seconds < 0.1  # skipped for FAIL_OPEN_RETRY_SECONDS, not 50 more timeouts


@needs_redis_server
def test_redis_is_used_again_once_it_comes_back(redis_server, caplog):
    cache = backend(redis_server.port, retry_seconds=0.2)
    port = redis_server.port
    redis_server.stop()
    cache.set("k", "lost")
    assert cache.get("k") is None

    redis_server.port = port
    redis_server.start()
    time.sleep(0.25)  # the retry window
    with caplog.at_level(logging.WARNING, logger="shop.common.cache_backend"):
        cache.set("k", "kept")
        value = cache.get("k")

    assert value == "kept"
    assert any("answers again" in record.getMessage() for record in caplog.records)


@needs_redis_server
def test_a_delete_lost_in_a_blip_is_replayed_before_the_next_read(redis_server, monkeypatch):
    # Redis cut off but keeping its data (a network blip, not a restart):
    # an invalidation must not be lost, or the old value outlives it.
    from django.core.cache.backends.redis import RedisCacheClient
    from redis.exceptions import ConnectionError as RedisConnectionError

    cache = backend(redis_server.port, retry_seconds=0.2)
    cache.set("site-root-paths", "old")
    with monkeypatch.context() as blip:

        def dropped(*args, **kwargs):
            raise RedisConnectionError("Connection reset by peer")

        blip.setattr(RedisCacheClient, "delete", dropped)
        assert cache.delete("site-root-paths") is False
    assert cache.get("site-root-paths") is None  # skipped: still within the retry window
    time.sleep(0.25)

    assert cache.get("site-root-paths") is None  # the lost delete ran first
