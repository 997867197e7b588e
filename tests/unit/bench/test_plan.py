"""The benchmark data plan: reproducible from its seed, with the shape the
issue asks for (two Thai fiscal years, 1-5 lines, every producer's craft)."""

from datetime import date
from decimal import Decimal

from bench.gen.plan import (
    fiscal_year_bounds,
    history_window,
    line_amounts,
    order_plan,
    producer_plan,
    product_producer_number,
    stock_cycle_plan,
)
from shop.demo.data.producers import PRODUCERS


def test_a_thai_fiscal_year_runs_from_october_to_september_and_is_named_in_buddhist_era():
    assert fiscal_year_bounds(fiscal_year_be=2569) == (date(2025, 10, 1), date(2026, 9, 30))


def test_the_order_history_covers_two_fiscal_years():
    assert history_window(last_fiscal_year_be=2569) == (date(2024, 10, 1), date(2026, 9, 30))


def test_the_same_seed_plans_the_same_orders_and_another_seed_does_not():
    first = order_plan(count=300, product_count=500, customer_count=20, seed=7, last_fiscal_year_be=2569)
    again = order_plan(count=300, product_count=500, customer_count=20, seed=7, last_fiscal_year_be=2569)
    other = order_plan(count=300, product_count=500, customer_count=20, seed=8, last_fiscal_year_be=2569)

    assert first == again
    assert first != other


def test_orders_have_one_to_five_distinct_products_inside_the_window_and_unique_numbers():
    orders = order_plan(count=2000, product_count=300, customer_count=50, seed=1, last_fiscal_year_be=2569)
    first, last = history_window(last_fiscal_year_be=2569)

    assert len({o.number for o in orders}) == 2000
    assert all(1 <= len(o.lines) <= 5 for o in orders)
    assert all(len({line.product_index for line in o.lines}) == len(o.lines) for o in orders)
    assert all(0 <= line.product_index < 300 for o in orders for line in o.lines)
    assert all(first <= o.placed_at.date() <= last for o in orders)
    assert 2.7 < sum(len(o.lines) for o in orders) / len(orders) < 3.3  # 300,000 lines for 100,000 orders


def test_high_season_months_get_more_orders_than_the_rainy_season():
    orders = order_plan(count=5000, product_count=100, customer_count=0, seed=3, last_fiscal_year_be=2569)
    december = sum(o.placed_at.month == 12 for o in orders)
    june = sum(o.placed_at.month == 6 for o in orders)

    assert december > 1.8 * june


def test_two_hundred_producers_keep_the_demo_producers_first_and_cover_all_25_districts():
    plan = producer_plan(count=200)

    assert [p.slug for p in plan[: len(PRODUCERS)]] == [p["slug"] for p in PRODUCERS]
    assert len({p.slug for p in plan}) == 200
    assert {p.district_index for p in plan[len(PRODUCERS) :]} == set(range(25))


def test_each_product_goes_to_a_producer_of_its_own_craft():
    for index in range(1000):
        template = index % len(PRODUCERS)
        number = product_producer_number(product_index=index, producer_count=200, template_of_spec=template)
        assert 1 <= number <= 200
        assert (number - 1) % len(PRODUCERS) == template


def test_with_fewer_producers_than_crafts_products_share_the_ones_there_are():
    assert product_producer_number(product_index=7, producer_count=3, template_of_spec=10) == 2


def test_line_amounts_include_vat_and_split_the_price_between_center_and_producer():
    money = line_amounts(unit_price=Decimal("450.00"), quantity=2, commission_rate=Decimal("0.15"))

    assert money["line_price_incl_tax"] == Decimal("900.00")
    assert money["line_price_excl_tax"] == Decimal("841.12")
    assert money["commission_amount"] == Decimal("135.00")
    assert money["producer_payable"] == Decimal("765.00")


def test_stock_cycles_stop_at_the_requested_number_of_movements_and_sell_after_receiving():
    cycles = stock_cycle_plan(movements=10_000, stocked_products=50, seed=5, last_fiscal_year_be=2569)
    total = sum(c.movement_count for c in cycles)

    assert 10_000 - 4 < total <= 10_000
    assert all(c.sold_at > c.received_at for c in cycles)
    assert all(0 <= c.product_index < 50 for c in cycles)


def test_no_stocked_product_means_no_history():
    assert stock_cycle_plan(movements=1000, stocked_products=0, seed=5, last_fiscal_year_be=2569) == []
