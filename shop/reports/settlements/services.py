"""Writes of producer settlements: drafting statements (one producer or all
at once), approval, payment, the bank's payment batch.

Money rule (written once, used once): a line's center commission is
``shop.order.utils.commission_split`` — line amount × rate, rounded half-up
to the satang, per line; the producer gets the rest. Statement totals are
plain sums of their lines (``_totals``), so they reconcile with the lines
to the satang.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.common import fiscal

from ..models import SettlementLine, SettlementStatement
from ..tables import money
from .selectors import Draft, settlement_drafts

LINE_BATCH = 5000
SALES = (SettlementLine.Kind.ORDER_LINE, SettlementLine.Kind.COUNTER_SALE)


def _period_check(month: fiscal.Month, now: dt.datetime) -> None:
    if month.end > now:
        raise ValidationError(
            _("%(month)s has not ended yet: statements are made once the period is over.") % {"month": month.label()},
            code="period_open",
        )


def _totals(statement: SettlementStatement, drafts: list[Draft]) -> None:
    """Statement totals = sums of its lines (exact sums of satang amounts;
    money() only gives them their two decimal places)."""
    sales = [d for d in drafts if d.kind in SALES]
    statement.units_sold = sum(d.quantity for d in sales)
    statement.gross = money(sum((d.gross for d in sales), Decimal(0)))
    statement.commission = money(sum((d.commission for d in drafts), Decimal(0)))
    refunds = sum((d.gross for d in drafts if d.kind == SettlementLine.Kind.REFUND), Decimal(0))
    statement.refunds = money(Decimal(0) - refunds)  # never "-0.00"
    statement.net_payable = money(sum((d.net for d in drafts), Decimal(0)))


def _line(statement_id: int, d: Draft) -> SettlementLine:
    return SettlementLine(
        statement_id=statement_id,
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


def _draft_statements(
    *, month: fiscal.Month, now: dt.datetime, producer_ids: set[int] | None
) -> dict[int, SettlementStatement | None]:
    """Draft (or redraft) the statements of ``month`` for the given producers
    (all when None) in one transaction and a fixed number of statements:
    lock the month's statements, find every producer's lines
    (selectors.settlement_drafts), delete the old lines of the drafts, create
    the missing statements and all the lines in bulk, set the totals.
    Approved and paid statements are not touched. Returns {producer id:
    its statement, or None when it has nothing to settle}."""
    with transaction.atomic():
        existing = SettlementStatement.objects.select_for_update().filter(period_start=month.first_day)
        if producer_ids is not None:
            existing = existing.filter(producer_id__in=producer_ids)
        existing = {s.producer_id: s for s in existing}
        drafts = settlement_drafts(month=month, producer_ids=producer_ids)
        out: dict[int, SettlementStatement | None] = {}
        redraft = {}
        for producer_id, statement in existing.items():
            if statement.status != SettlementStatement.Status.DRAFT:
                if producer_id in drafts:
                    out[producer_id] = statement  # approved or paid: never changes
                drafts.pop(producer_id, None)
            else:
                redraft[producer_id] = statement
        # One DELETE: a plain .delete() fetches every line first and deletes
        # them 100 at a time (delete signals are connected project-wide, e.g.
        # by the search index), and nothing refers to a settlement line.
        old_lines = SettlementLine.objects.filter(statement_id__in=[s.pk for s in redraft.values()])
        old_lines._raw_delete(old_lines.db)
        empty = [s.pk for producer_id, s in redraft.items() if producer_id not in drafts]
        if empty:
            SettlementStatement.objects.filter(pk__in=empty).delete()
        for producer_id in redraft:
            out.setdefault(producer_id, None)
        new = SettlementStatement.objects.bulk_create(
            [
                SettlementStatement(producer_id=producer_id, period_start=month.first_day, period_end=month.last_day)
                for producer_id in sorted(drafts)
                if producer_id not in redraft
            ]
        )
        statements = {**{s.producer_id: s for s in new}, **{p: s for p, s in redraft.items() if p in drafts}}
        SettlementLine.objects.bulk_create(
            (_line(statements[producer_id].pk, d) for producer_id, lines in drafts.items() for d in lines),
            batch_size=LINE_BATCH,
        )
        for producer_id, statement in statements.items():
            _totals(statement, drafts[producer_id])
            statement.generated_at = now
            out[producer_id] = statement
        SettlementStatement.objects.bulk_update(
            list(statements.values()),
            ["units_sold", "gross", "commission", "refunds", "net_payable", "generated_at"],
            batch_size=1000,
        )
    return out


def _draft_statements_retrying(**kwargs) -> dict[int, SettlementStatement | None]:
    try:
        return _draft_statements(**kwargs)
    except IntegrityError:
        # Another worker drafted some of these statements a moment ago:
        # they are locked and redrafted (or left alone) on the second try.
        return _draft_statements(**kwargs)


def settlement_generate(*, producer, month: fiscal.Month, now: dt.datetime | None = None) -> SettlementStatement | None:
    """Draft (or redraft) the producer's statement for ``month``.

    Idempotent: regenerating a draft replaces its lines with the same ones;
    an approved or paid statement is returned unchanged. Returns None (and
    writes nothing) when the producer has nothing to settle. Refuses a
    period that has not ended."""
    now = now or timezone.now()
    _period_check(month, now)
    statements = _draft_statements_retrying(month=month, now=now, producer_ids={producer.pk})
    statement = statements.get(producer.pk)
    if statement is None:
        # Nothing to settle now, but a frozen statement is still the answer.
        statement = (
            SettlementStatement.objects.filter(producer=producer, period_start=month.first_day)
            .exclude(status=SettlementStatement.Status.DRAFT)
            .first()
        )
    return statement


def settlements_generate(
    *, month: fiscal.Month, now: dt.datetime | None = None, producer_ids: Iterable[int] | None = None
) -> int:
    """Draft statements for every producer with something to settle (or the
    given producers), all at once: a fixed number of queries whatever the
    number of producers, in one transaction (a failure leaves the month as
    it was, and the run can simply be repeated). Returns the number of
    statements drafted or left as they were (approved or paid)."""
    now = now or timezone.now()
    _period_check(month, now)
    ids = set(producer_ids) if producer_ids is not None else None
    statements = _draft_statements_retrying(month=month, now=now, producer_ids=ids)
    return sum(1 for statement in statements.values() if statement is not None)


def _locked_in_status(*, statement: SettlementStatement, status: str, code: str, message: str) -> SettlementStatement:
    """The statement's row, locked for the rest of the transaction, if it is
    still in ``status``: of two office staff approving (or paying) the same
    statement at once, the second waits for the first, then is refused."""
    locked = SettlementStatement.objects.select_for_update().get(pk=statement.pk)
    if locked.status != status:
        raise ValidationError(message % {"number": locked.number, "status": locked.get_status_display()}, code=code)
    return locked


def settlement_approve(*, statement: SettlementStatement, user) -> SettlementStatement:
    """Approve a draft and give it the next running number of its period's
    series (ST-202611-0001, -0002, ...; docs/reports.md, "Statement
    numbers"). The number is taken inside the transaction, with the period's
    statements locked, so two approvals at once cannot take the same number
    and a number is never left unused: drafts, which may be emptied and
    deleted, have none."""
    with transaction.atomic():
        # Lock the period's statements in the order drafting locks them
        # (producer id), so approvals and drafting queue instead of deadlocking.
        list(
            SettlementStatement.objects.select_for_update()
            .filter(period_start=statement.period_start)
            .order_by("producer_id")
            .values_list("pk", flat=True)
        )
        locked = _locked_in_status(
            statement=statement, status=SettlementStatement.Status.DRAFT, code="not_draft",
            message=_("Statement %(number)s is %(status)s: only a draft can be approved."),
        )  # fmt: skip
        last = SettlementStatement.objects.filter(period_start=locked.period_start).aggregate(last=Max("sequence"))[
            "last"
        ]
        locked.sequence = (last or 0) + 1
        locked.status = SettlementStatement.Status.APPROVED
        locked.approved_by = user
        locked.approved_at = timezone.now()
        locked.save(update_fields=["sequence", "status", "approved_by", "approved_at"])
    return locked


def settlement_mark_paid(
    *, statement: SettlementStatement, user, reference: str, paid_on: dt.date
) -> SettlementStatement:
    """Record the bank transfer. From here the statement never changes."""
    reference = (reference or "").strip()
    if not reference:
        raise ValidationError({"reference": _("Enter the bank transfer reference.")}, code="no_reference")
    if paid_on is None or paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("Enter the date of the transfer (not in the future).")}, code="bad_date")
    with transaction.atomic():
        locked = _locked_in_status(
            statement=statement, status=SettlementStatement.Status.APPROVED, code="not_approved",
            message=_("Statement %(number)s is %(status)s: only an approved statement can be paid."),
        )  # fmt: skip
        if paid_on < locked.period_end:
            raise ValidationError(
                {"paid_on": _("The transfer cannot be before the end of the period.")}, code="bad_date"
            )
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
