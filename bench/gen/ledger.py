"""A long stock ledger (about a million rows) in bulk, without breaking it.

Posting a million movements one service call at a time would take an hour,
so history is written straight into the ledger with PostgreSQL's COPY
(bulk_create elsewhere). What keeps that honest is the shape of the
history: every cycle (receipt into the receiving bin, put-away onto the
product's shelf, then a counter sale, or a reservation and dispatch for a
web order) nets to zero on every (product, location, lot) it touches, and
it only uses balances that exist already. So the ledger still sums to the
balances and Oscar's stock records; ``manage.py reconcile_stock`` verifies
it after generation.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection, transaction

from inventory.models import Location, StockBalance, StockMovement
from inventory.selectors import center_get_default, location_receiving_bin

from .plan import StockCycle, stock_cycle_plan

BANGKOK = ZoneInfo("Asia/Bangkok")
HISTORY_REASON = "bench history"
COLUMNS = (
    "kind",
    "quantity",
    "product_id",
    "owner_id",
    "lot_id",
    "from_location_id",
    "to_location_id",
    "reference_type",
    "reference_id",
    "created_at",
    "reason",
)
Kind = StockMovement.Kind


def _stocked_shelves(*, product_ids: Sequence[int]) -> list[tuple[int, int, int, int]]:
    """(product, owner, lot, shelf bin) of every shelved lot, in a stable order."""
    return list(
        StockBalance.objects.filter(
            product_id__in=product_ids, location__role=Location.Role.STORAGE, location__kind=Location.Kind.BIN
        )
        .order_by("product_id", "lot_id", "location_id")
        .values_list("product_id", "owner_id", "lot_id", "location_id")
    )


def cycle_rows(
    *,
    cycle: StockCycle,
    number: int,
    shelf: tuple[int, int, int, int],
    receiving_id: int,
    order_numbers: Sequence[str],
    order_times: Sequence[datetime],
) -> list[tuple]:
    """The 3 or 4 ledger rows of one cycle (see the module docstring)."""
    product_id, owner_id, lot_id, shelf_id = shelf
    q = cycle.quantity
    received = cycle.received_at.replace(tzinfo=BANGKOK)
    sold = cycle.sold_at.replace(tzinfo=BANGKOK)
    rows = [
        (
            Kind.RECEIPT,
            q,
            product_id,
            owner_id,
            lot_id,
            None,
            receiving_id,
            "receipt",
            f"H{number}",
            received,
            HISTORY_REASON,
        ),
        (
            Kind.PUT_AWAY,
            q,
            product_id,
            owner_id,
            lot_id,
            receiving_id,
            shelf_id,
            "receipt",
            f"H{number}",
            received + timedelta(minutes=30),
            HISTORY_REASON,
        ),
    ]
    if cycle.web_order and order_numbers:
        # The order placed closest before the sale, so references look real.
        i = max(bisect.bisect_right(order_times, cycle.sold_at) - 1, 0)
        ref = order_numbers[i]
        rows.append(
            (Kind.RESERVATION, q, product_id, owner_id, lot_id, shelf_id, None, "order", ref, sold, HISTORY_REASON)
        )
        rows.append(
            (
                Kind.DISPATCH,
                q,
                product_id,
                owner_id,
                lot_id,
                shelf_id,
                None,
                "order",
                ref,
                sold + timedelta(hours=20),
                HISTORY_REASON,
            )
        )
    elif cycle.web_order:
        rows.append(
            (
                Kind.RESERVATION,
                q,
                product_id,
                owner_id,
                lot_id,
                shelf_id,
                None,
                "order",
                f"H{number}",
                sold,
                HISTORY_REASON,
            )
        )
        rows.append(
            (
                Kind.DISPATCH,
                q,
                product_id,
                owner_id,
                lot_id,
                shelf_id,
                None,
                "order",
                f"H{number}",
                sold + timedelta(hours=20),
                HISTORY_REASON,
            )
        )
    else:
        rows.append(
            (
                Kind.COUNTER_SALE,
                q,
                product_id,
                owner_id,
                lot_id,
                shelf_id,
                None,
                "counter_sale",
                f"CS-H{number}",
                sold,
                HISTORY_REASON,
            )
        )
    return rows


def ledger_seed(
    *,
    movements: int,
    product_ids: Sequence[int],
    seed: int,
    last_fiscal_year_be: int,
    order_numbers: Sequence[str] = (),
    order_times: Sequence[datetime] = (),
    progress: Callable[[str], None] | None = None,
) -> int:
    """Write about `movements` historical ledger rows. Skipped (returns 0)
    when history is already there."""
    if StockMovement.objects.filter(reason=HISTORY_REASON).exists():
        return 0
    shelves = _stocked_shelves(product_ids=product_ids)
    cycles = stock_cycle_plan(
        movements=movements, stocked_products=len(shelves), seed=seed, last_fiscal_year_be=last_fiscal_year_be
    )
    if not cycles:
        return 0
    receiving_id = location_receiving_bin(center=center_get_default()).pk
    written = 0
    batch: list[tuple] = []
    with transaction.atomic():
        for number, cycle in enumerate(cycles, start=1):
            batch.extend(
                cycle_rows(
                    cycle=cycle,
                    number=number,
                    shelf=shelves[cycle.product_index],
                    receiving_id=receiving_id,
                    order_numbers=order_numbers,
                    order_times=order_times,
                )
            )
            if len(batch) >= 50_000:
                written += _write(batch)
                batch = []
                if progress:
                    progress(f"{written} movements")
        written += _write(batch)
    return written


def _write(rows: list[tuple]) -> int:
    if not rows:
        return 0
    if connection.vendor == "postgresql":
        table = StockMovement._meta.db_table
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
    else:
        StockMovement.objects.bulk_create(
            [StockMovement(**dict(zip(COLUMNS, row, strict=True))) for row in rows], batch_size=2000
        )
    return len(rows)
