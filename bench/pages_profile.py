"""Queries and server time of the storefront pages built for a visitor
(issue #18 parts 2 and 3): the anonymous visitor with the page cache off
(what a page costs when it is built, "as built") and a signed-in customer
with a basket, who never gets a cached page.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/otop_pages \\
    BENCH_REDIS_URL=redis://127.0.0.1:6379/10 \\
        .venv/bin/python bench/pages_profile.py --repeat 20
    .venv/bin/python bench/pages_profile.py --sql product --who customer    # the SQL of one page
    .venv/bin/python bench/pages_profile.py --cprofile catalogue --who customer

Django's test client in one process (no HTTP server), DEBUG off, the Redis
cache, the data of bench/generate.py. Each page is requested twice to warm
the caches (facets, thumbnails, card fragments), then its SQL is counted on
the third request and its time is the median of --repeat more. Query counts
are exact; the milliseconds depend on what else the machine is doing.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Tables a page reads or writes for the visitor rather than for its content
# (as tests/functional/catalog/test_customer_query_counts.py counts them):
# the statement's own table, not those of its subqueries.
PER_VISITOR = re.compile(
    r"^(django_session|auth_user|auth_permission|basket_\w+|wishlists_\w+|offer_\w+|voucher_\w+"
    r"|communication_\w+|customer_\w+|analytics_user\w+)$"
)
_PARENTHESES = re.compile(r"\([^()]*\)")


def main_table(statement: str) -> str:
    while _PARENTHESES.search(statement):
        statement = _PARENTHESES.sub("", statement)
    found = re.search(r'(?:FROM|INTO|UPDATE) "(\w+)"', statement)
    return found.group(1) if found else ""


def _setup(args) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.oscar_reference_settings" if args.oscar else "bench.shop_settings"
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["REDIS_URL"] = args.redis_url
    os.environ.setdefault("SECRET_KEY", "bench-pages-profile-not-secret")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    os.environ["PAGE_CACHE_ENABLED"] = "false"  # every request builds its page
    os.environ.update(DEBUG="false", SECURE_SSL_REDIRECT="false", SITE_URL="http://127.0.0.1:8000", LOG_LEVEL="WARNING")
    os.environ.setdefault("MEDIA_ROOT", os.environ.get("BENCH_MEDIA_ROOT", "/tmp/otop-bench/media"))
    os.environ.setdefault("BENCH_RUN_ID", f"pages-{os.getpid()}")
    os.environ.pop("CELERY_BROKER_URL", None)
    default_static = Path(tempfile.gettempdir()) / ("otop-pages-static-oscar" if args.oscar else "otop-pages-static")
    static_root = os.environ.setdefault("BENCH_STATIC_ROOT", str(default_static))
    import django

    django.setup()
    if not (Path(static_root) / "staticfiles.json").exists():
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)


def _pages() -> dict[str, str]:
    from bench.targets import shop_pages
    from catalog.selectors import producers_approved

    pages = dict(shop_pages()["pages"])
    producer = producers_approved().order_by("pk").first()
    if producer is not None:
        pages["producer"] = producer.get_absolute_url()
    return pages


def _clients(product_path: str):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from bench.targets import CSRF_INPUT, CUSTOMER_EMAIL

    anonymous = Client(HTTP_HOST="127.0.0.1")
    customer = Client(HTTP_HOST="127.0.0.1")
    user = get_user_model().objects.get(email__iexact=CUSTOMER_EMAIL)
    customer.force_login(user, backend="oscar.apps.customer.auth_backends.EmailBackend")
    page = customer.get(product_path).content.decode()
    token = CSRF_INPUT.search(page).group(1)
    action = re.search(r'action="([^"]*basket/add/\d+/)"', page).group(1)
    customer.post(action, {"csrfmiddlewaretoken": token, "quantity": "1"})
    return {"anonymous": anonymous, "customer": customer}


def measure(client, path: str, *, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        assert client.get(path).status_code == 200, path
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    sql = [q["sql"] for q in captured.captured_queries]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    return {
        "queries": len(sql),
        "per_visitor": sum(1 for s in sql if PER_VISITOR.match(main_table(s))),
        "ms": round(statistics.median(times), 1) if times else None,
        "sql": sql,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/otop_bench")
    )
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11"))
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pages", default="", help="comma-separated page names (default: all)")
    parser.add_argument("--who", choices=["anonymous", "customer", "both"], default="both")
    parser.add_argument("--sql", metavar="PAGE", help="print the SQL of one page")
    parser.add_argument("--full", action="store_true", help="with --sql: whole statements, one a line")
    parser.add_argument("--sort", default="cumulative", help="with --cprofile: pstats sort key (tottime...)")
    parser.add_argument("--filter", default="", help="with --cprofile: only functions whose file matches this regex")
    parser.add_argument("--cprofile", metavar="PAGE", help="cProfile --repeat requests of one page")
    parser.add_argument("--json", metavar="FILE", help="also write the results (with the SQL) here")
    parser.add_argument(
        "--oscar",
        metavar="PRODUCT_PK",
        type=int,
        default=0,
        help="stock Oscar's product page of this product instead (bench/oscar_reference_settings.py)",
    )
    args = parser.parse_args(argv)
    _setup(args)
    if args.oscar:
        from django.test import Client
        from oscar.core.loading import get_model

        path = get_model("catalogue", "Product").objects.get(pk=args.oscar).get_absolute_url()
        result = measure(Client(HTTP_HOST="127.0.0.1"), path, repeat=args.repeat)
        print(f"| stock Oscar product `{path}` | {result['queries']} | {result['ms']} |")
        if args.sql:
            for n, sql in enumerate(result["sql"], 1):
                print(f"{n:3d}. {sql[:400]}")
        return 0

    pages = _pages()
    clients = _clients(pages["product"])
    who = ["anonymous", "customer"] if args.who == "both" else [args.who]
    if args.sql or args.cprofile:
        name = args.sql or args.cprofile
        for visitor in who:
            if args.sql:
                result = measure(clients[visitor], pages[name], repeat=0)
                print(f"# {name} {visitor}: {result['queries']} queries, {result['per_visitor']} per visitor")
                for n, sql in enumerate(result["sql"], 1):
                    print(sql if args.full else f"{n:3d}. {sql[:400]}")
            else:
                measure(clients[visitor], pages[name], repeat=0)
                profiler = cProfile.Profile()
                profiler.enable()
                for _ in range(args.repeat):
                    clients[visitor].get(pages[name])
                profiler.disable()
                print(f"# {name} {visitor}, {args.repeat} requests")
                stats = pstats.Stats(profiler).sort_stats(args.sort)
                stats.print_stats(*([args.filter] if args.filter else []), 45)
        return 0

    wanted = [p for p in args.pages.split(",") if p] or list(pages)
    results = {}
    print("| page | anonymous queries | anonymous ms | customer queries | of which per visitor | customer ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in wanted:
        row = {visitor: measure(clients[visitor], pages[name], repeat=args.repeat) for visitor in who}
        results[name] = {"path": pages[name], **row}
        anon, cust = row.get("anonymous", {}), row.get("customer", {})
        print(
            f"| {name} `{pages[name]}` | {anon.get('queries', '')} | {anon.get('ms', '')} | "
            f"{cust.get('queries', '')} | {cust.get('per_visitor', '')} | {cust.get('ms', '')} |",
            flush=True,
        )
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
