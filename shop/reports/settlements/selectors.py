"""What goes on producers' settlement statements, found for many producers
at once: a fixed number of queries per run, whatever the number of
producers (docs/reports.md, "Producer settlements").

The period rule: a month's statement lists the sales and refunds dated in
that month (Bangkok time), and nothing else, with one exception: a line
dated in an earlier month whose statement for this producer is already
approved or paid (so can no longer take it) is "carried over" to the next
statement drafted, where it is shown under its own heading. Lines of an
earlier month without a frozen statement wait for that month's statement;
``months_with_unsettled_lines`` names those months for the office.

A sale or refund share is "unsettled" for a month when it is on no
statement of ANOTHER period: what is on this month's own statement is
found again, so redrafting a statement finds the same lines (idempotent).
Every look-up is an anti-join (NOT EXISTS) on the settled lines' unique
indexes, never NOT IN over every settled line.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DateField, Exists, F, IntegerField, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Cast, Coalesce, TruncMonth
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from inventory.models import StockMovement
from shop.common import fiscal
from shop.order.statuses import PAID_STATES
from shop.order.utils import commission_rate_for, commission_split

from ..models import SettlementLine, SettlementStatement
from ..selectors import _counter_signed_quantity

Line = get_model("order", "Line")
Transaction = get_model("payment", "Transaction")
Producer = get_model("catalogue", "Producer")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

SATANG = Decimal("0.01")
Kind = SettlementLine.Kind


@dataclass
class Draft:
    """One line of a statement, before it is written."""

    kind: str
    reference: str
    description: str
    occurred_at: dt.datetime
    quantity: int
    gross: Decimal
    commission_rate: Decimal
    commission: Decimal
    order_line_id: int | None = None
    refund_transaction_id: int | None = None
    counter_sale_id: int | None = None
    product_id: int | None = None

    @property
    def net(self) -> Decimal:
        return self.gross - self.commission


class _Owners:
    """Which producer a line belongs to. Lines record their producer at sale
    time; lines older than that field are found through the partner (a
    producer is one-to-one with it)."""

    def __init__(self, producer_ids: set[int] | None):
        self.producer_ids = producer_ids
        partners = Producer.objects.all() if producer_ids is None else Producer.objects.filter(pk__in=producer_ids)
        self.by_partner = dict(partners.values_list("partner_id", "pk"))

    def lines_q(self, prefix: str = "") -> Q:
        """The lines of the chosen producers (all lines when no choice)."""
        if self.producer_ids is None:
            return Q()
        return Q(**{f"{prefix}producer_id__in": self.producer_ids}) | Q(
            **{f"{prefix}producer__isnull": True, f"{prefix}partner_id__in": list(self.by_partner)}
        )

    def of(self, producer_id: int | None, partner_id: int | None) -> int | None:
        owner = producer_id or self.by_partner.get(partner_id)
        if self.producer_ids is not None and owner not in self.producer_ids:
            return None
        return owner


def _not_settled_elsewhere(month: fiscal.Month, **match) -> Exists:
    return Exists(SettlementLine.objects.filter(**match).exclude(statement__period_start=month.first_day))


def _own_month(field: str) -> TruncMonth:
    """The first day of the Bangkok month of a datetime column."""
    return TruncMonth(field, output_field=DateField(), tzinfo=fiscal.bangkok())


def _own_month_frozen(owner: str) -> Exists:
    """The producer (``owner``) has an approved or paid statement for the
    month the line is dated in (``own_month``), so that statement can no
    longer take the line: it is carried over to a later one."""
    return Exists(
        SettlementStatement.objects.filter(producer_id=OuterRef(owner), period_start=OuterRef("own_month")).exclude(
            status=SettlementStatement.Status.DRAFT
        )
    )


def _on_statement_of(month: fiscal.Month, field: str, owner: str = "owner") -> Q:
    """The period rule (module docstring): dated in the month, or carried
    over from an earlier month whose statement is frozen. Needs the
    ``own_month`` annotation (and ``owner``, the producer's id)."""
    return Q(**{f"{field}__gte": month.start, f"{field}__lt": month.end}) | (
        Q(**{f"{field}__lt": month.start}) & Q(_own_month_frozen(owner))
    )


def _line_owner():
    # Lines older than Line.producer are owned through their partner.
    return Coalesce(
        "producer_id", Subquery(Producer.objects.filter(partner_id=OuterRef("partner_id")).values("pk")[:1])
    )


# --- Online sales ---------------------------------------------------------------------------


def _paid_lines():
    return Line.objects.filter(order__status__in=PAID_STATES, order__paid_at__isnull=False)


def unsettled_order_lines(*, month: fiscal.Month):
    """Paid order lines for the month's statements (the period rule, module
    docstring: paid in the month, or carried over) that are on no statement
    of another period."""
    settled = _not_settled_elsewhere(month, kind=Kind.ORDER_LINE, order_line_id=OuterRef("pk"))
    return (
        _paid_lines()
        .alias(owner=_line_owner(), own_month=_own_month("order__paid_at"))
        .filter(_on_statement_of(month, "order__paid_at"))
        .exclude(settled)
        .annotate(order_number=F("order__number"), order_paid_at=F("order__paid_at"))
        .values(
            "pk",
            "title",
            "quantity",
            "line_price_incl_tax",
            "commission_rate",
            "commission_amount",
            "product_id",
            "producer_id",
            "partner_id",
            "order_number",
            "order_paid_at",
        )
        .order_by("order__paid_at", "pk")
    )


def _order_line_drafts(month: fiscal.Month, owners: _Owners, out: dict) -> None:
    for line in unsettled_order_lines(month=month).filter(owners.lines_q()):
        producer_id = owners.of(line["producer_id"], line["partner_id"])
        if producer_id is None:
            continue
        out[producer_id].append(
            Draft(
                kind=Kind.ORDER_LINE,
                reference=line["order_number"],
                description=line["title"],
                occurred_at=line["order_paid_at"],
                quantity=line["quantity"],
                gross=line["line_price_incl_tax"],
                commission_rate=line["commission_rate"],
                commission=line["commission_amount"],  # as recorded at the time of sale
                order_line_id=line["pk"],
                product_id=line["product_id"],
            )
        )


# --- Counter sales (ADAPTER) --------------------------------------------------------------------


def counter_sale_rows(*, month: fiscal.Month, producer_ids: set[int] | None = None) -> list[dict]:
    """ADAPTER (switch when counter sales record priced lines with their
    commission, like order lines do): unsettled counter-sale units from the
    ledger, per owner, sale and product, priced at the product's
    stock-record price with the commission rate in force now. Three queries."""
    settled = _not_settled_elsewhere(
        month,
        kind=Kind.COUNTER_SALE,
        counter_sale_id=Cast(OuterRef("reference_id"), IntegerField()),
        product_id=OuterRef("product_id"),
    )
    movements = StockMovement.objects.alias(own_month=_own_month("created_at")).filter(
        _on_statement_of(month, "created_at", owner="owner_id"),
        kind=StockMovement.Kind.COUNTER_SALE,
        # Only sales of the counter screen (reference "counter_sale:<id>")
        # can be traced to a CounterSale; the cast below needs the number.
        reference_type="counter_sale",
        reference_id__regex=r"^[0-9]+$",
    )
    if producer_ids is not None:
        movements = movements.filter(owner_id__in=producer_ids)
    rows = [
        r
        for r in movements.exclude(settled)
        .values("owner_id", "reference_id", "product_id")
        .annotate(units=Sum(_counter_signed_quantity()), at=Min("created_at"))
        .order_by("at", "reference_id", "product_id")
        if r["units"]
    ]
    products = Product.objects.select_related("producer", "otop_type").in_bulk({r["product_id"] for r in rows})
    prices: dict[int, Decimal] = {}
    for product_id, price in (
        StockRecord.objects.filter(product_id__in=products).order_by("-id").values_list("product_id", "price")
    ):
        prices[product_id] = price or Decimal(0)  # ordered newest first: the oldest record wins
    return [
        {
            "producer_id": r["owner_id"],
            "counter_sale_id": int(r["reference_id"]),
            "product": products[r["product_id"]],
            "units": r["units"],
            "at": r["at"],
            "gross": (prices.get(r["product_id"], Decimal(0)) * r["units"]).quantize(SATANG),
            "rate": commission_rate_for(products[r["product_id"]]),
        }
        for r in rows
    ]


def _counter_sale_drafts(month: fiscal.Month, owners: _Owners, out: dict) -> None:
    for row in counter_sale_rows(month=month, producer_ids=owners.producer_ids):
        commission, _payable = commission_split(line_price_incl_tax=row["gross"], rate=row["rate"])
        out[row["producer_id"]].append(
            Draft(
                kind=Kind.COUNTER_SALE,
                reference=f"CS-{row['counter_sale_id']:06d}",
                description=row["product"].title,
                occurred_at=row["at"],
                quantity=row["units"],
                gross=row["gross"],
                commission_rate=row["rate"],
                commission=commission,
                counter_sale_id=row["counter_sale_id"],
                product_id=row["product"].pk,
            )
        )


# --- Refunds ---------------------------------------------------------------------------------------


def refund_shares(*, refund_amount: Decimal, order_total: Decimal, lines: list) -> dict[int, Decimal]:
    """Split a refund over an order's lines (``(line id, line price)`` in
    line order), pro rata to their price over the order total (the
    shipping's share stays with the center). Each share is rounded half-up
    to the satang; the last line takes the rounding remainder, so the shares
    add up exactly to the goods' part of the refund."""
    total = Decimal(order_total or 0)
    if not total or not lines:
        return {}
    goods = sum((Decimal(price) for _pk, price in lines), Decimal(0))
    goods_part = min(refund_amount, (refund_amount * goods / total).quantize(SATANG, rounding=ROUND_HALF_UP))
    shares: dict[int, Decimal] = {}
    running = Decimal(0)
    for pk, price in lines[:-1]:
        share = (refund_amount * Decimal(price) / total).quantize(SATANG, rounding=ROUND_HALF_UP)
        shares[pk] = share
        running += share
    shares[lines[-1][0]] = goods_part - running
    return shares


def _frozen_months(*, producer_ids: set, before: fiscal.Month) -> set[tuple[int, dt.date]]:
    """(producer id, period start) of the approved or paid statements of
    these producers before ``before``."""
    return set(
        SettlementStatement.objects.filter(producer_id__in=producer_ids - {None}, period_start__lt=before.first_day)
        .exclude(status=SettlementStatement.Status.DRAFT)
        .values_list("producer_id", "period_start")
    )


def _refund_drafts(month: fiscal.Month, owners: _Owners, out: dict) -> None:
    """Refunds dated in the month (or carried over: the period rule) with a
    share of one of the chosen producers' lines not yet on a statement of
    another period:
    negative lines, the commission given back at the rate recorded on the
    line. Four queries for all producers."""
    unsettled_line = (
        Line.objects.filter(order_id=OuterRef("source__order_id"))
        .filter(owners.lines_q())
        .exclude(
            _not_settled_elsewhere(
                month, kind=Kind.REFUND, refund_transaction_id=OuterRef(OuterRef("pk")), order_line_id=OuterRef("pk")
            )
        )
    )
    refunds = list(
        Transaction.objects.filter(txn_type=Transaction.REFUND, date_created__lt=month.end)
        .filter(Exists(unsettled_line))
        .values(
            "pk", "amount", "date_created", "source__order_id", "source__order__number", "source__order__total_incl_tax"
        )
        .order_by("date_created", "pk")
    )
    if not refunds:
        return
    lines_of: dict[int, list[dict]] = defaultdict(list)
    for line in (
        Line.objects.filter(order_id__in={r["source__order_id"] for r in refunds})
        .values(
            "pk",
            "order_id",
            "title",
            "line_price_incl_tax",
            "commission_rate",
            "product_id",
            "producer_id",
            "partner_id",
        )
        .order_by("pk")
    ):
        lines_of[line["order_id"]].append(line)
    settled = set(
        SettlementLine.objects.filter(kind=Kind.REFUND, refund_transaction_id__in=[r["pk"] for r in refunds])
        .exclude(statement__period_start=month.first_day)
        .values_list("refund_transaction_id", "order_line_id")
    )
    frozen = _frozen_months(
        producer_ids={
            owners.of(line["producer_id"], line["partner_id"]) for lines in lines_of.values() for line in lines
        },
        before=month,
    )
    for refund in refunds:
        lines = lines_of[refund["source__order_id"]]
        by_pk = {line["pk"]: line for line in lines}
        shares = refund_shares(
            refund_amount=Decimal(refund["amount"]),
            order_total=refund["source__order__total_incl_tax"],
            lines=[(line["pk"], line["line_price_incl_tax"]) for line in lines],
        )
        for line_id, share in shares.items():
            line = by_pk[line_id]
            producer_id = owners.of(line["producer_id"], line["partner_id"])
            if producer_id is None or (refund["pk"], line_id) in settled or not share:
                continue
            if (
                refund["date_created"] < month.start
                and (producer_id, fiscal.month_of(refund["date_created"]).first_day) not in frozen
            ):
                continue  # waits for the statement of its own month (the period rule)
            commission, _payable = commission_split(line_price_incl_tax=share, rate=line["commission_rate"])
            out[producer_id].append(
                Draft(
                    kind=Kind.REFUND,
                    reference=refund["source__order__number"],
                    description=_("Refund: %(title)s") % {"title": line["title"]},
                    occurred_at=refund["date_created"],
                    quantity=0,
                    gross=Decimal(0) - share,
                    commission_rate=line["commission_rate"],
                    commission=Decimal(0) - commission,
                    order_line_id=line_id,
                    refund_transaction_id=refund["pk"],
                    product_id=line["product_id"],
                )
            )


# --- Everything of a month --------------------------------------------------------------------------


def settlement_drafts(*, month: fiscal.Month, producer_ids: Iterable[int] | None = None) -> dict[int, list[Draft]]:
    """{producer id: the lines of its statement for ``month``} for the given
    producers (all when None); producers with nothing to settle are absent.
    About ten queries, whatever the number of producers."""
    owners = _Owners(set(producer_ids) if producer_ids is not None else None)
    out: dict[int, list[Draft]] = defaultdict(list)
    _order_line_drafts(month, owners, out)
    _counter_sale_drafts(month, owners, out)
    _refund_drafts(month, owners, out)
    return {producer_id: drafts for producer_id, drafts in out.items() if drafts}


def months_with_unsettled_lines(*, before: fiscal.Month) -> list[fiscal.Month]:
    """The months before ``before`` with a sale or refund on no statement
    that waits for its own month's statement (lines whose month is already
    approved or paid are carried over by themselves, so are left out). The
    settlement list names them so a skipped month is never silently lost.
    Three queries."""
    order_lines = (
        _paid_lines()
        .filter(order__paid_at__lt=before.start)
        .exclude(Exists(SettlementLine.objects.filter(kind=Kind.ORDER_LINE, order_line_id=OuterRef("pk"))))
        .alias(owner=_line_owner())
        .annotate(own_month=_own_month("order__paid_at"))
        .exclude(_own_month_frozen("owner"))
        .values_list("own_month", flat=True)
        .distinct()
    )
    counter = (
        StockMovement.objects.filter(
            kind=StockMovement.Kind.COUNTER_SALE,
            created_at__lt=before.start,
            reference_type="counter_sale",
            reference_id__regex=r"^[0-9]+$",
        )  # fmt: skip
        .exclude(
            Exists(
                SettlementLine.objects.filter(
                    kind=Kind.COUNTER_SALE,
                    counter_sale_id=Cast(OuterRef("reference_id"), IntegerField()),
                    product_id=OuterRef("product_id"),
                )
            )
        )
        .annotate(own_month=_own_month("created_at"))
        .exclude(_own_month_frozen("owner_id"))
        .values_list("own_month", flat=True)
        .distinct()
    )
    unsettled_share = Line.objects.filter(order_id=OuterRef("source__order_id")).exclude(
        Exists(
            SettlementLine.objects.filter(
                kind=Kind.REFUND, refund_transaction_id=OuterRef(OuterRef("pk")), order_line_id=OuterRef("pk")
            )
        )
    )
    refunds = (
        Transaction.objects.filter(txn_type=Transaction.REFUND, date_created__lt=before.start)
        .filter(Exists(unsettled_share))
        .annotate(own_month=_own_month("date_created"))
        .values_list("own_month", flat=True)
        .distinct()
    )
    days = {
        fiscal.local_date(d) if isinstance(d, dt.datetime) else d for q in (order_lines, counter, refunds) for d in q
    }
    return sorted({fiscal.Month(d.year, d.month) for d in days}, key=lambda m: (m.year, m.month))


# --- Statements as the screens show them ------------------------------------------------------


def statements_of_month(*, month: fiscal.Month):
    """The month's statements (every status), with the producer and its bank
    account, by the producer's Thai name."""
    return (
        SettlementStatement.objects.filter(period_start=month.first_day)
        .select_related("producer", "producer__bank_account")
        .order_by("producer__name_th")
    )


def statements_approved_of_month(*, month: fiscal.Month):
    """The month's approved statements: the ones the bank's payment batch pays."""
    return SettlementStatement.objects.filter(
        period_start=month.first_day, status=SettlementStatement.Status.APPROVED
    ).select_related("producer", "producer__bank_account")


def statement_for(*, pk: int, producer=None) -> SettlementStatement | None:
    """One statement with its producer, or None. With ``producer``: only that
    producer's, and only once approved (drafts are the office's working
    copies), as the portal shows them."""
    statements = SettlementStatement.objects.all() if producer is None else statements_of_producer(producer=producer)
    return statements.select_related("producer").filter(pk=pk).first()


def statement_exists(*, pk: int) -> bool:
    return SettlementStatement.objects.filter(pk=pk).exists()


def statement_lines(*, statement: SettlementStatement, with_products: bool = False):
    """The statement's lines in date order (as the page and the PDF list them)."""
    lines = statement.lines.order_by("occurred_at", "pk")
    return lines.select_related("product") if with_products else lines


def statements_of_producer(*, producer):
    """A producer's statements as its portal shows them: approved or paid
    (drafts are the office's working copies), newest first."""
    return (
        SettlementStatement.objects.filter(producer=producer)
        .exclude(status=SettlementStatement.Status.DRAFT)
        .order_by("-period_start")
    )
