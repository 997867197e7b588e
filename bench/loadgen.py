"""Run wrk against one URL and read back its summary (bench/wrk/request.lua);
time single requests (the first request after a price change) and read the
page cache's verdict (X-Page-Cache) of one request."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

LUA = Path(__file__).resolve().parent / "wrk" / "request.lua"
# Every request of the benchmark asks for Thai, as bench/wrk/request.lua does.
LANGUAGE = "th"
# The page cache's verdict on a request (shop/common/pagecache.py, issue #18): hit, miss or bypass.
PAGE_CACHE_HEADER = "X-Page-Cache"


@dataclass(frozen=True)
class Load:
    url: str
    seconds: float
    connections: int
    threads: int = 2
    method: str = "GET"
    body: str = ""
    cookie: str = ""


@dataclass(frozen=True)
class Measured:
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p90_ms: float
    p95_ms: float | None  # None in summaries written before wrk reported it
    p99_ms: float
    max_ms: float
    errors: int  # socket errors + non-2xx/3xx answers
    socket_errors: int
    status_errors: int
    bytes: int
    bytes_per_request: int

    def as_dict(self) -> dict:
        return asdict(self)


def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk (Debian/Ubuntu), then run the benchmark again.")
    return path


def measured_from_summary(summary: dict) -> Measured:
    """wrk's done() numbers (microseconds) as requests/s and milliseconds."""
    seconds = summary["duration_us"] / 1e6 or 1e-9
    errors = summary["errors"]
    socket_errors = errors["connect"] + errors["read"] + errors["write"] + errors["timeout"]
    requests = summary["requests"]
    lat = summary["latency_us"]
    return Measured(
        requests=requests,
        seconds=round(seconds, 2),
        rps=round(requests / seconds, 1),
        p50_ms=round(lat["p50"] / 1000, 1),
        p90_ms=round(lat["p90"] / 1000, 1),
        p95_ms=round(lat["p95"] / 1000, 1) if "p95" in lat else None,
        p99_ms=round(lat["p99"] / 1000, 1),
        max_ms=round(lat["max"] / 1000, 1),
        errors=socket_errors + errors["status"],
        socket_errors=socket_errors,
        status_errors=errors["status"],
        bytes=summary["bytes"],
        bytes_per_request=summary["bytes"] // requests if requests else 0,
    )


def prime(load: Load, *, requests: int = 4) -> None:
    """A few sequential requests before any timed load, so every gunicorn
    worker has imported its code and filled its caches (the first request
    of a worker can take seconds; it would otherwise sit inside a 3 s run)."""
    headers = {"Accept-Language": LANGUAGE}
    if load.cookie:
        headers["Cookie"] = load.cookie
    data = load.body.encode() if load.method == "POST" else None
    if data is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    for _ in range(requests):
        request = urllib.request.Request(load.url, data=data, headers=headers, method=load.method)
        try:
            urllib.request.urlopen(request, timeout=120).read()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # the timed run counts errors (HTTP or timeouts); priming only warms up


@dataclass(frozen=True)
class Fetched:
    status: int  # 0: no answer (connection refused, reset, timed out)
    ms: float  # from sending the request to the last byte of the body
    page_cache: str | None  # the X-Page-Cache header (hit, miss, bypass), None when absent
    bytes: int


def fetch(url: str, *, cookie: str = "", timeout: float = 120) -> Fetched:
    """One GET on a fresh connection, timed from the request to the last
    byte; redirects are not followed (wrk does not follow them either)."""
    parts = urlsplit(url)
    headers = {"Accept-Language": LANGUAGE}
    if cookie:
        headers["Cookie"] = cookie
    path = parts.path + ("?" + parts.query if parts.query else "")
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        return Fetched(
            status=response.status,
            ms=round(elapsed, 2),
            page_cache=response.getheader(PAGE_CACHE_HEADER),
            bytes=len(body),
        )
    except (OSError, http.client.HTTPException):
        return Fetched(status=0, ms=round((time.perf_counter() - started) * 1000, 2), page_cache=None, bytes=0)
    finally:
        connection.close()


def run_wrk(load: Load) -> Measured:
    with tempfile.TemporaryDirectory(prefix="otop-wrk-") as tmp:
        out = Path(tmp) / "summary.json"
        env = dict(
            os.environ, BENCH_METHOD=load.method, BENCH_BODY=load.body, BENCH_COOKIE=load.cookie, BENCH_OUT=str(out)
        )
        seconds = max(int(round(load.seconds)), 1)
        cmd = [
            wrk_path(),
            "-t",
            str(min(load.threads, load.connections)),
            "-c",
            str(load.connections),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(LUA),
            load.url,
        ]
        subprocess.run(cmd, env=env, check=True, capture_output=True, text=True, timeout=seconds + 60)
        return measured_from_summary(json.loads(out.read_text()))
