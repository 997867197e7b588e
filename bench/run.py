"""Load runner: our storefront next to stock Oscar and a trivial view, in one run.

    .venv/bin/python bench/run.py                 # 20 s per page at 16 connections
    .venv/bin/python bench/run.py --quick         # 3 s per page: checks the harness
    .venv/bin/python bench/run.py --scale 1000,10000,100000
    .venv/bin/python bench/run.py --components none   # only the pages

Serves three targets with the same gunicorn command line (2 sync workers,
DEBUG off, whitenoise, 127.0.0.1 only) against the database made by
bench/generate.py: the shop (bench.shop_settings), stock Oscar on the same
database (bench.oscar_reference_settings) and the ceiling
(bench.ceiling_settings). Each page of the shop is measured three ways
(issue #18): anonymous with the page cache warm (a wrk run), anonymous on
the first request after a price change (timed one at a time, --invalidations
times), and signed in with a basket (a wrk run); SQL queries per page are
counted separately with Django's test client, and the peak memory of every
gunicorn worker is read from /proc (bench/memory.py). Then
the component benchmarks of the other issues (bench/components.py:
inventory, checkout, search, reports). Prints the table and writes
bench/results/<date>-<commit>.json and .md. See bench/README.md for how to
read it.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import components, report  # noqa: E402
from bench.dbtools import database_url_default, database_url_with_name  # noqa: E402
from bench.invalidate import PriceChangeProcess  # noqa: E402
from bench.loadgen import Load, fetch, prime, run_wrk, wrk_path  # noqa: E402
from bench.memory import WorkerMemoryWatch  # noqa: E402
from bench.servers import Target, collectstatic, serving  # noqa: E402

SHOP, OSCAR, CEILING = "shop", "oscar", "ceiling"
SETTINGS = {SHOP: "bench.shop_settings", OSCAR: "bench.oscar_reference_settings", CEILING: "bench.ceiling_settings"}
SCALE_PAGES = ("catalogue", "search", "product")
MEDIA_ROOT_DEFAULT = "/tmp/otop-bench/media"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=database_url_default())
    parser.add_argument("--duration", type=float, help="seconds of load per page (default 20; --quick 3)")
    parser.add_argument("--warmup", type=float, help="seconds of warm-up load per page (default 5; --quick 1)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="3 s per page, 1 s warm-up, tiny component runs: checks the harness, not speed",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per target (default 2)")
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--port", type=int, default=8301, help="first of three ports (shop, stock Oscar, ceiling)")
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11"),
        help="cache of the shop and of stock Oscar; '' for local memory",
    )
    parser.add_argument("--skip-oscar", action="store_true", help="do not measure the stock-Oscar reference")
    parser.add_argument("--skip-customer", action="store_true", help="do not measure the logged-in customer")
    parser.add_argument(
        "--invalidations",
        type=int,
        help="price changes per page for the 'after a price change' view, each followed by one "
        "timed request (default 20; --quick 3; 0 skips the view)",
    )
    parser.add_argument("--scale", default="", help="comma-separated catalogue sizes for the sweep, e.g. 1000,10000")
    parser.add_argument("--scale-only", action="store_true", help="only the --scale sweep (and --components)")
    parser.add_argument(
        "--components",
        default=",".join(components.NAMES),
        help=f"component benchmarks to run, comma-separated, or 'none' (default {','.join(components.NAMES)})",
    )
    parser.add_argument("--checkout", action="store_true", help=argparse.SUPPRESS)  # old spelling: now a component
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when the harness broke (a component failed, a page could not be measured); "
        "never because of the numbers (make bench-quick, CI)",
    )
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    parser.add_argument("--note", action="append", default=[], help="a note for the results file (repeatable)")
    args = parser.parse_args(argv)
    quick_or_full = (3, 1) if args.quick else (20, 5)
    args.duration = quick_or_full[0] if args.duration is None else args.duration
    args.warmup = quick_or_full[1] if args.warmup is None else args.warmup
    args.invalidations = (3 if args.quick else 20) if args.invalidations is None else args.invalidations
    args.scale_sizes = sorted({int(s) for s in args.scale.split(",") if s.strip()}) if args.scale else []
    names = (
        [] if args.components.strip() in ("", "none") else [n.strip() for n in args.components.split(",") if n.strip()]
    )
    if args.checkout and "checkout" not in names:
        names.append("checkout")
    unknown = [n for n in names if n not in components.NAMES]
    if unknown:
        parser.error(f"unknown component(s) {unknown}; choose from {', '.join(components.NAMES)}")
    args.component_names = names
    return args


def _git(*cmd: str) -> str:
    try:
        return subprocess.run(["git", *cmd], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def base_env(args: argparse.Namespace, database_url: str, run_id: str) -> dict:
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL="http://127.0.0.1:8000",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        MEDIA_ROOT=os.environ.get("BENCH_MEDIA_ROOT", MEDIA_ROOT_DEFAULT),
        REDIS_URL=args.redis_url,
        BENCH_RUN_ID=run_id,
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    # No broker: tasks a page might send run in-process, as in `make run`.
    env.pop("CELERY_BROKER_URL", None)
    return env


def discover(target: str, env: dict, static_root: str, extra: list[str] = ()) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "bench.targets", target, *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(env, DJANGO_SETTINGS_MODULE=SETTINGS[target], BENCH_STATIC_ROOT=static_root),
    )
    if out.returncode != 0:
        raise SystemExit(f"Finding the {target} pages failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(url: str, args: argparse.Namespace, *, method: str = "GET", body: str = "", cookie: str = "") -> dict:
    """Warm up, then time one page. gunicorn keeps serving the requests wrk
    left queued when a run ends, so sequential requests before each timed
    run wait until that backlog is gone: every timed run starts on idle
    workers instead of inheriting the previous run's queue. A GET is
    probed once before and once after the timed run for the page cache's
    verdict (X-Page-Cache; None when absent), with the same cookies."""
    common = dict(connections=args.connections, threads=args.threads, method=method, body=body, cookie=cookie)
    prime(Load(url=url, seconds=0, **common), requests=2 * args.workers)
    if args.warmup > 0:
        run_wrk(Load(url=url, seconds=args.warmup, **common))
        prime(Load(url=url, seconds=0, **common), requests=args.workers)
    before = fetch(url, cookie=cookie).page_cache if method == "GET" else None
    result = run_wrk(Load(url=url, seconds=args.duration, **common)).as_dict()
    if method == "GET":
        result["page_cache"] = [before, fetch(url, cookie=cookie).page_cache]
    verdict = "" if method != "GET" else f", X-Page-Cache {'/'.join(v or '-' for v in result['page_cache'])}"
    print(
        f"  {method} {url[:110]}: {result['rps']} req/s, p50 {result['p50_ms']} ms, "
        f"p95 {result['p95_ms']} ms, errors {result['errors']}{verdict}",
        flush=True,
    )
    return result


def measure_shop(found: dict, base: str, args, *, helper_env: dict, log_dir: Path) -> tuple[dict, dict]:
    """The shop's pages as an anonymous visitor (no cookie: what the page
    cache serves), then the first request after a price change, then as
    the signed-in customer with a basket: (pages by visitor, after-change
    figures by page). The add-to-basket POST needs the CSRF cookie: it is
    sent with that POST only."""
    csrf = found["csrf"]
    form = f"csrfmiddlewaretoken={csrf['token']}&quantity=1"
    visitors = {"anonymous": ""}
    if not args.skip_customer:
        visitors["customer"] = f"csrftoken={csrf['cookie']}; sessionid={found['session_cookie']}"
    out: dict = {}
    after_change: dict = {}
    for visitor, cookie in visitors.items():
        print(f"Shop, {visitor}:", flush=True)
        pages = {}
        for name, path in found["pages"].items():
            pages[name] = {
                "path": path,
                "load": measure(base + path, args, cookie=cookie),
                "queries": found["queries"][visitor].get(name),
            }
        post_cookie = cookie if "csrftoken=" in cookie else f"csrftoken={csrf['cookie']}"
        pages["basket_add"] = {
            "path": found["basket_add"],
            "load": measure(base + found["basket_add"], args, method="POST", body=form, cookie=post_cookie),
            "queries": found["queries"][visitor].get("basket_add"),
        }
        out[visitor] = pages
        if visitor == "anonymous" and args.invalidations > 0:
            after_change = measure_after_change(found, base, args, helper_env=helper_env, log_dir=log_dir)
    return out, after_change


def measure_after_change(found: dict, base: str, args, *, helper_env: dict, log_dir: Path) -> dict:
    """Per page: the latency of the first anonymous request after a price
    change, --invalidations times. The change is a save of the stock
    record's price through the ORM in a helper process configured like the
    shop's workers (bench/invalidate.py: same database, Redis and cache key
    prefix), so the same receivers bump the same page versions; it answers
    after the commit, then one request is timed on idle servers."""
    print(f"Shop, anonymous, first request after a price change ({args.invalidations} per page):", flush=True)
    out: dict = {}
    try:
        _after_change_pages(found, base, args, helper_env=helper_env, log_dir=log_dir, out=out)
    except RuntimeError as error:  # the helper died: recorded (--strict fails), the other views go on
        print(f"  price changes stopped: {error} ({log_dir / 'invalidate.log'})", flush=True)
        for name, path in found["pages"].items():
            out.setdefault(name, {"path": path, "error": f"not measured: {error}"})
    return out


def _after_change_pages(found: dict, base: str, args, *, helper_env: dict, log_dir: Path, out: dict) -> None:
    targets = found.get("price_change") or {}
    with open(log_dir / "invalidate.log", "ab") as log, PriceChangeProcess(env=helper_env, log=log) as prices:
        for name, path in found["pages"].items():
            target = targets.get(name) or {}
            entry = {
                "path": path,
                "product_pk": target.get("product_pk"),
                "stockrecord_pk": target.get("stockrecord_pk"),
                "on_page": target.get("on_page", False),
                "queries": (found["queries"].get("anonymous_uncached") or {}).get(name),
            }
            if not entry["stockrecord_pk"]:
                out[name] = dict(entry, error="no product with a stock record to change")
                continue
            fetch(base + path)  # the page is cached (if it is cacheable) before the first change
            samples, change_ms = [], []
            for _ in range(args.invalidations):
                answer = prices.change(entry["stockrecord_pk"])
                if not answer.get("ok"):
                    entry["error"] = f"price change failed: {answer.get('error')}"
                    break
                change_ms.append(answer["ms"])
                sample = fetch(base + path)
                samples.append({"status": sample.status, "ms": sample.ms, "page_cache": sample.page_cache})
            entry.update(report.first_request_summary(samples, workers=args.workers))
            entry["change_ms_median"] = round(sorted(change_ms)[len(change_ms) // 2], 1) if change_ms else None
            out[name] = entry
            verdicts = report.page_cache_shown(entry["page_cache"])
            print(
                f"  GET {(base + path)[:110]}: median {entry['median_ms']} ms, p95 {entry['p95_ms']} ms "
                f"(≈ {entry['implied_rps']} req/s), errors {entry['errors']}, X-Page-Cache {verdicts}"
                + ("" if entry["on_page"] else "; the page shows no product: the measured product's price changed")
                + (f"; {entry['error']}" if entry.get("error") else ""),
                flush=True,
            )
        prices.restore()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Stopped with Ctrl-C or kill (even as a background job): unwind, so the
    # servers' finally block stops every gunicorn this run started.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    wrk_path()
    started = time.monotonic()
    now = datetime.now(UTC)
    # BENCH_COMMIT names the commit when running from a copy of the tree
    # without .git (the results then say so).
    commit = os.environ.get("BENCH_COMMIT") or _git("rev-parse", "--short", "HEAD") or "nogit"
    dirty = bool(os.environ.get("BENCH_COMMIT")) or bool(_git("status", "--porcelain", "--untracked-files=no"))
    run_id = now.strftime("%Y%m%d%H%M%S")
    meta = {
        "date": now.strftime("%Y%m%d-%H%M"),
        "commit": commit,
        "tree": "working tree with uncommitted changes" if dirty else "clean checkout",
        "started_utc": now.isoformat(timespec="seconds"),
        "loadavg_start": _loadavg(),
        "cpus": os.cpu_count(),
        "duration": args.duration,
        "warmup": args.warmup,
        "invalidations": args.invalidations,
        "connections": args.connections,
        "wrk_threads": args.threads,
        "workers": args.workers,
        "worker_class": args.worker_class,
        "cache": "Redis " + args.redis_url if args.redis_url else "local memory",
        "database": args.database_url.rsplit("/", 1)[-1],
        "notes": list(args.note),
    }
    print(f"Benchmark {meta['date']} at {commit} ({meta['tree']}); load average {meta['loadavg_start']}", flush=True)
    env = base_env(args, args.database_url, run_id)
    tmp = Path(tempfile.mkdtemp(prefix="otop-bench-static-"))
    static = {SHOP: str(tmp / "shop"), OSCAR: str(tmp / "oscar"), CEILING: ""}
    print("Collecting static files ...", flush=True)
    collectstatic(settings=SETTINGS[SHOP], static_root=static[SHOP], env=env)
    if not (args.skip_oscar or args.scale_only):
        collectstatic(settings=SETTINGS[OSCAR], static_root=static[OSCAR], env=env)

    results: dict = {"meta": meta}
    if not args.scale_only:
        measure_main(args, env, static, tmp, results)
    if args.scale_sizes:
        results["scale"] = scale_sweep(args, run_id, static, log_dir=tmp)
    if args.component_names:
        results["components"] = components.run_components(
            args.component_names,
            env=dict(env, DJANGO_SETTINGS_MODULE=SETTINGS[SHOP], BENCH_STATIC_ROOT=static[SHOP]),
            database_url=args.database_url,
            quick=args.quick,
        )
        # The checkout's table in the results (kept where earlier results had it).
        if "checkout" in results["components"]:
            results["checkout"] = results["components"]["checkout"]
    return finish(results, args, started)


def measure_main(args, env: dict, static: dict, tmp: Path, results: dict) -> None:
    """The shop's pages, stock Oscar's and the ceiling, served together."""
    print("Finding pages and counting queries ...", flush=True)
    found = discover(SHOP, env, static[SHOP])
    results["meta"]["products"] = found["product_count"]
    results["meta"]["data"] = found.get("data", "")
    results["pages"] = found["pages"]
    oscar_found = None
    if not args.skip_oscar:
        extra = ["--product-pk", str(found["product_pk"])]
        if found.get("category_pk"):
            extra += ["--category-pk", str(found["category_pk"])]
        oscar_found = discover(OSCAR, env, static[OSCAR], extra)

    targets = [Target(SHOP, SETTINGS[SHOP], args.port), Target(CEILING, SETTINGS[CEILING], args.port + 2)]
    if oscar_found:
        targets.append(Target(OSCAR, SETTINGS[OSCAR], args.port + 1))
    print(f"Server logs in {tmp}", flush=True)
    helper_env = dict(env, DJANGO_SETTINGS_MODULE=SETTINGS[SHOP], BENCH_STATIC_ROOT=static[SHOP])
    with (
        serving(
            targets, env=env, workers=args.workers, worker_class=args.worker_class, static_roots=static, log_dir=tmp
        ) as masters,
        WorkerMemoryWatch(masters) as memory,
    ):
        by_name = {t.name: t for t in targets}
        print("Ceiling:", flush=True)
        results["ceiling"] = {"load": measure(by_name[CEILING].base_url + "/", args)}
        results["shop"], after_change = measure_shop(
            found, by_name[SHOP].base_url, args, helper_env=helper_env, log_dir=tmp
        )
        if after_change:
            results["after_change"] = after_change
        if oscar_found:
            print("Stock Oscar, anonymous:", flush=True)
            results["oscar"] = {
                "anonymous": {
                    name: {
                        "path": path,
                        "load": measure(by_name[OSCAR].base_url + path, args),
                        "queries": oscar_found["queries"]["anonymous"].get(name),
                    }
                    for name, path in oscar_found["pages"].items()
                }
            }
    results["memory"] = memory.summary()


def finish(results: dict, args, started: float) -> int:
    meta = results["meta"]
    meta["loadavg_end"] = _loadavg()
    meta["elapsed_s"] = round(time.monotonic() - started)
    if not meta.get("noise"):
        meta["noise"] = (
            f"load average {meta['loadavg_start']} at start on {meta['cpus']} CPUs shared by wrk, "
            "the servers, PostgreSQL and any other work on the machine: numbers are noisy; "
            "compare ratios within this run, not absolute numbers across runs."
        )
    print()
    print(report.views_text(report.views_rows(results)))
    for line in report.memory_lines(results):
        print(f"peak worker memory, {line}")
    scale = report.scale_rows(results)
    if scale:
        print()
        print(report.scale_markdown(scale))
    print()
    for goal in report.goals_check(results):
        mark = "not measured" if goal["met"] is None else ("met" if goal["met"] else "NOT met")
        print(f"goal: {goal['goal']}: {goal['shown']} ({mark})")
    for line in report.components_lines(results):
        print(line)
    json_path, md_path = report.results_write(results, directory=Path(args.out))
    print(f"\nWrote {json_path} and {md_path} in {meta['elapsed_s']} s")
    if args.strict:
        broken = report.harness_failures(results)
        for problem in broken:
            print(f"harness broken: {problem}", file=sys.stderr)
        return 1 if broken else 0
    return 0


SCALE_SEED_MAX = 1000  # products made through the services; larger sizes are bulk copies of them


def scale_databases(args) -> list[str]:
    """One database per size, made or completed (idempotent, so a second
    run reuses them): the smallest size, at most SCALE_SEED_MAX products,
    through the catalogue services (bench/generate.py, products only); each
    larger size a copy of it grown by bulk SQL copies of its products
    (generate.py --grow-to, bench/gen/grow.py)."""
    base_name = args.database_url.rsplit("/", 1)[-1]
    seed_size = min(args.scale_sizes[0], SCALE_SEED_MAX)
    seed_name = f"{base_name}_p{seed_size}"
    # One producer per 5 products (the 200 for 1,000), so a tiny
    # sweep does not spend its time making producers.
    products_only = [
        "--products",
        str(seed_size),
        "--producers",
        str(max(1, min(200, seed_size // 5))),
        "--orders",
        "0",
        "--movements",
        "0",
        "--customers",
        "0",
        "--stories",
        "0",
    ]
    urls = []
    for size in [seed_size, *[s for s in args.scale_sizes if s != seed_size]]:
        url = database_url_with_name(args.database_url, f"{base_name}_p{size}")
        how = "through the services" if size == seed_size else f"copied from {seed_name}, grown in bulk"
        print(f"Scale {size:,} products: {url.rsplit('/', 1)[-1]} ({how}) ...", flush=True)
        template = f"{base_name}_template" if size == seed_size else seed_name
        grow = [] if size == seed_size else ["--grow-to", str(size)]
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "generate.py"),
                "--database-url",
                url,
                *products_only,
                "--template",
                template,
                *grow,
            ],
            cwd=ROOT,
            check=True,
        )
        if size in args.scale_sizes:
            urls.append(url)
    return urls


def scale_sweep(args, run_id: str, static: dict, *, log_dir: Path) -> list[dict]:
    """Listing, search and product pages of the shop at each catalogue size,
    one database per size (scale_databases), all built before any is measured."""
    points = []
    for n, url in enumerate(scale_databases(args)):
        env = base_env(args, url, f"{run_id}-s{n}")
        found = discover(SHOP, env, static[SHOP])
        target = Target(SHOP, SETTINGS[SHOP], args.port + 3)
        pages = {}
        print(f"Scale: {found['product_count']:,} products ({url.rsplit('/', 1)[-1]}):", flush=True)
        with serving(
            [target],
            env=env,
            workers=args.workers,
            worker_class=args.worker_class,
            static_roots=static,
            log_dir=log_dir,
        ):
            for name in SCALE_PAGES:
                path = found["pages"][name]
                pages[name] = {
                    "path": path,
                    "load": measure(target.base_url + path, args),
                    "queries": found["queries"]["anonymous"].get(name),
                }
        points.append({"products": found["product_count"], "database": url.rsplit("/", 1)[-1], "pages": pages})
    return points


if __name__ == "__main__":
    sys.exit(main())
