"""The ledger posting: how every inventory service writes stock.

A ``LedgerPosting`` is one posting inside a service's ``transaction.atomic()``:

1. ``LedgerPosting.lock()`` makes sure the producer's Oscar stock record
   exists, then locks the stock records and the balances of the products
   involved (see ``inventory.locks`` for the order);
2. ``move()`` checks one change against the locked, in-memory balances and
   queues exactly one ledger row (``StockMovement``) for it;
3. ``commit()`` writes the counter changes with conditional updates
   (``balances_apply``), bulk-inserts the ledger rows and sets Oscar's
   ``num_in_stock`` / ``num_allocated`` from the balances
   (``inventory.services.stock_records``), all in the caller's transaction.

If anything raises before the caller's atomic block ends, nothing is written.
The input checks every service runs before posting (quantities, reasons,
references, locations, lots, lines) are here too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from .. import locks
from ..exceptions import InsufficientStock, InsufficientStockLine, StockError
from ..models import Location, Lot, StockBalance, StockMovement
from .stock_records import stock_records_ensure, stock_records_sync

Product = get_model("catalogue", "Product")

Kind = StockMovement.Kind
_Key = tuple[int, int, int]  # (product_id, location_id, lot_id)


# --- Input checks (no database writes) ---------------------------------------


def quantity_check(quantity, *, allow_zero: bool = False) -> int:
    """A whole, positive number of units (or >= 0 with allow_zero)."""
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise StockError(_("Quantity must be a whole number, got %(q)r.") % {"q": quantity}, code="bad_quantity")
    if quantity < 0 or (quantity == 0 and not allow_zero):
        raise StockError(
            _("Quantity must be more than zero, got %(q)d.") % {"q": quantity}
            if not allow_zero
            else _("Quantity cannot be negative, got %(q)d.") % {"q": quantity},
            code="bad_quantity",
        )
    return quantity


def reason_check(reason: str, *, required: bool) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise StockError(_("A reason is required."), code="reason_required")
    if len(reason) > 255:
        raise StockError(_("The reason is too long (255 characters at most)."), code="reason_too_long")
    return reason


def reference_split(reference: str) -> tuple[str, str]:
    """'order:100042' -> ('order', '100042'). Every movement names its source."""
    if not isinstance(reference, str) or ":" not in reference:
        raise StockError(
            _("A reference looks like 'type:id' (e.g. 'order:100042'), got %(r)r.") % {"r": reference},
            code="bad_reference",
        )
    ref_type, ref_id = reference.split(":", 1)
    ref_type, ref_id = ref_type.strip(), ref_id.strip()
    if not ref_type or not ref_id or len(ref_type) > 32 or len(ref_id) > 64:
        raise StockError(_("Invalid reference %(r)r.") % {"r": reference}, code="bad_reference")
    return ref_type, ref_id


def location_check(location: Location | None, *, destination: bool) -> Location:
    """A zone or bin. Stock may only be put into an active location of an
    active center; it may be taken out of an inactive one (emptying a bin
    before it is retired)."""
    if not isinstance(location, Location) or location.pk is None:
        raise StockError(_("Unknown location."), code="unknown_location")
    if location.kind not in (Location.Kind.ZONE, Location.Kind.BIN):
        raise StockError(
            _("%(code)s is a %(kind)s: stock is kept in zones and bins.")
            % {"code": location.code, "kind": location.get_kind_display()},
            code="bad_location",
        )
    if destination:
        # Re-read the chain: a bin or center may have been deactivated since
        # the caller loaded this instance.
        node = Location.objects.filter(pk=location.pk).first()
        while node is not None:
            if not node.is_active:
                raise StockError(
                    _("Location %(code)s is inactive (%(node)s is switched off).")
                    % {"code": location.code, "node": node.code},
                    code="inactive_location",
                )
            if node.parent_id is None:
                if node.kind != Location.Kind.CENTER:
                    raise StockError(
                        _("%(code)s does not belong to a center.") % {"code": location.code}, code="bad_location"
                    )
                break
            node = Location.objects.filter(pk=node.parent_id).first()
    return location


def lot_check(lot: Lot | None, *, product) -> Lot:
    if not isinstance(lot, Lot) or lot.pk is None:
        raise StockError(_("Unknown lot."), code="unknown_lot")
    if lot.product_id != product.pk:
        raise StockError(
            _("Lot %(lot)s is not a lot of %(product)s.") % {"lot": lot.code, "product": product.get_title()},
            code="lot_product_mismatch",
        )
    return lot


def product_check(product) -> object:
    if not isinstance(product, Product) or product.pk is None:
        raise StockError(_("Unknown product."), code="unknown_product")
    return product


def lines_check(lines: Iterable[tuple[int, int]]) -> dict[int, int]:
    """[(product_id, qty), ...] -> {product_id: total qty}; products must exist."""
    merged: dict[int, int] = defaultdict(int)
    for line in lines or []:
        try:
            product_id, quantity = line
        except (TypeError, ValueError):
            raise StockError(_("Each line is (product id, quantity)."), code="bad_line") from None
        if isinstance(product_id, Product):
            product_id = product_id.pk
        if isinstance(product_id, bool) or not isinstance(product_id, int):
            raise StockError(_("Unknown product %(p)r.") % {"p": product_id}, code="unknown_product")
        merged[product_id] += quantity_check(quantity)
    if not merged:
        raise StockError(_("Nothing to do: no lines."), code="no_lines")
    known = set(Product.objects.filter(pk__in=merged).values_list("pk", flat=True))
    unknown = sorted(set(merged) - known)
    if unknown:
        raise StockError(
            _("Unknown product(s): %(ids)s.") % {"ids": ", ".join(map(str, unknown))}, code="unknown_product"
        )
    return dict(merged)


def fefo_key(balance: StockBalance) -> tuple:
    """First expiry first out; undated lots after dated ones, oldest first."""
    lot = balance.lot
    return (lot.best_before is None, lot.best_before or date.max, lot.received_at, lot.pk, balance.location.code)


# --- The posting ------------------------------------------------------------------


@dataclass
class _Row:
    balance: StockBalance
    on_hand: int
    reserved: int

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved


class LedgerPosting:
    """Locked balances of some products plus the ledger rows to write."""

    def __init__(self, *, product_ids: set[int], balances: list[StockBalance], now) -> None:
        self.product_ids = product_ids
        self.now = now
        self._rows: dict[_Key, _Row] = {
            (b.product_id, b.location_id, b.lot_id): _Row(b, b.on_hand, b.reserved) for b in balances
        }
        # (movement, reason given by move()?) until commit() fills in the rest
        self._movements: list[tuple[StockMovement, bool]] = []
        self._touched: set[_Key] = set()

    @classmethod
    def lock(
        cls,
        *,
        product_ids: Iterable[int],
        owner_pairs: Iterable[tuple[int, int]] = (),
        now=None,
    ) -> LedgerPosting:
        """Ensure stock records, then lock stock records and balances of the
        products (in that order, each in pk order). Call inside atomic()."""
        product_ids = set(product_ids)
        stock_records_ensure(product_ids=product_ids, extra_pairs=owner_pairs)
        locks.stock_records_lock(product_ids=product_ids)
        balances = locks.balances_lock(product_ids=product_ids)
        return cls(product_ids=product_ids, balances=balances, now=now or timezone.now())

    # Reads of the locked state ------------------------------------------------

    def row(self, *, product_id: int, location_id: int, lot_id: int) -> _Row | None:
        return self._rows.get((product_id, location_id, lot_id))

    def on_hand(self, *, product_id: int, location_id: int, lot_id: int) -> int:
        row = self.row(product_id=product_id, location_id=location_id, lot_id=lot_id)
        return row.on_hand if row else 0

    def sellable_rows(self, *, product_id: int) -> list[_Row]:
        """Rows with units free to sell, first-expiry-first-out."""
        rows = [
            r
            for (p, _l, _t), r in self._rows.items()
            if p == product_id and r.available > 0 and r.balance.location.is_sellable
        ]
        return sorted(rows, key=lambda r: fefo_key(r.balance))

    def available_to_sell(self, *, product_id: int) -> int:
        return sum(r.available for r in self.sellable_rows(product_id=product_id))

    def allocate(self, *, wanted: dict[int, int]) -> dict[int, list[tuple[_Row, int]]]:
        """Pick sellable rows FEFO for {product_id: qty}. All lines or none:
        raises InsufficientStock naming every short line."""
        picks: dict[int, list[tuple[_Row, int]]] = {}
        short: list[InsufficientStockLine] = []
        for product_id in sorted(wanted):
            need = wanted[product_id]
            rows = self.sellable_rows(product_id=product_id)
            available = sum(r.available for r in rows)
            if available < need:
                short.append(InsufficientStockLine(product_id=product_id, requested=need, available=available))
                continue
            picks[product_id] = []
            for r in rows:
                if need == 0:
                    break
                take = min(need, r.available)
                picks[product_id].append((r, take))
                need -= take
        if short:
            raise insufficient(short)
        return picks

    # Changes -----------------------------------------------------------------

    def _balances_insert_missing(self) -> None:
        """Insert the balance rows move() needed that did not exist (empty,
        one INSERT … ON CONFLICT DO NOTHING), then lock them in pk order.
        A concurrent insert of the same row (only possible for a writer that
        bypassed the stock-record locks) is simply found and locked; the
        counters are then changed by deltas, so its values are kept."""
        new = {key: row for key, row in self._rows.items() if row.balance.pk is None}
        if not new:
            return
        StockBalance.objects.bulk_create([row.balance for row in new.values()], ignore_conflicts=True)
        found = (
            StockBalance.objects.filter(
                product_id__any_of=sorted({k[0] for k in new}),
                location_id__any_of=sorted({k[1] for k in new}),
                lot_id__any_of=sorted({k[2] for k in new}),
            )
            .order_by("pk")
            .select_for_update(of=("self",))
        )
        for balance in found:
            key = (balance.product_id, balance.location_id, balance.lot_id)
            row = new.get(key)
            if row is not None:
                balance.location, balance.lot = row.balance.location, row.balance.lot
                # The row's in-memory counters started from 0: carry the
                # moves over onto whatever the stored row holds.
                row.on_hand += balance.on_hand
                row.reserved += balance.reserved
                row.balance = balance
        missing = [key for key, row in new.items() if row.balance.pk is None]
        if missing:
            raise RuntimeError(f"stock balances {missing} could not be created")

    def _row_for_update(self, *, product_id: int, location: Location, lot: Lot) -> _Row:
        key = (product_id, location.pk, lot.pk)
        row = self._rows.get(key)
        if row is None:
            # A balance row that does not exist yet: kept in memory and
            # inserted by commit() together with the others (one INSERT for
            # a whole delivery instead of one savepoint per line).
            balance = StockBalance(
                product_id=product_id, location=location, lot=lot, owner_id=lot.owner_id, on_hand=0, reserved=0
            )
            row = _Row(balance, 0, 0)
            self._rows[key] = row
        return row

    def move(
        self,
        *,
        kind: str,
        product_id: int,
        lot: Lot,
        quantity: int,
        from_location: Location | None = None,
        to_location: Location | None = None,
        reason: str | None = None,
        reverses: StockMovement | None = None,
    ) -> StockMovement:
        """Check one change against the locked balances and queue its ledger row."""
        if product_id not in self.product_ids:
            raise RuntimeError(f"product {product_id} was not locked by this LedgerPosting")
        if from_location is None and to_location is None:
            raise StockError(_("A movement needs a location."), code="bad_location")
        if from_location is not None and to_location is not None and from_location.pk == to_location.pk:
            raise StockError(_("From and to are the same location."), code="same_location")
        if from_location is not None:
            row = self._rows.get((product_id, from_location.pk, lot.pk))
            on_hand, reserved = (row.on_hand, row.reserved) if row else (0, 0)
            if kind in StockMovement.RESERVATION_KINDS:
                ok, have = on_hand - reserved >= quantity, on_hand - reserved
                d_on, d_res = 0, quantity
            elif kind == Kind.DISPATCH:
                ok, have = reserved >= quantity, reserved
                d_on, d_res = -quantity, -quantity
            else:
                ok, have = on_hand - reserved >= quantity, on_hand - reserved
                d_on, d_res = -quantity, 0
            if not ok:
                raise insufficient(
                    [
                        InsufficientStockLine(
                            product_id=product_id, requested=quantity, available=have, location_id=from_location.pk
                        )
                    ]
                )
            row.on_hand += d_on
            row.reserved += d_res
            self._touched.add((product_id, from_location.pk, lot.pk))
        if to_location is not None:
            if kind == Kind.DISPATCH:
                raise StockError(_("A dispatch leaves the center; it has no destination."), code="bad_location")
            row = self._row_for_update(product_id=product_id, location=to_location, lot=lot)
            if kind in StockMovement.RESERVATION_KINDS:
                if row.reserved < quantity:
                    raise StockError(
                        _("Only %(r)d units are reserved there, cannot release %(q)d.")
                        % {"r": row.reserved, "q": quantity},
                        code="release_exceeds_reserved",
                    )
                row.reserved -= quantity
            else:
                row.on_hand += quantity
            self._touched.add((product_id, to_location.pk, lot.pk))
        movement = StockMovement(
            kind=kind,
            quantity=quantity,
            product_id=product_id,
            owner_id=lot.owner_id,
            lot=lot,
            from_location=from_location,
            to_location=to_location,
            created_at=self.now,
            reason=reason or "",
            reverses=reverses,
        )
        self._movements.append((movement, reason is not None))
        return movement

    def commit(
        self, *, reference_type: str = "", reference_id: str = "", user=None, reason: str = ""
    ) -> list[StockMovement]:
        """Write counters, ledger rows and Oscar stock records."""
        self._balances_insert_missing()
        changes: list[tuple[int, int, int]] = []
        for key in sorted(self._touched, key=lambda k: self._rows[k].balance.pk):
            row = self._rows[key]
            d_on = row.on_hand - row.balance.on_hand
            d_res = row.reserved - row.balance.reserved
            if d_on or d_res:
                changes.append((row.balance.pk, d_on, d_res))
        refused = balances_apply(changes=changes)
        if refused:
            pk, d_on, d_res = refused[0]
            key = next(k for k, r in self._rows.items() if r.balance.pk == pk)
            raise insufficient(
                [
                    InsufficientStockLine(
                        product_id=key[0], requested=max(abs(d_on), abs(d_res)), available=0, location_id=key[1]
                    )
                ]
            )
        for key in self._touched:
            row = self._rows[key]
            row.balance.on_hand, row.balance.reserved = row.on_hand, row.reserved
        self._touched.clear()
        pending = []
        for movement, has_own_reason in self._movements:
            movement.reference_type = reference_type
            movement.reference_id = reference_id
            movement.user = user
            if not has_own_reason:
                movement.reason = reason
            pending.append(movement)
        # Batches of 250: psycopg builds one statement per batch, and its
        # parameter parsing grows faster than linearly with the statement.
        written = StockMovement.objects.bulk_create(pending, batch_size=250)
        self._movements = []
        stock_records_sync(product_ids={m.product_id for m in written} or self.product_ids)
        return written


def balances_apply(*, changes: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Apply counter changes [(balance pk, Δ on hand, Δ reserved)] with one
    conditional UPDATE per 500 rows; returns the changes that were refused.

    The condition is the one the CHECK constraints enforce: even if a writer
    bypassed our locks (or the database has no row locks, like SQLite), a
    counter is never pushed below zero or reserved above on hand.
    """
    if not changes:
        return []
    table = connection.ops.quote_name(StockBalance._meta.db_table)
    cast = ("::bigint", "::integer", "::integer") if connection.vendor == "postgresql" else ("", "", "")
    done: set[int] = set()
    with connection.cursor() as cursor:
        for start in range(0, len(changes), 500):
            chunk = changes[start : start + 500]
            values = ", ".join([f"(%s{cast[0]}, %s{cast[1]}, %s{cast[2]})"] * len(chunk))
            cursor.execute(
                f"WITH v(bid, d_on, d_res) AS (VALUES {values}) "
                f"UPDATE {table} AS b SET on_hand = b.on_hand + v.d_on, reserved = b.reserved + v.d_res "
                "FROM v WHERE b.id = v.bid AND b.on_hand >= b.reserved + (v.d_res - v.d_on) AND b.reserved >= -v.d_res "
                "RETURNING id",
                [value for change in chunk for value in change],
            )
            done.update(pk for (pk,) in cursor.fetchall())
    return [change for change in changes if change[0] not in done]


def insufficient(lines: list[InsufficientStockLine]) -> InsufficientStock:
    """Build InsufficientStock with the products loaded for the message."""
    products = Product.objects.in_bulk([line.product_id for line in lines])
    return InsufficientStock(
        [
            InsufficientStockLine(
                product_id=line.product_id,
                requested=line.requested,
                available=line.available,
                product=products.get(line.product_id),
                location_id=line.location_id,
            )
            for line in lines
        ]
    )
