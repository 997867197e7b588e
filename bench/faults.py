"""`make faults`: the four fault drills of issue #17 against the production
set-up, and their table.

Runs tests/integration/faults with pytest (each drill starts gunicorn with 2
workers, a Celery worker and beat, DEBUG off, on a throwaway redis-server,
on pytest-django's PostgreSQL test database or a private PostgreSQL cluster,
paying through the fake Stripe of tests/fakestripe, under light load), then
prints one line per drill: requests, 5xx, seconds to recover, charges,
orders, payments, emails, and what was lost or doubled. The table is also
written to bench/results/faults-<date>.md (--out to choose).

Needs PostgreSQL for the test database: FAULTS_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/otop_faults, created if missing;
pytest-django makes and drops test_otop_faults), redis-server, and for the
database drill initdb/pg_ctl. Exits with pytest's status.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DRILLS = "tests/integration/faults"
NAMES = {
    "test_with_redis_stopped": "Redis stopped 12 s during browsing and checkout",
    "test_a_worker_killed_mid_task": "Celery worker SIGKILLed mid-task",
    "test_a_buyer_whose_web_worker_died": 'gunicorn worker killed after "Pay"',
    "test_with_the_database_down": "PostgreSQL down 8 s (crash stop)",
}
COLUMNS = ["Drill", "Result", "Requests", "5xx", "Dropped", "Recovered (s)", "Charged", "Orders", "Payments",
           "Emails", "Events", "Lost", "Doubled"]  # fmt: skip


def _ensure_database(url: str) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = url.replace(parts.path, "/postgres", 1)
    exists = subprocess.run(["psql", admin, "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
                            capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    if not exists:
        subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{name}"'], check=True)


def _label(drill: str) -> str:
    return next((label for prefix, label in NAMES.items() if drill.startswith(prefix)), drill)


def table(rows: list[dict]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in rows:
        recover = row.get("recover_seconds")
        cells = [
            _label(row["drill"]), row.get("outcome", "?"), row.get("requests", ""), row.get("errors_5xx", ""),
            row.get("dropped", ""), "never" if recover is None else recover, row.get("paid", ""),
            row.get("orders", ""), row.get("payments", ""), row.get("emails", ""), row.get("events", ""),
            row.get("lost", ""), row.get("doubled", ""),
        ]  # fmt: skip
        lines.append("| " + " | ".join(str(cell) for cell in cells) + " |")
    return "\n".join(lines)


def notes(rows: list[dict]) -> str:
    out = []
    for row in rows:
        note = f" {row['note']}." if row.get("note") else ""
        out.append(f"- **{_label(row['drill'])}**: recovered = {row.get('recover_what', '')}.{note}")
        for check in row.get("failed_checks", []):
            out.append(f"  - failed: {check}")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=None, help="the Markdown file (default bench/results/faults-<date>.md)"
    )
    parser.add_argument("pytest_args", nargs="*", help="more pytest arguments, e.g. -k redis")
    args = parser.parse_args()

    database_url = os.environ.get("FAULTS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/otop_faults")
    _ensure_database(database_url)
    report = Path(tempfile.mkstemp(prefix="otop-faults-", suffix=".jsonl")[1])
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "CELERY_BROKER_URL")}
    env.update(DATABASE_URL=database_url, OTOP_FAULTS_REPORT=str(report))
    started = dt.datetime.now()
    status = subprocess.call([sys.executable, "-m", "pytest", DRILLS, "-p", "no:cacheprovider", "-q", "-rA",
                              *args.pytest_args], cwd=ROOT, env=env)  # fmt: skip
    minutes = (dt.datetime.now() - started).total_seconds() / 60
    rows = [json.loads(line) for line in report.read_text().splitlines() if line.strip()]
    report.unlink()

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = " (uncommitted changes)" if subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True,
                                                        text=True).stdout.strip() else ""  # fmt: skip
    text = (
        f"# Fault drills, {started:%Y-%m-%d %H:%M} (commit {commit}{dirty}, {os.cpu_count()} CPUs, "
        f"{minutes:.1f} min)\n\n"
        "`make faults` (bench/faults.py, tests/integration/faults/): gunicorn with 2 workers, a Celery worker "
        "and beat, DEBUG off, on a throwaway redis-server (cache and broker) and PostgreSQL, paying through the "
        "fake Stripe; 2 visitors browsing, guests buying by card. Charged = PaymentIntents the fake Stripe "
        'charged; Emails = sent/expected ("received" and "paid" per paid order); Events = Stripe webhook '
        "events delivered; Lost = charges without an order + events unprocessed + emails never sent; Doubled = "
        "emails, orders or payments beyond one. Dropped = requests with no answer (the killed worker's).\n\n"
        f"{table(rows)}\n\n{notes(rows)}\n"
    )
    print("\n" + text)
    out = args.out or ROOT / "bench" / "results" / f"faults-{started:%Y-%m-%d}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"make faults: table written to {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    if not rows:
        print("make faults: no drill reported (skipped? see pytest's summary above)", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
