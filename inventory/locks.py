"""Row locks for stock changes, always taken in the same order.

The global lock order (every service follows it, top to bottom):

1. the source document: Receipt (conditional status update) or the
   Reservation rows of one reference, in primary-key order;
2. Oscar's StockRecord rows of every product involved, in primary-key order.
   These act as the per-product mutex: whoever holds a product's stock
   records is the only writer of that product's balances;
3. the StockBalance rows of those products, in primary-key order.

Because each level is locked in one query ordered by primary key, two
transactions that need the same rows (a basket with products A, B and
another with B, A) queue up behind each other instead of each holding one
row and waiting for the other: no deadlock.

``of=("self",)`` locks only the rows of the queried table, not the rows of
the lots and locations joined in with ``select_related``. On SQLite
``select_for_update`` does nothing; SQLite allows one writer at a time.
"""

from collections.abc import Iterable

from oscar.core.loading import get_model

from .models import Reservation, StockBalance

StockRecord = get_model("partner", "StockRecord")


def stock_records_lock(*, product_ids: Iterable[int]) -> list:
    """Lock every Oscar StockRecord of the given products (pk order)."""
    return list(
        StockRecord.objects.filter(product_id__any_of=sorted(set(product_ids)))
        .order_by("pk")
        .select_for_update(of=("self",))
    )


def balances_lock(*, product_ids: Iterable[int]) -> list[StockBalance]:
    """Lock every StockBalance row of the given products (pk order), with
    their lot and location loaded (not locked)."""
    return list(
        StockBalance.objects.filter(product_id__any_of=sorted(set(product_ids)))
        .select_related("lot", "location")
        .order_by("pk")
        .select_for_update(of=("self",))
    )


def reservations_lock(*, reference: str, statuses: Iterable[str] | None = None) -> list[Reservation]:
    """Lock the Reservation rows of one reference (pk order), optionally only
    those in the given statuses; lots and locations are loaded, not locked."""
    qs = Reservation.objects.filter(reference=reference).select_related("lot", "location")
    if statuses is not None:
        qs = qs.filter(status__in=list(statuses))
    return list(qs.order_by("pk").select_for_update(of=("self",)))
