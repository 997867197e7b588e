"""Stock movements inside the center and across its doors, other than
receipts and reservations: put-away, transfers, counter sales, customer
returns, returns to producers, adjustments, write-offs, count variances and
reversals.

Every function here runs in one ``transaction.atomic()`` and takes, in
order, the stock record locks and then the balance locks of the products it
touches (``inventory.locks``). Input is checked before the transaction
starts; any error leaves the database unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from ..exceptions import StockError
from ..models import Location, Lot, StockMovement
from .ledger import (
    LedgerPosting,
    lines_check,
    location_check,
    lot_check,
    product_check,
    quantity_check,
    reason_check,
    reference_split,
)

Kind = StockMovement.Kind


def _internal_move(
    *,
    kind: str,
    product,
    lot: Lot,
    quantity: int,
    from_location: Location,
    to_location: Location,
    user,
    reason: str,
) -> StockMovement:
    product_check(product)
    lot_check(lot, product=product)
    quantity_check(quantity)
    location_check(from_location, destination=False)
    location_check(to_location, destination=True)
    reason = reason_check(reason, required=False)
    if from_location.pk == to_location.pk:
        raise StockError(_("From and to are the same location."), code="same_location")
    with transaction.atomic():
        posting = LedgerPosting.lock(product_ids={product.pk})
        posting.move(
            kind=kind,
            product_id=product.pk,
            lot=lot,
            quantity=quantity,
            from_location=from_location,
            to_location=to_location,
        )
        return posting.commit(user=user, reason=reason)[0]


def stock_put_away(
    *, product, lot: Lot, quantity: int, from_location: Location, to_location: Location, user=None, reason: str = ""
) -> StockMovement:
    """Shelve received goods: move available units from the receiving bin to
    a storage bin (a bin: never onto a zone or the center itself).
    Locks: the product's stock records, then its balances."""
    shelf_check(to_location)
    return _internal_move(
        kind=Kind.PUT_AWAY,
        product=product,
        lot=lot,
        quantity=quantity,
        from_location=from_location,
        to_location=to_location,
        user=user,
        reason=reason,
    )


def stock_transfer(
    *, product, lot: Lot, quantity: int, from_location: Location, to_location: Location, user=None, reason: str = ""
) -> StockMovement:
    """Move available (unreserved) units between two bins or zones.
    Locks: the product's stock records, then its balances."""
    return _internal_move(
        kind=Kind.TRANSFER,
        product=product,
        lot=lot,
        quantity=quantity,
        from_location=from_location,
        to_location=to_location,
        user=user,
        reason=reason,
    )


def shelf_check(location) -> None:
    """Goods are put away into a bin. Units booked on a zone are on no shelf
    anyone can find, so a zone (or center) code is refused as an unknown bin."""
    if isinstance(location, Location) and location.kind != Location.Kind.BIN:
        raise StockError(
            _("Unknown bin %(code)s: goods are put away into a bin, and %(code)s is a %(kind)s.")
            % {"code": location.code, "kind": location.get_kind_display().lower()},
            code="unknown_bin",
        )


def _outbound(
    *,
    kind: str,
    product,
    lot: Lot,
    quantity: int,
    from_location: Location,
    user,
    reason: str,
    reason_required: bool,
    reference: str = "",
) -> StockMovement:
    product_check(product)
    lot_check(lot, product=product)
    quantity_check(quantity)
    location_check(from_location, destination=False)
    reason = reason_check(reason, required=reason_required)
    ref_type, ref_id = reference_split(reference) if reference else ("", "")
    with transaction.atomic():
        posting = LedgerPosting.lock(product_ids={product.pk})
        posting.move(kind=kind, product_id=product.pk, lot=lot, quantity=quantity, from_location=from_location)
        return posting.commit(reference_type=ref_type, reference_id=ref_id, user=user, reason=reason)[0]


def stock_write_off(
    *, product, lot: Lot, quantity: int, from_location: Location, user=None, reason: str, reference: str = ""
) -> StockMovement:
    """Remove damaged, expired or lost units for good (reason required).
    Only available units can be written off; release a reservation first.
    Locks: the product's stock records, then its balances."""
    return _outbound(
        kind=Kind.WRITE_OFF,
        product=product,
        lot=lot,
        quantity=quantity,
        from_location=from_location,
        user=user,
        reason=reason,
        reason_required=True,
        reference=reference,
    )


def return_to_producer_post(
    *, product, lot: Lot, quantity: int, from_location: Location, user=None, reason: str = "", reference: str = ""
) -> StockMovement:
    """Hand consigned units back to their producer (unsold, recalled...).
    Locks: the product's stock records, then its balances."""
    return _outbound(
        kind=Kind.RETURN_TO_PRODUCER,
        product=product,
        lot=lot,
        quantity=quantity,
        from_location=from_location,
        user=user,
        reason=reason,
        reason_required=False,
        reference=reference,
    )


def stock_adjust(
    *, product, lot: Lot, location: Location, quantity_change: int, user=None, reason: str, reference: str = ""
) -> StockMovement:
    """Correct on hand by a signed number of units (found: +, missing: -),
    with a reason. Locks: the product's stock records, then its balances."""
    product_check(product)
    lot_check(lot, product=product)
    if isinstance(quantity_change, bool) or not isinstance(quantity_change, int) or quantity_change == 0:
        raise StockError(_("An adjustment changes stock by a whole, non-zero number of units."), code="bad_quantity")
    location_check(location, destination=quantity_change > 0)
    reason = reason_check(reason, required=True)
    ref_type, ref_id = reference_split(reference) if reference else ("", "")
    with transaction.atomic():
        posting = LedgerPosting.lock(product_ids={product.pk})
        posting.move(
            kind=Kind.ADJUSTMENT,
            product_id=product.pk,
            lot=lot,
            quantity=abs(quantity_change),
            from_location=location if quantity_change < 0 else None,
            to_location=location if quantity_change > 0 else None,
        )
        return posting.commit(reference_type=ref_type, reference_id=ref_id, user=user, reason=reason)[0]


def count_variance_post(
    *,
    product,
    lot: Lot,
    location: Location,
    counted: int,
    expected_on_hand: int | None = None,
    user=None,
    reference: str = "",
    reason: str = "",
) -> StockMovement | None:
    """Record a physical count of one (product, bin, lot): the difference
    between ``counted`` and on hand is posted as a count_variance movement.

    The count is absolute, so posting the same count twice changes nothing
    the second time (the variance is then zero and None is returned). Pass
    ``expected_on_hand`` (what the count sheet showed, or what a blind count
    was compared with) to refuse the count if stock moved since the sheet
    was printed. Units that are reserved cannot be counted away: release the
    reservation first. Locks: the product's stock records, then its balances.
    """
    product_check(product)
    lot_check(lot, product=product)
    quantity_check(counted, allow_zero=True)
    if expected_on_hand is not None:
        quantity_check(expected_on_hand, allow_zero=True)
    location_check(location, destination=False)
    reason = reason_check(reason, required=False)
    ref_type, ref_id = reference_split(reference) if reference else ("", "")
    with transaction.atomic():
        posting = LedgerPosting.lock(product_ids={product.pk})
        on_hand = posting.on_hand(product_id=product.pk, location_id=location.pk, lot_id=lot.pk)
        if expected_on_hand is not None and expected_on_hand != on_hand:
            raise StockError(
                _(
                    "Stock of %(product)s in %(bin)s changed since the count sheet was made "
                    "(%(then)d then, %(now)d now): count again."
                )
                % {"product": product.get_title(), "bin": location.code, "then": expected_on_hand, "now": on_hand},
                code="count_stale",
            )
        row = posting.row(product_id=product.pk, location_id=location.pk, lot_id=lot.pk)
        reserved = row.reserved if row else 0
        if counted < reserved:
            raise StockError(
                _(
                    "%(n)d unit(s) of %(product)s in %(bin)s are reserved for orders; "
                    "release or dispatch them before counting %(c)d."
                )
                % {"n": reserved, "product": product.get_title(), "bin": location.code, "c": counted},
                code="count_below_reserved",
            )
        variance = counted - on_hand
        if variance == 0:
            return None
        if variance > 0:
            location_check(location, destination=True)
        posting.move(
            kind=Kind.COUNT_VARIANCE,
            product_id=product.pk,
            lot=lot,
            quantity=abs(variance),
            from_location=location if variance < 0 else None,
            to_location=location if variance > 0 else None,
        )
        return posting.commit(reference_type=ref_type, reference_id=ref_id, user=user, reason=reason)[0]


def counter_sale_post(*, reference: str, lines: Iterable[tuple[int, int]], user=None) -> list[StockMovement]:
    """Sell to a walk-in customer from the same pool as the web shop: takes
    available units (on hand - reserved) first-expiry-first-out from sellable
    locations. All lines or none: raises InsufficientStock naming every short
    line. A reference can be posted once (a double-submitted sale form is
    refused). Locks: the stock records, then the balances, of all products
    of the sale at once.
    """
    ref_type, ref_id = reference_split(reference)
    wanted = lines_check(lines)
    with transaction.atomic():
        posting = LedgerPosting.lock(product_ids=set(wanted))
        # Checked under the product locks: a second submission of the same
        # sale waits for the first, then sees its movements here.
        if StockMovement.objects.filter(kind=Kind.COUNTER_SALE, reference_type=ref_type, reference_id=ref_id).exists():
            raise StockError(
                _("Counter sale %(ref)s was already posted; nothing was changed.") % {"ref": reference},
                code="already_posted",
            )
        picks = posting.allocate(wanted=wanted)
        for product_id in sorted(picks):
            for row, take in picks[product_id]:
                posting.move(
                    kind=Kind.COUNTER_SALE,
                    product_id=product_id,
                    lot=row.balance.lot,
                    quantity=take,
                    from_location=row.balance.location,
                )
        return posting.commit(reference_type=ref_type, reference_id=ref_id, user=user)


def customer_return_post(
    *, product, lot: Lot, quantity: int, to_location: Location, reference: str, user=None, reason: str = ""
) -> StockMovement:
    """Take back units a customer returns, into ``to_location`` (a storage
    bin if they can be sold again, the quarantine bin if not; write them off
    from there with ``stock_write_off``). ``reference`` is the sale: at most
    what was dispatched or sold under it, minus earlier returns, can come
    back. Locks: the product's stock records, then its balances.
    """
    product_check(product)
    lot_check(lot, product=product)
    quantity_check(quantity)
    location_check(to_location, destination=True)
    reason = reason_check(reason, required=False)
    ref_type, ref_id = reference_split(reference)
    with transaction.atomic():
        posting = LedgerPosting.lock(product_ids={product.pk})
        totals = StockMovement.objects.filter(product=product, reference_type=ref_type, reference_id=ref_id).aggregate(
            sold=Sum("quantity", filter=Q(kind__in=[Kind.DISPATCH, Kind.COUNTER_SALE], reverses__isnull=True)),
            sale_reversed=Sum("quantity", filter=Q(kind=Kind.COUNTER_SALE, reverses__isnull=False)),
            returned=Sum("quantity", filter=Q(kind=Kind.CUSTOMER_RETURN, reverses__isnull=True)),
            return_reversed=Sum("quantity", filter=Q(kind=Kind.CUSTOMER_RETURN, reverses__isnull=False)),
        )
        returnable = (
            (totals["sold"] or 0)
            - (totals["sale_reversed"] or 0)
            - (totals["returned"] or 0)
            + (totals["return_reversed"] or 0)
        )
        if quantity > returnable:
            raise StockError(
                _("Only %(n)d unit(s) of %(product)s sold under %(ref)s can still be returned.")
                % {"n": max(returnable, 0), "product": product.get_title(), "ref": reference},
                code="return_exceeds_sale",
            )
        posting.move(
            kind=Kind.CUSTOMER_RETURN, product_id=product.pk, lot=lot, quantity=quantity, to_location=to_location
        )
        return posting.commit(reference_type=ref_type, reference_id=ref_id, user=user, reason=reason)[0]


#: Kinds tied to reservations: corrected with the reservation services, not
#: by reversing the movement (the Reservation rows must follow).
_NOT_REVERSIBLE = {Kind.RESERVATION, Kind.RELEASE, Kind.DISPATCH}


def movement_reverse(*, movement: StockMovement, user=None, reason: str) -> StockMovement:
    """Correct a mistaken movement by posting its mirror image (same kind,
    quantity, product and lot; from and to swapped; ``reverses`` set).

    A movement can be reversed once; a reversal is not reversed again (post
    the movement anew instead). Reservations, releases and dispatches are
    corrected with the reservation services or a customer return. The
    reversal needs available stock like any movement: a receipt whose units
    were already sold cannot be reversed. Locks: the product's stock
    records, then its balances.
    """
    if not isinstance(movement, StockMovement) or movement.pk is None:
        raise StockError(_("Unknown movement."), code="unknown_movement")
    reason = reason_check(reason, required=True)
    movement = StockMovement.objects.select_related("lot", "from_location", "to_location").get(pk=movement.pk)
    if movement.kind in _NOT_REVERSIBLE:
        raise StockError(
            _("A %(kind)s is corrected through its reservation, not reversed.") % {"kind": movement.get_kind_display()},
            code="not_reversible",
        )
    if movement.reverses_id is not None:
        raise StockError(_("A reversal cannot be reversed; post the movement again."), code="not_reversible")
    if movement.from_location is not None:
        location_check(movement.from_location, destination=True)
    try:
        with transaction.atomic():
            posting = LedgerPosting.lock(product_ids={movement.product_id})
            # Checked under the product lock, so two clerks reversing the
            # same movement at once reverse it once (the unique constraint on
            # `reverses` backs this up).
            if StockMovement.objects.filter(reverses=movement).exists():
                raise StockError(_("This movement was already reversed."), code="already_reversed")
            posting.move(
                kind=movement.kind,
                product_id=movement.product_id,
                lot=movement.lot,
                quantity=movement.quantity,
                from_location=movement.to_location,
                to_location=movement.from_location,
                reverses=movement,
            )
            return posting.commit(
                reference_type=movement.reference_type,
                reference_id=movement.reference_id,
                user=user,
                reason=reason,
            )[0]
    except IntegrityError:
        if StockMovement.objects.filter(reverses=movement).exists():
            raise StockError(_("This movement was already reversed."), code="already_reversed") from None
        raise


@dataclass(frozen=True)
class MoveLine:
    """One line of a bulk put-away or transfer."""

    product: object  # catalogue.Product
    lot: Lot
    quantity: int
    from_location: Location
    to_location: Location


def stock_transfer_bulk(
    *, lines: Sequence[MoveLine], user=None, reason: str = "", kind: str = Kind.TRANSFER
) -> list[StockMovement]:
    """Put away or transfer many lines in one transaction (shelving a whole
    delivery, re-slotting a zone): still one ledger row per line, balances
    and Oscar stock records kept equal to the ledger, all lines or none.

    Locks: the stock records of all the products at once, then their
    balances (``inventory.locks`` order), so it cannot deadlock with the
    per-item services. Every line is checked first; a line that asks for
    more than is available raises InsufficientStock and nothing is written.
    """
    if kind not in (Kind.TRANSFER, Kind.PUT_AWAY):
        raise StockError(_("A bulk move is a transfer or a put-away."), code="bad_kind")
    if not lines:
        raise StockError(_("Nothing to do: no lines."), code="no_lines")
    reason = reason_check(reason, required=False)
    checked_sources: set[int] = set()
    checked_destinations: set[int] = set()
    for line in lines:
        product_check(line.product)
        lot_check(line.lot, product=line.product)
        quantity_check(line.quantity)
        # Each location is checked once per call (the destination check walks
        # up the tree to see that nothing above is switched off).
        if line.from_location.pk not in checked_sources:
            location_check(line.from_location, destination=False)
            checked_sources.add(line.from_location.pk)
        if line.to_location.pk not in checked_destinations:
            location_check(line.to_location, destination=True)
            if kind == Kind.PUT_AWAY:
                shelf_check(line.to_location)
            checked_destinations.add(line.to_location.pk)
    with transaction.atomic():
        posting = LedgerPosting.lock(product_ids={line.product.pk for line in lines})
        for line in lines:
            posting.move(
                kind=kind,
                product_id=line.product.pk,
                lot=line.lot,
                quantity=line.quantity,
                from_location=line.from_location,
                to_location=line.to_location,
            )
        return posting.commit(user=user, reason=reason)
