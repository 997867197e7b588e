"""Benchmark of the office quarterly report and the producer settlements (issue #8).

    .venv/bin/python bench/reports_bench.py            # the issue's scale (first run: generation, ~15-30 min)
    .venv/bin/python bench/reports_bench.py --quick    # 20,000 lines, well under a minute once generated

Goals (issue #8): the quarterly report over 1,000,000 order lines under 3 s;
settlements for 500 producers over a month of 100,000 lines under 10 s.

Three PostgreSQL databases, named after BENCH_REPORTS_DATABASE_URL
(default postgres://postgres@127.0.0.1:5432/otop_bench_reports; --quick
appends ``_quick`` to the name), all kept between runs:

* ``<name>_catalogue``: reference data, producers, products, stock,
  customers, stories (made by bench/generate.py's steps). The two others are
  copies of it (``createdb -T``), so the catalogue is built once.
* ``<name>``: two fiscal years of orders (--lines order lines, bench/gen's
  bulk order insertion), paid, with their payment sources and refunds, and
  a ledger history: what the quarterly report reads.
* ``<name>_settlements``: one month (September 2026) of --month-lines lines
  over --producers producers. Its own database because a settlement run
  carries every unsettled sale before the month's end: on the report's
  database the first run would settle two years at once.

Timed (each --repeat times, best and median, with the load average): the
whole office report (every section the dashboard shows), the XLSX and PDF
exports of it, and the monthly settlement run (first draft, then the
idempotent regeneration). Results go to bench/results/reports-<date>.md/.json.

Bench runner interface: ``run(database_url=..., quick=...) -> dict``. It
configures Django for that database when Django is not set up yet, and
switches the default connection between the three databases, so call it in
a process of its own (bench/run.py: a subprocess).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.dbtools import _conn_args, database_ensure, database_exists, database_url_with_name  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/otop_bench_reports"
RESULTS = ROOT / "bench" / "results"
SEED = 2569
LAST_FISCAL_YEAR_BE = 2569  # history: FY2568 and FY2569 (1 Oct 2023 - 30 Sep 2026)
REPORT_PERIOD_KEY = "2569-q1"  # its comparison quarters (2568-q4, 2568-q1) are in the history too
SETTLEMENT_MONTH = (2026, 9)
MONTH_PREFIX = "M"  # order numbers of the settlement month (bench/gen uses B)
LINES_PER_ORDER = 3  # bench/gen/plan.py: one to five lines, three on average
REPLICATE_ABOVE = 60_000  # lines generated in Python; more are SQL copies of them (_orders_replicate)
GOALS = {"report_s": 3.0, "settlements_s": 10.0}

# Stories are few and slow to make (Wagtail pages, a minute each on a loaded machine).
FULL = dict(
    lines=1_000_000,
    producers=500,
    products=2_000,
    month_lines=100_000,
    movements=300_000,
    customers=1_000,
    stories=2,
    repeat=3,
)
QUICK = dict(
    lines=20_000, producers=50, products=300, month_lines=5_000, movements=5_000, customers=200, stories=2, repeat=1
)


def database_url_default() -> str:
    return os.environ.get("BENCH_REPORTS_DATABASE_URL", DEFAULT_URL)


def _loadavg() -> str:
    try:
        return " ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        return "?"


# --- Databases ----------------------------------------------------------------------------


def _names(database_url: str, quick: bool) -> dict[str, str]:
    _args, name, _env = _conn_args(database_url)
    base = name + ("_quick" if quick else "")
    return {
        "catalogue": database_url_with_name(database_url, base + "_catalogue"),
        "report": database_url_with_name(database_url, base),
        "settlements": database_url_with_name(database_url, base + "_settlements"),
        "template": name + "_template",
    }


def _django_setup(database_url: str) -> None:
    from django.conf import settings

    if settings.configured:
        return
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
    os.environ["DEBUG"] = "true"  # a throwaway secret key; nothing is served
    os.environ.setdefault("MEDIA_ROOT", os.environ.get("BENCH_MEDIA_ROOT", "/tmp/otop-bench/media"))
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    import django

    django.setup()


def _use(database_url: str) -> None:
    """Point Django's default connection at another benchmark database."""
    from django.db import connections

    _args, name, _env = _conn_args(database_url)
    connection = connections["default"]
    connection.close()
    connection.settings_dict["NAME"] = name


def _copy_database(source_url: str, target_url: str) -> None:
    import subprocess

    from django.db import connections

    connections["default"].close()
    args, source, env = _conn_args(source_url)
    _args, target, _env = _conn_args(target_url)
    subprocess.run(["createdb", *args, "-T", source, target], env=env, check=True)


# --- Data -----------------------------------------------------------------------------------


def _step(log: dict, title: str, func, *, shown=lambda result: result):
    print(f"{title} ...", flush=True)
    t0 = time.monotonic()
    result = func()
    log[title] = round(time.monotonic() - t0, 1)
    print(f"  {title}: {shown(result)} ({log[title]} s, load {_loadavg()})", flush=True)
    return result


def _catalogue_seed(sizes: dict, log: dict) -> None:
    """Reference data, producers, products with stock, stories, customers
    (bench/generate.py's steps; each is idempotent)."""
    import logging
    import warnings

    from django.db import transaction

    from bench.gen.catalogue import producers_seed, products_seed
    from bench.gen.orders import customers_seed
    from bench.gen.search import search_indexing_deferred
    from bench.gen.stories import stories_seed
    from shop.demo.reference import seed_reference

    for name in ("wagtail", "django_tasks", "modelsearch", "oscar.alerts", "celery"):
        logging.getLogger(name).setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", message="update is not implemented in this backend")

    def atomic(func):
        def wrapped():
            with transaction.atomic():
                return func()

        return wrapped

    _step(log, "reference data", atomic(lambda: "ok" if seed_reference() is not None else "ok"))
    # The search index is not read by the report: it is never rebuilt here.
    with search_indexing_deferred():
        producers = _step(log, "producers", atomic(lambda: producers_seed(count=sizes["producers"])), shown=len)
        _step(
            log,
            "products, stock",
            lambda: products_seed(count=sizes["products"], producers=producers),
            shown=lambda r: f"{r.products_created} products, {r.units_received} units",
        )
    if sizes["stories"]:
        _step(log, "stories", atomic(lambda: stories_seed(count=sizes["stories"])))
    _step(log, "customers", atomic(lambda: len(customers_seed(count=sizes["customers"]))))


def _customer_ids() -> list[int]:
    from django.contrib.auth import get_user_model

    from bench.gen.orders import CUSTOMER_DOMAIN

    return list(
        get_user_model()
        .objects.filter(email__endswith="@" + CUSTOMER_DOMAIN)
        .order_by("email")
        .values_list("pk", flat=True)
    )


def _product_count() -> int:
    from oscar.core.loading import get_model

    return get_model("partner", "StockRecord").objects.count()


def _orders_insert(plan, *, progress_every: int = 50_000) -> int:
    """bench/gen/orders.py's bulk insertion of planned orders and lines."""
    from django.conf import settings
    from django.db import transaction
    from oscar.core.loading import get_model

    from bench.gen.orders import BATCH, _build, _catalogue_rows, _fields

    Order = get_model("order", "Order")
    Line = get_model("order", "Line")
    catalogue = _catalogue_rows(product_count=_product_count())
    customers = _customer_ids()
    rng = random.Random(f"order-details:{SEED}")
    rate = settings.OTOP_DEFAULT_COMMISSION_RATE
    order_fields, line_fields = _fields(Order), _fields(Line)
    written = lines = 0
    for start in range(0, len(plan), BATCH):
        chunk = plan[start : start + BATCH]
        with transaction.atomic():
            orders, order_lines = _build(chunk, catalogue, customers, rng, order_fields, line_fields, rate)
            Order.objects.bulk_create(orders)
            for order, its_lines in zip(orders, order_lines, strict=True):
                for line in its_lines:
                    line.order_id = order.pk
            flat = [line for its_lines in order_lines for line in its_lines]
            Line.objects.bulk_create(flat)
        written += len(chunk)
        lines += len(flat)
        if written % progress_every < BATCH:
            print(f"    {written} orders, {lines} lines", flush=True)
    return lines


def _orders_replicate(*, prefix: str, lines: int) -> str:
    """Copies of the generated orders (``<number>-r<n>``, placed n hours
    later, same lines) until there are ``lines`` order lines: building a
    million Line objects in Python takes half an hour on a loaded 2-CPU
    machine, INSERT ... SELECT a minute. The copies keep the plan's seasons,
    products, statuses and customers."""
    from django.db import connection
    from oscar.core.loading import get_model

    Order = get_model("order", "Order")
    Line = get_model("order", "Line")
    o, line_table = Order._meta.db_table, Line._meta.db_table
    order_cols = [f.column for f in Order._meta.concrete_fields if f.column not in ("id", "number", "date_placed")]
    line_cols = [f.column for f in Line._meta.concrete_fields if f.column not in ("id", "order_id")]
    # %% is a literal % once the query has parameters (every query below has).
    originals = f"o.number LIKE '{prefix}%%' AND o.number NOT LIKE '%%-r%%'"
    copies = 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM {line_table} l JOIN {o} o ON o.id = l.order_id WHERE {originals} AND %s", [True]
        )
        per_copy = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT count(*) FROM {line_table} l JOIN {o} o ON o.id = l.order_id WHERE o.number LIKE %s",
            [prefix + "%"],
        )
        have = cursor.fetchone()[0]
        n = 0
        while have < lines and per_copy:
            n += 1
            suffix = f"-r{n}"
            cursor.execute(f"SELECT 1 FROM {o} WHERE number LIKE %s LIMIT 1", [f"{prefix}%{suffix}"])
            if cursor.fetchone():
                continue  # made by an earlier run
            cursor.execute(
                f"INSERT INTO {o} (number, date_placed, {', '.join(order_cols)}) "
                f"SELECT o.number || %s, o.date_placed + make_interval(hours => %s), {', '.join('o.' + c for c in order_cols)} "
                f"FROM {o} o WHERE {originals}",
                [suffix, n],
            )
            cursor.execute(
                f"INSERT INTO {line_table} (order_id, {', '.join(line_cols)}) "
                f"SELECT c.id, {', '.join('l.' + c for c in line_cols)} FROM {line_table} l "
                f"JOIN {o} o ON o.id = l.order_id JOIN {o} c ON c.number = o.number || %s WHERE {originals}",
                [suffix],
            )
            have += cursor.rowcount
            copies += 1
            print(f"    copy {n}: {have} lines", flush=True)
        cursor.execute("ANALYZE")
    return f"{copies} copies, {have} lines"


def _orders_paid_and_refunded(*, prefix: str) -> str:
    """What checkout and the payments code would have written for these
    historical orders, set-based: paid_at, one payment source each (card 60%,
    PromptPay 30%, cash 10%), and a Refund transaction a week later for the
    refunded (all) and partly refunded (30%) ones.

    All or nothing, in one transaction, skipped when the orders already have
    their sources. No per-row ``NOT EXISTS`` against the table being filled:
    with payment_source analysed while empty, PostgreSQL planned that
    anti-join as a nested loop over a sequential scan of payment_source,
    which grows as the statement inserts: quadratic, 340,000 orders never
    finished."""
    from django.db import connection, transaction
    from oscar.core.loading import get_model

    from shop.order.statuses import PAID_STATES

    Order = get_model("order", "Order")
    Source = get_model("payment", "Source")
    SourceType = get_model("payment", "SourceType")
    Transaction = get_model("payment", "Transaction")
    if Source.objects.filter(order__number__startswith=prefix).exists():
        return "already there"
    types = dict(SourceType.objects.values_list("code", "pk"))
    card, promptpay, cash = types["stripe-card"], types["stripe-promptpay"], types["cash"]
    o, s, t = Order._meta.db_table, Source._meta.db_table, Transaction._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {o} SET paid_at = date_placed + interval '3 minutes' "
            f"WHERE number LIKE %s AND status = ANY(%s) AND paid_at IS NULL",
            [prefix + "%", list(PAID_STATES)],
        )
        paid = cursor.rowcount
        cursor.execute(
            f"INSERT INTO {s} (order_id, source_type_id, currency, amount_allocated, amount_debited, amount_refunded, reference, label) "
            f"SELECT o.id, CASE WHEN mod(o.id, 10) < 6 THEN %s WHEN mod(o.id, 10) < 9 THEN %s ELSE %s END, 'THB', "
            f"o.total_incl_tax, o.total_incl_tax, "
            f"CASE o.status WHEN 'refunded' THEN o.total_incl_tax WHEN 'partly_refunded' THEN round(o.total_incl_tax * 0.3, 2) ELSE 0 END, "
            f"'bench-' || o.number, '' FROM {o} o "
            f"WHERE o.number LIKE %s AND o.paid_at IS NOT NULL",
            [card, promptpay, cash, prefix + "%"],
        )
        sources = cursor.rowcount
        cursor.execute(
            f"INSERT INTO {t} (source_id, txn_type, amount, reference, status, date_created) "
            f"SELECT s.id, 'Refund', s.amount_refunded, 'bench-refund-' || o.number, 'succeeded', o.date_placed + interval '7 days' "
            f"FROM {s} s JOIN {o} o ON o.id = s.order_id "
            f"WHERE o.number LIKE %s AND s.amount_refunded > 0",
            [prefix + "%"],
        )
        refunds = cursor.rowcount
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return f"{paid} paid, {sources} sources, {refunds} refunds"


def _history_seed(sizes: dict, log: dict) -> None:
    """Two fiscal years of orders (--lines lines) and a ledger history."""
    from oscar.core.loading import get_model

    from bench.gen.ledger import ledger_seed
    from bench.gen.orders import NUMBER_PREFIX
    from bench.gen.plan import order_plan
    from bench.generate import _order_history

    Order = get_model("order", "Order")
    Line = get_model("order", "Line")
    if not Order.objects.filter(number__startswith=NUMBER_PREFIX).exists():
        base = min(sizes["lines"], REPLICATE_ABOVE)
        plan = _step(
            log,
            "order plan",
            lambda: order_plan(
                count=max(base // LINES_PER_ORDER, 1),
                product_count=_product_count(),
                customer_count=len(_customer_ids()),
                seed=SEED,
                last_fiscal_year_be=LAST_FISCAL_YEAR_BE,
            ),
            shown=len,
        )
        _step(log, "orders and lines", lambda: _orders_insert(plan))
    if Line.objects.filter(order__number__startswith=NUMBER_PREFIX).count() < sizes["lines"]:
        _step(
            log,
            "orders and lines replicated in SQL",
            lambda: _orders_replicate(prefix=NUMBER_PREFIX, lines=sizes["lines"]),
        )
    _step(log, "paid, sources, refunds", lambda: _orders_paid_and_refunded(prefix=NUMBER_PREFIX))
    if sizes["movements"]:
        Product = get_model("catalogue", "Product")
        product_ids = list(Product.objects.filter(upc__isnull=False).order_by("pk").values_list("pk", flat=True))
        numbers, times = _order_history()
        _step(
            log,
            "ledger history",
            lambda: ledger_seed(
                movements=sizes["movements"],
                product_ids=product_ids,
                seed=SEED,
                last_fiscal_year_be=LAST_FISCAL_YEAR_BE,
                order_numbers=numbers,
                order_times=times,
            ),
        )


def _month_seed(sizes: dict, log: dict) -> None:
    """One month of orders over every producer's products: bench/gen's plan
    and insertion, the dates moved into SETTLEMENT_MONTH."""
    from oscar.core.loading import get_model

    from bench.gen.plan import order_plan

    Order = get_model("order", "Order")
    if Order.objects.filter(number__startswith=MONTH_PREFIX).exists():
        return
    year, month = SETTLEMENT_MONTH
    first = dt.datetime(year, month, 1, 8)
    days = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.date(year, month, 1)).days
    rng = random.Random(f"month:{SEED}")

    def plan():
        specs = order_plan(
            count=max(sizes["month_lines"] // LINES_PER_ORDER, 1),
            product_count=_product_count(),
            customer_count=len(_customer_ids()),
            seed=SEED + 1,
            last_fiscal_year_be=LAST_FISCAL_YEAR_BE,
        )
        moved = [
            dataclasses.replace(
                spec,
                number=f"{MONTH_PREFIX}{year % 100:02d}{month:02d}{n + 1:07d}",
                placed_at=first + dt.timedelta(days=rng.randrange(days), minutes=rng.randrange(13 * 60)),
            )
            for n, spec in enumerate(specs)
        ]
        return sorted(moved, key=lambda spec: spec.placed_at)

    specs = _step(log, "month order plan", plan, shown=len)
    _step(log, "month orders and lines", lambda: _orders_insert(specs))
    _step(log, "month paid, sources, refunds", lambda: _orders_paid_and_refunded(prefix=MONTH_PREFIX))


def _prepare(database_url: str, sizes: dict, quick: bool) -> dict:
    urls = _names(database_url, quick)
    log: dict = {}
    _django_setup(urls["catalogue"])
    ready = database_exists(urls["report"]) and database_exists(urls["settlements"])
    if not ready:
        database_ensure(urls["catalogue"], template=urls["template"])
        _use(urls["catalogue"])
        _catalogue_seed(sizes, log)
        for key in ("report", "settlements"):
            if not database_exists(urls[key]):
                _copy_database(urls["catalogue"], urls[key])
    for key in ("report", "settlements"):
        database_ensure(urls[key])  # migrations added since the copy
    _use(urls["report"])
    _history_seed(sizes, log)
    _use(urls["settlements"])
    _month_seed(sizes, log)
    return {"urls": urls, "generation_s": log}


# --- Measures -----------------------------------------------------------------------------


def _timed(func, repeat: int) -> dict:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    times, cpu, sql, loads, queries = [], [], [], [], 0
    result = None
    for _n in range(repeat):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            t0, c0 = time.perf_counter(), time.process_time()
            result = func()
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        loads.append(_loadavg())
        queries = len(captured)
        sql.append(sum(float(q["time"]) for q in captured.captured_queries))
    best = times.index(min(times))
    return {
        "best_s": round(min(times), 3),
        "median_s": round(statistics.median(times), 3),
        "runs_s": [round(t, 3) for t in times],
        # On a shared machine wall time is mostly waiting for a CPU: the
        # Python CPU time and the time spent in SQL calls of the best run
        # say where the time goes.
        "python_cpu_s": round(cpu[best], 3),
        "sql_s": round(sql[best], 3),
        "queries": queries,
        "load": loads,
        "result": result,
    }


def _report_measures(repeat: int) -> dict:
    from django.utils import translation
    from oscar.core.loading import get_model

    from shop.common import fiscal
    from shop.reports import exports, layout

    Line = get_model("order", "Line")
    period = fiscal.period_from_key(REPORT_PERIOD_KEY)
    out: dict = {"order_lines": Line.objects.count(), "period": REPORT_PERIOD_KEY}
    with translation.override("th"):
        report = layout.office_report(period=period)  # warm-up: connection, caches
        measure = _timed(lambda: layout.office_report(period=period), repeat)
        report = measure.pop("result")
        gross = report.sections[0].tables[0].rows[0][1]
        out["report"] = {**measure, "gross_current": str(gross)}
        xlsx = _timed(lambda: len(exports.report_xlsx(report)), repeat)
        out["xlsx"] = {**xlsx, "bytes": xlsx.pop("result")}
        try:
            pdf = _timed(lambda: len(exports.report_pdf(report)), repeat)
            out["pdf"] = {**pdf, "bytes": pdf.pop("result")}
        except Exception as exc:  # no Thai font on this machine: say so, keep the other figures
            out["pdf"] = {"error": str(exc)[:300]}
    return out


def _settlement_measures(repeat: int) -> dict:
    from django.db import connection
    from django.utils import timezone
    from oscar.core.loading import get_model

    from shop.common import fiscal
    from shop.reports import services
    from shop.reports.models import SettlementLine, SettlementStatement

    Line = get_model("order", "Line")
    month = fiscal.Month(*SETTLEMENT_MONTH)
    now = max(timezone.now(), month.end + dt.timedelta(days=1))
    lines_in_month = Line.objects.filter(order__date_placed__gte=month.start, order__date_placed__lt=month.end).count()

    def fresh():
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {SettlementLine._meta.db_table}, {SettlementStatement._meta.db_table}")
        return services.settlements_generate(month=month, now=now)

    first = _timed(fresh, repeat)
    statements = first.pop("result")
    regenerate = _timed(lambda: services.settlements_generate(month=month, now=now), repeat)
    regenerate.pop("result")
    totals = SettlementStatement.objects.filter(period_start=month.first_day).values_list("net_payable", flat=True)
    return {
        "month": f"{SETTLEMENT_MONTH[0]}-{SETTLEMENT_MONTH[1]:02d}",
        "order_lines_in_month": lines_in_month,
        "statements": statements,
        "settlement_lines": SettlementLine.objects.count(),
        "net_payable_total": str(sum(totals)),
        "generate": first,
        "regenerate": regenerate,
    }


def run(*, database_url: str, quick: bool, **overrides) -> dict:
    """Generate (first time) and measure; returns the figures (see the module
    docstring). ``overrides``: lines, producers, products, month_lines,
    movements, customers, repeat."""
    sizes = {**(QUICK if quick else FULL), **{k: v for k, v in overrides.items() if v is not None}}
    started = time.monotonic()
    prepared = _prepare(database_url, sizes, quick)
    _use(prepared["urls"]["report"])
    report = _report_measures(sizes["repeat"])
    _use(prepared["urls"]["settlements"])
    settlements = _settlement_measures(sizes["repeat"])
    return {
        "bench": "reports",
        "quick": quick,
        "sizes": sizes,
        "databases": {k: v for k, v in prepared["urls"].items() if k != "template"},
        "generation_s": prepared["generation_s"],
        "goals_s": GOALS,
        "report": report,
        "settlements": settlements,
        "meets_goals": {
            "report": report["report"]["best_s"] < GOALS["report_s"],
            "settlements": settlements["generate"]["best_s"] < GOALS["settlements_s"],
        },
        "load_at_end": _loadavg(),
        "cpus": os.cpu_count(),
        "total_s": round(time.monotonic() - started, 1),
    }


def _markdown(result: dict) -> str:
    r, s = result["report"], result["settlements"]

    def row(title, m):
        if "error" in m:
            return f"| {title} | failed: {m['error']} | | | | | |"
        return (
            f"| {title} | {m['best_s']} | {m['median_s']} | {m['python_cpu_s']} | {m['sql_s']} | {m['queries']} "
            f"| {', '.join(m['load'])} |"
        )

    return "\n".join(
        [
            f"# Reports benchmark ({dt.date.today():%Y-%m-%d}{', quick' if result['quick'] else ''})",
            "",
            f"Sizes: {result['sizes']}. {result['cpus']} CPUs (shared). Goals: report < {GOALS['report_s']} s, "
            f"settlements < {GOALS['settlements_s']} s. Met: {result['meets_goals']}.",
            "",
            f"Quarterly report {r['period']} over {r['order_lines']:,} order lines (gross {r['report']['gross_current']} THB);",
            f"settlements {s['month']}: {s['order_lines_in_month']:,} order lines in the month, {s['statements']} statements, "
            f"{s['settlement_lines']:,} statement lines, net payable {s['net_payable_total']} THB.",
            "",
            "| What | best s | median s | Python CPU s (best run) | in SQL calls s (best run) | queries "
            "| load average (1/5/15 min) after each run |",
            "| --- | --- | --- | --- | --- | --- | --- |",
            row("office report (all sections)", r["report"]),
            row("XLSX export build", r["xlsx"]),
            row("PDF export build", r["pdf"]),
            row("settlements, first draft", s["generate"]),
            row("settlements, regeneration (idempotent)", s["regenerate"]),
            "",
            f"Generation (first run only): {result['generation_s']}",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=database_url_default())
    parser.add_argument("--quick", action="store_true", help="20,000 lines, 50 producers")
    for name in FULL:
        parser.add_argument(
            f"--{name.replace('_', '-')}",
            type=int,
            default=None,
            metavar="N",
            help=f"default {FULL[name]:,} (quick {QUICK[name]:,})",
        )
    parser.add_argument("--no-write", action="store_true", help="print the results, write no files")
    args = parser.parse_args(argv)
    overrides = {name: getattr(args, name) for name in FULL}
    result = run(database_url=args.database_url, quick=args.quick, **overrides)
    text = _markdown(result)
    print(text)
    if not args.no_write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        stem = f"reports-{dt.date.today():%Y-%m-%d}{'-quick' if args.quick else ''}"
        (RESULTS / f"{stem}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n")
        (RESULTS / f"{stem}.md").write_text(text)
        print(f"Wrote bench/results/{stem}.md and .json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
