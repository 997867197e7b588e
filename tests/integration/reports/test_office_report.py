"""The office report's figures on the known history of conftest.py equal the
totals computed by hand, to the satang."""

from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from shop.common.fiscal import FiscalQuarter, FiscalYear
from shop.reports import layout, selectors
from tests.factories.reports import bkk

Q1 = FiscalQuarter(2025, 1)  # ไตรมาส 1 ปีงบประมาณ 2568
PERIODS = (Q1, Q1.previous(), Q1.year_before())
D = Decimal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_today():
    # "Today" is in Q2, after everything in the history.
    with time_machine.travel(bkk(2025, 2, 1, 12), tick=False):
        yield


def test_sales_totals_count_paid_orders_counter_sales_and_refunds_of_the_period(shop_history):
    q1, previous, year_before = selectors.sales_totals(periods=PERIODS)
    assert q1["online_gross"] == D("1710.00")  # 900 + 810 (shipping excluded)
    assert q1["counter_gross"] == D("690.00")
    assert q1["gross"] == D("2400.00")
    assert q1["refunds"] == D("450.00")  # the January refund belongs to Q2
    assert q1["net"] == D("1950.00")
    assert q1["orders"] == 2  # the pending order is not a sale
    assert q1["counter_sales"] == 1
    assert q1["units"] == 2 + 4 + 3
    assert q1["average_sale"] == D("800.00")  # 2400 / 3 sales
    assert (previous["gross"], previous["orders"]) == (D("450.00"), 1)  # 30 Sep 23:59:59
    assert (year_before["gross"], year_before["orders"]) == (D("240.00"), 1)


def test_sales_by_district_type_stars_and_producer_merge_online_and_counter(shop_history):
    report = layout.office_report(period=Q1)
    san_kamphaeng, mae_rim = shop_history["districts"]
    assert report.row("sales_by_district", san_kamphaeng.name_th)[1:4] == [D("1800.00"), D("450.00"), D("0.00")]
    assert report.row("sales_by_district", mae_rim.name_th)[1:4] == [D("600.00"), D("0.00"), D("240.00")]
    assert report.row("sales_by_district", san_kamphaeng.name_th)[4] == D("75.0")  # share of 2400
    assert report.row("sales_by_tambon", "ต้นเปา")[1] == D("1800.00")
    assert report.row("sales_by_otop_type", "อาหาร")[1] == D("600.00")
    assert report.row("sales_by_stars", "★★★★")[1] == D("1800.00")
    assert report.row("sales_by_producer", shop_history["b"].name_th)[1] == D("600.00")
    online = report.row("sales_by_channel", translation.gettext("Online"))
    assert online[1:4] == [D("1710.00"), D("450.00"), D("240.00")]


def test_top_products_rank_by_gross_over_both_channels(shop_history):
    top = selectors.top_products(period=Q1)
    assert [(item["label"], item["units"], item["gross"]) for item in top] == [
        ("ผ้าพันคอไหม", 4, D("1800.00")),
        ("น้ำพริกหนุ่ม", 5, D("600.00")),
    ]


def test_buyers_are_split_into_new_and_returning_by_their_first_paid_order(shop_history):
    q1, previous, year_before = selectors.buyer_figures(periods=PERIODS)
    assert q1 == {"buyers": 2, "new": 1, "returning": 1}  # u1 bought in September; the guest is new
    assert previous == {"buyers": 1, "new": 1, "returning": 0}
    assert year_before == {"buyers": 1, "new": 1, "returning": 0}
    with translation.override("en"):
        assert selectors.buyers_by(field="language", periods=PERIODS) == {"ไทย": [1, 1, 1], "English": [1, 0, 0]}


def test_producer_figures_count_registered_approved_and_active_producers(shop_history):
    q1, previous, year_before = selectors.producer_figures(periods=PERIODS)
    assert (q1["registered"], q1["approved"], q1["active"]) == (2, 2, 2)
    assert previous["active"] == 1  # only A sold in September
    assert year_before["active"] == 1  # only B sold in November 2023
    assert q1["new"] == 0


def test_stock_figures_follow_the_ledger_at_each_period_end(shop_history):
    q1, previous, _year_before = selectors.stock_figures(periods=PERIODS)
    # 20 received, 3 sold at the counter, 1 written off (online orders here
    # were never dispatched from the ledger).
    assert q1["units"] == 16
    assert q1["value"] == D("4890.00")  # 9 × 450 + 7 × 120
    assert q1["owed"] == D("4156.50")  # 85 % of it
    assert (q1["write_off_units"], q1["write_off_value"]) == (1, D("120.00"))
    assert (previous["units"], previous["opening"]) == (20, 0)
    report = layout.office_report(period=Q1)
    turnover = report.row("stock_totals", translation.gettext("Turnover (units sold / average stock)"))
    assert turnover[1] == D("0.50")  # 9 sold / ((20 + 16) / 2)


def test_payment_method_shares_combine_online_sources_and_counter_sales(shop_history):
    amounts = selectors.payment_method_amounts(periods=PERIODS)
    assert amounts["card"] == [D("900.00"), D("450.00"), D("240.00")]
    assert amounts["promptpay"] == [D("810.00") + D("50.00"), D("0.00"), D("0.00")]  # the whole payment, shipping too
    assert amounts["cash"] == [D("690.00"), D("0.00"), D("0.00")]


def test_a_fiscal_year_report_sums_its_quarters(shop_history):
    (fy,) = selectors.sales_totals(periods=(FiscalYear(2025),))
    assert fy["gross"] == D("2400.00") + D("120.00")
    assert fy["refunds"] == D("570.00")


def test_a_period_without_data_says_so(shop_history):
    assert layout.office_report(period=FiscalQuarter(2020, 1)).has_data is False
    assert layout.office_report(period=Q1).has_data is True


def test_the_report_takes_the_same_number_of_queries_whatever_the_data(shop_history):
    layout.office_report(period=Q1)  # warms the content-type cache
    with CaptureQueriesContext(connection) as few:
        layout.office_report(period=Q1)
    from tests.factories.reports import paid_order

    for day in range(1, 20):
        paid_order(
            placed=bkk(2024, 11, day, 9),
            lines=[(shop_history["scarf"], 1, "450.00", "0.15")],
            guest_email=f"g{day}@x.th",
        )
    with CaptureQueriesContext(connection) as many:
        layout.office_report(period=Q1)
    assert len(many) == len(few)
    assert len(few) <= 35
