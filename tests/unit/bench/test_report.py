"""The results table: ratios to the ceiling and to stock Oscar, the goals
check and the files written, from a hand-made results dict."""

import json

from bench import report
from bench.loadgen import measured_from_summary


def _load(rps, p50=10.0, errors=0):
    return {"rps": rps, "p50_ms": p50, "p99_ms": p50 * 3, "errors": errors, "bytes_per_request": 20480}


def _results(**overrides):
    results = {
        "meta": {"date": "20261126-0100", "commit": "abc1234", "products": 2000, "cpus": 2,
                 "loadavg_start": "3.10 2.00 1.00", "connections": 16, "duration": 20, "warmup": 5,
                 "workers": 2, "worker_class": "sync"},
        "ceiling": {"load": _load(4000.0)},
        "shop": {
            "anonymous": {
                "catalogue": {"load": _load(2000.0), "queries": {"queries": 9}},
                "product": {"load": _load(1000.0), "queries": {"queries": 14}},
                "category": {"load": _load(2400.0), "queries": {"queries": 11}},
            },
            "customer": {"catalogue": {"load": _load(300.0, errors=2), "queries": {"queries": 15}}},
        },
        "oscar": {"anonymous": {
            "catalogue": {"load": _load(4.0), "queries": {"queries": 132}},
            "product": {"load": _load(50.0), "queries": {"queries": 40}},
        }},
    }
    results.update(overrides)
    return results


def _row(rows, target, visitor, page):
    return next(r for r in rows if (r["target"], r["visitor"], r["page"]) == (target, visitor, page))


def test_each_page_is_compared_with_the_ceiling_and_with_the_same_stock_oscar_page():
    rows = report.table_rows(_results())

    catalogue = _row(rows, "shop", "anonymous", "catalogue")
    assert catalogue["x_ceiling"] == 0.5
    assert catalogue["x_oscar"] == 500.0
    assert _row(rows, "shop", "anonymous", "product")["x_oscar"] == 20.0
    assert _row(rows, "shop", "anonymous", "category")["x_oscar"] is None  # no stock-Oscar category measured
    assert _row(rows, "ceiling", "anonymous", "trivial view")["x_ceiling"] == 1.0


def test_pages_are_listed_in_the_order_a_visitor_meets_them():
    pages = [r["page"] for r in report.table_rows(_results()) if r["target"] == "shop" and r["visitor"] == "anonymous"]

    assert pages == ["catalogue", "category", "product"]


def test_goals_report_which_are_met_and_which_are_not():
    goals = {g["goal"]: g["met"] for g in report.goals_check(_results())}

    assert goals["anonymous catalogue ≥ 50% of the ceiling"] is True
    assert goals["anonymous product ≥ 50% of the ceiling"] is False
    assert goals["anonymous catalogue ≥ 100× stock Oscar's listing"] is True
    assert goals["queries per listing page ≤ 12 (anonymous)"] is True  # 9 and 11
    assert goals["queries per listing page ≤ 12 (customer)"] is False  # the customer's listing runs 15
    assert goals["0 errors under load on every page"] is False


def test_a_goal_without_a_measurement_is_not_claimed_either_way():
    goals = {g["goal"]: g["met"] for g in report.goals_check(_results(ceiling=None))}

    assert goals["anonymous catalogue ≥ 50% of the ceiling"] is None


def test_the_scale_sweep_compares_each_size_with_the_smallest():
    scale = [
        {"products": 1000, "pages": {"catalogue": {"load": _load(100.0, p50=20.0)}}},
        {"products": 10000, "pages": {"catalogue": {"load": _load(90.0, p50=30.0)}}},
    ]
    rows = report.scale_rows(_results(scale=scale))

    assert [r["p50_vs_smallest"] for r in rows] == [1.0, 1.5]
    goals = {g["goal"]: g["met"] for g in report.goals_check(_results(scale=scale))}
    assert goals["listing p50 at the largest size ≤ 1.2× the smallest"] is False


def test_results_are_written_as_json_and_markdown_named_by_date_and_commit(tmp_path):
    json_path, md_path = report.results_write(_results(), directory=tmp_path)

    assert json_path.name == "20261126-0100-abc1234.json"
    payload = json.loads(json_path.read_text())
    assert payload["table"][0]["page"] == "catalogue"
    text = md_path.read_text()
    assert "| shop | anonymous | catalogue | 2,000.0 |" in text
    assert "load average at start 3.10 2.00 1.00" in text


def test_wrk_numbers_become_requests_per_second_and_milliseconds_with_every_error_counted():
    measured = measured_from_summary({
        "duration_us": 20_000_000, "requests": 1000, "bytes": 2_048_000,
        "errors": {"connect": 1, "read": 2, "write": 0, "status": 3, "timeout": 4},
        "latency_us": {"p50": 12_345, "p90": 20_000, "p99": 45_600, "max": 90_000, "mean": 13_000.0},
    })

    assert measured.rps == 50.0
    assert (measured.p50_ms, measured.p99_ms) == (12.3, 45.6)
    assert (measured.errors, measured.socket_errors, measured.status_errors) == (10, 7, 3)
    assert measured.bytes_per_request == 2048


def test_a_crashed_component_or_a_page_in_error_breaks_the_harness_but_slow_numbers_do_not():
    slow = _results(components={"search": {"status": "ok"}, "reports": {"status": "not available"}})
    slow["shop"]["anonymous"]["catalogue"]["load"] = _load(0.0, p50=9000.0, errors=40)
    assert report.harness_failures(slow) == []

    broken = _results(components={"inventory": {"status": "failed", "error": "boom"}})
    broken["shop"]["anonymous"]["product"]["queries"] = {"queries": 3, "status": 500}
    problems = report.harness_failures(broken)

    assert any("inventory" in p and "boom" in p for p in problems)
    assert any("product" in p and "500" in p for p in problems)


def test_component_results_get_a_section_each_in_the_markdown_report():
    search = {"status": "ok", "products": 60, "requests": 12, "queries": ["th: ไหม", "en: silk"],
              "search": {"cold": {"p50_ms": 80.0, "p95_ms": 120.0, "max_ms": 130.0},
                         "warm": {"p50_ms": 20.0, "p95_ms": 30.0, "max_ms": 31.0}},
              "autocomplete": {"cold": {"p50_ms": 9.0, "p95_ms": 12.0, "max_ms": 15.0},
                               "warm": {"p50_ms": 2.0, "p95_ms": 3.0, "max_ms": 4.0}}}
    results = _results(components={"search": search, "reports": {"status": "not available", "why": "absent"}})

    text = report.markdown_report(results)

    assert "| search | cold | 80.0 | 120.0 | 130.0 |" in text
    assert "| autocomplete | warm | 2.0 | 3.0 | 4.0 |" in text
    assert "Status: **not available**" in text
    assert any("search p50/p95 cold 80.0/120.0 ms" in line for line in report.components_lines(results))
