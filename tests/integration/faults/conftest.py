"""Fixtures of the fault drills (issue #17): throwaway Redis and PostgreSQL,
the production set-up started on them, the fake Stripe, the shop's data,
and the results table that `make faults` prints (bench/faults.py).

Every drill is marked `postgres` (its servers must see the data the test
commits: pytest-django's PostgreSQL test database, or a private cluster
copied from it) and skips with the reason when redis-server (or, for the
database drill, initdb/pg_ctl) is not installed. The drills start their own
Redis on a spare port: the machine's shared Redis is never stopped, and
CELERY_BROKER_URL / REDIS_URL of the test run are not used.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from .harness import REPO, SETTINGS, DrillStripe, PostgresCluster, RedisServer, Stack, Traffic, Urls, postgres_bin

REPORT_ENV = "OTOP_FAULTS_REPORT"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    missing = []
    if not shutil.which("redis-server"):
        missing.append("redis-server is not installed (apt-get install redis-server)")
    if not shutil.which("pg_dump") or not shutil.which("psql"):
        missing.append("pg_dump/psql are not installed (apt-get install postgresql-client)")
    cluster_missing = not (postgres_bin("initdb") and postgres_bin("pg_ctl"))
    for item in items:
        if here not in Path(str(item.fspath)).parents:
            continue
        if missing:
            item.add_marker(pytest.mark.skip(reason="; ".join(missing)))
        elif cluster_missing and "private_cluster" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.skip(
                reason="initdb/pg_ctl not found (/usr/local/bin, /usr/lib/postgresql/*/bin): "
                       "apt-get install postgresql to run the database drill"))  # fmt: skip


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


# --- Results ----------------------------------------------------------------------------------


@pytest.fixture
def drill_row(request):
    """A dict the drill fills with its numbers; written with the drill's
    outcome to $OTOP_FAULTS_REPORT (one JSON object per line) if set."""
    row: dict = {"drill": request.node.name}
    yield row
    path = os.environ.get(REPORT_ENV)
    if not path:
        return
    call = getattr(request.node, "rep_call", None)
    row["outcome"] = "skipped" if call is None or call.skipped else ("passed" if call.passed else "failed")
    if call is not None and call.failed:
        # Checks.done() lists each broken promise on a line "E   - ...".
        lines = str(call.longrepr).splitlines()
        logs_at = next((i for i, line in enumerate(lines) if re.match(r"^E\s+--- \S+ ---", line)), len(lines))
        lines = lines[:logs_at]  # the servers' logs follow the list
        row["failed_checks"] = [re.sub(r"^E\s+- ", "", line)[:300] for line in lines if re.match(r"^E\s+- ", line)][:12]
        if not row["failed_checks"]:
            row["failed_checks"] = [next((line[1:].strip()[:300] for line in lines if line.startswith("E ")), "")]
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")


# --- Processes and servers --------------------------------------------------------------------


@pytest.fixture(scope="session")
def drill_static_root():
    """Static files collected once per session, as a deploy does (DEBUG off
    serves them hashed through whitenoise's manifest)."""
    folder = Path(tempfile.mkdtemp(prefix="otop-faults-static-"))
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "DEBUG": "false", "SECRET_KEY": "collectstatic-only",
        "ALLOWED_HOSTS": "127.0.0.1", "SITE_URL": "http://127.0.0.1", "OTOP_DRILL_STATIC_ROOT": str(folder),
        "PYTHONPATH": str(REPO),
    }  # fmt: skip
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=REPO,
                   env=env, check=True, timeout=600)  # fmt: skip
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def drill_folder():
    """A folder for the drill's servers and logs, removed afterwards (kept,
    and printed, when OTOP_FAULTS_KEEP is set: to read the logs)."""
    folder = Path(tempfile.mkdtemp(prefix="otop-faults-"))
    yield folder
    if os.environ.get("OTOP_FAULTS_KEEP"):
        print(f"\nfault drill folder kept: {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def drill_redis(drill_folder):
    redis = RedisServer(drill_folder / "redis").start()
    yield redis
    redis.close()


@pytest.fixture
def drill_stripe():
    stripe = DrillStripe().start()
    yield stripe
    stripe.release.set()  # nothing stays held
    stripe.stop()


@pytest.fixture
def private_cluster():
    cluster = PostgresCluster()
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        cluster.close()


@pytest.fixture
def make_stack(drill_folder, drill_static_root, drill_stripe):
    """make_stack(database_url=..., redis=...) -> a started Stack; every
    stack is stopped (process groups killed) at the end, pass or fail."""
    stacks: list[Stack] = []

    def make(*, database_url: str, redis: RedisServer, start: bool = True, **options) -> Stack:
        stack = Stack(folder=drill_folder / f"stack{len(stacks)}", database_url=database_url, redis=redis,
                      stripe=drill_stripe, static_root=drill_static_root, **options)  # fmt: skip
        stacks.append(stack)
        if start:
            stack.start()
        return stack

    yield make
    for stack in stacks:
        stack.close()


@pytest.fixture
def traffic():
    return Traffic()


# --- Data -------------------------------------------------------------------------------------


@pytest.fixture
def storefront():
    """What the storefront needs, committed (the servers are other
    processes; the drills are marked django_db(transaction=True)): the home
    page in three languages, shipping rates, one product with 50 units at
    the center. Returns its Urls."""
    from shop.demo.shipping import seed_shipping_rates
    from tests.factories.order import stocked_product
    from tests.factories.pages import install_home_page

    install_home_page()
    seed_shipping_rates()
    product = stocked_product(price="450.00", quantity=50, title="ผ้าไหมฝึกซ้อม", title_en="Drill silk scarf")
    return Urls.for_product(product, search="silk")
