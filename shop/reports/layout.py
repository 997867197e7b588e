"""The office report's layout: its sections, tables and charts, built from
the figures of ``selectors.office_report_figures`` (plain data).

What a figure means and how it is counted is the selectors' business
(shop/reports/selectors.py); which tables show it, in what order, with which
titles, columns, comparisons and charts is this module's. The page, the XLSX
and the PDF all render the ``tables.Report`` built here.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from shop.common import fiscal

from .charts import chart_for_table
from .selectors import OfficeFigures, office_report_figures
from .tables import COUNT, MONEY, NUMBER, PERCENT, TEXT, Report, Section, Table, change_percent, percent

# The methods selectors.payment_method_amounts reports, as the office reads them.
METHOD_LABELS = {
    "card": lambda: _("Card"),
    "promptpay": lambda: _("PromptPay"),
    "cash": lambda: _("Cash"),
    "test": lambda: _("Test payment"),
}


def office_report(*, period: fiscal.Period) -> Report:
    """Every section of the office dashboard for ``period``, each figure next
    to the previous period and the same period a year before."""
    return office_report_layout(figures=office_report_figures(period=period))


def report_charts_draw(*, report: Report) -> Report:
    """Give each table of the report the SVG chart it asks for (``Table.chart``;
    the page shows them, the files do not)."""
    for section in report.sections:
        for table in section.tables:
            table.svg = chart_for_table(table)
    return report


# --- Table shapes ----------------------------------------------------------------------


def _period_columns(period, previous, year_before) -> list[str]:
    return [period.label(), previous.label(), year_before.label()]


def _triple(rows: list[dict], key: str) -> tuple:
    return tuple(r[key] for r in rows)


def _compare_table(key: str, title: str, periods, rows: list[tuple[str, str, tuple]], chart: str = "") -> Table:
    """Rows of (label, kind, (current, previous, year_before)) with the change
    against each comparison period."""
    columns = [_("Figure"), *_period_columns(*periods), _("Change vs previous (%)"), _("Change vs year before (%)")]
    table = Table(
        key=key, title=title, columns=columns, kinds=[TEXT, NUMBER, NUMBER, NUMBER, PERCENT, PERCENT], chart=chart
    )
    for label, kind, (current, previous, before) in rows:
        table.rows.append(
            [label, current, previous, before, change_percent(current, previous), change_percent(current, before)]
        )
        table.row_kinds.append(kind)
    return table


def _breakdown_table(
    key: str, title: str, periods, merged: dict, labels: dict, kind: str = MONEY, chart: str = "bar"
) -> Table:
    columns = [title, *_period_columns(*periods), _("Share (%)")]
    table = Table(key=key, title=title, columns=columns, kinds=[TEXT, kind, kind, kind, PERCENT], chart=chart)
    total = sum((values[0] for values in merged.values()), Decimal(0))
    for group, values in sorted(merged.items(), key=lambda item: (-item[1][0], labels.get(item[0], ""))):
        table.rows.append([labels.get(group, str(group)), *values, percent(values[0], total)])
    return table


# --- Sections ----------------------------------------------------------------------------


def _sales_section(figures: OfficeFigures) -> Section:
    periods, sales = figures.periods, figures.sales
    section = Section("sales", _("Sales"))
    section.tables.append(
        _compare_table(
            "sales_totals",
            _("Sales"),
            periods,
            [
                (_("Gross sales (THB)"), MONEY, _triple(sales, "gross")),
                (_("Refunds (THB)"), MONEY, _triple(sales, "refunds")),
                (_("Net sales (THB)"), MONEY, _triple(sales, "net")),
                (_("Online orders"), COUNT, _triple(sales, "orders")),
                (_("Counter sales"), COUNT, _triple(sales, "counter_sales")),
                (_("Units sold"), COUNT, _triple(sales, "units")),
                (_("Average sale (THB)"), MONEY, _triple(sales, "average_sale")),
            ],
        )
    )
    channel = {
        _("Online"): [s["online_gross"] for s in sales],
        _("Counter at the center"): [s["counter_gross"] for s in sales],
    }
    section.tables.append(_breakdown_table("sales_by_channel", _("Channel"), periods, channel, {k: k for k in channel}))
    titles = {
        "district": _("District"),
        "tambon": _("Subdistrict (tambon)"),
        "otop_type": _("OTOP product type"),
        "stars": _("OTOP star rating"),
        "producer": _("Producer"),
    }
    for dimension, title in titles.items():
        merged, labels = figures.sales_by[dimension]
        section.tables.append(_breakdown_table(f"sales_by_{dimension}", title, periods, merged, labels))
    top = Table(
        key="top_products",
        title=_("Top products"),
        columns=[_("Product"), _("Units"), _("Gross (THB)")],
        kinds=[TEXT, COUNT, MONEY],
        chart="bar_last",
    )
    top.rows = [[item["label"], item["units"], item["gross"]] for item in figures.top_products]
    section.tables.append(top)
    section.tables.append(_monthly_trend_table(figures))
    return section


def _monthly_trend_table(figures: OfficeFigures) -> Table:
    """Gross per month of the fiscal year (October first) next to the year before."""
    fy, months = figures.fiscal_year, figures.monthly_gross
    trend = Table(
        key="sales_by_month",
        title=_("Gross sales by month (THB)"),
        columns=[_("Month"), fy.label(), fy.previous().label()],
        kinds=[TEXT, MONEY, MONEY],
        chart="line",
    )
    for index in range(12):
        this_year = fiscal._add_months(fy.year - 1, fiscal.FIRST_MONTH, index)
        last_year = fiscal._add_months(fy.year - 2, fiscal.FIRST_MONTH, index)
        trend.rows.append(
            [
                fiscal.Month(*this_year).label().split(" ")[0],
                sum(months.get(this_year, (Decimal(0), Decimal(0)))),
                sum(months.get(last_year, (Decimal(0), Decimal(0)))),
            ]
        )
    return trend


def _buyers_section(figures: OfficeFigures) -> Section:
    periods, buyers = figures.periods, figures.buyers
    section = Section("buyers", _("Buyers"))
    section.tables.append(
        _compare_table(
            "buyer_totals",
            _("Buyers"),
            periods,
            [
                (_("Buyers"), COUNT, _triple(buyers, "buyers")),
                (_("New buyers"), COUNT, _triple(buyers, "new")),
                (_("Returning buyers"), COUNT, _triple(buyers, "returning")),
            ],
        )
    )
    for field, title in (("country", _("Country")), ("language", _("Language"))):
        merged = figures.buyers_by[field]
        section.tables.append(
            _breakdown_table(f"buyers_by_{field}", title, periods, merged, {k: k for k in merged}, kind=COUNT)
        )
    return section


def _producers_section(figures: OfficeFigures) -> Section:
    periods, producers = figures.periods, figures.producers
    section = Section("producers", _("Producers and products"))
    section.tables.append(
        _compare_table(
            "producer_totals",
            _("Producers and products"),
            periods,
            [
                (_("Producers registered"), COUNT, _triple(producers, "registered")),
                (_("New registrations"), COUNT, _triple(producers, "new")),
                (_("Producers approved"), COUNT, _triple(producers, "approved")),
                (_("Producers with sales"), COUNT, _triple(producers, "active")),
                (_("Products listed"), COUNT, _triple(producers, "listed")),
                (_("Products published"), COUNT, _triple(producers, "published")),
            ],
        )
    )
    for field, title in (("district", _("Producers by district")), ("kind", _("Producers by type"))):
        merged = figures.producers_by[field]
        section.tables.append(
            _breakdown_table(f"producers_by_{field}", title, periods, merged, {k: k for k in merged}, kind=COUNT)
        )
    return section


def _stock_section(figures: OfficeFigures) -> Section:
    periods, stock = figures.periods, figures.stock
    section = Section("stock", _("Center stock"))
    section.tables.append(
        _compare_table(
            "stock_totals",
            _("Center stock at the end of the period"),
            periods,
            [
                (_("Units on hand"), COUNT, _triple(stock, "units")),
                (_("Value at sale price (THB)"), MONEY, _triple(stock, "value")),
                (_("Value owed to producers (THB)"), MONEY, _triple(stock, "owed")),
                (_("Turnover (units sold / average stock)"), NUMBER, figures.turnover),
                (_("Units written off"), COUNT, _triple(stock, "write_off_units")),
                (_("Write-offs at sale price (THB)"), MONEY, _triple(stock, "write_off_value")),
            ],
        )
    )
    ageing = Table(
        key="stock_ageing",
        title=_("Ageing of stock on hand today (days since receipt)"),
        columns=[_("Days since receipt"), _("Units")],
        kinds=[TEXT, COUNT],
        chart="bar",
    )
    ageing.rows = [[row["label"], row["units"]] for row in figures.stock_ageing]
    section.tables.append(ageing)
    return section


def _payments_section(figures: OfficeFigures) -> Section:
    methods = figures.payment_methods
    labels = {m: str(METHOD_LABELS[m]()) if m in METHOD_LABELS else m for m in methods}
    section = Section("payments", _("Payments"))
    section.tables.append(
        _breakdown_table(
            "payment_methods",
            _("Payment method"),
            figures.periods,
            {labels[m]: v for m, v in methods.items()},
            {v: v for v in labels.values()},
        )
    )
    return section


def _stories_section(figures: OfficeFigures) -> Section:
    stories = figures.stories
    section = Section("stories", _("Stories"))
    section.tables.append(
        _compare_table(
            "story_totals",
            _("Stories"),
            figures.periods,
            [
                (_("Stories published"), COUNT, _triple(stories, "published")),
                (_("Sales of products featured in stories (THB)"), MONEY, _triple(stories, "featured_gross")),
            ],
        )
    )
    return section


def office_report_layout(*, figures: OfficeFigures) -> Report:
    """The report's sections in their order: sales, buyers, producers and
    products, center stock, payments, stories."""
    period = figures.period
    sections = [
        _sales_section(figures),
        _buyers_section(figures),
        _producers_section(figures),
        _stock_section(figures),
        _payments_section(figures),
        _stories_section(figures),
    ]
    sales, producers, stock = figures.sales, figures.producers, figures.stock
    has_data = bool(sales[0]["sales_count"] or sales[0]["refunds"] or producers[0]["registered"] or stock[0]["units"])
    return Report(
        period_key=period.key,
        title=period.label(),
        range_label=fiscal.range_label(period),
        comparison_labels=(figures.previous.label(), figures.year_before.label()),
        sections=sections,
        has_data=has_data,
    )
