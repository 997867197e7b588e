"""Component benchmarks of the other issues, run by bench/run.py into the
same results file: each in a subprocess of its own (they configure Django
for their database, and some switch connections), each answering one
JSON object that always has a "status":

* ``inventory`` (issue #4, bench/inventory_bench.py): movements per second,
  reconcile_stock over the ledger, the stock browser. It empties the ledger
  of its database first, so it gets one of its own: ``<bench db>_inv``,
  copied from the migrated template;
* ``checkout`` (issue #5, bench/checkout_bench.py): server time of the
  checkout flow, on the benchmark database;
* ``search`` (issue #7, bench/search_bench.py): search page and autocomplete
  latency, unloaded, on the benchmark database;
* ``reports`` (issue #8, bench/reports_bench.py, when present): the quarterly
  report and the settlements, in its own databases ``<bench db>_reports*``
  (made on first use and kept: the first run generates for a long time).

A component that is not in the tree answers {"status": "not available"};
one that crashes answers {"status": "failed", ...} with the end of its
stderr, and the runner goes on with the others.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from bench.dbtools import TEMPLATE_SUFFIX, database_copy, database_ensure, database_exists, database_url_with_name

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("inventory", "checkout", "search", "reports")

# Sizes: the for a real run, tiny ones that only prove the harness.
FULL = {
    "inventory_products": 10_000,
    "inventory_ledger_rows": 1_000_000,
    "inventory_per_call": 500,
    "inventory_requests": 20,
    "checkout_orders": 50,
    "search_requests": 200,
}
QUICK = {
    "inventory_products": 200,
    "inventory_ledger_rows": 5_000,
    "inventory_per_call": 20,
    "inventory_requests": 2,
    "checkout_orders": 2,
    "search_requests": 12,
}

# reports_bench's own quick size (300 products through the services, 20,000
# lines) is made for its own checks; the harness check needs far less.
REPORTS_TINY = {"products": 30, "producers": 10, "lines": 2_000, "month_lines": 500, "movements": 500, "customers": 20}
REPORTS_CALL = (
    "import json, sys; from bench.reports_bench import run; "
    "print(json.dumps(run(database_url=sys.argv[1], quick=sys.argv[2] == '1', **json.loads(sys.argv[3])), "
    "ensure_ascii=False, default=str))"
)


def _last_json(out: subprocess.CompletedProcess) -> dict:
    """The JSON object on the last line of stdout, or a failure record."""
    lines = out.stdout.strip().splitlines()
    try:
        result = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        return {"status": "failed", "exit_code": out.returncode, "stderr": out.stderr[-2000:]}
    if not isinstance(result, dict):
        return {"status": "failed", "exit_code": out.returncode, "stdout": lines[-1][:2000]}
    result.setdefault("status", "ok" if out.returncode == 0 else "failed")
    if out.returncode not in (0, 3) and result["status"] == "ok":  # 3: checkout_bench's "pending"
        result["status"] = "failed"
    if result["status"] == "failed":
        result.setdefault("stderr", out.stderr[-2000:])
    return result


def _run(cmd: list[str], *, env: dict) -> dict:
    started = time.monotonic()
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    result = _last_json(out)
    result["elapsed_s"] = round(time.monotonic() - started, 1)
    return result


def inventory(*, env: dict, database_url: str, sizes: dict) -> dict:
    base = database_url.rsplit("/", 1)[-1]
    url = database_url_with_name(database_url, f"{base}_inv")
    database_ensure(url, template=f"{base}_template")
    # shop.settings in that process (the script sets itself up, DEBUG only
    # for the throwaway key), not the runner's benchmark settings.
    child = {k: v for k, v in env.items() if k not in ("DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "REDIS_URL")}
    child["DATABASE_URL"] = url
    result = _run(
        [
            sys.executable,
            str(ROOT / "bench" / "inventory_bench.py"),
            "--json",
            "--products",
            str(sizes["inventory_products"]),
            "--ledger-rows",
            str(sizes["inventory_ledger_rows"]),
            "--per-call",
            str(sizes["inventory_per_call"]),
            "--requests",
            str(sizes["inventory_requests"]),
        ],
        env=child,
    )
    result["database"] = url.rsplit("/", 1)[-1]
    return result


def checkout(*, env: dict, sizes: dict) -> dict:
    return _run(
        [
            sys.executable,
            str(ROOT / "bench" / "checkout_bench.py"),
            "--json",
            "--orders",
            str(sizes["checkout_orders"]),
        ],
        env=env,
    )


def search(*, env: dict, sizes: dict) -> dict:
    return _run(
        [
            sys.executable,
            str(ROOT / "bench" / "search_bench.py"),
            "--json",
            "--requests",
            str(sizes["search_requests"]),
        ],
        env=env,
    )


def reports(*, env: dict, database_url: str, quick: bool) -> dict:
    if not (ROOT / "bench" / "reports_bench.py").exists():
        return {"status": "not available", "why": "bench/reports_bench.py is not in this tree (issue #8)"}
    base = database_url.rsplit("/", 1)[-1]
    url = database_url_with_name(database_url, f"{base}_reports")
    # It migrates a template of its own (<name>_template) on first use; a
    # copy of ours saves that minute or more (it migrates whatever is new).
    ours = database_url_with_name(database_url, base + TEMPLATE_SUFFIX)
    theirs = database_url_with_name(database_url, f"{base}_reports{TEMPLATE_SUFFIX}")
    if database_exists(ours) and not database_exists(theirs):
        database_copy(ours, theirs)
    # reports_bench configures Django itself (shop.settings) for its databases.
    child = {k: v for k, v in env.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    overrides = json.dumps(REPORTS_TINY if quick else {})
    return _run([sys.executable, "-c", REPORTS_CALL, url, "1" if quick else "0", overrides], env=child)


def run_components(names: list[str], *, env: dict, database_url: str, quick: bool) -> dict:
    """Each named component, in order; the results by name."""
    sizes = QUICK if quick else FULL
    calls = {
        "inventory": lambda: inventory(env=env, database_url=database_url, sizes=sizes),
        "checkout": lambda: checkout(env=env, sizes=sizes),
        "search": lambda: search(env=env, sizes=sizes),
        "reports": lambda: reports(env=env, database_url=database_url, quick=quick),
    }
    out = {}
    for name in names:
        print(f"Component: {name} ...", flush=True)
        out[name] = calls[name]()
        print(f"  {name}: {out[name].get('status')} ({out[name].get('elapsed_s', '?')} s)", flush=True)
    return out
