"""Writes of the reports app: report exports and settlement statements.

Money rule (written once, used once): a line's center commission is
``shop.order.utils.commission_split`` — line amount × rate, rounded half-up
to the satang, per line; the producer gets the rest. Statement totals are
plain sums of their lines, so they reconcile with the lines to the satang.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, IntegerField, Min, OuterRef, Q, Sum
from django.db.models.functions import Cast
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from inventory.models import StockMovement
from shop.order.statuses import PAID_STATES
from shop.order.utils import commission_rate_for, commission_split

from . import exports, fiscal, selectors
from .models import ReportExport, SettlementLine, SettlementStatement
from .tables import money

logger = logging.getLogger(__name__)

Line = get_model("order", "Line")
Transaction = get_model("payment", "Transaction")
Producer = get_model("catalogue", "Producer")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

SATANG = Decimal("0.01")
STALE_EXPORT = dt.timedelta(minutes=15)


# --- Report exports ------------------------------------------------------------------


def report_export_request(*, user, period_key: str, file_format: str, language: str) -> ReportExport:
    """Queue an export of the office report; a second request for the same
    file while one is queued or running returns that one."""
    try:
        period = fiscal.period_from_key(period_key)
    except fiscal.PeriodKeyInvalid as exc:
        raise ValidationError(str(exc), code="bad_period") from exc
    if file_format not in ReportExport.Format.values:
        raise ValidationError(_("Choose XLSX or PDF."), code="bad_format")
    if period.start > timezone.now():
        raise ValidationError(_("%(period)s has not started yet.") % {"period": period.label()}, code="future_period")
    pending = ReportExport.objects.filter(
        period_key=period.key,
        format=file_format,
        language=language,
        status__in=[ReportExport.Status.QUEUED, ReportExport.Status.RUNNING],
        created_at__gte=timezone.now() - STALE_EXPORT,
    ).first()
    if pending is not None:
        return pending
    export = ReportExport.objects.create(
        requested_by=user, period_key=period.key, format=file_format, language=language
    )
    from .tasks import report_export_build_task

    transaction.on_commit(lambda: report_export_build_task.delay(export.pk))
    return export


def _export_progress(export_id: int, percent: int) -> None:
    ReportExport.objects.filter(pk=export_id).update(progress=percent)


def report_export_build(*, export_id: int) -> ReportExport | None:
    """Build the file of an export. Idempotent: a finished export is left as
    it is; a task delivered twice builds once (the claim below is a
    conditional UPDATE, so only one worker wins it), unless the first one
    died and its claim went stale."""
    stale = timezone.now() - STALE_EXPORT
    claimed = (
        ReportExport.objects.filter(pk=export_id)
        .filter(
            Q(status__in=[ReportExport.Status.QUEUED, ReportExport.Status.FAILED])
            | Q(status=ReportExport.Status.RUNNING, created_at__lt=stale)
        )
        .update(status=ReportExport.Status.RUNNING, progress=5, error="")
    )
    export = ReportExport.objects.filter(pk=export_id).first()
    if not claimed or export is None:
        return export
    try:
        with translation.override(export.language):
            period = fiscal.period_from_key(export.period_key)
            report = selectors.office_report(period=period)
            _export_progress(export_id, 40)
            progress = lambda percent: _export_progress(export_id, percent)  # noqa: E731
            if export.format == ReportExport.Format.XLSX:
                content = exports.report_xlsx(report, progress=progress)
            else:
                content = exports.report_pdf(report, progress=progress)
        name = f"otop-report-{export.period_key}-{export.language}.{export.format}"
        export.file.save(name, ContentFile(content), save=False)
        export.status = ReportExport.Status.DONE
        export.progress = 100
        export.finished_at = timezone.now()
        export.save(update_fields=["file", "status", "progress", "finished_at"])
    except Exception as exc:  # the page must say it failed instead of polling forever
        logger.exception("Report export %s failed", export_id)
        ReportExport.objects.filter(pk=export_id).update(
            status=ReportExport.Status.FAILED, error=str(exc)[:500], finished_at=timezone.now()
        )
        export.refresh_from_db()
    return export


# --- Settlements: what goes on a statement ----------------------------------------------


@dataclass
class _Draft:
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


def _producer_lines(producer):
    # Lines record their producer at sale time; lines older than that field
    # are found through the partner (a producer is one-to-one with it).
    return Line.objects.filter(Q(producer=producer) | Q(producer__isnull=True, partner_id=producer.partner_id))


def _settled_elsewhere(statement, kind: str):
    """Lines of ``kind`` already on the producer's OTHER statements. Scoped
    to the producer (its sales can only be on its own statements), so the
    look-up stays small however many statements the center has."""
    other_ids = list(
        SettlementStatement.objects.filter(producer_id=statement.producer_id).exclude(pk=statement.pk).values_list("pk", flat=True)
    )
    return SettlementLine.objects.filter(kind=kind, statement_id__in=other_ids)


def _order_line_draft(line) -> _Draft:
    return _Draft(
        kind=SettlementLine.Kind.ORDER_LINE,
        reference=line.order_number,
        description=line.title,
        occurred_at=line.order_paid_at,
        quantity=line.quantity,
        gross=line.line_price_incl_tax,
        commission_rate=line.commission_rate,
        commission=line.commission_amount,  # as recorded at the time of sale
        order_line_id=line.pk,
        product_id=line.product_id,
    )


def _unsettled_order_lines(*, month: fiscal.Month):
    """Paid order lines paid before the month's end that are on no statement
    of another period (a sale paid in a month without a statement is carried
    to the next one instead of being lost). NOT EXISTS, an anti-join on the
    unique order_line index: never NOT IN over every settled line."""
    settled_elsewhere = SettlementLine.objects.filter(
        kind=SettlementLine.Kind.ORDER_LINE, order_line_id=OuterRef("pk")
    ).exclude(statement__period_start=month.first_day)
    return (
        Line.objects.filter(order__status__in=PAID_STATES, order__paid_at__isnull=False, order__paid_at__lt=month.end)
        .exclude(Exists(settled_elsewhere))
        .annotate(order_number=F("order__number"), order_paid_at=F("order__paid_at"))
        .only(
            "pk", "title", "quantity", "line_price_incl_tax", "commission_rate", "commission_amount", "product_id",
            "producer_id", "partner_id",
        )
        .order_by("order__paid_at", "pk")
    )


def _order_line_drafts(*, producer, month: fiscal.Month) -> list[_Draft]:
    lines = _unsettled_order_lines(month=month).filter(
        Q(producer=producer) | Q(producer__isnull=True, partner_id=producer.partner_id)
    )
    return [_order_line_draft(line) for line in lines]


def _order_line_drafts_by_producer(*, month: fiscal.Month) -> dict[int, list[_Draft]]:
    """The same for every producer in ONE query (the monthly run)."""
    partner_to_producer = dict(Producer.objects.values_list("partner_id", "pk"))
    out: dict[int, list[_Draft]] = {}
    for line in _unsettled_order_lines(month=month):
        producer_id = line.producer_id or partner_to_producer.get(line.partner_id)
        if producer_id is not None:
            out.setdefault(producer_id, []).append(_order_line_draft(line))
    return out


def counter_sale_lines(*, producer, before: dt.datetime, exclude_statement) -> list[dict]:
    """ADAPTER (switch when counter sales record priced lines with their
    commission, like order lines do): counter-sale units of the producer
    from the ledger, per sale and product, priced at the product's
    stock-record price with the commission rate in force now."""
    settled = _settled_elsewhere(exclude_statement, SettlementLine.Kind.COUNTER_SALE)
    rows = (
        StockMovement.objects.filter(kind=StockMovement.Kind.COUNTER_SALE, owner=producer, created_at__lt=before)
        .values("reference_id", "product_id")
        .annotate(units=Sum(selectors._counter_signed_quantity()), at=Min("created_at"))
        .order_by("at")
    )
    done = set(settled.values_list("counter_sale_id", "product_id"))
    rows = list(rows)
    products = Product.objects.in_bulk({r["product_id"] for r in rows})
    prices: dict[int, Decimal] = {}
    for product_id, price in StockRecord.objects.filter(product_id__in=products).order_by("-id").values_list("product_id", "price"):
        prices[product_id] = price or Decimal(0)  # ordered newest first: the oldest record wins
    out = []
    for row in rows:
        sale_id = int(row["reference_id"])
        if (sale_id, row["product_id"]) in done or not row["units"]:
            continue
        product = products[row["product_id"]]
        out.append(
            {
                "counter_sale_id": sale_id,
                "product": product,
                "units": row["units"],
                "at": row["at"],
                "gross": (prices.get(product.pk, Decimal(0)) * row["units"]).quantize(SATANG),
                "rate": commission_rate_for(product),
            }
        )
    return out


def _counter_sale_drafts(*, producer, statement, before) -> list[_Draft]:
    drafts = []
    for row in counter_sale_lines(producer=producer, before=before, exclude_statement=statement):
        commission, _payable = commission_split(line_price_incl_tax=row["gross"], rate=row["rate"])
        drafts.append(
            _Draft(
                kind=SettlementLine.Kind.COUNTER_SALE,
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
    return drafts


def refund_shares(*, refund_amount: Decimal, order, lines: list) -> dict[int, Decimal]:
    """Split a refund over an order's lines, pro rata to their price over the
    order total (the shipping's share stays with the center). Each share is
    rounded half-up to the satang; the last line takes the rounding
    remainder, so the shares add up exactly to the goods' part of the refund."""
    total = Decimal(order.total_incl_tax or 0)
    if not total or not lines:
        return {}
    goods = sum((Decimal(line.line_price_incl_tax) for line in lines), Decimal(0))
    goods_part = min(refund_amount, (refund_amount * goods / total).quantize(SATANG, rounding=ROUND_HALF_UP))
    shares: dict[int, Decimal] = {}
    running = Decimal(0)
    for line in lines[:-1]:
        share = (refund_amount * Decimal(line.line_price_incl_tax) / total).quantize(SATANG, rounding=ROUND_HALF_UP)
        shares[line.pk] = share
        running += share
    shares[lines[-1].pk] = goods_part - running
    return shares


def _refund_drafts(*, producer, statement, before) -> list[_Draft]:
    """Refunds dated before the period's end on orders with the producer's
    lines, not yet on another statement: negative lines, the commission
    given back at the rate recorded on the line."""
    settled = set(
        _settled_elsewhere(statement, SettlementLine.Kind.REFUND).values_list("refund_transaction_id", "order_line_id")
    )
    order_ids = _producer_lines(producer).values("order_id")
    refunds = (
        Transaction.objects.filter(txn_type=Transaction.REFUND, date_created__lt=before, source__order_id__in=order_ids)
        .select_related("source__order")
        .order_by("date_created", "pk")
    )
    mine = set(_producer_lines(producer).filter(order_id__in=order_ids).values_list("pk", flat=True))
    drafts = []
    for refund in refunds:
        order = refund.source.order
        lines = list(order.lines.order_by("pk"))
        for line_id, share in refund_shares(refund_amount=Decimal(refund.amount), order=order, lines=lines).items():
            if line_id not in mine or (refund.pk, line_id) in settled or not share:
                continue
            line = next(li for li in lines if li.pk == line_id)
            commission, _payable = commission_split(line_price_incl_tax=share, rate=line.commission_rate)
            drafts.append(
                _Draft(
                    kind=SettlementLine.Kind.REFUND,
                    reference=order.number,
                    description=_("Refund: %(title)s") % {"title": line.title},
                    occurred_at=refund.date_created,
                    quantity=0,
                    gross=Decimal(0) - share,
                    commission_rate=line.commission_rate,
                    commission=Decimal(0) - commission,
                    order_line_id=line.pk,
                    refund_transaction_id=refund.pk,
                    product_id=line.product_id,
                )
            )
    return drafts


# --- Settlements: statement lifecycle ----------------------------------------------------


def _period_check(month: fiscal.Month, now: dt.datetime) -> None:
    if month.end > now:
        raise ValidationError(
            _("%(month)s has not ended yet: statements are made once the period is over.") % {"month": month.label()},
            code="period_open",
        )


def settlement_generate(
    *,
    producer,
    month: fiscal.Month,
    now: dt.datetime | None = None,
    order_line_drafts: list | None = None,
    look_for_counter_sales: bool = True,
    look_for_refunds: bool = True,
) -> SettlementStatement | None:
    """Draft (or redraft) the producer's statement for ``month``.

    Idempotent: regenerating a draft replaces its lines with the same ones;
    an approved or paid statement is returned unchanged. Returns None (and
    writes nothing) when the producer has nothing to settle. Refuses a
    period that has not ended. ``order_line_drafts`` and the ``look_for_*``
    flags come from the monthly run, which finds them for all producers at
    once (settlements_generate)."""
    now = now or timezone.now()
    _period_check(month, now)
    with transaction.atomic():
        statement = (
            SettlementStatement.objects.select_for_update()
            .filter(producer=producer, period_start=month.first_day)
            .first()
        )
        if statement is not None and statement.status != SettlementStatement.Status.DRAFT:
            return statement
        if statement is None:
            try:
                with transaction.atomic():
                    statement = SettlementStatement.objects.create(
                        producer=producer, period_start=month.first_day, period_end=month.last_day
                    )
            except IntegrityError:  # another worker drafted it a moment ago
                statement = SettlementStatement.objects.select_for_update().get(
                    producer=producer, period_start=month.first_day
                )
                if statement.status != SettlementStatement.Status.DRAFT:
                    return statement
        statement.lines.all().delete()
        drafts = [
            *(order_line_drafts if order_line_drafts is not None else _order_line_drafts(producer=producer, month=month)),
            *(_counter_sale_drafts(producer=producer, statement=statement, before=month.end) if look_for_counter_sales else []),
            *(_refund_drafts(producer=producer, statement=statement, before=month.end) if look_for_refunds else []),
        ]
        if not drafts:
            statement.delete()
            return None
        SettlementLine.objects.bulk_create(
            [
                SettlementLine(
                    statement=statement,
                    kind=d.kind,
                    order_line_id=d.order_line_id,
                    refund_transaction_id=d.refund_transaction_id,
                    counter_sale_id=d.counter_sale_id,
                    product_id=d.product_id,
                    description=d.description[:255],
                    reference=d.reference,
                    occurred_at=d.occurred_at,
                    quantity=d.quantity,
                    gross=d.gross,
                    commission_rate=d.commission_rate,
                    commission=d.commission,
                    net=d.net,
                )
                for d in drafts
            ]
        )
        _statement_totals_set(statement)
        statement.generated_at = now
        statement.save()
    return statement


def _statement_totals_set(statement: SettlementStatement) -> None:
    sales = Q(kind__in=[SettlementLine.Kind.ORDER_LINE, SettlementLine.Kind.COUNTER_SALE])
    refunds = Q(kind=SettlementLine.Kind.REFUND)
    totals = statement.lines.aggregate(
        units_total=Sum("quantity", filter=sales),
        gross_total=Sum("gross", filter=sales),
        commission_total=Sum("commission"),
        refunds_total=Sum("gross", filter=refunds),
        net_total=Sum("net"),
    )
    statement.units_sold = totals["units_total"] or 0
    # Sums of satang amounts are exact; money() only restores the two
    # decimal places SQLite drops.
    statement.gross = money(totals["gross_total"])
    statement.commission = money(totals["commission_total"])
    statement.refunds = money(Decimal(0) - Decimal(totals["refunds_total"] or 0))  # never "-0.00"
    statement.net_payable = money(totals["net_total"])


def _producers_with_unsettled_counter_sales(*, month: fiscal.Month) -> set[int]:
    """Owners of counter-sale units sold before the month's end that are on
    no statement of another period (one anti-join query)."""
    settled = SettlementLine.objects.filter(
        kind=SettlementLine.Kind.COUNTER_SALE,
        counter_sale_id=Cast(OuterRef("reference_id"), IntegerField()),
        product_id=OuterRef("product_id"),
    ).exclude(statement__period_start=month.first_day)
    return set(
        StockMovement.objects.filter(kind=StockMovement.Kind.COUNTER_SALE, created_at__lt=month.end)
        .exclude(Exists(settled))
        .values_list("owner_id", flat=True)
        .distinct()
    )


def _producers_with_unsettled_refunds(*, month: fiscal.Month) -> set[int]:
    """Producers with a line on an order refunded before the month's end
    whose share of that refund is on no statement of another period (one
    query, checked per (refund, line) like the unique constraint)."""
    settled = SettlementLine.objects.filter(
        kind=SettlementLine.Kind.REFUND,
        order_line_id=OuterRef("pk"),
        refund_transaction_id=OuterRef("order__sources__transactions__id"),
    ).exclude(statement__period_start=month.first_day)
    rows = (
        Line.objects.filter(
            order__sources__transactions__txn_type=Transaction.REFUND,
            order__sources__transactions__date_created__lt=month.end,
        )
        .exclude(Exists(settled))
        .values_list("producer_id", "partner_id")
        .distinct()
    )
    partner_to_producer = dict(Producer.objects.values_list("partner_id", "pk"))
    out = {producer_id or partner_to_producer.get(partner_id) for producer_id, partner_id in rows}
    out.discard(None)
    return out


def settlements_generate(*, month: fiscal.Month, now: dt.datetime | None = None) -> int:
    """Draft statements for every producer with something to settle; each in
    its own transaction, so one producer's failure does not undo the others.
    Returns the number of statements drafted or left as they were.

    What each producer has to settle is found first for all producers at
    once (order lines, counter sales, refunds: one query each), so idle
    producers cost nothing and the per-producer look-ups run only where
    there is something to find."""
    now = now or timezone.now()
    _period_check(month, now)
    drafts_by_producer = _order_line_drafts_by_producer(month=month)
    with_counter = _producers_with_unsettled_counter_sales(month=month)
    with_refunds = _producers_with_unsettled_refunds(month=month)
    with_drafts = set(
        SettlementStatement.objects.filter(period_start=month.first_day, status=SettlementStatement.Status.DRAFT).values_list(
            "producer_id", flat=True
        )
    )
    candidates = set(drafts_by_producer) | with_counter | with_refunds | with_drafts
    count = 0
    for producer in Producer.objects.filter(pk__in=candidates).order_by("pk"):
        statement = settlement_generate(
            producer=producer,
            month=month,
            now=now,
            order_line_drafts=drafts_by_producer.get(producer.pk, []),
            look_for_counter_sales=producer.pk in with_counter,
            look_for_refunds=producer.pk in with_refunds,
        )
        if statement is not None:
            count += 1
    return count


def settlement_approve(*, statement: SettlementStatement, user) -> SettlementStatement:
    with transaction.atomic():
        locked = SettlementStatement.objects.select_for_update().get(pk=statement.pk)
        if locked.status != SettlementStatement.Status.DRAFT:
            raise ValidationError(
                _("Statement %(number)s is %(status)s: only a draft can be approved.")
                % {"number": locked.number, "status": locked.get_status_display()},
                code="not_draft",
            )
        locked.status = SettlementStatement.Status.APPROVED
        locked.approved_by = user
        locked.approved_at = timezone.now()
        locked.save(update_fields=["status", "approved_by", "approved_at"])
    return locked


def settlement_mark_paid(*, statement: SettlementStatement, user, reference: str, paid_on: dt.date) -> SettlementStatement:
    """Record the bank transfer. From here the statement never changes."""
    reference = (reference or "").strip()
    if not reference:
        raise ValidationError({"reference": _("Enter the bank transfer reference.")}, code="no_reference")
    if paid_on is None or paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("Enter the date of the transfer (not in the future).")}, code="bad_date")
    with transaction.atomic():
        locked = SettlementStatement.objects.select_for_update().get(pk=statement.pk)
        if locked.status != SettlementStatement.Status.APPROVED:
            raise ValidationError(
                _("Statement %(number)s is %(status)s: only an approved statement can be paid.")
                % {"number": locked.number, "status": locked.get_status_display()},
                code="not_approved",
            )
        if paid_on < locked.period_end:
            raise ValidationError({"paid_on": _("The transfer cannot be before the end of the period.")}, code="bad_date")
        locked.status = SettlementStatement.Status.PAID
        locked.paid_reference = reference[:64]
        locked.paid_on = paid_on
        locked.paid_by = user
        locked.save(update_fields=["status", "paid_reference", "paid_on", "paid_by"])
    return locked


def settlement_payment_batch_csv(*, statements) -> tuple[bytes, list[SettlementStatement]]:
    """The bank's payment batch for approved statements with money to pay:
    (CSV bytes, statements left out because the producer has no bank
    account). The ONE place the full account number leaves the database:
    the file goes straight to the bank's upload screen (docs/reports.md)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["bank", "account_number", "account_name", "amount_thb", "reference", "producer"])
    missing = []
    for statement in statements:
        if statement.status != SettlementStatement.Status.APPROVED or statement.net_payable <= 0:
            continue
        account = getattr(statement.producer, "bank_account", None)
        if account is None:
            missing.append(statement)
            continue
        writer.writerow(
            [
                account.bank,
                account.account_number,
                account.account_name,
                f"{statement.net_payable:.2f}",
                statement.number,
                statement.producer.name_th,
            ]
        )
    # UTF-8 with a byte-order mark: Thai names open correctly in Excel.
    return out.getvalue().encode("utf-8-sig"), missing
