"""Staff documents that post several movements at once: a counter sale with
its payment record, and a cycle-count sheet. Views only parse input and show
the outcome; the rules (idempotency, manager approval, one transaction) live here."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..exceptions import StockError
from ..models import CounterSale, Location, StockBalance
from .movements import count_variance_post, counter_sale_post


def counter_sale_record(
    *,
    token: str,
    payment_method: str,
    payment_reference: str,
    lines: dict[int, int],
    total: Decimal,
    user,
) -> tuple[CounterSale, bool]:
    """Record a walk-in sale and take its units from the shared stock pool.

    Idempotent on the form's ``token``: a double-submitted form returns the
    sale already posted and ``created=False`` with nothing changed (the unique
    token also catches two submits racing). Raises ``InsufficientStock`` /
    ``StockError`` having written nothing. Returns (sale, created)."""
    existing = CounterSale.objects.filter(token=token).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            sale = CounterSale.objects.create(
                token=token,
                payment_method=payment_method,
                payment_reference=payment_reference,
                total=total,
                created_by=user,
            )
            counter_sale_post(reference=sale.reference, lines=list(lines.items()), user=user)
    except IntegrityError:
        existing = CounterSale.objects.filter(token=token).first()
        if existing is None:
            raise
        return existing, False
    return sale, True


@dataclass(frozen=True)
class CountedLine:
    balance: StockBalance
    counted: int
    expected: int  # the quantity the sheet showed when it was printed or opened


def count_sheet_post(*, location: Location, lines: list[CountedLine], user, may_approve: bool) -> int:
    """Post a count sheet: one count-variance movement per line that differs,
    all in one transaction. If stock moved since the sheet was made (or the
    sheet is posted twice) ``count_variance_post`` refuses a line and the
    whole count is rolled back. Variances above
    settings.INVENTORY_VARIANCE_APPROVAL_THRESHOLD need a center manager
    (``may_approve``), whose posting is the approval. Returns variances posted."""
    if not lines:
        raise StockError(_("Enter at least one counted quantity."), code="no_lines")
    threshold = settings.INVENTORY_VARIANCE_APPROVAL_THRESHOLD
    needs_approval = any(abs(line.counted - line.expected) > threshold for line in lines)
    if needs_approval and not may_approve:
        raise StockError(
            _("Variances above %(n)d units need a Center manager's approval: a manager must post this count.")
            % {"n": threshold},
            code="needs_manager",
        )
    reference = f"count:{location.code}-{timezone.now():%Y%m%d%H%M%S}"
    reason = _("cycle count") + (" " + _("(approved by a manager)") if needs_approval else "")
    posted = 0
    with transaction.atomic():
        for line in lines:
            moved = count_variance_post(
                product=line.balance.product,
                lot=line.balance.lot,
                location=line.balance.location,
                counted=line.counted,
                expected_on_hand=line.expected,
                user=user,
                reference=reference,
                reason=reason,
            )
            posted += moved is not None
    return posted
