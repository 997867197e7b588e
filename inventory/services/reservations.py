"""Reservations: stock held for a basket or order between "payment starts"
and "goods leave the center".

Life of a reservation (one ``reference`` such as ``order:100042``)::

    reservation_create ──> active ──reservation_confirm──> confirmed ──stock_dispatch──> consumed
                             │                               │
                             ├── reservations_expire ──> expired
                             └── reservation_release ──> released <──┘

Every change of status that moves units in or out of ``reserved`` writes a
ledger movement (reservation / release / dispatch). Lock order: the
Reservation rows of the reference, then the products' stock records, then
their balances (``inventory.locks``).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import locks
from ..exceptions import InsufficientStock, InsufficientStockLine, StockError
from ..models import Reservation, StockMovement
from .ledger import LedgerPosting, lines_check, reason_check, reference_split

Kind = StockMovement.Kind
Status = Reservation.Status


@dataclass(frozen=True)
class ReservationConfirmation:
    """What ``reservation_confirm`` did.

    outcome is one of:
      * ``confirmed``: the active reservation is now confirmed;
      * ``already_confirmed``: nothing to do (a retried webhook);
      * ``re_reserved``: it had expired or been released, and the same
        quantities were available again, so they are reserved and confirmed;
      * ``needs_refund``: it had expired or been released and the stock is
        gone: nothing was reserved, flag the order for a refund (``shortages``
        says which lines).
    """

    reference: str
    outcome: str
    shortages: list[InsufficientStockLine] = field(default_factory=list)

    @property
    def needs_refund(self) -> bool:
        return self.outcome == "needs_refund"


def _expiry(expires_in: timedelta | None) -> timedelta:
    if expires_in is None:
        return timedelta(minutes=settings.INVENTORY_RESERVATION_MINUTES)
    if not isinstance(expires_in, timedelta) or expires_in <= timedelta(0):
        raise StockError(_("A reservation must expire in the future."), code="bad_expiry")
    return expires_in


def _reserve(
    *,
    posting: LedgerPosting,
    reference: str,
    wanted: dict[int, int],
    status: str,
    expires_at,
    reason: str | None = None,
) -> list[Reservation]:
    """Allocate FEFO, queue reservation movements and build the rows."""
    picks = posting.allocate(wanted=wanted)
    hold_id = uuid.uuid4()
    rows = []
    for product_id in sorted(picks):
        for row, take in picks[product_id]:
            posting.move(
                kind=Kind.RESERVATION,
                product_id=product_id,
                lot=row.balance.lot,
                quantity=take,
                from_location=row.balance.location,
                reason=reason,
            )
            rows.append(
                Reservation(
                    reference=reference,
                    hold_id=hold_id,
                    product_id=product_id,
                    location=row.balance.location,
                    lot=row.balance.lot,
                    quantity=take,
                    status=status,
                    expires_at=expires_at,
                    created_at=posting.now,
                )
            )
    return rows


def _release(*, posting: LedgerPosting, rows: Iterable[Reservation], reason: str | None = None) -> int:
    total = 0
    for r in rows:
        posting.move(
            kind=Kind.RELEASE,
            product_id=r.product_id,
            lot=r.lot,
            quantity=r.quantity,
            to_location=r.location,
            reason=reason,
        )
        total += r.quantity
    return total


def reservation_create(
    *, reference: str, lines: Iterable[tuple[int, int]], expires_in: timedelta | None = None, now=None
) -> list[Reservation]:
    """Hold stock for a basket or order while the customer pays.

    ``lines`` is [(product_id, quantity), ...]; all lines are reserved or
    none (InsufficientStock lists every short line with what is left).
    Units come from sellable locations, first-expiry-first-out, and the hold
    expires after ``expires_in`` (default settings.INVENTORY_RESERVATION_MINUTES).
    Calling it again for the same reference (the customer changed the basket
    and pays again) replaces the active hold in the same transaction: if the
    new one cannot be served, the old one stays. A confirmed (paid)
    reservation is not replaced.

    Locks: the reference's Reservation rows, then the stock records and
    balances of every product involved, all in primary-key order, so two
    baskets with the same products in opposite orders cannot deadlock.
    """
    ref_type, ref_id = reference_split(reference)
    wanted = lines_check(lines)
    expires_in = _expiry(expires_in)
    now = now or timezone.now()
    with transaction.atomic():
        held = locks.reservations_lock(reference=reference, statuses=Reservation.HOLDING)
        if any(r.status == Status.CONFIRMED for r in held):
            raise StockError(
                _("The reservation %(ref)s is already paid for; release it before reserving again.")
                % {"ref": reference},
                code="already_confirmed",
            )
        posting = LedgerPosting.lock(product_ids=set(wanted) | {r.product_id for r in held}, now=now)
        # Release the previous hold first, so its units count as available
        # for the new one.
        _release(posting=posting, rows=held, reason=_("replaced by a new reservation"))
        rows = _reserve(
            posting=posting, reference=reference, wanted=wanted, status=Status.ACTIVE, expires_at=now + expires_in
        )
        posting.commit(reference_type=ref_type, reference_id=ref_id)
        if held:
            Reservation.objects.filter(pk__in=[r.pk for r in held], status__in=Reservation.HOLDING).update(
                status=Status.RELEASED, closed_at=now
            )
        return Reservation.objects.bulk_create(rows)


def reservation_confirm(*, reference: str, now=None) -> ReservationConfirmation:
    """Payment succeeded: confirm the hold so the sweep no longer expires it.

    Safe to call twice (a retried webhook gets ``already_confirmed``). An
    active hold past its expiry that the sweep has not released yet still
    holds its units and is simply confirmed. If the hold was already
    expired or released (a late payment), the same quantities are reserved
    again if available (``re_reserved``); otherwise nothing is written and
    ``needs_refund`` tells the caller to flag the order for a refund.

    Locks: the reference's Reservation rows, then (only to re-reserve) the
    stock records and balances of its products.
    """
    ref_type, ref_id = reference_split(reference)
    now = now or timezone.now()
    with transaction.atomic():
        rows = locks.reservations_lock(reference=reference)
        if not rows:
            raise StockError(_("There is no reservation for %(ref)s.") % {"ref": reference}, code="no_reservation")
        if any(r.status in (Status.CONFIRMED, Status.CONSUMED) for r in rows):
            return ReservationConfirmation(reference=reference, outcome="already_confirmed")
        active = [r.pk for r in rows if r.status == Status.ACTIVE]
        if active:
            Reservation.objects.filter(pk__in=active, status=Status.ACTIVE).update(status=Status.CONFIRMED)
            return ReservationConfirmation(reference=reference, outcome="confirmed")
        # Late payment: every row is expired or released. Ask again for what
        # the latest hold asked for.
        latest = max(rows, key=lambda r: (r.created_at, r.pk)).hold_id
        wanted: dict[int, int] = defaultdict(int)
        for r in rows:
            if r.hold_id == latest:
                wanted[r.product_id] += r.quantity
        try:
            with transaction.atomic():  # savepoint: a shortage leaves no trace
                posting = LedgerPosting.lock(product_ids=set(wanted), now=now)
                new_rows = _reserve(
                    posting=posting,
                    reference=reference,
                    wanted=dict(wanted),
                    status=Status.CONFIRMED,
                    expires_at=now,
                    reason=_("reserved again after a late payment"),
                )
                posting.commit(reference_type=ref_type, reference_id=ref_id)
                Reservation.objects.bulk_create(new_rows)
        except InsufficientStock as exc:
            return ReservationConfirmation(reference=reference, outcome="needs_refund", shortages=exc.lines)
        return ReservationConfirmation(reference=reference, outcome="re_reserved")


def reservation_release(*, reference: str, user=None, reason: str = "", now=None) -> int:
    """Give the units held for a reference back (payment failed, basket
    abandoned, order cancelled): active and confirmed rows become released.
    Returns the number of units released; 0 if there was nothing to release,
    so calling it twice is harmless.

    Locks: the reference's Reservation rows, then the stock records and
    balances of its products.
    """
    ref_type, ref_id = reference_split(reference)
    reason = reason_check(reason, required=False)
    now = now or timezone.now()
    with transaction.atomic():
        rows = locks.reservations_lock(reference=reference, statuses=Reservation.HOLDING)
        if not rows:
            return 0
        posting = LedgerPosting.lock(product_ids={r.product_id for r in rows}, now=now)
        released = _release(posting=posting, rows=rows)
        posting.commit(reference_type=ref_type, reference_id=ref_id, user=user, reason=reason)
        Reservation.objects.filter(pk__in=[r.pk for r in rows]).update(status=Status.RELEASED, closed_at=now)
        return released


def _reference_expire(*, reference: str, now) -> int:
    ref_type, ref_id = reference_split(reference)
    with transaction.atomic():
        # Re-read under the lock: a payment confirmation may have won the
        # race since the sweep listed this reference; confirmed rows are
        # left alone.
        rows = [
            r for r in locks.reservations_lock(reference=reference, statuses=[Status.ACTIVE]) if r.expires_at <= now
        ]
        if not rows:
            return 0
        posting = LedgerPosting.lock(product_ids={r.product_id for r in rows}, now=now)
        _release(posting=posting, rows=rows)
        posting.commit(reference_type=ref_type, reference_id=ref_id, reason=_("reservation expired"))
        Reservation.objects.filter(pk__in=[r.pk for r in rows]).update(status=Status.EXPIRED, closed_at=now)
        return len(rows)


def reservations_expire(*, now=None, limit: int = 500) -> int:
    """Release active reservations whose expiry has passed (the Celery beat
    sweep). One short transaction per reference, so a busy product does not
    hold up the rest. Returns the number of reservation rows expired; safe
    to run twice or concurrently (the second finds nothing to do).
    """
    now = now or timezone.now()
    references = list(
        dict.fromkeys(
            Reservation.objects.filter(status=Status.ACTIVE, expires_at__lte=now)
            .order_by("expires_at", "pk")
            .values_list("reference", flat=True)[:limit]
        )
    )
    return sum(_reference_expire(reference=reference, now=now) for reference in references)


def stock_dispatch(*, reference: str, user=None, reason: str = "", now=None) -> list[StockMovement]:
    """The goods of a paid order leave the center: each confirmed
    reservation row becomes a dispatch movement (on hand and reserved both
    go down) and is marked consumed. Dispatching twice is refused.

    Locks: the reference's Reservation rows, then the stock records and
    balances of its products.
    """
    ref_type, ref_id = reference_split(reference)
    reason = reason_check(reason, required=False)
    now = now or timezone.now()
    with transaction.atomic():
        rows = locks.reservations_lock(reference=reference)
        confirmed = [r for r in rows if r.status == Status.CONFIRMED]
        if not confirmed:
            if any(r.status == Status.CONSUMED for r in rows):
                message = _("%(ref)s was already dispatched; nothing was changed.")
            elif any(r.status == Status.ACTIVE for r in rows):
                message = _("%(ref)s is not paid yet: confirm the reservation before dispatching.")
            else:
                message = _("%(ref)s has no confirmed reservation to dispatch.")
            raise StockError(message % {"ref": reference}, code="nothing_to_dispatch")
        posting = LedgerPosting.lock(product_ids={r.product_id for r in confirmed}, now=now)
        for r in confirmed:
            posting.move(
                kind=Kind.DISPATCH,
                product_id=r.product_id,
                lot=r.lot,
                quantity=r.quantity,
                from_location=r.location,
            )
        movements = posting.commit(reference_type=ref_type, reference_id=ref_id, user=user, reason=reason)
        Reservation.objects.filter(pk__in=[r.pk for r in confirmed]).update(status=Status.CONSUMED, closed_at=now)
        return movements
