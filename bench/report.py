"""Turn measured numbers into the results tables, the goals check and the
results files (bench/results/<date>-<commit>.json and .md). Pure functions
of the results dict that bench/run.py builds, so they are unit-tested.

The results dict (bench/run.py):

* ``shop``: ``{"anonymous": {page: entry}, "customer": {page: entry}}``, each
  entry ``{"path", "load": wrk's numbers + "page_cache" (the X-Page-Cache
  headers seen before and after the timed run), "queries"}``;
* ``after_change``: ``{page: {"samples", "median_ms", "p95_ms",
  "implied_rps", "errors", "page_cache": {verdict: count}, ...}}``, the first
  request after each price change (first_request_summary);
* ``oscar``, ``ceiling``: the references, as before; ``memory``: the peak
  RSS of each gunicorn worker by target (bench/memory.py).
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

# Our page -> the stock-Oscar page it is compared with.
OSCAR_EQUIVALENT = {"catalogue": "catalogue", "category": "category", "search": "search", "product": "product"}
PAGE_ORDER = ["home", "catalogue", "category", "district", "product", "search", "story", "basket_add"]
LISTING_PAGES = ("catalogue", "category")
# Issue #10's goals.
GOAL_ANON_SHARE_OF_CEILING = 0.5
GOAL_ANON_PAGES = ("catalogue", "category", "product")
GOAL_TIMES_OSCAR_LISTING = 100
GOAL_CUSTOMER_SHARE_OF_CEILING = 0.1
GOAL_LISTING_QUERIES = 12
GOAL_SCALE_P50_GROWTH = 1.2
# Issue #18's goals.
GOAL_CACHED_PAGES = ("home", "catalogue", "category", "district", "product", "story")
GOAL_TIMES_OSCAR_PRODUCT_UNCACHED = 2
GOAL_SEARCH_P95_MS = 50
GOAL_CHECKOUT_MEDIAN_MS = 120
# POSTs: measured and shown, but not a page a goal speaks of.
ACTIONS = ("basket_add",)

# The three views of a page (issue #18) and the page cache's verdict
# (X-Page-Cache) each should get.
ANONYMOUS, AFTER_CHANGE, CUSTOMER = "anonymous, cached", "anonymous, after a price change", "signed-in with basket"
EXPECTED_VERDICT = {ANONYMOUS: "hit", AFTER_CHANGE: "miss", CUSTOMER: "bypass"}

COLUMNS = [
    "target",
    "visitor",
    "page",
    "req/s",
    "p50 ms",
    "p99 ms",
    "errors",
    "KB/req",
    "queries",
    "× ceiling",
    "× stock Oscar",
]


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if not numerator or not denominator:
        return None
    return numerator / denominator


def _page_key(name: str) -> int:
    return PAGE_ORDER.index(name) if name in PAGE_ORDER else len(PAGE_ORDER)


def table_rows(results: dict) -> list[dict]:
    """One row per measured page, with its ratios to the ceiling and to
    the stock-Oscar equivalent (same run, same data)."""
    ceiling_rps = (results.get("ceiling") or {}).get("load", {}).get("rps")
    oscar = (results.get("oscar") or {}).get("anonymous", {})
    rows = []
    for visitor, pages in (results.get("shop") or {}).items():
        for page in sorted(pages, key=_page_key):
            entry = pages[page]
            load = entry.get("load") or {}
            equivalent = oscar.get(OSCAR_EQUIVALENT.get(page, ""), {}).get("load", {})
            rows.append(
                _row(
                    "shop",
                    visitor,
                    page,
                    load,
                    entry.get("queries"),
                    ceiling_rps,
                    ratio(load.get("rps"), equivalent.get("rps")),
                )
            )
    for page in sorted(oscar, key=_page_key):
        entry = oscar[page]
        rows.append(
            _row("stock Oscar", "anonymous", page, entry.get("load") or {}, entry.get("queries"), ceiling_rps, 1.0)
        )
    if results.get("ceiling"):
        rows.append(_row("ceiling", "anonymous", "trivial view", results["ceiling"]["load"], None, ceiling_rps, None))
    return rows


def _row(target, visitor, page, load, queries, ceiling_rps, vs_oscar) -> dict:
    return {
        "target": target,
        "visitor": visitor,
        "page": page,
        "rps": load.get("rps"),
        "p50_ms": load.get("p50_ms"),
        "p95_ms": load.get("p95_ms"),
        "p99_ms": load.get("p99_ms"),
        "errors": load.get("errors"),
        "kb_per_request": round(load.get("bytes_per_request", 0) / 1024, 1) if load else None,
        "queries": (queries or {}).get("queries"),
        "x_ceiling": ratio(load.get("rps"), ceiling_rps),
        "x_oscar": vs_oscar,
    }


def _fmt(value, kind: str = "") -> str:
    if value is None:
        return "-"
    if kind == "share":
        return f"{value:.1%}" if value < 1 else f"{value:.2f}×"
    if kind == "times":
        return f"{value:.1f}×" if value < 100 else f"{value:.0f}×"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _cells(row: dict) -> list[str]:
    return [
        row["target"],
        row["visitor"],
        row["page"],
        _fmt(row["rps"]),
        _fmt(row["p50_ms"]),
        _fmt(row["p99_ms"]),
        _fmt(row["errors"]),
        _fmt(row["kb_per_request"]),
        _fmt(row["queries"]),
        _fmt(row["x_ceiling"], "share"),
        _fmt(row["x_oscar"], "times"),
    ]


def markdown_table(rows: list[dict], columns: list[str] = COLUMNS) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join(" --- " for _ in columns) + "|"]
    lines += ["| " + " | ".join(_cells(row)) + " |" for row in rows]
    return "\n".join(lines)


def text_table(rows: list[dict], columns: list[str] = COLUMNS) -> str:
    cells = [columns] + [_cells(row) for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells)


# --- The three views of each page (issue #18) ---------------------------------------

VIEW_COLUMNS = [
    "page",
    "view",
    "req/s",
    "p50 ms",
    "p95 ms",
    "errors",
    "queries",
    "% of trivial view",
    "× stock Oscar",
    "X-Page-Cache",
]


def percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile (p95 of 20 values is the 19th smallest)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-fraction * len(ordered) // 1))))
    return ordered[rank - 1]


def _failed(status: int) -> bool:
    """As wrk counts errors: no answer, or an answer that is not 2xx/3xx."""
    return not 200 <= status < 400


def first_request_summary(samples: list[dict], *, workers: int) -> dict:
    """The first requests after each price change (``{"status", "ms",
    "page_cache"}`` each): median, p95 and max latency, errors, the page
    cache's verdicts counted (``-`` when the header was absent) and the
    request rate it implies: ``workers`` sync workers serving such requests
    back to back, one at a time each (an estimate, not a load run)."""
    answered = [s["ms"] for s in samples if s["status"]]
    median = round(statistics.median(answered), 1) if answered else None
    p95 = percentile(answered, 0.95)
    verdicts: dict[str, int] = {}
    for sample in samples:
        verdict = sample.get("page_cache") or "-"
        verdicts[verdict] = verdicts.get(verdict, 0) + 1
    return {
        "samples": len(samples),
        "median_ms": median,
        "p95_ms": round(p95, 1) if p95 is not None else None,
        "max_ms": round(max(answered), 1) if answered else None,
        "errors": sum(_failed(s["status"]) for s in samples),
        "implied_rps": round(workers * 1000 / median, 1) if median else None,
        "page_cache": verdicts,
    }


def page_cache_shown(observed) -> str:
    """The X-Page-Cache verdicts of a view for the table: the headers seen
    around a load run (a list: ``hit``, or ``miss/hit`` when they differ) or
    counted over the first requests after a change (a dict: ``miss``, or
    ``miss 18, hit 2``); ``-`` when no response carried the header."""
    if isinstance(observed, dict):
        counts = {("none" if k in ("-", "", None) else k): n for k, n in observed.items() if n}
        if not counts or set(counts) == {"none"}:
            return "-"
        if len(counts) == 1:
            return next(iter(counts))
        return ", ".join(f"{k} {n}" for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    seen = list(dict.fromkeys(v for v in (observed or []) if v))
    return "/".join(seen) if seen else "-"


def views_rows(results: dict) -> list[dict]:
    """Per page, its three views (anonymous cached, anonymous after a price
    change, signed-in customer with a basket) and stock Oscar's same page,
    then the trivial view."""
    ceiling_rps = (results.get("ceiling") or {}).get("load", {}).get("rps")
    shop = results.get("shop") or {}
    oscar = (results.get("oscar") or {}).get("anonymous", {})
    after = results.get("after_change") or {}
    pages = {*shop.get("anonymous", {}), *shop.get("customer", {}), *after}
    rows = []
    for page in sorted(pages, key=_page_key):
        oscar_entry = oscar.get(OSCAR_EQUIVALENT.get(page, "")) or {}
        oscar_rps = (oscar_entry.get("load") or {}).get("rps")
        entry = shop.get("anonymous", {}).get(page)
        if entry:
            rows.append(_view_row(page, "anonymous" if page in ACTIONS else ANONYMOUS, entry, ceiling_rps, oscar_rps))
        change = after.get(page)
        if change:
            rps = change.get("implied_rps")
            rows.append(
                {
                    "page": page,
                    "view": AFTER_CHANGE,
                    "rps": rps,
                    "implied": True,
                    "p50_ms": change.get("median_ms"),
                    "p95_ms": change.get("p95_ms"),
                    "errors": change.get("errors"),
                    "queries": (change.get("queries") or {}).get("queries"),
                    "x_ceiling": ratio(rps, ceiling_rps),
                    "x_oscar": ratio(rps, oscar_rps),
                    "page_cache": page_cache_shown(change.get("page_cache"))
                    if "error" not in change
                    else "failed: " + str(change["error"])[:80],
                }
            )
        entry = shop.get("customer", {}).get(page)
        if entry:
            rows.append(_view_row(page, CUSTOMER, entry, ceiling_rps, oscar_rps))
        if oscar_entry:
            rows.append(dict(_view_row(page, "stock Oscar", oscar_entry, ceiling_rps, oscar_rps), x_oscar=1.0))
    if results.get("ceiling"):
        rows.append(_view_row("trivial view", "ceiling", results["ceiling"], ceiling_rps, None))
    return rows


def _view_row(page: str, view: str, entry: dict, ceiling_rps, oscar_rps) -> dict:
    load = entry.get("load") or {}
    return {
        "page": page,
        "view": view,
        "rps": load.get("rps"),
        "implied": False,
        "p50_ms": load.get("p50_ms"),
        "p95_ms": load.get("p95_ms"),
        "errors": load.get("errors"),
        "queries": (entry.get("queries") or {}).get("queries"),
        "x_ceiling": ratio(load.get("rps"), ceiling_rps),
        "x_oscar": ratio(load.get("rps"), oscar_rps),
        "page_cache": page_cache_shown(load.get("page_cache")),
    }


def _view_cells(row: dict) -> list[str]:
    rps = _fmt(row["rps"])
    return [
        row["page"],
        row["view"],
        ("≈ " + rps) if row["implied"] and row["rps"] is not None else rps,
        _fmt(row["p50_ms"]),
        _fmt(row["p95_ms"]),
        _fmt(row["errors"]),
        _fmt(row["queries"]),
        _fmt(row["x_ceiling"], "share"),
        _fmt(row["x_oscar"], "times"),
        row["page_cache"],
    ]


def views_markdown(rows: list[dict]) -> str:
    lines = ["| " + " | ".join(VIEW_COLUMNS) + " |", "|" + "|".join(" --- " for _ in VIEW_COLUMNS) + "|"]
    lines += ["| " + " | ".join(_view_cells(row)) + " |" for row in rows]
    return "\n".join(lines)


def views_text(rows: list[dict]) -> str:
    cells = [VIEW_COLUMNS] + [_view_cells(row) for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(VIEW_COLUMNS))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells)


def page_cache_surprises(results: dict) -> list[str]:
    """Verdicts other than the expected one (EXPECTED_VERDICT), per page and
    view. An absent header is not a surprise (before the page cache, or a
    page it does not serve). After a change, only pages that show the
    changed product are expected to miss."""
    wrong = []
    shop = results.get("shop") or {}
    for visitor, view in (("anonymous", ANONYMOUS), ("customer", CUSTOMER)):
        for page, entry in sorted((shop.get(visitor) or {}).items(), key=lambda kv: _page_key(kv[0])):
            seen = {v for v in ((entry.get("load") or {}).get("page_cache") or []) if v}
            other = sorted(seen - {EXPECTED_VERDICT[view]})
            if other:
                wrong.append(f"{page}, {view}: {'/'.join(other)}")
    for page, change in sorted((results.get("after_change") or {}).items(), key=lambda kv: _page_key(kv[0])):
        if not change.get("on_page", True):
            continue
        other = sorted(
            v
            for v, n in (change.get("page_cache") or {}).items()
            if n and v not in ("-", "", None, EXPECTED_VERDICT[AFTER_CHANGE])
        )
        if other:
            wrong.append(f"{page}, {AFTER_CHANGE}: {'/'.join(other)}")
    return wrong


def _memory_by_target(results: dict) -> list[tuple[str, dict]]:
    memory = results.get("memory") or {}
    return sorted(memory.items(), key=lambda kv: list(TARGET_TITLES).index(kv[0]) if kv[0] in TARGET_TITLES else 99)


def memory_lines(results: dict) -> list[str]:
    """Peak RSS of each gunicorn worker by target, one line each."""
    out = []
    for target, m in _memory_by_target(results):
        workers = ", ".join(f"{mb:,.1f}" for mb in (m.get("workers") or {}).values()) or "-"
        out.append(f"{TARGET_TITLES.get(target, target)}: peak {_fmt(m.get('peak_mb'))} MB (workers: {workers} MB)")
    return out


def memory_markdown(results: dict) -> str:
    lines = ["| target | workers | peak RSS of each worker, MB | largest, MB |", "| --- | --- | --- | --- |"]
    for target, m in _memory_by_target(results):
        workers = m.get("workers") or {}
        lines.append(
            f"| {TARGET_TITLES.get(target, target)} | {len(workers)} | "
            f"{', '.join(f'{mb:,.1f}' for mb in workers.values()) or '-'} | {_fmt(m.get('peak_mb'))} |"
        )
    return "\n".join(lines)


TARGET_TITLES = {"shop": "shop", "oscar": "stock Oscar", "ceiling": "trivial view"}


def scale_rows(results: dict) -> list[dict]:
    """The --scale sweep: p50 and req/s of listing, search and product per
    catalogue size, with p50 relative to the smallest size."""
    sweep = results.get("scale") or []
    if not sweep:
        return []
    smallest = sweep[0]
    rows = []
    for point in sweep:
        for page in sorted(point["pages"], key=_page_key):
            load = point["pages"][page].get("load") or {}
            base = smallest["pages"].get(page, {}).get("load", {}).get("p50_ms")
            rows.append(
                {
                    "products": point["products"],
                    "page": page,
                    "rps": load.get("rps"),
                    "p50_ms": load.get("p50_ms"),
                    "p99_ms": load.get("p99_ms"),
                    "errors": load.get("errors"),
                    "queries": (point["pages"][page].get("queries") or {}).get("queries"),
                    "p50_vs_smallest": ratio(load.get("p50_ms"), base),
                }
            )
    return rows


def scale_markdown(rows: list[dict]) -> str:
    cols = ["products", "page", "req/s", "p50 ms", "p99 ms", "errors", "queries", "p50 / smallest size"]
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join(" --- " for _ in cols) + "|"]
    for r in rows:
        lines.append(
            "| "
            + " | ".join(
                [
                    _fmt(r["products"]),
                    r["page"],
                    _fmt(r["rps"]),
                    _fmt(r["p50_ms"]),
                    _fmt(r["p99_ms"]),
                    _fmt(r["errors"]),
                    _fmt(r["queries"]),
                    "-" if r["p50_vs_smallest"] is None else f"{r['p50_vs_smallest']:.2f}",
                ]
            )
            + " |"
        )
    return "\n".join(lines)


def goals_check(results: dict) -> list[dict]:
    """Issue #18's goals, then those of issue #10 that still apply, each
    met, missed or not measured (None)."""
    rows = {(r["target"], r["visitor"], r["page"]): r for r in table_rows(results)}
    goals = []
    for page in GOAL_CACHED_PAGES:
        r = rows.get(("shop", "anonymous", page))
        share = r and r["x_ceiling"]
        goals.append(
            _goal(
                f"anonymous {page} ≥ {GOAL_ANON_SHARE_OF_CEILING:.0%} of the ceiling",
                share,
                share is not None and share >= GOAL_ANON_SHARE_OF_CEILING,
                _fmt(share, "share"),
                issue=18,
            )
        )
    customer = {
        k[2]: r["x_ceiling"]
        for k, r in rows.items()
        if k[0] == "shop" and k[1] == "customer" and k[2] not in ACTIONS and r["x_ceiling"]
    }
    slowest = min(customer, key=customer.get) if customer else None
    worst = customer[slowest] if customer else None
    goals.append(
        _goal(
            f"signed-in customer with a basket ≥ {GOAL_CUSTOMER_SHARE_OF_CEILING:.0%} of the ceiling (slowest page)",
            worst,
            worst is not None and worst >= GOAL_CUSTOMER_SHARE_OF_CEILING,
            f"{_fmt(worst, 'share')} ({slowest})" if customer else "-",
            issue=18,
        )
    )
    # "Uncached": the signed-in customer's product page, a load run like
    # stock Oscar's (the after-a-change figure is one request at a time, so
    # it is shown beside it but not judged).
    r = rows.get(("shop", "customer", "product"))
    times = r and r["x_oscar"]
    shown = _fmt(times, "times")
    oscar_product = ((results.get("oscar") or {}).get("anonymous", {}).get("product") or {}).get("load", {}).get("rps")
    implied = ((results.get("after_change") or {}).get("product") or {}).get("implied_rps")
    if ratio(implied, oscar_product):
        shown += f" (after a price change, implied: {_fmt(ratio(implied, oscar_product), 'times')})"
    goals.append(
        _goal(
            f"uncached product page (signed-in customer) ≥ {GOAL_TIMES_OSCAR_PRODUCT_UNCACHED}× stock "
            "Oscar's product page",
            times,
            times is not None and times >= GOAL_TIMES_OSCAR_PRODUCT_UNCACHED,
            shown,
            issue=18,
        )
    )
    r = rows.get(("shop", "anonymous", "search"))
    p95 = r and r["p95_ms"]
    goals.append(
        _goal(
            f"search results p95 < {GOAL_SEARCH_P95_MS} ms (anonymous, cached, under load)",
            p95,
            p95 is not None and p95 < GOAL_SEARCH_P95_MS,
            f"{_fmt(p95)} ms" if p95 is not None else "-",
            issue=18,
        )
    )
    checkout = (results.get("components") or {}).get("checkout") or results.get("checkout") or {}
    median = (
        ((checkout.get("steps") or {}).get("total") or {}).get("median_ms") if checkout.get("status") == "ok" else None
    )
    goals.append(
        _goal(
            f"checkout median < {GOAL_CHECKOUT_MEDIAN_MS} ms",
            median,
            median is not None and median < GOAL_CHECKOUT_MEDIAN_MS,
            f"{_fmt(median)} ms" if median is not None else "-",
            issue=18,
        )
    )
    errors = [r["errors"] for k, r in rows.items() if k[0] == "shop" and r["errors"] is not None]
    errors += [c.get("errors") or 0 for c in (results.get("after_change") or {}).values() if c.get("samples")]
    total = sum(errors) if errors else None
    goals.append(_goal("0 errors under load on every page", total, total == 0, _fmt(total), issue=18))
    wrong = page_cache_surprises(results)
    seen = any(r["page_cache"] != "-" for r in views_rows(results) if r["view"] in EXPECTED_VERDICT)
    goals.append(
        _goal(
            "X-Page-Cache as expected (anonymous cached: hit; after a price change: miss; signed-in: bypass)",
            (len(wrong) if seen else None),
            not wrong,
            "; ".join(wrong) if wrong else ("as expected" if seen else "no header"),
            issue=18,
        )
    )

    r = rows.get(("shop", "anonymous", "catalogue"))
    times = r and r["x_oscar"]
    goals.append(
        _goal(
            f"anonymous catalogue ≥ {GOAL_TIMES_OSCAR_LISTING}× stock Oscar's listing",
            times,
            times is not None and times >= GOAL_TIMES_OSCAR_LISTING,
            _fmt(times, "times"),
            issue=10,
        )
    )
    # Anonymous listings are what the tests assert (tests/functional/catalog/
    # test_listing_query_counts.py); a logged-in customer's pages add the
    # same per-visitor queries to every page (session, user, permissions,
    # basket with its lines, offers and vouchers, notifications).
    # With the page cache, an anonymous warm request is a hit (no query):
    # the anonymous count is then that of a miss (the after-a-change view).
    uncached = {
        page: (c.get("queries") or {}).get("queries") for page, c in (results.get("after_change") or {}).items()
    }
    for visitor in ("anonymous", "customer"):
        listing_queries = [
            uncached.get(k[2]) if visitor == "anonymous" and uncached.get(k[2]) is not None else r["queries"]
            for k, r in rows.items()
            if k[0] == "shop" and k[1] == visitor and k[2] in LISTING_PAGES and r["queries"] is not None
        ]
        most = max(listing_queries) if listing_queries else None
        goals.append(
            _goal(
                f"queries per listing page ≤ {GOAL_LISTING_QUERIES} ({visitor})",
                most,
                most is not None and most <= GOAL_LISTING_QUERIES,
                _fmt(most),
                issue=10,
            )
        )
    growth = [r["p50_vs_smallest"] for r in scale_rows(results) if r["page"] == "catalogue" and r["p50_vs_smallest"]]
    if len(growth) > 1:
        goals.append(
            _goal(
                f"listing p50 at the largest size ≤ {GOAL_SCALE_P50_GROWTH}× the smallest",
                growth[-1],
                growth[-1] <= GOAL_SCALE_P50_GROWTH,
                f"{growth[-1]:.2f}",
                issue=10,
            )
        )
    return goals


def _goal(text: str, value, met: bool, shown: str, *, issue: int = 10) -> dict:
    return {
        "goal": text,
        "value": value,
        "met": bool(met) if value is not None else None,
        "shown": shown,
        "issue": issue,
    }


def markdown_report(results: dict) -> str:
    meta = results.get("meta", {})
    parts = [
        f"# Benchmark {meta.get('date', '')} at {meta.get('commit', '')}",
        "",
        f"- Catalogue: {meta.get('products', '?')} public products; data: {meta.get('data', '')}",
        f"- Load: wrk, {meta.get('connections')} connections, {meta.get('duration')} s per page after "
        f"{meta.get('warmup')} s warm-up; gunicorn {meta.get('workers')} {meta.get('worker_class')} workers per target; "
        f"DEBUG off; PostgreSQL; cache {meta.get('cache', '')}",
        f"- Machine: {meta.get('cpus')} CPUs, load average at start {meta.get('loadavg_start')} "
        f"(at end {meta.get('loadavg_end')})",
        "- **Noise**: "
        + meta.get(
            "noise", "the CPUs are shared with the load tool and other work; compare ratios, not absolute numbers."
        ),
        "",
        "Ratios are requests/s of the page divided by the ceiling's (a trivial Django view) and by stock Oscar's "
        "equivalent page, measured in the same run on the same database. Queries: SQL queries of a warm request "
        "(Django test client + CaptureQueriesContext).",
        "",
        "## Pages: three views (issue #18)",
        "",
        f"- **{ANONYMOUS}**: no cookie at all, after warm-up requests (the page is in the page cache if it "
        "caches it); a wrk run like every other row.",
        f"- **{AFTER_CHANGE}**: a product the page shows gets a new price (stock record saved through the ORM, "
        "so the page versions are bumped after the commit), then one request is timed, alone on idle servers; "
        f"repeated {_after_change_samples(results)} times per page. p50/p95 are of those first requests; "
        f"req/s (≈) is the rate they imply: {meta.get('workers')} workers × 1000 / median ms, an estimate, not a "
        "load run.",
        f"- **{CUSTOMER}**: the demo customer signed in, one product in the basket; session cookie sent.",
        "- **X-Page-Cache**: the header seen on a request just before and just after the load run (after a change: "
        "on each timed request); `-` when absent (no page cache). Expected: "
        + "; ".join(f"`{verdict}` {view}" for view, verdict in EXPECTED_VERDICT.items())
        + ". "
        "basket_add is the add-to-basket POST (with the CSRF cookie), not a page: no view of it is cached.",
        "",
        views_markdown(views_rows(results)),
        "",
    ]
    if results.get("memory"):
        parts += [
            "## Peak memory of a gunicorn worker",
            "",
            "VmHWM (peak resident set size) of each worker of each target over the pages' run (bench/memory.py); "
            "it includes pages shared with the gunicorn master.",
            "",
            memory_markdown(results),
            "",
        ]
    parts += [
        "## Every load run",
        "",
        markdown_table(table_rows(results)),
        "",
    ]
    if results.get("oscar"):
        parts += [
            "Stock Oscar's catalogue and category pages list no product with its default haystack simple "
            "backend (Oscar 4 browses through haystack): their rows are Oscar's empty browse page, a lower "
            "bound of its cost. Its product and search pages do real work.",
            "",
        ]
    goals = goals_check(results)
    for issue in (18, 10):
        parts += [f"## Goals (issue #{issue})", ""]
        for goal in goals:
            if goal.get("issue", 10) == issue:
                mark = "not measured" if goal["met"] is None else ("met" if goal["met"] else "NOT met")
                parts.append(f"- {goal['goal']}: {goal['shown']} — {mark}")
        parts.append("")
    parts.pop()
    scale = scale_rows(results)
    if scale:
        parts += ["", "## Scale sweep", "", scale_markdown(scale)]
    found = results.get("components") or {}
    if not found and results.get("checkout"):  # results written before components existed
        found = {"checkout": results["checkout"]}
    for name, result in found.items():
        parts += ["", f"## {COMPONENT_TITLES.get(name, name)}", ""]
        if result.get("status") == "ok" and name in COMPONENT_MARKDOWN:
            parts += COMPONENT_MARKDOWN[name](result)
        else:
            parts += [
                f"Status: **{result.get('status')}**",
                "",
                "```",
                json.dumps(result, indent=2, ensure_ascii=False, default=str)[:4000],
                "```",
            ]
    notes = meta.get("notes") or []
    if notes:
        parts += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    return "\n".join(parts) + "\n"


def _after_change_samples(results: dict) -> str:
    counts = sorted({c.get("samples") for c in (results.get("after_change") or {}).values() if c.get("samples")})
    return "/".join(str(n) for n in counts) if counts else "N"


def results_write(results: dict, *, directory: Path) -> tuple[Path, Path]:
    meta = results["meta"]
    directory.mkdir(parents=True, exist_ok=True)
    stem = f"{meta['date']}-{meta['commit']}"
    json_path = directory / f"{stem}.json"
    md_path = directory / f"{stem}.md"
    payload = dict(
        results,
        table=table_rows(results),
        views=views_rows(results),
        goals=goals_check(results),
        scale_table=scale_rows(results),
    )
    json_path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md_path.write_text(markdown_report(results), encoding="utf-8")
    return json_path, md_path


# --- Component benchmarks (bench/components.py) -------------------------------------

COMPONENT_TITLES = {
    "inventory": "Inventory: stock movements and reconcile_stock (issue #4)",
    "checkout": "Checkout flow, server time (issue #5)",
    "search": "Search and autocomplete latency, unloaded (issue #7)",
    "reports": "Quarterly report and settlements (issue #8)",
}


def _inventory_md(r: dict) -> list[str]:
    rec, browser = r["reconcile"], r["stock_browser"]
    lines = [
        f"{r['products']:,} products, database {r.get('database', '?')}, single process, real services.",
        "",
        "| path | ledger rows | seconds | rows/s |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| `{name}` | {m['rows']:,} | {m['seconds']} | {m['per_second']:,} |" for name, m in r["movements"].items()
    ]
    lines += [
        "",
        f"reconcile_stock over {rec['ledger_rows']:,} ledger rows: {rec['check_seconds'][0]} s cold, "
        f"{rec['check_seconds'][-1]} s warm, {rec['differences']} differences; 100 corrupted balances "
        f"found ({rec['differences_found_before_repair']}) and repaired in {rec['repair_100_corrupted_seconds']} s.",
        "",
        "| stock browser page | median ms | p90 ms | queries |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| {label} | {m['median_ms']} | {m['p90_ms']} | {m['queries']} |"
        for label, m in browser.items()
        if isinstance(m, dict)
    ]
    return lines


def _checkout_md(r: dict) -> list[str]:
    lines = [f"{r['orders']} orders; {r.get('note', '')}", "", "| step | median ms | p95 ms |", "| --- | --- | --- |"]
    return lines + [f"| {step} | {v['median_ms']:,.1f} | {v['p95_ms']:,.1f} |" for step, v in r["steps"].items()]


def _search_md(r: dict) -> list[str]:
    lines = [
        f"{r['products']:,} public products; {r['requests']} requests per row, one at a time (Django test "
        f"client), over: {', '.join(r['queries'])}. Cold: cache emptied before each request (the hourly "
        f"spelling vocabulary kept; building it took {r.get('vocabulary_build_ms', '?')} ms); warm: caches filled. "
        "engine: the search alone, typed text to ranked ids (segmentation and three engine queries)."
        + (
            f" typing: the autocomplete over what a visitor has typed so far ({', '.join(r['typed'])})."
            if r.get("typed")
            else ""
        ),
        "",
        "| endpoint | cache | p50 ms | p95 ms | max ms |",
        "| --- | --- | --- | --- | --- |",
    ]
    for endpoint in ("engine", "search", "autocomplete", "typing"):
        for mode, m in (r.get(endpoint) or {}).items():
            lines.append(f"| {endpoint} | {mode} | {m['p50_ms']} | {m['p95_ms']} | {m['max_ms']} |")
    return lines


def _timed_rows(prefix: str, value, rows: list[str]) -> None:
    """Every {best_s, median_s} measure in a nested result, as table rows."""
    if isinstance(value, dict) and "best_s" in value:
        rows.append(f"| {prefix} | {value['best_s']} | {value.get('median_s', '-')} | {value.get('queries', '-')} |")
    elif isinstance(value, dict) and "error" in value and prefix:
        rows.append(f"| {prefix} | failed: {str(value['error'])[:120]} | | |")
    elif isinstance(value, dict):
        for key, sub in value.items():
            _timed_rows(f"{prefix} {key}".strip(), sub, rows)


def _reports_md(r: dict) -> list[str]:
    rows: list[str] = []
    _timed_rows("report", r.get("report"), rows)
    _timed_rows("settlements", r.get("settlements"), rows)
    return [
        f"Sizes: {r.get('sizes')}; goals (s): {r.get('goals_s')}; met: {r.get('meets_goals')}.",
        "",
        "| what | best s | median s | queries |",
        "| --- | --- | --- | --- |",
        *rows,
    ]


COMPONENT_MARKDOWN = {
    "inventory": _inventory_md,
    "checkout": _checkout_md,
    "search": _search_md,
    "reports": _reports_md,
}


def components_lines(results: dict) -> list[str]:
    """One console line per component: its status and headline numbers."""
    out = []
    for name, r in (results.get("components") or {}).items():
        status = r.get("status")
        text = f"component {name}: {status}"
        try:
            if status == "ok" and name == "inventory":
                text += (
                    f"; {r['movements']['stock_transfer_bulk_1000_lines']['per_second']:,} movements/s bulk, "
                    f"{r['movements']['stock_transfer_per_call']['per_second']:,}/s per call; reconcile_stock over "
                    f"{r['reconcile']['ledger_rows']:,} rows {r['reconcile']['check_seconds'][-1]} s"
                )
            elif status == "ok" and name == "checkout":
                text += f"; whole flow median {r['steps']['total']['median_ms']:,.0f} ms, p95 {r['steps']['total']['p95_ms']:,.0f} ms"
            elif status == "ok" and name == "search":
                if "engine" in r:  # results written before the engine was timed have none
                    text += f"; engine p50/p95 {r['engine']['cold']['p50_ms']}/{r['engine']['cold']['p95_ms']} ms"
                text += "".join(
                    f"; {e} p50/p95 cold {r[e]['cold']['p50_ms']}/{r[e]['cold']['p95_ms']} ms, "
                    f"warm {r[e]['warm']['p50_ms']}/{r[e]['warm']['p95_ms']} ms"
                    for e in ("search", "autocomplete", *(("typing",) if "typing" in r else ()))
                )
            elif status == "ok" and name == "reports":
                text += f"; report best {r['report']['report']['best_s']} s, settlements best {r['settlements']['generate']['best_s']} s"
            elif status != "ok":
                text += "; " + str(r.get("why") or r.get("error") or r.get("missing") or r.get("stderr", ""))[-300:]
        except (KeyError, TypeError, IndexError):
            text += " (figures in the results file)"
        out.append(text)
    return out


def harness_failures(results: dict) -> list[str]:
    """What makes a run unusable, as opposed to slow: a component that
    crashed, a page the test client could not render (5xx), a page not
    measured, a price change that could not be made or whose requests all
    failed, a signed-in customer served from the page cache. Numbers never
    count here (make bench-quick, CI)."""
    problems = [
        f"component {name}: {r.get('error') or r.get('stderr', '')[-500:] or r}"
        for name, r in (results.get("components") or {}).items()
        if r.get("status") == "failed"
    ]
    for target in ("shop", "oscar"):
        for visitor, pages in (results.get(target) or {}).items():
            for page, entry in pages.items():
                queries = entry.get("queries") or {}
                if not entry.get("load"):
                    problems.append(f"{target} {visitor} {page}: not measured")
                if queries.get("status", 200) >= 500:
                    problems.append(f"{target} {visitor} {page}: HTTP {queries['status']} from the test client")
    for page, change in (results.get("after_change") or {}).items():
        if change.get("error"):
            problems.append(f"shop {AFTER_CHANGE} {page}: {change['error']}")
        elif change.get("samples") and change.get("errors") == change["samples"]:
            problems.append(f"shop {AFTER_CHANGE} {page}: every request failed")
    # A signed-in customer served a cached page measured the wrong thing
    # (and would see another visitor's page): the run cannot be used.
    for page, entry in ((results.get("shop") or {}).get("customer") or {}).items():
        if "hit" in ((entry.get("load") or {}).get("page_cache") or []):
            problems.append(f"shop {CUSTOMER} {page}: served from the page cache (X-Page-Cache: hit)")
    for point in results.get("scale") or []:
        for page, entry in point["pages"].items():
            if (entry.get("queries") or {}).get("status", 200) >= 500:
                problems.append(f"scale {point['products']} {page}: HTTP {entry['queries']['status']}")
    return problems
