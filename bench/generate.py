"""Generate the benchmark shop on PostgreSQL, reproducibly from a seed.

    .venv/bin/python bench/generate.py --products 2000 --orders 5000 --movements 50000
    .venv/bin/python bench/generate.py            # full size: 10,000 products, 100,000 orders, 1,000,000 movements

The database (default postgres://postgres@127.0.0.1:5432/otop_bench, or
--database-url / BENCH_DATABASE_URL) is created and migrated when missing;
--reset drops it first. Steps are idempotent, so re-running with the same
arguments only fills in what is missing; growing --products extends the
same catalogue. Product pictures go to BENCH_MEDIA_ROOT (default
/tmp/otop-bench/media). See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.dbtools import database_ensure, database_url_default  # noqa: E402

DEFAULTS = dict(products=10_000, producers=200, orders=100_000, movements=1_000_000, stories=36, customers=1_000)
DEFAULT_SEED = 2569
MEDIA_ROOT_DEFAULT = "/tmp/otop-bench/media"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for name, value in DEFAULTS.items():
        parser.add_argument(f"--{name}", type=int, default=value, metavar="N", help=f"default {value:,}")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--last-fiscal-year",
        type=int,
        default=2569,
        metavar="BE",
        help="last of the two Thai fiscal years of order history, in B.E. (default 2569)",
    )
    parser.add_argument("--database-url", default=database_url_default())
    parser.add_argument("--reset", action="store_true", help="drop and recreate the database first")
    parser.add_argument(
        "--template",
        default="",
        metavar="NAME",
        help="migrated template database to copy (default <database>_template, made if missing)",
    )
    parser.add_argument("--skip-reconcile", action="store_true", help="do not run reconcile_stock at the end")
    parser.add_argument(
        "--grow-to",
        type=int,
        default=0,
        metavar="N",
        help="then grow the catalogue to N public products by bulk SQL copies of the generated "
        "ones (the --scale sweep's large sizes; bench/gen/grow.py)",
    )
    args = parser.parse_args(argv)
    for name in DEFAULTS:
        if getattr(args, name) < 0:
            parser.error(f"--{name} must be zero or more")
    if args.producers < 1:
        parser.error("--producers must be at least 1")
    return args


def _django_setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
    # DEBUG only gives the generator a throwaway secret key; nothing is served.
    os.environ["DEBUG"] = "true"
    os.environ.setdefault("MEDIA_ROOT", os.environ.get("BENCH_MEDIA_ROOT", MEDIA_ROOT_DEFAULT))
    # Tasks (search indexing...) run in-process, not queued to a worker, and
    # the emails they send (receipt notes to producers...) go nowhere.
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    import django

    django.setup()


class Steps:
    def __init__(self) -> None:
        self.started = time.monotonic()
        self.timings: dict[str, float] = {}

    def run(self, title: str, func, *, shown=lambda result: result):
        """Run one step, print what `shown` makes of its result and its time."""
        print(f"{title} ...", flush=True)
        t0 = time.monotonic()
        result = func()
        self.timings[title] = round(time.monotonic() - t0, 1)
        print(f"  {title}: {shown(result)} ({self.timings[title]} s)", flush=True)
        return result

    @staticmethod
    def progress(text: str) -> None:
        print(f"    {text}", flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    database_ensure(args.database_url, reset=args.reset, template=args.template)
    _django_setup(args.database_url)
    return generate(args)


def generate(args: argparse.Namespace) -> int:
    import logging
    import warnings

    from django.core.management import call_command
    from django.db import transaction

    from bench.gen.catalogue import producers_seed, products_seed
    from bench.gen.ledger import ledger_seed
    from bench.gen.orders import customers_seed, orders_seed
    from bench.gen.search import search_index_incomplete, search_index_rebuild, search_indexing_deferred
    from bench.gen.stories import stories_seed
    from shop.common import roles
    from shop.demo.accounts import seed_demo_users
    from shop.demo.reference import seed_reference

    for name in ("wagtail", "django_tasks", "modelsearch", "oscar.alerts", "celery"):
        logging.getLogger(name).setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", message="update is not implemented in this backend")

    steps = Steps()
    print(f"Generating into {args.database_url} (seed {args.seed})", flush=True)

    def atomic(func):
        def wrapped():
            with transaction.atomic():
                return func()

        return wrapped

    steps.run("reference data", atomic(lambda: {k: v.total for k, v in seed_reference().items()}))
    with search_indexing_deferred() as deferred:
        producers = steps.run("producers", atomic(lambda: producers_seed(count=args.producers)), shown=len)
        result = steps.run(
            "products, pictures, stock",
            lambda: products_seed(count=args.products, producers=producers, progress=steps.progress),
        )
    if deferred and (result.products_created or search_index_incomplete()):
        steps.run("search index", search_index_rebuild)
    steps.run("stories and pages", atomic(lambda: f"{stories_seed(count=args.stories)} stories added"))
    steps.run("roles", atomic(lambda: len(roles.roles_sync().groups_created)))
    steps.run("demo users", atomic(lambda: [login.email for login in seed_demo_users()]))
    customer_ids = steps.run("customers", atomic(lambda: customers_seed(count=args.customers)), shown=len)
    steps.run(
        "orders",
        lambda: orders_seed(
            count=args.orders,
            product_count=args.products,
            customer_ids=customer_ids,
            seed=args.seed,
            last_fiscal_year_be=args.last_fiscal_year,
            progress=steps.progress,
        ),
    )

    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    product_ids = list(Product.objects.filter(upc__isnull=False).order_by("pk").values_list("pk", flat=True))
    history = _order_history() if args.movements else ([], [])
    steps.run(
        "ledger history",
        lambda: ledger_seed(
            movements=args.movements,
            product_ids=product_ids,
            seed=args.seed,
            last_fiscal_year_be=args.last_fiscal_year,
            order_numbers=history[0],
            order_times=history[1],
            progress=steps.progress,
        ),
    )
    if args.grow_to:
        from bench.gen.grow import products_grow

        steps.run(
            f"grow to {args.grow_to:,} products (bulk copies)",
            lambda: products_grow(target=args.grow_to, progress=steps.progress),
            shown=lambda r: f"{r['added']:,} added, {r['products']:,} in all",
        )
    if not args.skip_reconcile:
        steps.run("reconcile_stock", lambda: call_command("reconcile_stock") or "ledger = balances")
    steps.run("VACUUM ANALYZE", _vacuum_analyze)
    total = round(time.monotonic() - steps.started, 1)
    print(f"Done in {total} s: {result.products_created} new products; steps {steps.timings}", flush=True)
    return 0


def _vacuum_analyze() -> str:
    """What autovacuum would have done by the time a real shop serves these
    pages: fresh planner statistics and no dead rows. Without it PostgreSQL
    planned the search entries (rewritten by the index rebuild, three row
    versions each) from statistics of an almost empty table, and the pages
    measured the bloat (bench/README.md)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return "done"


def _order_history() -> tuple[list[str], list]:
    """Numbers and Bangkok wall-clock times of the generated orders, by time,
    so web sales in the ledger can reference a real order."""
    from zoneinfo import ZoneInfo

    from oscar.core.loading import get_model

    from bench.gen.orders import NUMBER_PREFIX

    Order = get_model("order", "Order")
    bangkok = ZoneInfo("Asia/Bangkok")
    rows = (
        Order.objects.filter(number__startswith=NUMBER_PREFIX)
        .order_by("date_placed")
        .values_list("number", "date_placed")
    )
    return [n for n, _t in rows], [t.astimezone(bangkok).replace(tzinfo=None) for _n, t in rows]


if __name__ == "__main__":
    sys.exit(main())
