"""The pieces a fault drill is made of: throwaway Redis and PostgreSQL
servers, the production set-up (gunicorn, Celery worker and beat) started on
them, a fake Stripe that can hold a request, HTTP buyers and browsers, and
the tally of what a drill left behind (orders, payments, emails, events).

Every process is started in a process group of its own and every folder is
temporary: ``close()`` (called by the fixtures' finalizers, even when a drill
fails) kills the groups and removes the folders. Nothing here touches the
machine's shared Redis or PostgreSQL, except pytest-django's test database
that the first three drills serve from.
"""

from __future__ import annotations

import contextlib
import email
import email.header
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import requests

from tests.fakestripe.server import FakeStripe, _Handler

REPO = Path(__file__).resolve().parents[3]
SETTINGS = "tests.integration.faults.drill_settings"
STRIPE_SECRET_KEY = "sk_test_fake_otop_drill"
STRIPE_WEBHOOK_SECRET = "whsec_fake_otop_drill"
WEBHOOK_PATH = "/payments/stripe/webhook/"

# --- small tools ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition: Callable[[], object], *, seconds: float, interval: float = 0.2) -> float | None:
    """Seconds it took ``condition`` to become true, or None after ``seconds``."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if condition():
            return time.monotonic() - start
        time.sleep(interval)
    return None


def postgres_bin(name: str) -> str | None:
    """initdb, pg_ctl...: /usr/local/bin first, then Debian's versioned folders."""
    candidates = [Path("/usr/local/bin") / name]
    candidates += sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    for path in candidates:
        if path.exists():
            return str(path)
    return shutil.which(name)


def _kill_group(process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


def _stop_group(process: subprocess.Popen, *, grace: float = 15) -> None:
    """SIGTERM the process group, SIGKILL it if it is still there after ``grace``."""
    if process.poll() is None:
        _kill_group(process, signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
    # Also the group's other members (gunicorn or prefork children left behind).
    _kill_group(process, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


def _tail(path: Path, size: int = 4000) -> str:
    return path.read_text(errors="replace")[-size:] if path.exists() else ""


def children_of(pid: int) -> list[int]:
    """Live child processes of ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z" and int(fields[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def pid_with_connection(*, local_port: int, remote_port: int, among: list[int]) -> int | None:
    """The process among ``among`` that owns the TCP socket 127.0.0.1:local_port
    -> :remote_port (its inode in /proc/net/tcp, then the process's fds)."""
    inode = None
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                parts = line.split()
                local, remote = parts[1], parts[2]
                if int(local.rsplit(":", 1)[1], 16) == local_port and int(remote.rsplit(":", 1)[1], 16) == remote_port:
                    inode = parts[9]
    if inode is None:
        return None
    target = f"socket:[{inode}]"
    for pid in among:
        with contextlib.suppress(OSError):
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                with contextlib.suppress(OSError):
                    if os.readlink(fd) == target:
                        return pid
    return None


# --- Redis ------------------------------------------------------------------------------------


class RedisServer:
    """A private redis-server on a spare port, persisting to an append-only
    file in its own folder (what docs/operations.md asks of the broker), so
    a stop and start keeps the queued messages, as a restarted production
    Redis would."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def url(self, db: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> RedisServer:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                "--dir", str(self.folder), "--appendonly", "yes", "--appendfsync", "always", "--save", "",
                "--protected-mode", "no", "--logfile", str(self.folder / "redis.log"),
            ],
            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        if wait_until(self.ping, seconds=20) is None:
            raise RuntimeError(f"redis-server did not start on {self.port}: {_tail(self.folder / 'redis.log')}")
        return self

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        """As `systemctl stop redis` does: SIGTERM, Redis flushes and exits."""
        if self.process is not None:
            _stop_group(self.process, grace=10)
            self.process = None

    def close(self) -> None:
        self.stop()


# --- PostgreSQL -------------------------------------------------------------------------------


class PostgresCluster:
    """A private PostgreSQL cluster (initdb in a temporary folder) on a spare
    port. As root the server runs as the `postgres` user (PostgreSQL refuses
    root) in a folder that user owns."""

    def __init__(self):
        self.initdb = postgres_bin("initdb")
        self.pg_ctl = postgres_bin("pg_ctl")
        self.folder = Path(tempfile.mkdtemp(prefix="otop-faults-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.folder, user="postgres", group="postgres")

    def _run(self, command: list[str], **kwargs) -> subprocess.CompletedProcess:
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120, **kwargs)

    def url(self, name: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def init(self) -> PostgresCluster:
        self._run([self.initdb, "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync",
                   "--locale=C.UTF-8"])  # fmt: skip
        return self

    def start(self) -> float:
        """Start and wait until it accepts connections; returns the time it did."""
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.folder} "
            "-c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=60"
        )
        self._run([self.pg_ctl, "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "-t", "60",
                   "-o", options, "start"])  # fmt: skip
        return time.monotonic()

    def stop(self, *, mode: str = "immediate") -> None:
        """``immediate``: every backend is killed at once, like a crash."""
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run([self.pg_ctl, "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop"])

    def create_from(self, *, name: str, source_url: str) -> str:
        """A database ``name`` holding a copy of ``source_url`` (pg_dump | psql:
        seconds, where migrating takes minutes). Returns its URL."""
        subprocess.run(["psql", "-q", self.url(), "-c", f'CREATE DATABASE "{name}"'], check=True,
                       capture_output=True, timeout=60)  # fmt: skip
        dump = subprocess.Popen(["pg_dump", "--no-owner", "--no-privileges", source_url], stdout=subprocess.PIPE)
        load = subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", self.url(name)], stdin=dump.stdout,
                              capture_output=True, timeout=300)  # fmt: skip
        dump.stdout.close()
        if dump.wait(timeout=60) != 0 or load.returncode != 0:
            raise RuntimeError(f"copying the test database failed: {load.stderr.decode(errors='replace')[-2000:]}")
        return self.url(name)

    def log(self) -> str:
        return _tail(self.folder / "server.log")

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


# --- Stripe -----------------------------------------------------------------------------------


class DrillStripe(FakeStripe):
    """The fake Stripe (tests/fakestripe) with one more control: hold the next
    PaymentIntent create until released, and tell from which local port the
    shop's request came (to find the web worker that sent it)."""

    def __init__(self):
        super().__init__(secret_key=STRIPE_SECRET_KEY, webhook_secret=STRIPE_WEBHOOK_SECRET)
        self._local = threading.local()
        self._holds = 0
        self.held = threading.Event()
        self.release = threading.Event()
        self.held_from_port: int | None = None

    def start(self, host: str = "127.0.0.1", port: int = 0) -> DrillStripe:
        from http.server import ThreadingHTTPServer

        fake = self

        class Handler(_Handler):
            stripe = fake

            def _serve(self, method):
                fake._local.port = self.client_address[1]
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    super()._serve(method)

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def hold_next_create(self) -> None:
        self._holds = 1
        self.held.clear()
        self.release.clear()

    def handle(self, method, path, params, headers):
        if method == "POST" and path == "/v1/payment_intents" and self._holds:
            self._holds -= 1
            self.held_from_port = getattr(self._local, "port", None)
            self.held.set()
            self.release.wait(60)
        return super().handle(method, path, params, headers)

    def intents_for(self, order_number: str) -> list[dict]:
        return [pi for pi in self.payment_intents.values() if pi["metadata"].get("order_number") == order_number]


# --- The production set-up --------------------------------------------------------------------


class Stack:
    """gunicorn (``web_workers`` workers), a Celery worker and Celery beat, as
    `make serve` runs them (DEBUG off), on ``database_url`` and a private
    Redis (database 0 the broker, 1 the cache), paying through ``stripe``.
    Emails are written as files into ``mail_dir``."""

    def __init__(self, *, folder: Path, database_url: str, redis: RedisServer, stripe: DrillStripe,
                 static_root: Path, web_workers: int = 2, visibility_timeout: int = 8):  # fmt: skip
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.web_workers = web_workers
        self.mail_dir = folder / "mail"
        self.mail_dir.mkdir(exist_ok=True)
        self.slow_file = folder / "slow-order-emails"
        self.started_file = folder / "slow-order-email-started"
        self.processes: dict[str, subprocess.Popen] = {}
        self._logs: list = []
        keep = {
            key: value for key, value in os.environ.items()
            if key not in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND",
                           "DJANGO_SETTINGS_MODULE", "DEBUG", "EMAIL_URL", "EMAIL_BACKEND", "SITE_URL")
            and not key.startswith(("STRIPE_", "OTOP_", "PYTEST"))
        }  # fmt: skip
        self.env = {
            **keep,
            "DJANGO_SETTINGS_MODULE": SETTINGS, "PYTHONPATH": str(REPO), "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(40), "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": self.base, "SECURE_SSL_REDIRECT": "false", "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false", "SECURE_HSTS_SECONDS": "0",
            "DATABASE_URL": database_url, "CELERY_BROKER_URL": redis.url(0), "REDIS_URL": redis.url(1),
            "STRIPE_API_BASE": stripe.url, "STRIPE_SECRET_KEY": STRIPE_SECRET_KEY,
            "STRIPE_PUBLISHABLE_KEY": "pk_test_fake_otop_drill", "STRIPE_WEBHOOK_SECRET": STRIPE_WEBHOOK_SECRET,
            "EMAIL_URL": f"filemail:///{self.mail_dir}", "MEDIA_ROOT": str(folder / "media"),
            "OTOP_DRILL_STATIC_ROOT": str(static_root), "OTOP_DRILL_VISIBILITY_TIMEOUT": str(visibility_timeout),
            "OTOP_DRILL_BEAT_SCHEDULE": str(folder / "celerybeat-schedule"),
            # tests/integration/tasks/slow_worker.py: order emails pause while this file exists.
            "OTOP_TEST_SLOW_FILE": str(self.slow_file), "OTOP_TEST_STARTED_FILE": str(self.started_file),
        }  # fmt: skip

    # processes
    def _spawn(self, name: str, command: list[str]) -> subprocess.Popen:
        log = open(self.folder / f"{name}.log", "ab")
        self._logs.append(log)
        process = subprocess.Popen(command, cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)  # fmt: skip
        self.processes[name] = process
        return process

    def start_web(self) -> subprocess.Popen:
        return self._spawn("web", [
            sys.executable, "-m", "gunicorn", "shop.wsgi", "--workers", str(self.web_workers),
            "--bind", f"127.0.0.1:{self.port}", "--access-logfile", "-", "--timeout", "30",
        ])  # fmt: skip

    def start_worker(self, name: str = "worker") -> subprocess.Popen:
        return self._spawn(name, [
            sys.executable, "-m", "celery", "-A", "shop", "worker", "--loglevel", "INFO", "--concurrency", "2",
            "--hostname", f"{name}-{self.port}@%h", "--include", "tests.integration.tasks.slow_worker",
        ])  # fmt: skip

    def start_beat(self) -> subprocess.Popen:
        return self._spawn("beat", [
            sys.executable, "-m", "celery", "-A", "shop", "beat", "--loglevel", "INFO",
            "--schedule", str(self.folder / "celerybeat-schedule"),
        ])  # fmt: skip

    def start(self) -> Stack:
        self.start_web()
        self.start_worker()
        self.start_beat()
        self.wait_web()
        self.wait_worker("worker")
        return self

    def wait_web(self, seconds: float = 180) -> None:
        def answers() -> bool:
            if self.processes["web"].poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log('web')}")
            try:
                requests.get(self.base + "/en/", timeout=60)
                return True
            except requests.RequestException:
                return False

        if wait_until(answers, seconds=seconds, interval=0.5) is None:
            raise RuntimeError(f"gunicorn did not answer within {seconds}s:\n{self.log('web')}")

    def wait_worker(self, name: str, seconds: float = 180) -> None:
        def ready() -> bool:
            if self.processes[name].poll() is not None:
                raise RuntimeError(f"celery worker {name} exited:\n{self.log(name)}")
            return " ready." in self.log(name, size=20000)

        if wait_until(ready, seconds=seconds, interval=0.5) is None:
            raise RuntimeError(f"celery worker {name} not ready within {seconds}s:\n{self.log(name)}")

    def web_worker_pids(self) -> list[int]:
        return children_of(self.processes["web"].pid)

    def kill(self, name: str) -> None:
        """SIGKILL the whole process group: no warm shutdown, nothing re-queued."""
        _kill_group(self.processes[name], signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.processes[name].wait(timeout=10)

    def log(self, name: str, size: int = 4000) -> str:
        return _tail(self.folder / f"{name}.log", size)

    def logs(self) -> str:
        return "\n".join(f"--- {name}.log ---\n{self.log(name, 2500)}" for name in self.processes)

    def close(self) -> None:
        for process in self.processes.values():
            _stop_group(process)
        for log in self._logs:
            log.close()

    # mail
    def emails(self) -> list[email.message.Message]:
        """Every email the stack sent (the file backend appends messages,
        separated by a line of 79 dashes)."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.log")):
            for chunk in path.read_bytes().split(b"-" * 79 + b"\n"):
                if chunk.strip():
                    messages.append(email.message_from_bytes(chunk))
        return messages


def subject_of(message: email.message.Message) -> str:
    return "".join(
        part.decode(charset or "utf-8") if isinstance(part, bytes) else part
        for part, charset in email.header.decode_header(message.get("Subject", ""))
    )


# --- Traffic ----------------------------------------------------------------------------------


@dataclass
class Traffic:
    """Every request the drill's clients made: (seconds since start when
    the answer arrived, who, path, status (0 for a dropped connection or a
    timeout), seconds since start when the request was sent)."""

    started: float = field(default_factory=time.monotonic)
    records: list[tuple[float, str, str, int, float]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, who: str, path: str, status: int, *, sent: float | None = None) -> None:
        now = time.monotonic() - self.started
        with self._lock:
            self.records.append((now, who, path, status, now if sent is None else sent))

    def count(self, *, since: float = 0.0, until: float = float("inf"), who: str = "") -> int:
        return sum(1 for t, w, *_rest in self.records if since <= t < until and w.startswith(who))

    def failures(self, *, since: float = 0.0, until: float = float("inf"), who: str = "") -> list[tuple]:
        """Answers that are not a page: 5xx, or no answer at all."""
        return [
            r for r in self.records if since <= r[0] < until and r[1].startswith(who) and (r[3] >= 500 or r[3] == 0)
        ]

    def now(self) -> float:
        return time.monotonic() - self.started


class Client:
    """A person with a browser's cookie jar, speaking plain HTTP to the stack."""

    def __init__(self, *, base: str, who: str, traffic: Traffic):
        self.base = base
        self.who = who
        self.traffic = traffic
        self.http = requests.Session()
        self.http.headers["Accept-Language"] = "en"

    def request(self, method: str, path: str, *, data: dict | None = None, follow: bool = False,
                timeout: float = 20) -> requests.Response | None:  # fmt: skip
        """The answer, or None when the connection dropped or timed out
        (recorded as status 0)."""
        url = path if path.startswith("http") else self.base + path
        headers = {}
        if method == "POST":
            token = self.http.cookies.get("csrftoken", "")
            data = {**(data or {}), "csrfmiddlewaretoken": token}
            headers = {"X-CSRFToken": token, "Referer": self.base + "/"}
        sent = self.traffic.now()
        try:
            response = self.http.request(method, url, data=data, headers=headers, allow_redirects=follow,
                                         timeout=timeout)  # fmt: skip
        except requests.RequestException:
            self.traffic.add(self.who, path, 0, sent=sent)
            return None
        for step in [*response.history, response]:
            self.traffic.add(self.who, step.request.path_url, step.status_code, sent=sent)
        return response

    def get(self, path: str, **kwargs) -> requests.Response | None:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict | None = None, **kwargs) -> requests.Response | None:
        return self.request("POST", path, data=data, **kwargs)


class Browsers:
    """``count`` visitors reading storefront pages in a loop until stopped."""

    def __init__(self, *, base: str, pages: list[str], traffic: Traffic, count: int = 2, pause: float = 0.3):
        self.clients = [Client(base=base, who=f"browser{i}", traffic=traffic) for i in range(count)]
        self.pages = pages
        self.pause = pause
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def _run(self, client: Client, offset: int) -> None:
        i = offset
        while not self._stop.is_set():
            client.get(self.pages[i % len(self.pages)], timeout=15)
            i += 1
            self._stop.wait(self.pause)

    def __enter__(self) -> Browsers:
        for i, client in enumerate(self.clients):
            thread = threading.Thread(target=self._run, args=(client, i), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)


@dataclass
class Urls:
    """The storefront's paths, reversed by the test process (English)."""

    product: str
    product_pk: int
    pages: list[str]
    basket_add: str
    checkout: str
    shipping_address: str
    shipping_method: str
    payment_method: str
    preview: str

    @classmethod
    def for_product(cls, product, *, search: str) -> Urls:
        from django.urls import reverse
        from django.utils import translation

        with translation.override("en"):
            product_path = product.get_absolute_url()
            return cls(
                product=product_path, product_pk=product.pk,
                pages=["/", "/en/", reverse("catalogue:index"), product_path, f"{reverse('search:search')}?q={search}",
                       reverse("basket:summary")],
                basket_add=reverse("basket:add", kwargs={"pk": product.pk}), checkout=reverse("checkout:index"),
                shipping_address=reverse("checkout:shipping-address"),
                shipping_method=reverse("checkout:shipping-method"),
                payment_method=reverse("checkout:payment-method"), preview=reverse("checkout:preview"),
            )  # fmt: skip


class StepFailed(AssertionError):
    pass


class Buyer(Client):
    """A guest who buys one unit by card: basket, guest details, pickup at
    the center, card, preview, "Pay", then pays on Stripe's side (the fake
    confirms the PaymentIntent and sends the signed webhook)."""

    def __init__(self, *, base: str, who: str, traffic: Traffic, urls: Urls, stripe: DrillStripe):
        super().__init__(base=base, who=who, traffic=traffic)
        self.urls = urls
        self.stripe = stripe
        self.email = f"{who}.{secrets.token_hex(3)}@example.com"
        self.pay_path = ""
        self.payment_intent = ""
        self.order_number = ""
        self.webhooks: list[tuple[dict, int]] = []  # (event, status of each delivery)

    def _expect(self, response, *, status: tuple[int, ...], step: str) -> requests.Response:
        if response is None or response.status_code not in status:
            got = "no answer" if response is None else f"{response.status_code} {response.headers.get('Location', '')}"
            raise StepFailed(f"{self.who}: {step}: expected {status}, got {got}")
        return response

    def to_preview(self) -> None:
        self._expect(self.get(self.urls.product), status=(200,), step="product page")
        self._expect(self.post(self.urls.basket_add, {"quantity": 1}), status=(302,), step="add to basket")
        self._expect(self.post(self.urls.checkout, {"username": self.email, "options": "anonymous"}),
                     status=(302,), step="checkout as guest")  # fmt: skip
        address = {"first_name": "Anna", "last_name": "Berg", "phone_number": "+46701234567", "country": "TH",
                   "pickup_only": "on"}  # fmt: skip
        self._expect(self.post(self.urls.shipping_address, address), status=(302,), step="pickup address")
        self._expect(self.get(self.urls.shipping_method), status=(200, 302), step="shipping method")
        self._expect(self.post(self.urls.payment_method, {"method": "card"}), status=(302,), step="payment method")
        self._expect(self.get(self.urls.preview), status=(200,), step="preview")

    def press_pay(self, *, timeout: float = 30) -> str:
        """Returns the payment page's path."""
        response = self._expect(self.post(self.urls.preview, {"action": "place_order"}, timeout=timeout),
                                status=(302,), step='"Pay"')  # fmt: skip
        return self._on_payment_page(response.headers["Location"], step='"Pay"')

    def _on_payment_page(self, location: str, *, step: str) -> str:
        path = location.replace(self.base, "")
        if "/pay/" not in path:
            raise StepFailed(f"{self.who}: {step} led to {path}, not to a payment page")
        self.pay_path = path
        page = self._expect(self.get(path), status=(200,), step="payment page")
        found = re.search(r'data-client-secret="(pi_\w+?)_secret_', page.text)
        if not found:
            raise StepFailed(f"{self.who}: the payment page has no PaymentIntent client secret")
        self.payment_intent = found.group(1)
        self.order_number = self.stripe.payment_intent(self.payment_intent)["metadata"].get("order_number", "")
        return path

    def resume(self) -> str:
        """After a dropped "Pay": reload the preview, as a buyer would, and
        press "Pay" again if the preview is shown. Returns the payment page."""
        response = self.get(self.urls.preview)
        if response is not None and response.status_code in (301, 302) and "/pay/" in response.headers["Location"]:
            return self._on_payment_page(response.headers["Location"], step="reloading the preview")
        if response is None or response.status_code != 200:
            got = "no answer" if response is None else f"{response.status_code} {response.headers.get('Location', '')}"
            raise StepFailed(f'{self.who}: reloading the preview after the dropped "Pay": {got}')
        return self.press_pay()

    def pay_at_stripe(self) -> dict:
        """The card is charged; Stripe sends the signed webhook (once; see
        ``redeliver_failed`` for Stripe's retries)."""
        event = self.stripe.succeed(self.payment_intent)
        self.webhooks.append((event, self.stripe.deliver(event, url=self.base + WEBHOOK_PATH)))
        return event

    def redeliver_failed(self) -> None:
        """Stripe retries a webhook that did not get a 2xx."""
        for i, (event, status) in enumerate(self.webhooks):
            if not 200 <= status < 300:
                self.webhooks[i] = (event, self.stripe.deliver(event, url=self.base + WEBHOOK_PATH))

    def come_back(self) -> requests.Response | None:
        """Back from Stripe: the return page leads to the thank-you page."""
        return self.get(self.pay_path.rstrip("/") + "/return/", follow=True)

    def thanked(self) -> bool:
        response = self.come_back()
        return bool(response is not None and response.status_code == 200 and "/thank-you/" in response.url
                    and self.order_number and self.order_number in response.text)  # fmt: skip


# --- What the drill left behind ---------------------------------------------------------------


@dataclass
class Tally:
    """Orders, payments, emails and Stripe events of the drill's buyers, read
    from the database the stack served from and from its mail folder."""

    paid: int  # PaymentIntents the fake Stripe charged
    orders: int
    payments: int  # Debit transactions
    emails: int
    emails_expected: int
    emails_lost: int
    emails_doubled: int
    events: int  # webhook events delivered
    events_lost: int  # delivered, not processed
    orders_lost: int
    doubled: int  # orders or payments beyond one per charge

    @property
    def lost(self) -> int:
        return self.emails_lost + self.events_lost + self.orders_lost

    @property
    def all_doubled(self) -> int:
        return self.emails_doubled + self.doubled

    @property
    def settled(self) -> bool:
        return self.lost == 0


# A card order placed and paid gets these two emails (shop/order/emails.py).
EMAILS_PER_PAID_ORDER = ("received", "paid")


def tally(*, database_url: str, buyers: list[Buyer], stack: Stack, stripe: DrillStripe) -> Tally:
    import psycopg

    charged = [
        b for b in buyers if b.payment_intent and stripe.payment_intent(b.payment_intent)["status"] == "succeeded"
    ]
    numbers = [b.order_number for b in charged]
    event_ids = [event["id"] for b in buyers for event, _status in b.webhooks]
    with psycopg.connect(database_url, connect_timeout=5) as conn:
        orders = Counter(
            number for (number,) in conn.execute("SELECT number FROM order_order WHERE number = ANY(%s)", [numbers])
        )
        payments = Counter(
            number for (number,) in conn.execute(
                "SELECT o.number FROM payment_transaction t JOIN payment_source s ON s.id = t.source_id "
                "JOIN order_order o ON o.id = s.order_id WHERE o.number = ANY(%s) AND t.txn_type = 'Debit'",
                [numbers],
            )
        )  # fmt: skip
        processed = {
            event_id for (event_id,) in conn.execute(
                "SELECT event_id FROM payment_stripeevent WHERE event_id = ANY(%s) AND processed_at IS NOT NULL",
                [event_ids],
            )
        }  # fmt: skip
    sent = Counter()
    for message in stack.emails():
        subject = subject_of(message)
        for number in numbers:
            if number in subject:
                sent[(number, subject)] += 1
    distinct_per_order = Counter(number for number, _subject in sent)
    expected = len(EMAILS_PER_PAID_ORDER) * len(numbers)
    return Tally(
        paid=len(charged), orders=sum(orders.values()), payments=sum(payments.values()),
        emails=sum(sent.values()), emails_expected=expected,
        emails_lost=sum(max(0, len(EMAILS_PER_PAID_ORDER) - distinct_per_order[n]) for n in numbers),
        emails_doubled=sum(count - 1 for count in sent.values()),
        events=len(set(event_ids)), events_lost=len(set(event_ids) - processed),
        orders_lost=sum(1 for n in numbers if orders[n] == 0),
        doubled=sum(max(0, orders[n] - 1) + max(0, payments[n] - 1) for n in numbers),
    )  # fmt: skip


class Checks:
    """Soft assertions: a drill records every check so its numbers and every
    broken promise are reported together, then fails once at the end."""

    def __init__(self, drill: str):
        self.drill = drill
        self.failed: list[str] = []

    def check(self, ok: bool, what: str) -> bool:
        if not ok:
            self.failed.append(what)
        return ok

    def done(self, logs: Callable[[], str] = lambda: "") -> None:
        if self.failed:
            raise AssertionError(f"{self.drill}:\n- " + "\n- ".join(self.failed) + "\n" + logs())


# --- The test database ------------------------------------------------------------------------


def test_database_url() -> str:
    """pytest-django's test database, for the servers a drill starts."""
    from django.db import connection

    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


test_database_url.__test__ = False  # a helper, not a test


def stock_of(database_url: str, product_pk: int) -> tuple[int, int]:
    """(on hand, reserved) of a product over every location (inventory's
    StockBalance rows)."""
    import psycopg

    with psycopg.connect(database_url, connect_timeout=5) as conn:
        on_hand, reserved = conn.execute(
            "SELECT coalesce(sum(on_hand), 0), coalesce(sum(reserved), 0) FROM inventory_stockbalance "
            "WHERE product_id = %s",
            [product_pk],
        ).fetchone()
    return int(on_hand), int(reserved)


def table_row(row: dict, *, traffic: Traffic, result: Tally | None, recover_seconds: float | None,
              recover_what: str) -> dict:  # fmt: skip
    """The drill's line of `make faults`' table (bench/faults.py prints it)."""
    row.update(
        requests=traffic.count(), errors_5xx=sum(1 for r in traffic.failures() if r[3] >= 500),
        dropped=sum(1 for r in traffic.failures() if r[3] == 0),
        recover_seconds=None if recover_seconds is None else round(recover_seconds, 1), recover_what=recover_what,
    )  # fmt: skip
    if result is not None:
        row.update(
            paid=result.paid, orders=result.orders, payments=result.payments,
            emails=f"{result.emails}/{result.emails_expected}", events=result.events,
            lost=result.lost, doubled=result.all_doubled,
        )  # fmt: skip
    return row


def settle(*, seconds: float, read: Callable[[], Tally]) -> tuple[float | None, Tally]:
    """Wait until nothing is lost (every charge has its order, payment,
    processed events and emails); then a few seconds more, so a late
    duplicate is counted too. Returns (seconds it took or None, the tally)."""
    took = wait_until(lambda: read().settled, seconds=seconds, interval=1.0)
    time.sleep(3)
    return took, read()
