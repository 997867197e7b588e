"""Figures of the office report, aggregated in the database.

Definitions (docs/reports.md is the long version):

* A **sale** is an online order that was paid (``paid_at`` set, status in
  ``PAID_STATES``) and whose ``date_placed`` falls in the period, or a counter sale
  (``inventory.CounterSale``) created in the period.
* **Gross** = goods of those sales: order lines' ``line_price_incl_tax``
  (after discounts, shipping excluded) + counter sales' ``total``.
* **Refunds** = Oscar payment ``Transaction`` rows of type ``Refund`` dated
  in the period (the day the money went back, not the day of the sale).
  ``Order.status == refunded`` alone is not money: the payments code writes
  a Refund transaction for every refund, and that is what is counted.
* **Net** = gross − refunds. **Average sale** = gross / (orders + counter sales).
* Counter sales have no priced lines yet: their units come from the ledger's
  ``counter_sale`` movements and are valued at the product's stock-record
  price (``_counter_value``); the sale's money total is exact.

Every figure is computed for the period and its two comparison periods in
the SAME query (conditional aggregation, ``Sum(..., filter=period)``), so the
number of queries does not depend on the data, and nothing loops over orders
in Python.

Figures only: ``office_report_figures`` returns plain data, and
shop/reports/layout.py turns it into the report's tables and charts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Lower, TruncMonth
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from inventory.models import CounterSale, StockBalance, StockMovement
from shop.common import fiscal
from shop.order.statuses import PAID_STATES

from .models import ReportExport
from .tables import money, ratio

Order = get_model("order", "Order")
Line = get_model("order", "Line")
Transaction = get_model("payment", "Transaction")
Source = get_model("payment", "Source")
Producer = get_model("catalogue", "Producer")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Country = get_model("address", "Country")

Kind = StockMovement.Kind
MONEY_FIELD = DecimalField(max_digits=18, decimal_places=4)

# Payment source type codes (shop/payment/migrations/0007_source_types.py)
# and counter-sale methods → the three methods the office reports.
METHOD_OF_SOURCE = {
    "stripe-card": "card",
    "stripe-promptpay": "promptpay",
    "promptpay-counter": "promptpay",
    "cash": "cash",
    "test": "test",
}
AGEING_BUCKETS = ((0, 30), (31, 90), (91, 180), (181, None))


# --- Building blocks --------------------------------------------------------------


def _in(field: str, period) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lt": period.end})


def _in_any(field: str, periods) -> Q:
    return reduce(or_, (_in(field, p) for p in periods))


def _name(th: str | None, en: str | None) -> str:
    language = get_language() or settings.LANGUAGE_CODE
    if not language.startswith("th") and en:
        return en
    return th or en or ""


def _paid_orders():
    # A pay-at-pickup order is picked and packed before it is paid: the
    # status alone does not say the money came in, paid_at does.
    return Order.objects.filter(status__in=PAID_STATES, paid_at__isnull=False)


def _paid_lines():
    return Line.objects.filter(order__status__in=PAID_STATES, order__paid_at__isnull=False)


def _price_of_product(product_ref: str = "product_id"):
    """The product's current sale price (its first stock record)."""
    return Subquery(
        StockRecord.objects.filter(product_id=OuterRef(product_ref)).order_by("id").values("price")[:1],
        output_field=MONEY_FIELD,
    )


def _counter_signed_quantity():
    # A counter sale takes units out (from_location); a reversal of one puts
    # them back (to_location) and must count negative.
    return Case(
        When(from_location__isnull=False, then=F("quantity")),
        default=F("quantity") * -1,
        output_field=IntegerField(),
    )


def _counter_value(units, price) -> Decimal:
    """ADAPTER until counter sales record their line prices: units × the
    product's stock-record price (the price the counter screen charges)."""
    return Decimal(units or 0) * Decimal(price or 0)


def _counter_movements():
    return StockMovement.objects.filter(kind=Kind.COUNTER_SALE)


def _ledger_signed_quantity():
    """Units a movement adds to (+) or takes from (−) the center's on-hand
    stock: transfers and put-aways (both ends set) change nothing."""
    return Case(
        When(from_location__isnull=True, to_location__isnull=False, then=F("quantity")),
        When(from_location__isnull=False, to_location__isnull=True, then=F("quantity") * -1),
        default=Value(0),
        output_field=IntegerField(),
    )


def _commission_rate_of_product():
    """The rate in force now (producer's, else product type's, else default):
    only for valuing stock not yet sold; sales use the rate on the line."""
    return Coalesce(
        F("product__producer__commission_rate"),
        F("product__otop_type__commission_rate"),
        Value(Decimal(settings.OTOP_DEFAULT_COMMISSION_RATE)),
        output_field=MONEY_FIELD,
    )


# --- Sales ----------------------------------------------------------------------------


@dataclass
class ProductSales:
    """Per product and period, from ONE scan of the paid order lines and one
    of the counter-sale movements (grouped by product):
    {product_id: {"online_gross", "online_units", "counter_value",
    "counter_units": [one value per period]}}, plus the product attributes
    the breakdowns group by.

    Every breakdown (district, tambon, type, stars, producer, top products,
    active producers, products in stories) is a sum over these rows, whose
    number is the number of products sold, not of orders or lines: this is
    what keeps the report fast on a million order lines."""

    periods: tuple
    rows: dict
    attributes: dict

    def total(self, key: str) -> list:
        out = [0] * len(self.periods)
        for row in self.rows.values():
            out = [a + b for a, b in zip(out, row[key], strict=True)]
        return out

    def gross(self, product_id) -> list[Decimal]:
        row = self.rows[product_id]
        return [Decimal(a) + Decimal(b) for a, b in zip(row["online_gross"], row["counter_value"], strict=True)]

    def units(self, product_id) -> list[int]:
        row = self.rows[product_id]
        return [a + b for a, b in zip(row["online_units"], row["counter_units"], strict=True)]


def product_sales(*, periods) -> ProductSales:
    """Three queries whatever the data."""
    online = (
        _paid_lines()
        .filter(_in_any("order__date_placed", periods))
        .values("product_id")
        .annotate(
            **{f"g{i}": Sum("line_price_incl_tax", filter=_in("order__date_placed", p)) for i, p in enumerate(periods)},
            **{f"u{i}": Sum("quantity", filter=_in("order__date_placed", p)) for i, p in enumerate(periods)},
        )
        .order_by()
    )
    # Units per product first, priced once per product afterwards: a price
    # subquery per movement row costs a look-up for every row of the ledger.
    counter = [
        {**row, **{f"g{i}": _counter_value(row[f"u{i}"], row["price"]) for i in range(len(periods))}}
        for row in _counter_movements()
        .filter(_in_any("created_at", periods))
        .values("product_id")
        .annotate(
            **{f"u{i}": Sum(_counter_signed_quantity(), filter=_in("created_at", p)) for i, p in enumerate(periods)}
        )
        .annotate(price=_price_of_product())
        .order_by()
    ]
    n = len(periods)
    rows: dict = {}

    def row_for(product_id):
        return rows.setdefault(
            product_id,
            {
                "online_gross": [Decimal(0)] * n,
                "online_units": [0] * n,
                "counter_value": [Decimal(0)] * n,
                "counter_units": [0] * n,
            },
        )

    for source, gross_key, units_key in (
        (online, "online_gross", "online_units"),
        (counter, "counter_value", "counter_units"),
    ):
        for found in source:
            row = row_for(found["product_id"])
            for i in range(n):
                row[gross_key][i] += Decimal(found[f"g{i}"] or 0)
                row[units_key][i] += found[f"u{i}"] or 0
    attributes = {
        a["id"]: a
        for a in Product.objects.filter(pk__in=[pk for pk in rows if pk is not None]).values(
            "id",
            "title",
            "title_en",
            "otop_stars",
            "otop_type__name_th",
            "otop_type__name_en",
            "producer_id",
            "producer__name_th",
            "producer__name_en",
            "producer__tambon",
            "producer__district__name_th",
            "producer__district__name_en",
        )
    }
    return ProductSales(periods=tuple(periods), rows=rows, attributes=attributes)


def sales_totals(*, periods, sales: ProductSales | None = None) -> list[dict]:
    """Gross, refunds, net, orders, units and average sale for each period."""
    sales = sales or product_sales(periods=periods)
    orders = (
        _paid_orders()
        .filter(_in_any("date_placed", periods))
        .aggregate(
            **{f"orders{i}": Count("id", filter=_in("date_placed", p)) for i, p in enumerate(periods)},
        )
    )
    counter = CounterSale.objects.filter(_in_any("created_at", periods)).aggregate(
        **{f"gross{i}": Sum("total", filter=_in("created_at", p)) for i, p in enumerate(periods)},
        **{f"sales{i}": Count("id", filter=_in("created_at", p)) for i, p in enumerate(periods)},
    )
    refunds = (
        Transaction.objects.filter(txn_type=Transaction.REFUND)
        .filter(_in_any("date_created", periods))
        .aggregate(**{f"refunds{i}": Sum("amount", filter=_in("date_created", p)) for i, p in enumerate(periods)})
    )
    online_gross, online_units = sales.total("online_gross"), sales.total("online_units")
    counter_units = sales.total("counter_units")
    out = []
    for i, _p in enumerate(periods):
        # Counter money is the sales' own totals (exact); the per-product
        # counter values (list price) are only used to break it down.
        gross = money(online_gross[i]) + money(counter[f"gross{i}"])
        order_count = orders[f"orders{i}"] or 0
        counter_sales = counter[f"sales{i}"] or 0
        refund_total = money(refunds[f"refunds{i}"])
        out.append(
            {
                "online_gross": money(online_gross[i]),
                "counter_gross": money(counter[f"gross{i}"]),
                "gross": gross,
                "refunds": refund_total,
                "net": gross - refund_total,
                "orders": order_count,
                "counter_sales": counter_sales,
                "sales_count": order_count + counter_sales,
                "online_units": online_units[i],
                "counter_units": counter_units[i],
                "units": online_units[i] + counter_units[i],
                "average_sale": money(ratio(gross, order_count + counter_sales))
                if order_count + counter_sales
                else None,
            }
        )
    return out


# Dimension → label of a product's group, from ProductSales.attributes.
DIMENSIONS = {
    "district": lambda a: (
        _name(a.get("producer__district__name_th"), a.get("producer__district__name_en")) or _("Unknown")
    ),
    "tambon": lambda a: a.get("producer__tambon") or _("Unknown"),
    "otop_type": lambda a: _name(a.get("otop_type__name_th"), a.get("otop_type__name_en")) or _("No OTOP type"),
    "stars": lambda a: "★" * a["otop_stars"] if a.get("otop_stars") else _("No star rating"),
    "producer": lambda a: _name(a.get("producer__name_th"), a.get("producer__name_en")) or _("Unknown"),
}


def sales_by(*, dimension: str, periods, sales: ProductSales | None = None) -> tuple[dict, dict]:
    """Gross by a dimension, online and counter merged: ({label: [gross per
    period]}, {label: label})."""
    sales = sales or product_sales(periods=periods)
    label_of = DIMENSIONS[dimension]
    merged: dict = {}
    for product_id in sales.rows:
        label = label_of(sales.attributes.get(product_id, {}))
        values = merged.setdefault(label, [Decimal(0)] * len(sales.periods))
        for i, v in enumerate(sales.gross(product_id)):
            values[i] += v
    return {label: [money(v) for v in values] for label, values in merged.items()}, {label: label for label in merged}


def top_products(*, period, limit: int = 10, sales: ProductSales | None = None) -> list[dict]:
    """Best sellers of ``period`` (the first of sales.periods) by gross."""
    sales = sales or product_sales(periods=(period,))
    ranked = []
    for product_id in sales.rows:
        attributes = sales.attributes.get(product_id)
        gross, units = sales.gross(product_id)[0], sales.units(product_id)[0]
        if attributes is None or not (gross or units):
            continue
        ranked.append(
            {"label": _name(attributes["title"], attributes["title_en"]), "gross": money(gross), "units": units}
        )
    return sorted(ranked, key=lambda item: (-item["gross"], item["label"]))[:limit]


def monthly_gross(*, fiscal_year: fiscal.FiscalYear) -> dict[tuple[int, int], tuple[Decimal, Decimal]]:
    """Gross per month (Bangkok) over this fiscal year and the one before:
    {(year, month): (online, counter)}. Two queries."""
    start, end = fiscal_year.previous().start, fiscal_year.end
    tz = fiscal.bangkok()
    online = (
        _paid_lines()
        .filter(order__date_placed__gte=start, order__date_placed__lt=end)
        .annotate(month=TruncMonth("order__date_placed", tzinfo=tz))
        .values("month")
        .annotate(gross=Sum("line_price_incl_tax"))
        .order_by()
    )
    counter = (
        CounterSale.objects.filter(created_at__gte=start, created_at__lt=end)
        .annotate(month=TruncMonth("created_at", tzinfo=tz))
        .values("month")
        .annotate(gross=Sum("total"))
        .order_by()
    )
    out: dict = {}
    for row in online:
        key = (row["month"].year, row["month"].month)
        out[key] = (money(row["gross"]), out.get(key, (0, Decimal(0)))[1])
    for row in counter:
        key = (row["month"].year, row["month"].month)
        out[key] = (out.get(key, (Decimal(0), 0))[0], money(row["gross"]))
    return out


# --- Buyers ---------------------------------------------------------------------------


def _buyer_key():
    """A buyer is a customer account, or a guest's email address."""
    return Coalesce(Cast("user_id", CharField()), Lower("guest_email"), output_field=CharField())


def buyer_figures(*, periods) -> list[dict]:
    """Buyers, new (first paid order ever in the period) and returning. Two queries."""
    paid = _paid_orders()
    counts = paid.filter(_in_any("date_placed", periods)).aggregate(
        **{
            f"buyers{i}": Count(_buyer_key(), distinct=True, filter=_in("date_placed", p))
            for i, p in enumerate(periods)
        }
    )
    per_buyer = (
        paid.annotate(buyer=_buyer_key())
        .values("buyer")
        .annotate(
            first=Min("date_placed"),
            **{f"n{i}": Count("id", filter=_in("date_placed", p)) for i, p in enumerate(periods)},
        )
        .order_by()
    )
    split = per_buyer.aggregate(
        **{
            f"new{i}": Count("buyer", filter=Q(**{f"n{i}__gt": 0, "first__gte": p.start}))
            for i, p in enumerate(periods)
        },
        **{
            f"returning{i}": Count("buyer", filter=Q(**{f"n{i}__gt": 0, "first__lt": p.start}))
            for i, p in enumerate(periods)
        },
    )
    return [
        {"buyers": counts[f"buyers{i}"] or 0, "new": split[f"new{i}"] or 0, "returning": split[f"returning{i}"] or 0}
        for i in range(len(periods))
    ]


def buyers_by(*, field: str, periods) -> dict:
    """Distinct buyers per country (shipping, else billing address) or per
    order language: {group: [buyers per period]}. One query (+1 for country names)."""
    paid = _paid_orders().filter(_in_any("date_placed", periods))
    if field == "country":
        group = Coalesce("shipping_address__country_id", "billing_address__country_id", output_field=CharField())
    else:
        group = F("language")
    rows = (
        paid.annotate(group=group)
        .values("group")
        .annotate(
            **{f"b{i}": Count(_buyer_key(), distinct=True, filter=_in("date_placed", p)) for i, p in enumerate(periods)}
        )
        .order_by()
    )
    raw = {row["group"] or "": [row[f"b{i}"] or 0 for i in range(len(periods))] for row in rows}
    if field == "country":
        names = dict(
            Country.objects.filter(iso_3166_1_a2__in=[k for k in raw if k]).values_list(
                "iso_3166_1_a2", "printable_name"
            )
        )
        return {(names.get(k) or k or _("Unknown")): v for k, v in raw.items()}
    language_names = dict(settings.LANGUAGES)
    return {(language_names.get(k) or k or _("Unknown")): v for k, v in raw.items()}


# --- Producers and products ----------------------------------------------------------------


def producer_figures(*, periods, sales: ProductSales | None = None) -> list[dict]:
    """Registered (by the end of the period), new in it, approved, active
    (sold something in it), products listed and published. Two queries.

    Approval and publication have no history here: "approved" and
    "published" are producers/products in that state now that existed by the
    period's end."""
    sales = sales or product_sales(periods=periods)
    producers = Producer.objects.aggregate(
        **{f"registered{i}": Count("id", filter=Q(created_at__lt=p.end)) for i, p in enumerate(periods)},
        **{f"new{i}": Count("id", filter=_in("created_at", p)) for i, p in enumerate(periods)},
        **{
            f"approved{i}": Count("id", filter=Q(created_at__lt=p.end, status=Producer.Status.APPROVED))
            for i, p in enumerate(periods)
        },
    )
    products = Product.objects.filter(producer__isnull=False).aggregate(
        **{f"listed{i}": Count("id", filter=Q(date_created__lt=p.end)) for i, p in enumerate(periods)},
        **{
            f"published{i}": Count(
                "id", filter=Q(date_created__lt=p.end, listing_status=Product.ListingStatus.PUBLISHED)
            )
            for i, p in enumerate(periods)
        },
    )
    active = [set() for _p in periods]
    for product_id in sales.rows:
        producer_id = sales.attributes.get(product_id, {}).get("producer_id")
        for i, units in enumerate(sales.units(product_id)):
            if producer_id is not None and units:
                active[i].add(producer_id)
    return [
        {
            "registered": producers[f"registered{i}"],
            "new": producers[f"new{i}"],
            "approved": producers[f"approved{i}"],
            "active": len(active[i]),
            "listed": products[f"listed{i}"],
            "published": products[f"published{i}"],
        }
        for i in range(len(periods))
    ]


def producers_by(*, field: str, periods) -> dict:
    """Producers registered by each period's end, per district or per kind."""
    if field == "district":
        fields = ("district__name_th", "district__name_en")
    else:
        fields = ("kind",)
    rows = (
        Producer.objects.values(*fields)
        .annotate(**{f"n{i}": Count("id", filter=Q(created_at__lt=p.end)) for i, p in enumerate(periods)})
        .order_by()
    )
    kinds = dict(Producer.Kind.choices)
    out = {}
    for row in rows:
        label = (
            _name(row["district__name_th"], row["district__name_en"])
            if field == "district"
            else str(kinds.get(row["kind"], row["kind"]))
        )
        out[label] = [row[f"n{i}"] for i in range(len(periods))]
    return out


# --- Center stock ---------------------------------------------------------------------------


def _moment(value: dt.datetime) -> dt.datetime:
    return min(value, timezone.now())


def stock_figures(*, periods) -> list[dict]:
    """Stock on hand at the end of each period (from the ledger, so past
    periods are right too), its value at sale price and owed to producers,
    turnover (units sold / average of opening and closing stock) and
    write-offs. One query."""
    # Units per product and period in the database, then valued once per
    # product (price and commission rate are the product's): a price
    # subquery per ledger row would be evaluated for every row and column.
    signed = _ledger_signed_quantity()
    per_product = (
        StockMovement.objects.exclude(kind__in=StockMovement.RESERVATION_KINDS)
        .values("product_id")
        .annotate(
            **{f"units{i}": Sum(signed, filter=Q(created_at__lt=_moment(p.end))) for i, p in enumerate(periods)},
            **{f"opening{i}": Sum(signed, filter=Q(created_at__lt=p.start)) for i, p in enumerate(periods)},
            **{
                f"w_units{i}": Sum("quantity", filter=Q(kind=Kind.WRITE_OFF) & _in("created_at", p))
                for i, p in enumerate(periods)
            },
        )
        .annotate(price=_price_of_product(), rate=_commission_rate_of_product())
        .order_by()
    )
    keys = [
        f"{name}{i}"
        for i in range(len(periods))
        for name in ("units", "opening", "value", "owed", "w_units", "w_value")
    ]
    ledger = dict.fromkeys(keys, 0)
    for row in per_product:
        price, rate = Decimal(row["price"] or 0), Decimal(row["rate"])
        for i in range(len(periods)):
            units, write_offs = row[f"units{i}"] or 0, row[f"w_units{i}"] or 0
            ledger[f"units{i}"] += units
            ledger[f"opening{i}"] += row[f"opening{i}"] or 0
            ledger[f"value{i}"] += units * price
            ledger[f"owed{i}"] += units * price * (1 - rate)
            ledger[f"w_units{i}"] += write_offs
            ledger[f"w_value{i}"] += write_offs * price
    write_offs = {f"units{i}": ledger[f"w_units{i}"] for i in range(len(periods))}
    write_offs.update({f"value{i}": ledger[f"w_value{i}"] for i in range(len(periods))})
    out = []
    for i, _p in enumerate(periods):
        closing = ledger[f"units{i}"] or 0
        opening = ledger[f"opening{i}"] or 0
        out.append(
            {
                "units": closing,
                "value": money(ledger[f"value{i}"]),
                "owed": money(ledger[f"owed{i}"]),
                "opening": opening,
                "write_off_units": write_offs[f"units{i}"] or 0,
                "write_off_value": money(write_offs[f"value{i}"]),
            }
        )
    return out


def stock_ageing() -> list[dict]:
    """Units on hand now by days since their lot was received. One query."""
    today = timezone.localdate()

    def received_between(low: int, high: int | None) -> Q:
        # Age in days = today - the Bangkok date of receipt; both ends inclusive.
        q = Q(lot__received_at__lt=fiscal._midnight(today - dt.timedelta(days=low - 1)))
        if high is not None:
            q &= Q(lot__received_at__gte=fiscal._midnight(today - dt.timedelta(days=high)))
        return q

    rows = StockBalance.objects.filter(on_hand__gt=0).aggregate(
        **{f"b{i}": Sum("on_hand", filter=received_between(low, high)) for i, (low, high) in enumerate(AGEING_BUCKETS)}
    )
    out = []
    for i, (low, high) in enumerate(AGEING_BUCKETS):
        label = (
            _("%(low)s–%(high)s days") % {"low": low, "high": high}
            if high is not None
            else _("over %(low)s days") % {"low": low - 1}
        )
        out.append({"label": label, "units": rows[f"b{i}"] or 0})
    return out


# --- Payments and stories ----------------------------------------------------------------------


def payment_method_amounts(*, periods) -> dict[str, list[Decimal]]:
    """Money taken per method (card, PromptPay, cash) in each period: online
    orders' payment sources plus counter sales. Two queries."""
    sources = (
        Source.objects.filter(order__status__in=PAID_STATES, order__paid_at__isnull=False)
        .filter(_in_any("order__date_placed", periods))
        .values("source_type__code")
        .annotate(
            **{f"a{i}": Sum("amount_debited", filter=_in("order__date_placed", p)) for i, p in enumerate(periods)}
        )
        .order_by()
    )
    counter = (
        CounterSale.objects.filter(_in_any("created_at", periods))
        .values("payment_method")
        .annotate(**{f"a{i}": Sum("total", filter=_in("created_at", p)) for i, p in enumerate(periods)})
        .order_by()
    )
    out: dict = {}
    for code, row in [*((r["source_type__code"], r) for r in sources), *((r["payment_method"], r) for r in counter)]:
        method = METHOD_OF_SOURCE.get(code, code)
        values = out.setdefault(method, [Decimal(0)] * len(periods))
        for i in range(len(periods)):
            values[i] += Decimal(row[f"a{i}"] or 0)
    return {m: [money(v) for v in values] for m, values in out.items()}


def _story_page_products():
    from cms.models import PageProduct, StoryPage

    story_type = ContentType.objects.get_for_model(StoryPage)
    return PageProduct.objects.filter(page__content_type=story_type, page__live=True).values("product_id")


def story_figures(*, periods, sales: ProductSales | None = None) -> list[dict]:
    """Stories first published in the period, and the gross of products
    shown in a live story. Two queries."""
    from cms.models import StoryPage

    sales = sales or product_sales(periods=periods)
    stories = StoryPage.objects.aggregate(
        # A story and its English and Chinese translations are one story.
        **{
            f"n{i}": Count("translation_key", distinct=True, filter=_in("first_published_at", p))
            for i, p in enumerate(periods)
        },
    )
    featured = set(_story_page_products().values_list("product_id", flat=True))
    gross = [Decimal(0)] * len(periods)
    for product_id in featured & set(sales.rows):
        gross = [a + b for a, b in zip(gross, sales.gross(product_id), strict=True)]
    return [{"published": stories[f"n{i}"] or 0, "featured_gross": money(gross[i])} for i in range(len(periods))]


# --- The whole report's figures -------------------------------------------------------------

#: The sales breakdowns of the office report, in its order (DIMENSIONS).
SALES_DIMENSIONS = ("district", "tambon", "otop_type", "stars", "producer")


@dataclass(frozen=True)
class OfficeFigures:
    """Every figure of the office report, as plain data: per-period lists
    ([period, previous, year before]) and {label: [value per period]}
    breakdowns. shop/reports/layout.py lays them out in tables and charts."""

    period: fiscal.Period
    previous: fiscal.Period
    year_before: fiscal.Period
    sales: list[dict]  # sales_totals
    sales_by: dict[str, tuple[dict, dict]]  # dimension -> sales_by(dimension=...)
    top_products: list[dict]
    fiscal_year: fiscal.FiscalYear  # of the monthly trend
    monthly_gross: dict[tuple[int, int], tuple[Decimal, Decimal]]  # this fiscal year and the one before
    buyers: list[dict]
    buyers_by: dict[str, dict]  # "country", "language" -> buyers_by(field=...)
    producers: list[dict]
    producers_by: dict[str, dict]  # "district", "kind" -> producers_by(field=...)
    stock: list[dict]
    turnover: tuple  # units sold / average of opening and closing stock, per period
    stock_ageing: list[dict]
    payment_methods: dict[str, list[Decimal]]
    stories: list[dict]

    @property
    def periods(self) -> tuple:
        return (self.period, self.previous, self.year_before)


def office_report_figures(*, period: fiscal.Period) -> OfficeFigures:
    """Every figure of the office dashboard for ``period``, next to the
    previous period and the same period a year before. The number of
    queries does not depend on the data (tests/integration/reports)."""
    previous, year_before = fiscal.comparison_periods(period)
    periods = (period, previous, year_before)
    per_product = product_sales(periods=periods)
    sales = sales_totals(periods=periods, sales=per_product)
    sales_breakdowns = {
        dimension: sales_by(dimension=dimension, periods=periods, sales=per_product) for dimension in SALES_DIMENSIONS
    }
    top = top_products(period=period, sales=per_product)
    fy = period.fiscal_year if isinstance(period, fiscal.FiscalQuarter) else period
    months = monthly_gross(fiscal_year=fy)
    buyers = buyer_figures(periods=periods)
    buyer_breakdowns = {field: buyers_by(field=field, periods=periods) for field in ("country", "language")}
    producers = producer_figures(periods=periods, sales=per_product)
    producer_breakdowns = {field: producers_by(field=field, periods=periods) for field in ("district", "kind")}
    stock = stock_figures(periods=periods)
    turnover = tuple(
        ratio(sales[i]["units"], Decimal(stock[i]["units"] + stock[i]["opening"]) / 2) for i in range(len(periods))
    )
    ageing = stock_ageing()
    methods = payment_method_amounts(periods=periods)
    stories = story_figures(periods=periods, sales=per_product)
    return OfficeFigures(
        period=period,
        previous=previous,
        year_before=year_before,
        sales=sales,
        sales_by=sales_breakdowns,
        top_products=top,
        fiscal_year=fy,
        monthly_gross=months,
        buyers=buyers,
        buyers_by=buyer_breakdowns,
        producers=producers,
        producers_by=producer_breakdowns,
        stock=stock,
        turnover=turnover,
        stock_ageing=ageing,
        payment_methods=methods,
        stories=stories,
    )


# --- Exports --------------------------------------------------------------------------------------


def report_exports_recent(*, period_key: str, limit: int = 6):
    """The latest exports of a period's report, newest first (the dashboard lists them)."""
    return ReportExport.objects.filter(period_key=period_key).order_by("-created_at")[:limit]


def report_export_for(*, pk: int, done: bool = False) -> ReportExport | None:
    """One export, or None; ``done``: only a finished one (to download)."""
    exports = ReportExport.objects.filter(pk=pk)
    if done:
        exports = exports.filter(status=ReportExport.Status.DONE)
    return exports.first()
