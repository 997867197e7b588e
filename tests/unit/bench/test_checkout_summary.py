"""The checkout benchmark's summary: median and p95 per step and in total."""

from bench.checkout_bench import STEPS, percentile, summarise


def test_p95_of_fifty_values_is_the_48th_smallest():
    assert percentile([float(n) for n in range(1, 51)], 0.95) == 48.0


def test_each_step_and_the_whole_flow_get_a_median_and_p95_in_milliseconds():
    orders = [{**{step: 0.010 for step in STEPS}, "total": 0.060 + n / 1000} for n in range(50)]

    summary = summarise(orders)

    assert summary["basket"] == {"median_ms": 10.0, "p95_ms": 10.0}
    assert summary["total"] == {"median_ms": 84.5, "p95_ms": 107.0}
