"""Consignment receipts (goods received notes)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.outbox.services import outbox_send

from ..exceptions import StockError
from ..models import Location, Lot, Receipt, ReceiptLine, StockMovement
from ..selectors import center_get_default, location_quarantine_bin, location_receiving_bin
from .ledger import LedgerPosting, product_check, quantity_check
from .tokens import form_token_claim, form_token_done

Producer = get_model("catalogue", "Producer")

#: Sent by name (services never import tasks): inventory.tasks runs
#: ``receipt_notification_send`` under it.
NOTIFY_RECEIPT_POSTED_TASK = "inventory.tasks.notify_receipt_posted"


@dataclass(frozen=True)
class ReceiptLineInput:
    """One line of a delivery as staff record it."""

    product: object  # catalogue.Product
    quantity: int
    lot_code: str = ""
    best_before: date | None = None
    condition: str = ReceiptLine.Condition.OK


def _producer_owns(*, producer, product) -> None:
    if product.producer_id != producer.pk:
        raise StockError(
            _("%(producer)s does not own %(product)s: a producer can only consign its own products.")
            % {"producer": producer, "product": product.get_title()},
            code="not_owner",
        )


def _line_check(*, producer, line: ReceiptLineInput) -> None:
    product_check(line.product)
    quantity_check(line.quantity)
    _producer_owns(producer=producer, product=line.product)
    if len(line.lot_code or "") > 64:
        raise StockError(_("A lot code has at most 64 characters."), code="bad_lot")
    if line.best_before is not None and not isinstance(line.best_before, date):
        raise StockError(_("Best-before must be a date."), code="bad_best_before")
    if line.condition not in ReceiptLine.Condition.values:
        raise StockError(_("Unknown condition %(c)r.") % {"c": line.condition}, code="bad_condition")


def receipt_create(
    *,
    producer,
    lines: Sequence[ReceiptLineInput],
    user=None,
    center: Location | None = None,
    note: str = "",
    token=None,
) -> Receipt:
    """Draft a goods received note. Writes no stock; ``receipt_post`` does.

    Checks every line (positive whole quantity, the producer owns the
    product) so a bad line is refused when it is typed, not when posted.
    With the form's one-time ``token``, a second submission of the same form
    raises FormAlreadySubmitted (``.reference`` = the first draft) instead
    of drafting the delivery twice.
    """
    if not isinstance(producer, Producer) or producer.pk is None:
        raise StockError(_("Unknown producer."), code="unknown_producer")
    if not lines:
        raise StockError(_("A receipt needs at least one line."), code="no_lines")
    for line in lines:
        _line_check(producer=producer, line=line)
    center = center or center_get_default()
    if center.kind != Location.Kind.CENTER or not center.is_active:
        raise StockError(_("%(code)s is not an active center.") % {"code": center.code}, code="bad_center")
    with transaction.atomic():
        claimed = form_token_claim(token=token, user=user) if token is not None else None
        receipt = Receipt.objects.create(producer=producer, center=center, note=note, created_by=user)
        ReceiptLine.objects.bulk_create(
            [
                ReceiptLine(
                    receipt=receipt,
                    product=line.product,
                    quantity=line.quantity,
                    lot_code=(line.lot_code or "").strip(),
                    best_before=line.best_before,
                    condition=line.condition,
                )
                for line in lines
            ]
        )
        if claimed is not None:
            form_token_done(claimed=claimed, reference=f"receipt:{receipt.pk}")
    return receipt


def _lots_get_or_create(*, lines, owner_id: int, default_code: str, received_at) -> dict[tuple[int, str], Lot]:
    """The lot (product, code) of every line, created if new, in two queries
    and one INSERT whatever the number of lines. Caller holds the product
    locks; ON CONFLICT DO NOTHING + the re-read still cover a concurrent
    insert of the same code. A lot of another producer, or one already
    recorded with another best-before date, is refused."""
    wanted: dict[tuple[int, str], ReceiptLine] = {}
    for line in lines:
        wanted.setdefault((line.product_id, line.lot_code or default_code), line)

    def existing() -> dict[tuple[int, str], Lot]:
        return {
            (lot.product_id, lot.code): lot
            for lot in Lot.objects.filter(product_id__in={p for p, _c in wanted}, code__in={c for _p, c in wanted})
            if (lot.product_id, lot.code) in wanted
        }

    lots = existing()
    missing = [key for key in wanted if key not in lots]
    if missing:
        Lot.objects.bulk_create(
            [
                Lot(
                    product_id=product_id,
                    owner_id=owner_id,
                    code=code,
                    best_before=wanted[(product_id, code)].best_before,
                    received_at=received_at,
                )
                for product_id, code in missing
            ],
            ignore_conflicts=True,
        )
        lots = existing()
    for line in lines:
        code = line.lot_code or default_code
        lot = lots[(line.product_id, code)]
        if lot.owner_id != owner_id:
            raise StockError(
                _("Lot %(lot)s of %(product)s belongs to another producer.")
                % {"lot": code, "product": line.product.get_title()},
                code="lot_owner_mismatch",
            )
        if lot.best_before != line.best_before:
            raise StockError(
                _("Lot %(lot)s of %(product)s is already recorded with best-before %(bb)s.")
                % {"lot": code, "product": line.product.get_title(), "bb": lot.best_before or "-"},
                code="lot_best_before_mismatch",
            )
    return lots


def receipt_post(*, receipt: Receipt, user=None) -> list[StockMovement]:
    """Post a draft receipt: one ``receipt`` movement per line into the
    center's receiving bin, damaged lines into its quarantine bin.

    Locks: the receipt row (conditional update draft → posted, so a double
    click or two clerks posting at once post it exactly once), then the
    stock records and balances of its products (``inventory.locks`` order).
    Posting twice raises StockError and changes nothing.
    """
    if not isinstance(receipt, Receipt) or receipt.pk is None:
        raise StockError(_("Unknown receipt."), code="unknown_receipt")
    with transaction.atomic():
        now = timezone.now()
        # The conditional update is the lock: a second poster blocks here
        # until the first commits, then sees status=posted and updates 0 rows.
        claimed = Receipt.objects.filter(pk=receipt.pk, status=Receipt.Status.DRAFT).update(
            status=Receipt.Status.POSTED, posted_at=now, posted_by=user
        )
        if claimed != 1:
            raise StockError(
                _("Receipt %(number)s was already posted; nothing was changed.") % {"number": receipt.number},
                code="already_posted",
            )
        lines = list(receipt.lines.select_related("product").order_by("pk"))
        if not lines:
            raise StockError(_("Receipt %(number)s has no lines.") % {"number": receipt.number}, code="no_lines")
        producer = receipt.producer
        for line in lines:
            # Checked again: the product may have changed hands since drafting.
            _line_check(
                producer=producer,
                line=ReceiptLineInput(
                    product=line.product,
                    quantity=line.quantity,
                    lot_code=line.lot_code,
                    best_before=line.best_before,
                    condition=line.condition,
                ),
            )
        receiving = location_receiving_bin(center=receipt.center)
        quarantine = location_quarantine_bin(center=receipt.center)
        posting = LedgerPosting.lock(
            product_ids={line.product_id for line in lines},
            owner_pairs={(line.product_id, producer.pk) for line in lines},
            now=now,
        )
        lots = _lots_get_or_create(lines=lines, owner_id=producer.pk, default_code=receipt.number, received_at=now)
        for line in lines:
            line.lot = lots[(line.product_id, line.lot_code or receipt.number)]
            posting.move(
                kind=StockMovement.Kind.RECEIPT,
                product_id=line.product_id,
                lot=line.lot,
                quantity=line.quantity,
                to_location=quarantine if line.condition == ReceiptLine.Condition.DAMAGED else receiving,
                reason=_("damaged on arrival") if line.condition == ReceiptLine.Condition.DAMAGED else None,
            )
        ReceiptLine.objects.bulk_update(lines, ["lot"], batch_size=500)
        movements = posting.commit(reference_type="receipt", reference_id=str(receipt.pk), user=user)
        # The producer hears about it once the goods are really in stock
        # (after commit; the task is idempotent).
        outbox_send(task=NOTIFY_RECEIPT_POSTED_TASK, args=[receipt.pk])
        receipt.status, receipt.posted_at, receipt.posted_by = Receipt.Status.POSTED, now, user
        return movements


def receipt_sign_off(*, receipt: Receipt, signed_by_name: str) -> bool:
    """Record who signed the delivery off on paper. Signed once: a second
    sign-off (a double click, a second clerk) changes nothing and returns
    False; the first returns True."""
    with transaction.atomic():
        updated = Receipt.objects.filter(pk=receipt.pk, signed_at__isnull=True).update(
            signed_by_name=signed_by_name, signed_at=timezone.now()
        )
    return bool(updated)
