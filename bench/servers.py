"""Start and stop the gunicorn servers under test, all the same way:
same worker count and class, DEBUG off, static files collected for
whitenoise, bound to 127.0.0.1 only."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Target:
    name: str
    settings: str
    port: int

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def collectstatic(*, settings: str, static_root: str, env: dict) -> None:
    code = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('collectstatic', interactive=False, verbosity=0)"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        check=True,
        env=dict(env, DJANGO_SETTINGS_MODULE=settings, BENCH_STATIC_ROOT=static_root),
    )


def _wait_ready(url: str, process: subprocess.Popen, timeout: float = 300) -> None:
    """Until the server answers. A worker's first request imports and warms
    everything (tens of seconds on a busy machine): each try waits for its
    answer instead of piling new requests behind it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn for {url} exited with status {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=120)
            return
        except urllib.error.HTTPError:
            return  # any HTTP answer means the server is up
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer on {url} within {timeout:.0f} s")


@contextmanager
def serving(
    targets: list[Target],
    *,
    env: dict,
    workers: int,
    worker_class: str,
    static_roots: dict[str, str],
    log_dir: Path | None = None,
):
    """Run one gunicorn per target until the block ends; the block gets the
    masters' pids by target name. Server logs (the tracebacks of pages that
    fail under load) go to <log_dir>/<target>.log."""
    processes: list[subprocess.Popen] = []
    logs = []
    try:
        for target in targets:
            target_env = dict(
                env, DJANGO_SETTINGS_MODULE=target.settings, BENCH_STATIC_ROOT=static_roots.get(target.name, "")
            )
            cmd = [
                sys.executable,
                "-m",
                "gunicorn",
                "bench.wsgi:application",
                "--workers",
                str(workers),
                "--worker-class",
                worker_class,
                "--bind",
                f"127.0.0.1:{target.port}",
                "--log-level",
                "warning",
                "--timeout",
                "120",
            ]
            log = open(Path(log_dir) / f"{target.name}.log", "ab") if log_dir else None
            logs.append(log)
            # Own process group, so stopping it stops its workers and nothing else.
            processes.append(
                subprocess.Popen(cmd, cwd=ROOT, env=target_env, start_new_session=True, stdout=log, stderr=log)
            )
        for target, process in zip(targets, processes, strict=True):
            _wait_ready(target.base_url + "/", process)
        # The gunicorn masters' pids by target: their children are the workers.
        yield {target.name: process.pid for target, process in zip(targets, processes, strict=True)}
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        for log in logs:
            if log:
                log.close()
