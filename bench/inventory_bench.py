"""Inventory benchmark (issue #4): how fast the stock ledger is on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/otop_bench_inv \
        .venv/bin/python bench/inventory_bench.py [--products 10000] [--ledger-rows 1000000]

Measures, single process, through the real services:

1. movements posted per second:
   * ``receipt_post`` of receipts with 100 lines (one ledger row per line);
   * ``stock_transfer_bulk``: put-away of a whole delivery, 1,000 lines per
     transaction (one ledger row per line);
   * ``stock_transfer``, one call per movement (the per-item path);
2. ``stock_reconcile()`` over ``--ledger-rows`` ledger rows (check only),
   and ``--repair`` of 100 balances corrupted by hand;
3. the staff stock browser (/dashboard/inventory/stock/) with ``--products``
   products in stock: Django test client, after warm-up, median of N.

The database is created and migrated if missing (this takes a minute or
two). It is the benchmark's own: every run starts by TRUNCATE … CASCADE of
the inventory tables (the only way to empty an append-only ledger) and zeroing
the bench products' stock records. Products (with the ``BENCH-`` UPC
prefix) are created once with bulk inserts and kept between runs.

The 1,000,000 ledger rows are mostly bench-only: after the receipts and
put-aways above, the rest are inserted with one ``INSERT … SELECT
generate_series`` of valid movements (pairs of one-unit transfers between
two bins, so every prefix of the ledger is a possible history and the
balances stay what they were). Nothing else in the shop writes the ledger
that way. Results go to bench/results/inventory-<date>.json and .md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/otop_bench_inv"
UPC_PREFIX = "BENCH-"
PRODUCTS_PER_PRODUCER = 100


def _database_create_if_missing(url: str) -> bool:
    """CREATE DATABASE when it is not there yet; True if created."""
    import psycopg

    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise SystemExit(f"The inventory benchmark needs PostgreSQL, got {parts.scheme}://")
    name = parts.path.lstrip("/")
    admin = psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )
    with admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    return not exists


def _django_setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DEBUG", "true")  # shop.settings needs it outside production
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
    os.environ.pop("CELERY_BROKER_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    # Measure production behaviour: no query log, and Celery tasks (Oscar's
    # stock alerts, the producer's receipt email) published to a broker for
    # a worker, not run inside the timed call. The broker is in memory:
    # publishing costs what it costs, nothing consumes the messages.
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from shop.celery import app as celery_app

    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = "memory://"
    celery_app.conf.result_backend = None


def _timer():
    start = time.perf_counter()
    return lambda: time.perf_counter() - start


# --- Data -----------------------------------------------------------------------------


def _reset_inventory() -> None:
    """Empty the ledger and its caches (TRUNCATE: the ledger refuses DELETE)."""
    from django.db import connection
    from oscar.core.loading import get_model

    tables = [
        "inventory_countline",
        "inventory_countsheet",
        "inventory_formtoken",
        "inventory_reservation",
        "inventory_stockbalance",
        "inventory_stockmovement",
        "inventory_receiptline",
        "inventory_receipt",
        "inventory_countersale",
        "inventory_lot",
    ]
    with connection.cursor() as cursor:
        # CASCADE: other apps' rows that point at these (settlement lines of
        # counter sales…) go too. This is the benchmark's own database.
        cursor.execute("TRUNCATE " + ", ".join(tables) + " RESTART IDENTITY CASCADE")
    StockRecord = get_model("partner", "StockRecord")
    StockRecord.objects.filter(product__upc__startswith=UPC_PREFIX).update(num_in_stock=0, num_allocated=0)


def _products_ensure(count: int) -> list:
    """``count`` bench products, 100 per producer, each with its producer's
    priced stock record (bulk inserts; kept between runs)."""
    from decimal import Decimal

    from oscar.core.loading import get_model

    sys.path.insert(0, str(ROOT))
    from tests.factories.catalog import (
        DistrictFactory,
        OtopProductTypeFactory,
        ProducerFactory,
        ProductClassFactory,
    )

    Product = get_model("catalogue", "Product")
    StockRecord = get_model("partner", "StockRecord")
    have = Product.objects.filter(upc__startswith=UPC_PREFIX).count()
    if have < count:
        product_class, otop_type, district = ProductClassFactory(), OtopProductTypeFactory(), DistrictFactory()
        producers_needed = (count + PRODUCTS_PER_PRODUCER - 1) // PRODUCTS_PER_PRODUCER
        producers = list(
            get_model("catalogue", "Producer").objects.filter(slug__startswith="bench-producer-").order_by("pk")
        )
        for i in range(len(producers), producers_needed):
            producers.append(ProducerFactory(slug=f"bench-producer-{i:04d}", district=district))
        new = []
        for n in range(have, count):
            product = Product(
                title=f"สินค้าทดสอบ {n:05d}",
                title_en=f"Bench product {n:05d}",
                slug=f"bench-product-{n:05d}",
                upc=f"{UPC_PREFIX}{n:06d}",
                product_class=product_class,
                otop_type=otop_type,
                origin_district=district,
                producer=producers[n // PRODUCTS_PER_PRODUCER],
                is_public=True,
                listing_status="published",
                otop_stars=4,
                otop_star_year=2567,
            )
            new.append(product)
        Product.objects.bulk_create(new, batch_size=1000)
        fresh = Product.objects.filter(upc__startswith=UPC_PREFIX).exclude(stockrecords__isnull=False)
        StockRecord.objects.bulk_create(
            [
                StockRecord(
                    product=p,
                    partner_id=p.producer.partner_id,
                    partner_sku=f"BENCH-SKU-{p.pk}",
                    price_currency="THB",
                    price=Decimal("250.00"),
                    num_in_stock=0,
                    num_allocated=0,
                )
                for p in fresh.select_related("producer")
            ],
            batch_size=1000,
        )
    return list(Product.objects.filter(upc__startswith=UPC_PREFIX).select_related("producer").order_by("pk")[:count])


# --- 1. Movements per second ------------------------------------------------------------


def bench_movements(products: list, *, per_call: int) -> dict:
    from inventory.models import Location, Lot, StockMovement
    from inventory.services import (
        MoveLine,
        ReceiptLineInput,
        receipt_create,
        receipt_post,
        stock_transfer,
        stock_transfer_bulk,
    )

    receiving = Location.objects.get(code="SKP-RCV-01")
    shelf_a1, shelf_a2 = Location.objects.get(code="SKP-A-01"), Location.objects.get(code="SKP-A-02")
    by_producer: dict[int, list] = {}
    for product in products:
        by_producer.setdefault(product.producer_id, []).append(product)

    # Receipts: one per producer, one line per product (drafting is not timed).
    drafts = [
        receipt_create(
            producer=group[0].producer,
            lines=[ReceiptLineInput(product=p, quantity=20, lot_code=f"BENCH-{p.pk}") for p in group],
        )
        for group in by_producer.values()
    ]
    elapsed = _timer()
    receipt_rows = sum(len(receipt_post(receipt=receipt)) for receipt in drafts)
    receipt_seconds = elapsed()

    # Bulk put-away of the whole delivery, 1,000 lines per transaction.
    lots = {lot.product_id: lot for lot in Lot.objects.filter(product__in=products)}
    lines = [
        MoveLine(product=p, lot=lots[p.pk], quantity=20, from_location=receiving, to_location=shelf_a1)
        for p in products
    ]
    elapsed = _timer()
    bulk_rows = 0
    for start in range(0, len(lines), 1000):
        bulk_rows += len(stock_transfer_bulk(lines=lines[start : start + 1000], kind=StockMovement.Kind.PUT_AWAY))
    bulk_seconds = elapsed()

    # The per-item service, one transaction per movement.
    sample = products[:per_call]
    elapsed = _timer()
    for product in sample:
        stock_transfer(product=product, lot=lots[product.pk], quantity=1, from_location=shelf_a1, to_location=shelf_a2)
    call_seconds = elapsed()

    return {
        "receipt_post_100_lines": {
            "rows": receipt_rows,
            "seconds": round(receipt_seconds, 3),
            "per_second": round(receipt_rows / receipt_seconds),
        },
        "stock_transfer_bulk_1000_lines": {
            "rows": bulk_rows,
            "seconds": round(bulk_seconds, 3),
            "per_second": round(bulk_rows / bulk_seconds),
        },
        "stock_transfer_per_call": {
            "rows": len(sample),
            "seconds": round(call_seconds, 3),
            "per_second": round(len(sample) / call_seconds),
        },
    }


# --- 2. reconcile_stock over N ledger rows ----------------------------------------------------


def ledger_fill(*, target_rows: int) -> dict:
    """Bench-only: top the ledger up to at least ``target_rows`` with whole
    pairs of one-unit transfers A-01 → A-02 → A-01 of every bench lot (each
    lot has units in A-01, so every prefix is a possible history and the
    balances do not change), in one INSERT … SELECT."""
    from django.db import connection

    from inventory.models import Location, Lot, StockMovement

    have = StockMovement.objects.count()
    missing = max(0, target_rows - have)
    lots = Lot.objects.filter(code__startswith="BENCH-").count()
    if missing == 0 or lots == 0:
        return {"inserted": 0, "seconds": 0.0, "ledger_rows": have}
    per_lot = -(-missing // lots)
    per_lot += per_lot % 2  # whole pairs
    a1, a2 = Location.objects.get(code="SKP-A-01").pk, Location.objects.get(code="SKP-A-02").pk
    elapsed = _timer()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO inventory_stockmovement
                (kind, quantity, product_id, owner_id, lot_id, from_location_id, to_location_id,
                 reference_type, reference_id, user_id, created_at, reason, reverses_id)
            SELECT 'transfer', 1, lot.product_id, lot.owner_id, lot.id,
                   CASE WHEN g %% 2 = 0 THEN %(a1)s ELSE %(a2)s END,
                   CASE WHEN g %% 2 = 0 THEN %(a2)s ELSE %(a1)s END,
                   'bench', 'ledger-fill', NULL, now() - make_interval(secs => (%(per_lot)s - g)), 'bench row', NULL
            FROM inventory_lot lot CROSS JOIN generate_series(0, %(per_lot)s - 1) AS g
            WHERE lot.code LIKE 'BENCH-%%'
            """,
            {"a1": a1, "a2": a2, "per_lot": per_lot},
        )
        inserted = cursor.rowcount
        cursor.execute("ANALYZE inventory_stockmovement")
    return {"inserted": inserted, "seconds": round(elapsed(), 1), "ledger_rows": StockMovement.objects.count()}


def bench_reconcile() -> dict:
    from django.db import connection

    from inventory.models import StockBalance, StockMovement
    from inventory.services import stock_reconcile

    rows = StockMovement.objects.count()
    timings, differences = [], None
    for _ in range(2):  # the second run sees a warm buffer cache
        elapsed = _timer()
        differences = stock_reconcile()
        timings.append(elapsed())
    # Corrupt 100 balances by hand, then repair them.
    victims = list(StockBalance.objects.filter(on_hand__gt=0).order_by("pk").values_list("pk", flat=True)[:100])
    with connection.cursor() as cursor:
        cursor.execute("UPDATE inventory_stockbalance SET on_hand = on_hand + 1 WHERE id = ANY(%s)", [victims])
    elapsed = _timer()
    found = stock_reconcile(repair=True)
    repair_seconds = elapsed()
    after = stock_reconcile()
    return {
        "ledger_rows": rows,
        "check_seconds": [round(t, 2) for t in timings],
        "differences": len(differences),
        "repair_100_corrupted_seconds": round(repair_seconds, 2),
        "differences_found_before_repair": len(found),
        "differences_after_repair": len(after),
    }


# --- 3. Stock browser ---------------------------------------------------------------------------


def bench_stock_browser(*, requests: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from inventory.models import StockBalance
    from shop.common.roles import CENTER_STAFF, roles_sync

    roles_sync()
    user, _ = get_user_model().objects.get_or_create(username="bench-center-staff", defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name=CENTER_STAFF))
    client = Client()
    client.force_login(user)
    pages = {
        "first page": "/dashboard/inventory/stock/",
        "page 100": "/dashboard/inventory/stock/?page=100",
        "by UPC": f"/dashboard/inventory/stock/?product={UPC_PREFIX}004242",
        "by bin": "/dashboard/inventory/stock/?bin=SKP-A-01",
    }
    out = {"balances_in_stock": StockBalance.objects.filter(on_hand__gt=0).count(), "requests_each": requests}
    for label, url in pages.items():
        for _ in range(3):  # warm-up
            assert client.get(url).status_code == 200
        timings = []
        for _ in range(requests):
            elapsed = _timer()
            response = client.get(url)
            timings.append(elapsed() * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        out[label] = {
            "median_ms": round(statistics.median(timings), 1),
            "p90_ms": round(sorted(timings)[int(0.9 * (len(timings) - 1))], 1),
            "queries": len(queries),
        }
    return out


# --- Report -------------------------------------------------------------------------------------


def _markdown(result: dict) -> str:
    m, r, b = result["movements"], result["reconcile"], result["stock_browser"]
    lines = [
        f"# Inventory benchmark, {result['date']}",
        "",
        f"PostgreSQL {result['postgres']}, Python {result['python']}, {result['cpus']} CPUs (shared), "
        f"{result['products']} products. Command: `{result['command']}`.",
        "",
        "## Movements posted per second (single process, real services; goal ≥ 1,000/s)",
        "",
        "| Path | Ledger rows | Seconds | Rows/s |",
        "|---|---:|---:|---:|",
    ]
    for name, row in m.items():
        lines.append(f"| `{name}` | {row['rows']} | {row['seconds']} | {row['per_second']} |")
    lines += [
        "",
        f"## reconcile_stock over {r['ledger_rows']:,} ledger rows (goal < 10 s)",
        "",
        f"* check (no differences expected): {r['check_seconds'][0]} s cold, {r['check_seconds'][-1]} s warm; "
        f"differences: {r['differences']}",
        f"* 100 balances corrupted by hand: found {r['differences_found_before_repair']} difference(s), "
        f"`--repair` took {r['repair_100_corrupted_seconds']} s, {r['differences_after_repair']} left",
        f"* ledger filled to size with a bench-only INSERT … SELECT in {result['ledger_fill']['seconds']} s "
        f"({result['ledger_fill']['inserted']:,} rows)",
        "",
        f"## Stock browser with {result['products']:,} products ({b['balances_in_stock']:,} balances in stock)",
        "",
        f"Django test client, 3 warm-up requests, then the median of {b['requests_each']}.",
        "",
        "| Page | Median ms | p90 ms | Queries |",
        "|---|---:|---:|---:|",
    ]
    for label, row in b.items():
        if isinstance(row, dict):
            lines.append(f"| {label} | {row['median_ms']} | {row['p90_ms']} | {row['queries']} |")
    lines.append("")
    lines.append(f"Total run time: {result['total_seconds']} s.")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--ledger-rows", type=int, default=1_000_000)
    parser.add_argument("--per-call", type=int, default=500, help="stock_transfer calls timed one by one")
    parser.add_argument("--requests", type=int, default=20, help="stock browser requests per page")
    parser.add_argument("--no-write", action="store_true", help="print the results, write no files")
    parser.add_argument(
        "--json", action="store_true", help="end with the results as one JSON line, write no files (for bench/run.py)"
    )
    args = parser.parse_args(argv)

    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    total = _timer()
    created = _database_create_if_missing(url)
    _django_setup(url)
    from django.core.management import call_command
    from django.db import connection

    print(f"database {urlsplit(url).path.lstrip('/')} ({'created' if created else 'existing'}); migrating…", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    _reset_inventory()
    products = _products_ensure(args.products)
    print(f"{len(products)} products; timing movements…", flush=True)
    movements = bench_movements(products, per_call=min(args.per_call, len(products)))
    print(json.dumps(movements), flush=True)
    fill = ledger_fill(target_rows=args.ledger_rows)
    print(f"ledger filled: {fill}; timing reconcile…", flush=True)
    reconcile = bench_reconcile()
    print(json.dumps(reconcile), flush=True)
    browser = bench_stock_browser(requests=args.requests)
    print(json.dumps(browser), flush=True)

    result = {
        "date": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "command": "DATABASE_URL=... .venv/bin/python bench/inventory_bench.py " + " ".join(argv or sys.argv[1:]),
        "postgres": connection.cursor().connection.info.server_version,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "products": len(products),
        "movements": movements,
        "ledger_fill": fill,
        "reconcile": reconcile,
        "stock_browser": browser,
        "total_seconds": round(total(), 1),
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    if not args.no_write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        stem = RESULTS / f"inventory-{datetime.now():%Y-%m-%d}"
        stem.with_suffix(".json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        stem.with_suffix(".md").write_text(_markdown(result))
        print(f"written {stem}.json and .md")
    print(_markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
