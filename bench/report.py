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
    # Anonymous listings are what the tests assert (tests/functional/catalog/
    # test_listing_query_counts.py); a logged-in customer's pages add the
    # same per-visitor queries to every page (session, user, permissions,
    # basket with its lines, offers and vouchers, notifications).
    for visitor in ("anonymous", "customer"):
        listing_queries = [r["queries"] for k, r in rows.items()
                           if k[0] == "shop" and k[1] == visitor and k[2] in LISTING_PAGES and r["queries"] is not None]
        most = max(listing_queries) if listing_queries else None
        goals.append(_goal(f"queries per listing page ≤ {GOAL_LISTING_QUERIES} ({visitor})", most,
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
    found = results.get("components") or {}
    if not found and results.get("checkout"):  # results written before components existed
        found = {"checkout": results["checkout"]}
    for name, result in found.items():
        parts += ["", f"## {COMPONENT_TITLES.get(name, name)}", ""]
        if result.get("status") == "ok" and name in COMPONENT_MARKDOWN:
            parts += COMPONENT_MARKDOWN[name](result)
        else:
            parts += [f"Status: **{result.get('status')}**", "", "```",
                      json.dumps(result, indent=2, ensure_ascii=False, default=str)[:4000], "```"]
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


# --- Component benchmarks (bench/components.py) -------------------------------------

COMPONENT_TITLES = {
    "inventory": "Inventory: stock movements and reconcile_stock (issue #4)",
    "checkout": "Checkout flow, server time (issue #5)",
    "search": "Search and autocomplete latency, unloaded (issue #7)",
    "reports": "Quarterly report and settlements (issue #8)",
}


def _inventory_md(r: dict) -> list[str]:
    rec, browser = r["reconcile"], r["stock_browser"]
    lines = [f"{r['products']:,} products, database {r.get('database', '?')}, single process, real services.", "",
             "| path | ledger rows | seconds | rows/s |", "| --- | --- | --- | --- |"]
    lines += [f"| `{name}` | {m['rows']:,} | {m['seconds']} | {m['per_second']:,} |" for name, m in r["movements"].items()]
    lines += ["", f"reconcile_stock over {rec['ledger_rows']:,} ledger rows: {rec['check_seconds'][0]} s cold, "
                  f"{rec['check_seconds'][-1]} s warm, {rec['differences']} differences; 100 corrupted balances "
                  f"found ({rec['differences_found_before_repair']}) and repaired in {rec['repair_100_corrupted_seconds']} s.",
              "", "| stock browser page | median ms | p90 ms | queries |", "| --- | --- | --- | --- |"]
    lines += [f"| {label} | {m['median_ms']} | {m['p90_ms']} | {m['queries']} |"
              for label, m in browser.items() if isinstance(m, dict)]
    return lines


def _checkout_md(r: dict) -> list[str]:
    lines = [f"{r['orders']} orders; {r.get('note', '')}", "", "| step | median ms | p95 ms |", "| --- | --- | --- |"]
    return lines + [f"| {step} | {v['median_ms']:,.1f} | {v['p95_ms']:,.1f} |" for step, v in r["steps"].items()]


def _search_md(r: dict) -> list[str]:
    lines = [f"{r['products']:,} public products; {r['requests']} requests per row, one at a time (Django test "
             f"client), over: {', '.join(r['queries'])}. Cold: cache emptied before each request (the hourly "
             f"spelling vocabulary kept; building it took {r.get('vocabulary_build_ms', '?')} ms); warm: caches filled. "
             "engine: the search alone, typed text to ranked ids (segmentation and three engine queries).",
             "", "| endpoint | cache | p50 ms | p95 ms | max ms |", "| --- | --- | --- | --- | --- |"]
    for endpoint in ("engine", "search", "autocomplete"):
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
    return [f"Sizes: {r.get('sizes')}; goals (s): {r.get('goals_s')}; met: {r.get('meets_goals')}.", "",
            "| what | best s | median s | queries |", "| --- | --- | --- | --- |", *rows]


COMPONENT_MARKDOWN = {"inventory": _inventory_md, "checkout": _checkout_md, "search": _search_md,
                      "reports": _reports_md}


def components_lines(results: dict) -> list[str]:
    """One console line per component: its status and headline numbers."""
    out = []
    for name, r in (results.get("components") or {}).items():
        status = r.get("status")
        text = f"component {name}: {status}"
        try:
            if status == "ok" and name == "inventory":
                text += (f"; {r['movements']['stock_transfer_bulk_1000_lines']['per_second']:,} movements/s bulk, "
                         f"{r['movements']['stock_transfer_per_call']['per_second']:,}/s per call; reconcile_stock over "
                         f"{r['reconcile']['ledger_rows']:,} rows {r['reconcile']['check_seconds'][-1]} s")
            elif status == "ok" and name == "checkout":
                text += f"; whole flow median {r['steps']['total']['median_ms']:,.0f} ms, p95 {r['steps']['total']['p95_ms']:,.0f} ms"
            elif status == "ok" and name == "search":
                if "engine" in r:  # results written before the engine was timed have none
                    text += f"; engine p50/p95 {r['engine']['cold']['p50_ms']}/{r['engine']['cold']['p95_ms']} ms"
                text += "".join(f"; {e} p50/p95 cold {r[e]['cold']['p50_ms']}/{r[e]['cold']['p95_ms']} ms, "
                                f"warm {r[e]['warm']['p50_ms']}/{r[e]['warm']['p95_ms']} ms" for e in ("search", "autocomplete"))
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
    measured. Numbers never count here (make bench-quick, CI)."""
    problems = [f"component {name}: {r.get('error') or r.get('stderr', '')[-500:] or r}"
                for name, r in (results.get("components") or {}).items() if r.get("status") == "failed"]
    for target in ("shop", "oscar"):
        for visitor, pages in (results.get(target) or {}).items():
            for page, entry in pages.items():
                queries = entry.get("queries") or {}
                if not entry.get("load"):
                    problems.append(f"{target} {visitor} {page}: not measured")
                if queries.get("status", 200) >= 500:
                    problems.append(f"{target} {visitor} {page}: HTTP {queries['status']} from the test client")
    for point in results.get("scale") or []:
        for page, entry in point["pages"].items():
            if (entry.get("queries") or {}).get("status", 200) >= 500:
                problems.append(f"scale {point['products']} {page}: HTTP {entry['queries']['status']}")
    return problems
