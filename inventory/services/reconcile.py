"""Check the caches (StockBalance, Oscar's StockRecord counters) against the
ledger, and rebuild them from it when asked."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q, Sum
from oscar.core.loading import get_model

from .. import locks
from ..models import Location, Lot, StockBalance, StockMovement
from .stock_records import stock_records_ensure, stock_records_sync

StockRecord = get_model("partner", "StockRecord")
Kind = StockMovement.Kind
_RESERVATION_KINDS = [Kind.RESERVATION, Kind.RELEASE]


@dataclass(frozen=True)
class StockDifference:
    """One cached number that disagrees with the ledger."""

    what: str  # "balance" or "stock_record"
    product_id: int
    field: str  # on_hand, reserved, num_in_stock, num_allocated
    cached: int | None  # None: the cache row is missing
    ledger: int
    location_id: int | None = None
    lot_id: int | None = None
    partner_id: int | None = None
    stock_record_id: int | None = None

    def __str__(self) -> str:
        if self.what == "balance":
            where = f"balance product={self.product_id} location={self.location_id} lot={self.lot_id}"
        else:
            where = (
                f"stock record {self.stock_record_id or '(missing)'} "
                f"product={self.product_id} partner={self.partner_id}"
            )
        cached = "missing" if self.cached is None else self.cached
        return f"{where}: {self.field} cached {cached}, ledger {self.ledger}"


def ledger_balances(*, product_ids=None) -> dict[tuple[int, int, int], tuple[int, int]]:
    """(product, location, lot) -> (on_hand, reserved), summed by the
    database from the ledger: two GROUP BY queries, whatever its size."""
    qs = StockMovement.objects.order_by()
    if product_ids is not None:
        qs = qs.filter(product_id__in=list(product_ids))
    physical = ~Q(kind__in=_RESERVATION_KINDS)
    reservation = Q(kind__in=_RESERVATION_KINDS)
    totals: dict[tuple[int, int, int], list[int]] = defaultdict(lambda: [0, 0])
    inbound = (
        qs.filter(to_location__isnull=False)
        .values_list("product_id", "to_location_id", "lot_id")
        .annotate(
            phys_in=Sum("quantity", filter=physical, default=0),
            released=Sum("quantity", filter=reservation, default=0),
        )
    )
    for product_id, location_id, lot_id, phys_in, released in inbound:
        row = totals[(product_id, location_id, lot_id)]
        row[0] += phys_in
        row[1] -= released
    outbound = (
        qs.filter(from_location__isnull=False)
        .values_list("product_id", "from_location_id", "lot_id")
        .annotate(
            phys_out=Sum("quantity", filter=physical, default=0),
            reserved=Sum("quantity", filter=reservation, default=0),
            dispatched=Sum("quantity", filter=Q(kind=Kind.DISPATCH), default=0),
        )
    )
    for product_id, location_id, lot_id, phys_out, reserved, dispatched in outbound:
        row = totals[(product_id, location_id, lot_id)]
        row[0] -= phys_out
        row[1] += reserved - dispatched
    return {key: (v[0], v[1]) for key, v in totals.items()}


def _ledger_stock_record_totals(expected) -> dict[tuple[int, int], tuple[int, int]]:
    """(product, partner) -> (num_in_stock, num_allocated) from ledger balances."""
    quarantine = set(Location.objects.filter(role=Location.Role.QUARANTINE).values_list("pk", flat=True))
    lot_partner = dict(
        Lot.objects.filter(pk__in={lot for _p, _l, lot in expected}).values_list("pk", "owner__partner_id")
    )
    totals: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for (product_id, location_id, lot_id), (on_hand, reserved) in expected.items():
        row = totals[(product_id, lot_partner[lot_id])]
        if location_id not in quarantine:
            row[0] += on_hand
        row[1] += reserved
    return {key: (v[0], v[1]) for key, v in totals.items()}


def _differences() -> list[StockDifference]:
    diffs: list[StockDifference] = []
    expected = ledger_balances()
    cached = {
        (p, loc, lot): (on_hand, reserved)
        for p, loc, lot, on_hand, reserved in StockBalance.objects.order_by().values_list(
            "product_id", "location_id", "lot_id", "on_hand", "reserved"
        )
    }
    for key in sorted(set(expected) | set(cached)):
        want = expected.get(key, (0, 0))
        have = cached.get(key)
        if have is None and want == (0, 0):
            continue
        for i, name in enumerate(("on_hand", "reserved")):
            if have is None or have[i] != want[i]:
                diffs.append(
                    StockDifference(
                        what="balance",
                        product_id=key[0],
                        location_id=key[1],
                        lot_id=key[2],
                        field=name,
                        cached=None if have is None else have[i],
                        ledger=want[i],
                    )
                )

    want_records = _ledger_stock_record_totals(expected)
    tracked = Q(product__product_class__track_stock=True) | Q(product__parent__product_class__track_stock=True)
    seen: set[tuple[int, int]] = set()
    for pk, product_id, partner_id, in_stock, allocated in (
        StockRecord.objects.filter(tracked)
        .order_by("pk")
        .values_list("pk", "product_id", "partner_id", "num_in_stock", "num_allocated")
    ):
        if (product_id, partner_id) in seen:
            continue  # only the lowest-pk record of a (product, partner) is kept in step
        seen.add((product_id, partner_id))
        want = want_records.get((product_id, partner_id), (0, 0))
        checks = (("num_in_stock", in_stock or 0, want[0]), ("num_allocated", allocated or 0, want[1]))
        for name, have, should in checks:
            if have != should:
                diffs.append(
                    StockDifference(
                        what="stock_record",
                        product_id=product_id,
                        partner_id=partner_id,
                        stock_record_id=pk,
                        field=name,
                        cached=have,
                        ledger=should,
                    )
                )
    for (product_id, partner_id), want in sorted(want_records.items()):
        if (product_id, partner_id) not in seen and want != (0, 0):
            diffs.append(
                StockDifference(
                    what="stock_record",
                    product_id=product_id,
                    partner_id=partner_id,
                    field="num_in_stock",
                    cached=None,
                    ledger=want[0],
                )
            )
    return diffs


def _product_rebuild(*, product_id: int) -> None:
    """Rewrite one product's balances and stock records from the ledger,
    holding its stock record and balance locks (the usual order), so it
    cannot interleave with a live stock change."""
    with transaction.atomic():
        owners = set(
            StockMovement.objects.filter(product_id=product_id).order_by().values_list("owner_id", flat=True).distinct()
        )
        stock_records_ensure(product_ids=[product_id], extra_pairs={(product_id, o) for o in owners})
        locks.stock_records_lock(product_ids=[product_id])
        balances = {(b.product_id, b.location_id, b.lot_id): b for b in locks.balances_lock(product_ids=[product_id])}
        expected = ledger_balances(product_ids=[product_id])
        for key, balance in balances.items():
            on_hand, reserved = expected.get(key, (0, 0))
            if (balance.on_hand, balance.reserved) != (on_hand, reserved):
                StockBalance.objects.filter(pk=balance.pk).update(on_hand=on_hand, reserved=reserved)
        missing = [key for key in expected if key not in balances and expected[key] != (0, 0)]
        lot_owner = dict(Lot.objects.filter(pk__in={k[2] for k in missing}).values_list("pk", "owner_id"))
        StockBalance.objects.bulk_create(
            [
                StockBalance(
                    product_id=p,
                    location_id=loc,
                    lot_id=lot,
                    owner_id=lot_owner[lot],
                    on_hand=expected[(p, loc, lot)][0],
                    reserved=expected[(p, loc, lot)][1],
                )
                for p, loc, lot in missing
            ]
        )
        stock_records_sync(product_ids=[product_id])


def stock_reconcile(*, repair: bool = False) -> list[StockDifference]:
    """Compare every balance and every producer stock record with the ledger.

    Returns the differences found (empty: all good). The comparison reads
    one consistent snapshot (REPEATABLE READ, read-only, on PostgreSQL when
    not already inside a transaction), so live traffic does not show up as
    false differences. With ``repair=True`` each product with a difference
    is then rebuilt from the ledger under its usual locks; the returned list
    still describes what was wrong before the repair.
    """
    outer = connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and not outer:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        diffs = _differences()
    if repair:
        for product_id in sorted({d.product_id for d in diffs}):
            _product_rebuild(product_id=product_id)
    return diffs
