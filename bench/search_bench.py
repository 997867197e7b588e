"""Search and autocomplete latency, unloaded (issue #7 via issue #10).

    .venv/bin/python bench/search_bench.py [--requests 200] [--json]

One request at a time through Django's test client in this process (server
time only, no network, nothing else competing), over a fixed set of Thai,
English and Chinese queries, each sent in its own language: the search page
(/shop/search/?q=...) and the autocomplete endpoint (/shop/search/suggest/).
Each endpoint is timed twice, `--requests` requests each, cycling through
the queries:

* cold: the cache is emptied before every request, so every answer runs the
  search engine (Thai segmentation, full-text query, listing, facet counts).
  Only the spelling vocabulary of the "no results" help is kept: it is built
  once an hour for everyone (catalog/search/suggestions.py), not per query,
  and its build time is measured on its own (``vocabulary_build_ms``);
* warm: as a visitor repeating a popular query sees it (the shop's caches
  filled by the previous round).

Typing (``typing``): the autocomplete endpoint again, over what a visitor
has typed so far rather than whole queries (ผ, ผ้า, ผ้าไห, si, silk, um, co,
丝, ร่ม, Hang), the prefixes search-as-you-type sends most; cold and warm as
above. (It was a timing loop in the functional tests, which measured without
asserting; issue #20 moved it here.)

The search itself, without the page around it, is timed too (``engine``):
segmenting the query and the three engine queries (products, producers,
stories) that give the ranked ids, as the page runs them on a cold cache.

The cache here is a local-memory one of this process (emptying it cannot
touch anyone's Redis); the autocomplete rate limit is lifted (200 requests
from one address would be refused after 120). Runs against the benchmark
database (BENCH_DATABASE_URL) with DEBUG off (bench.shop_settings).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.dbtools import database_url_default  # noqa: E402

# (language the visitor browses in, query). The examples first.
QUERIES = [
    ("th", "ไหม"),
    ("th", "ผ้า ย้อม คราม"),
    ("en", "silk"),
    ("en", "umbrella"),
    ("zh-hans", "丝绸"),
    ("th", "ผ้าไหม"),
    ("th", "ร่ม บ่อสร้าง"),
    ("th", "เครื่องปั้นดินเผา"),
    ("en", "celadon bowl"),
    ("en", "indigo cotton"),
    ("zh-hans", "雨伞"),
    ("th", "กาแฟ"),
]
ENDPOINTS = {"search": "search:search", "autocomplete": "search:autocomplete"}
# (language, what has been typed so far): the autocomplete's "typing" rows.
TYPED = [
    ("th", "ผ"),
    ("th", "ผ้า"),
    ("th", "ผ้าไห"),
    ("en", "si"),
    ("en", "silk"),
    ("en", "um"),
    ("en", "co"),
    ("zh-hans", "丝"),
    ("th", "ร่ม"),
    ("en", "Hang"),
]


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 200 values is the 190th smallest)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-fraction * len(ordered) // 1))))
    return ordered[rank - 1]


def summarise(values_ms: list[float]) -> dict:
    return {
        "requests": len(values_ms),
        "p50_ms": round(statistics.median(values_ms), 1),
        "p95_ms": round(percentile(values_ms, 0.95), 1),
        "max_ms": round(max(values_ms), 1),
    }


def _urls(endpoint: str, queries: list[tuple[str, str]] = QUERIES) -> list[str]:
    from django.urls import reverse
    from django.utils import translation

    urls = []
    for language, text in queries:
        with translation.override(language):
            urls.append(reverse(ENDPOINTS[endpoint]) + "?" + urlencode({"q": text}))
    return urls


def _cache_clear_but_vocabulary() -> None:
    from django.core.cache import cache

    from catalog.search.suggestions import VOCABULARY_CACHE_KEY, VOCABULARY_TTL

    vocabulary = cache.get(VOCABULARY_CACHE_KEY)
    cache.clear()
    if vocabulary is not None:
        cache.set(VOCABULARY_CACHE_KEY, vocabulary, VOCABULARY_TTL)


def time_endpoint(client, urls: list[str], *, requests: int, cold: bool) -> tuple[list[float], list[str]]:
    """Milliseconds per request, and any request that did not answer 200."""
    timings, failures = [], []
    for n in range(requests):
        url = urls[n % len(urls)]
        if cold:
            _cache_clear_but_vocabulary()
        t0 = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - t0) * 1000)
        if response.status_code != 200:
            failures.append(f"{url}: HTTP {response.status_code}")
    return timings, failures


def time_engine(*, requests: int) -> list[float]:
    """Milliseconds from the typed text to the ranked ids (no cache)."""
    from django.utils import translation

    from catalog import hooks
    from catalog.search import engine

    timings = []
    for n in range(requests):
        language, text = QUERIES[n % len(QUERIES)]
        with translation.override(language):
            t0 = time.perf_counter()
            parsed = engine.parse(text)
            engine.product_ids_ranked(parsed)
            engine.producer_ids_matching(parsed)
            for source in hooks.search_sources():  # cms's stories
                source.ids_matching(parsed)
            timings.append((time.perf_counter() - t0) * 1000)
    return timings


def time_vocabulary_build() -> float:
    from catalog.search import suggestions

    suggestions.vocabulary_forget()
    t0 = time.perf_counter()
    suggestions.vocabulary()
    return round((time.perf_counter() - t0) * 1000, 1)


def run(*, requests: int) -> dict:
    from django.test import Client
    from django.test.utils import override_settings
    from oscar.core.loading import get_model

    product_count = get_model("catalogue", "Product").objects.filter(is_public=True).count()
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    out: dict = {
        "status": "ok",
        "products": product_count,
        "requests": requests,
        "queries": [f"{language}: {text}" for language, text in QUERIES],
        "typed": [f"{language}: {text}" for language, text in TYPED],
    }
    failures: list[str] = []
    time_engine(requests=len(QUERIES))  # imports, Thai dictionary, first connection: not counted
    out["engine"] = {"cold": summarise(time_engine(requests=requests))}
    out["vocabulary_build_ms"] = time_vocabulary_build()
    # One client address sends every request: the per-address limit on
    # search-as-you-type is lifted.
    with override_settings(SEARCH_AUTOCOMPLETE_RATE_LIMIT=10**9):
        rows = [(endpoint, _urls(endpoint)) for endpoint in ENDPOINTS]
        rows.append(("typing", _urls("autocomplete", TYPED)))
        for endpoint, urls in rows:
            for url in urls:  # imports, Thai dictionary, first connection: not counted
                client.get(url)
            out[endpoint] = {}
            for mode in ("cold", "warm"):
                timings, failed = time_endpoint(client, urls, requests=requests, cold=mode == "cold")
                out[endpoint][mode] = summarise(timings)
                failures += failed
    if failures:
        out["status"] = "failed"
        out["errors"] = sorted(set(failures))[:20]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint and mode (default 200)")
    parser.add_argument("--json", action="store_true", help="print one JSON line (for bench/run.py)")
    args = parser.parse_args(argv)
    os.environ.setdefault("DATABASE_URL", database_url_default())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.shop_settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "bench-search-not-secret")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    # The generated pictures (bench/generate.py), as the runner serves them.
    os.environ.setdefault("MEDIA_ROOT", os.environ.get("BENCH_MEDIA_ROOT", "/tmp/otop-bench/media"))
    # A cache of this process only: the cold rounds empty it before every request.
    os.environ["REDIS_URL"] = ""
    os.environ.pop("CELERY_BROKER_URL", None)
    collect = not os.environ.get("BENCH_STATIC_ROOT")
    if collect:  # pages render {% static %} through the manifest: it must exist
        os.environ["BENCH_STATIC_ROOT"] = tempfile.mkdtemp(prefix="otop-bench-static-")
    import django

    django.setup()
    if collect:
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
    result = run(requests=args.requests)
    print(json.dumps(result, ensure_ascii=False) if args.json else json.dumps(result, indent=2, ensure_ascii=False))
    return 0 if result["status"] == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
