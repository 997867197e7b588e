"""Turn measured numbers into the results table, the goals check and the
results files (bench/results/<date>-<commit>.json and .md). Pure functions
of the results dict that bench/run.py builds, so they are unit-tested."""

from __future__ import annotations

import json
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

COLUMNS = ["target", "visitor", "page", "req/s", "p50 ms", "p99 ms", "errors", "KB/req", "queries",
           "× ceiling", "× stock Oscar"]


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
            rows.append(_row("shop", visitor, page, load, entry.get("queries"), ceiling_rps,
                             ratio(load.get("rps"), equivalent.get("rps"))))
    for page in sorted(oscar, key=_page_key):
        entry = oscar[page]
        rows.append(_row("stock Oscar", "anonymous", page, entry.get("load") or {}, entry.get("queries"), ceiling_rps, 1.0))
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
        row["target"], row["visitor"], row["page"], _fmt(row["rps"]), _fmt(row["p50_ms"]), _fmt(row["p99_ms"]),
        _fmt(row["errors"]), _fmt(row["kb_per_request"]), _fmt(row["queries"]),
        _fmt(row["x_ceiling"], "share"), _fmt(row["x_oscar"], "times"),
    ]


def markdown_table(rows: list[dict], columns: list[str] = COLUMNS) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join(" --- " for _ in columns) + "|"]
    lines += ["| " + " | ".join(_cells(row)) + " |" for row in rows]
    return "\n".join(lines)


def text_table(rows: list[dict], columns: list[str] = COLUMNS) -> str:
    cells = [columns] + [_cells(row) for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells)


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
            rows.append({
                "products": point["products"], "page": page, "rps": load.get("rps"), "p50_ms": load.get("p50_ms"),
                "p99_ms": load.get("p99_ms"), "errors": load.get("errors"),
                "queries": (point["pages"][page].get("queries") or {}).get("queries"),
                "p50_vs_smallest": ratio(load.get("p50_ms"), base),
            })
    return rows


def scale_markdown(rows: list[dict]) -> str:
    cols = ["products", "page", "req/s", "p50 ms", "p99 ms", "errors", "queries", "p50 / smallest size"]
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join(" --- " for _ in cols) + "|"]
    for r in rows:
        lines.append("| " + " | ".join([
            _fmt(r["products"]), r["page"], _fmt(r["rps"]), _fmt(r["p50_ms"]), _fmt(r["p99_ms"]), _fmt(r["errors"]),
            _fmt(r["queries"]), "-" if r["p50_vs_smallest"] is None else f"{r['p50_vs_smallest']:.2f}",
        ]) + " |")
    return "\n".join(lines)


def goals_check(results: dict) -> list[dict]:
    """Issue #10's goals, each met, missed or not measured (None)."""
    rows = {(r["target"], r["visitor"], r["page"]): r for r in table_rows(results)}
    goals = []
    for page in GOAL_ANON_PAGES:
        r = rows.get(("shop", "anonymous", page))
        share = r and r["x_ceiling"]
        goals.append(_goal(f"anonymous {page} ≥ {GOAL_ANON_SHARE_OF_CEILING:.0%} of the ceiling", share,
                           share is not None and share >= GOAL_ANON_SHARE_OF_CEILING, _fmt(share, "share")))
    r = rows.get(("shop", "anonymous", "catalogue"))
    times = r and r["x_oscar"]
    goals.append(_goal(f"anonymous catalogue ≥ {GOAL_TIMES_OSCAR_LISTING}× stock Oscar's listing", times,
                       times is not None and times >= GOAL_TIMES_OSCAR_LISTING, _fmt(times, "times")))
    customer = [r["x_ceiling"] for k, r in rows.items() if k[0] == "shop" and k[1] == "customer" and r["x_ceiling"]]
    worst = min(customer) if customer else None
    goals.append(_goal(f"logged-in customer ≥ {GOAL_CUSTOMER_SHARE_OF_CEILING:.0%} of the ceiling (slowest page)",
                       worst, worst is not None and worst >= GOAL_CUSTOMER_SHARE_OF_CEILING, _fmt(worst, "share")))
    listing_queries = [r["queries"] for k, r in rows.items() if k[0] == "shop" and k[2] in LISTING_PAGES and r["queries"] is not None]
    most = max(listing_queries) if listing_queries else None
    goals.append(_goal(f"queries per listing page ≤ {GOAL_LISTING_QUERIES}", most,
                       most is not None and most <= GOAL_LISTING_QUERIES, _fmt(most)))
    errors = [r["errors"] for k, r in rows.items() if k[0] == "shop" and r["errors"] is not None]
    total = sum(errors) if errors else None
    goals.append(_goal("0 errors under load on every page", total, total == 0, _fmt(total)))
    growth = [r["p50_vs_smallest"] for r in scale_rows(results) if r["page"] == "catalogue" and r["p50_vs_smallest"]]
    if len(growth) > 1:
        goals.append(_goal(f"listing p50 at the largest size ≤ {GOAL_SCALE_P50_GROWTH}× the smallest", growth[-1],
                           growth[-1] <= GOAL_SCALE_P50_GROWTH, f"{growth[-1]:.2f}"))
    return goals


def _goal(text: str, value, met: bool, shown: str) -> dict:
    return {"goal": text, "value": value, "met": bool(met) if value is not None else None, "shown": shown}


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
        "- **Noise**: " + meta.get("noise", "the CPUs are shared with the load tool and other work; compare ratios, not absolute numbers."),
        "",
        "Ratios are requests/s of the page divided by the ceiling's (a trivial Django view) and by stock Oscar's "
        "equivalent page, measured in the same run on the same database. Queries: SQL queries of a warm request "
        "(Django test client + CaptureQueriesContext).",
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
    parts += [
        "## Goals (issue #10)",
        "",
    ]
    for goal in goals_check(results):
        mark = "not measured" if goal["met"] is None else ("met" if goal["met"] else "NOT met")
        parts.append(f"- {goal['goal']}: {goal['shown']} — {mark}")
    scale = scale_rows(results)
    if scale:
        parts += ["", "## Scale sweep", "", scale_markdown(scale)]
    checkout = results.get("checkout")
    if checkout:
        parts += ["", "## Checkout flow (server time)", ""]
        if checkout.get("status") == "ok":
            parts += [f"{checkout['orders']} orders; {checkout.get('note', '')}", "",
                      "| step | median ms | p95 ms |", "| --- | --- | --- |"]
            parts += [f"| {step} | {v['median_ms']:,.1f} | {v['p95_ms']:,.1f} |" for step, v in checkout["steps"].items()]
        else:
            parts += ["```", json.dumps(checkout, indent=2, ensure_ascii=False), "```"]
    notes = meta.get("notes") or []
    if notes:
        parts += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    return "\n".join(parts) + "\n"


def results_write(results: dict, *, directory: Path) -> tuple[Path, Path]:
    meta = results["meta"]
    directory.mkdir(parents=True, exist_ok=True)
    stem = f"{meta['date']}-{meta['commit']}"
    json_path = directory / f"{stem}.json"
    md_path = directory / f"{stem}.md"
    payload = dict(results, table=table_rows(results), goals=goals_check(results), scale_table=scale_rows(results))
    json_path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md_path.write_text(markdown_report(results), encoding="utf-8")
    return json_path, md_path
