"""SVG charts drawn from a table's own numbers, and the money rules."""

from decimal import Decimal

from shop.reports.charts import bar_chart, chart_for_table, line_chart
from shop.reports.settlements.selectors import refund_shares
from shop.reports.tables import MONEY, TEXT, Table, change_percent, format_cell, money

D = Decimal


def test_a_bar_chart_has_one_bar_per_row_and_escapes_labels():
    svg = bar_chart(labels=["<b>สันกำแพง</b>", "แม่ริม"], values=[D("1800.00"), D("600.00")], title="District")
    assert svg.count("<rect") == 2
    assert "&lt;b&gt;" in svg and "<b>" not in svg
    assert 'aria-hidden="true"' in svg and "style=" not in svg
    assert "1,800.00" in svg


def test_a_line_chart_draws_a_line_per_series_with_a_legend():
    svg = line_chart(labels=["ต.ค.", "พ.ย.", "ธ.ค."], series=[("2568", [1, 2, 3]), ("2567", [0, 0, 1])], title="Trend")
    assert svg.count("<polyline") == 2
    assert "2568" in svg and "2567" in svg


def test_a_table_without_rows_draws_no_chart():
    table = Table(key="t", title="T", columns=["a", "b"], kinds=[TEXT, MONEY], chart="bar")
    assert chart_for_table(table) == ""


def test_money_rounds_half_up_to_the_satang():
    assert money(D("1.005")) == D("1.01")
    assert money(D("1.004")) == D("1.00")
    assert money(None) == D("0.00")
    assert format_cell(D("2400"), MONEY) == "2,400.00"
    assert format_cell(None, MONEY) == "–"


def test_change_percent_is_empty_when_there_is_nothing_to_compare_with():
    assert change_percent(D("150"), D("100")) == D("50.0")
    assert change_percent(D("50"), D("0")) is None


def test_refund_shares_add_up_exactly_to_the_goods_part_of_the_refund():
    lines = [(1, D("33.33")), (2, D("33.33")), (3, D("33.34"))]
    shares = refund_shares(refund_amount=D("10.00"), order_total=D("100.00"), lines=lines)
    assert shares == {1: D("3.33"), 2: D("3.33"), 3: D("3.34")}
    assert sum(shares.values()) == D("10.00")


def test_the_shipping_share_of_a_refund_stays_with_the_center():
    lines = [(1, D("360.00")), (2, D("450.00"))]  # 810 goods + 50 shipping
    shares = refund_shares(refund_amount=D("860.00"), order_total=D("860.00"), lines=lines)
    assert shares == {1: D("360.00"), 2: D("450.00")}
