"""Reads about orders for the staff screens and the producer portal."""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Sum
from oscar.core.loading import get_model

from . import statuses

Order = get_model("order", "Order")
Line = get_model("order", "Line")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

PICKING = "picking"
PACKED = "packed"
DISPATCH = "dispatch"
READY_FOR_PICKUP = "ready_for_pickup"
PICKED_UP = "picked_up"
COMPLETE = "complete"
MARK_PAID = "mark_paid"
CANCEL = "cancel"
REFUND = "refund"


def order_fulfilment_steps(*, order) -> list[str]:
    """The fulfilment buttons that make sense for an order now (the services
    check again: this only decides what the screen offers)."""
    is_pickup = order.shipping_code == "pickup"
    paid = order.paid_at is not None
    status = order.status
    steps: list[str] = []
    if status == statuses.PAID or (status == statuses.PENDING_PAYMENT and is_pickup):
        steps.append(PICKING)
    elif status == statuses.PICKING:
        steps.append(PACKED)
    elif status == statuses.PACKED:
        steps.append(READY_FOR_PICKUP if is_pickup else DISPATCH)
    elif status == statuses.READY_FOR_PICKUP and paid:
        steps.append(PICKED_UP)
    elif status == statuses.DISPATCHED:
        steps.append(COMPLETE)
    if is_pickup and not paid and status not in (statuses.CANCELLED, statuses.REFUNDED, statuses.PARTLY_REFUNDED):
        steps.append(MARK_PAID)
    if not paid and statuses.CANCELLED in statuses.PIPELINE.get(status, ()):
        steps.append(CANCEL)
    if paid and status != statuses.REFUNDED:
        steps.append(REFUND)
    return steps


FULFILMENT_QUEUE = (
    statuses.PENDING_PAYMENT,
    statuses.PAID,
    statuses.PICKING,
    statuses.PACKED,
    statuses.READY_FOR_PICKUP,
)


def orders_to_fulfil():
    """Orders the center still has to pick, pack, hand over or dispatch:
    paid ones and unpaid pickup orders, oldest first."""
    from django.db.models import Q

    return (
        Order.objects.filter(status__in=FULFILMENT_QUEUE)
        .filter(~Q(status=statuses.PENDING_PAYMENT) | Q(shipping_code="pickup"))
        .order_by("date_placed", "pk")
    )


def producer_order_lines(*, producer):
    """A producer's own order lines (never another producer's lines of the
    same order), newest first, with what the center keeps and what it owes."""
    return (
        Line.objects.filter(producer=producer)
        .select_related("order", "product")
        .only(
            "id",
            "title",
            "upc",
            "quantity",
            "status",
            "line_price_incl_tax",
            "commission_rate",
            "commission_amount",
            "producer_payable",
            "partner_sku",
            "product__id",
            "product__upc",
            "order__id",
            "order__number",
            "order__status",
            "order__date_placed",
            "order__shipping_code",
            "order__paid_at",
        )
        .order_by("-order__date_placed", "-pk")
    )


# --- The producer portal's sales page: order lines and counter sales -------------------------


@dataclass(frozen=True)
class ProducerSale:
    """One row of a producer's sales: its line of an online order, or its
    goods in a sale at the center's counter (``is_counter_sale``)."""

    is_counter_sale: bool
    reference: str  # the order number, or the counter sale's number (CS-000042)
    occurred_at: datetime
    title: str
    quantity: int
    gross: Decimal
    commission_rate: Decimal
    commission: Decimal
    payable: Decimal
    line: object | None = None  # the order line (its detail page, its status)


def _order_line_sale(line) -> ProducerSale:
    return ProducerSale(
        is_counter_sale=False,
        reference=line.order.number,
        occurred_at=line.order.date_placed,
        title=line.title,
        quantity=line.quantity,
        gross=line.line_price_incl_tax,
        commission_rate=line.commission_rate,
        commission=line.commission_amount,
        payable=line.producer_payable,
        line=line,
    )


def producer_counter_sales(*, producer) -> list[ProducerSale]:
    """A producer's goods sold at the counter, newest first, as soon as the
    sale is posted (not only on the month-end statement). Counter sales do
    not record line prices yet, so they are valued as the statement values
    them (shop/reports/settlements/selectors.py, ``counter_sale_rows``): the
    product's stock-record price and the commission rate in force. Three
    queries whatever the number of sales."""
    from inventory.models import CounterSale
    from inventory.selectors import counter_sale_units_for_owner

    from .utils import commission_rate_for, commission_split

    rows = list(counter_sale_units_for_owner(owner=producer))
    product_ids = {row["product_id"] for row in rows}
    products = Product.objects.select_related("producer", "otop_type").in_bulk(product_ids)
    prices: dict[int, Decimal] = {}
    for product_id, price in (
        StockRecord.objects.filter(product_id__in=product_ids).order_by("-id").values_list("product_id", "price")
    ):
        prices[product_id] = price or Decimal(0)  # newest first: the oldest record wins, as on the statement
    sales = []
    for row in rows:
        product = products[row["product_id"]]
        gross = (prices.get(product.pk, Decimal(0)) * row["units"]).quantize(Decimal("0.01"))
        rate = commission_rate_for(product)
        commission, payable = commission_split(line_price_incl_tax=gross, rate=rate)
        sales.append(
            ProducerSale(
                is_counter_sale=True,
                reference=CounterSale(pk=int(row["reference_id"])).number,
                occurred_at=row["sold_at"],
                title=product.title,
                quantity=row["units"],
                gross=gross,
                commission_rate=rate,
                commission=commission,
                payable=payable,
            )
        )
    return sales


class ProducerSales:
    """A producer's order lines and counter sales as one list, newest first,
    for a Paginator: a page reads only as many order lines as it needs
    (the counter sales, a few rows per sale, are read whole)."""

    def __init__(self, *, producer):
        self.lines = producer_order_lines(producer=producer)
        self.counter = producer_counter_sales(producer=producer)

    def count(self) -> int:
        return self.lines.count() + len(self.counter)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[ProducerSale]:
        if not isinstance(index, slice):
            raise TypeError("ProducerSales supports slices only.")
        start, stop = index.start or 0, index.stop
        # The first `stop` rows of the merge come from the first `stop` rows of each list.
        lines = [_order_line_sale(line) for line in (self.lines[:stop] if stop is not None else self.lines)]
        merged = heapq.merge(lines, self.counter, key=lambda sale: sale.occurred_at, reverse=True)
        return list(itertools.islice(merged, start, stop))

    def totals(self) -> dict[str, Decimal]:
        """Sales, commission and what the center owes, online and counter together."""
        online = self.lines.order_by().aggregate(
            sales=Sum("line_price_incl_tax"), commission=Sum("commission_amount"), payable=Sum("producer_payable")
        )
        counter = {
            "sales": sum((s.gross for s in self.counter), Decimal("0.00")),
            "commission": sum((s.commission for s in self.counter), Decimal("0.00")),
            "payable": sum((s.payable for s in self.counter), Decimal("0.00")),
        }
        totals = {key: (online[key] or Decimal("0.00")) + counter[key] for key in counter}
        totals["counter_sales"] = counter["sales"]
        return totals


def producer_sales(*, producer) -> ProducerSales:
    """What the producer portal's sales page lists (see ProducerSales)."""
    return ProducerSales(producer=producer)


# --- The customer's order pages ---------------------------------------------------------


def order_by_number(*, number: str):
    """The order with this number, or None."""
    return Order.objects.filter(number=number).first()


def order_of_guest(*, number: str, email: str):
    """A guest's order found by its number and the email it was placed
    with (case-insensitive), or None. Orders of customer accounts are not
    found this way: their owners see them in their account."""
    return (
        Order.objects.filter(number=number.strip(), user__isnull=True, guest_email__iexact=email)
        .only("pk", "number", "guest_email")
        .first()
    )


def order_lines_for_display(*, order):
    """The order's lines with their products, pictures and options, in a
    fixed number of queries, not a few per line (``line.description`` reads
    the attributes)."""
    return order.lines.select_related("product", "product__parent").prefetch_related(
        "attributes", "product__images", "product__parent__images"
    )
