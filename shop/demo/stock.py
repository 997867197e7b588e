"""Stock for demo products: the ONE place demo data touches stock.

Demo stock arrives the way real stock does: each producer's delivery is a
goods received note posted through the inventory services, then put away from
the receiving bin onto a shelf. So the ledger, the balances and Oscar's stock
records agree, and `reconcile_stock` finds nothing to report after a demo load.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from oscar.core.loading import get_model

from inventory.models import Location
from inventory.services import ReceiptLineInput, receipt_create, receipt_post, stock_put_away

StockRecord = get_model("partner", "StockRecord")

# Below this the dashboard flags the product as running low.
LOW_STOCK_THRESHOLD = 5


@dataclass(frozen=True)
class PendingDelivery:
    product: object
    producer: object
    quantity: int


def seed_stock_record(*, product, partner, sku: str, price: Decimal):
    """The product's THB stock record owned by `partner`, created empty:
    units only ever arrive through `deliveries_post`. Idempotent on
    (partner, sku). Returns (stock_record, created)."""
    return StockRecord.objects.get_or_create(
        partner=partner,
        partner_sku=sku,
        defaults={
            "product": product,
            "price": price,
            "price_currency": "THB",
            "num_in_stock": 0,
            "low_stock_threshold": LOW_STOCK_THRESHOLD,
        },
    )


def _shelf_bins(*, center: Location) -> list[Location]:
    bins = list(
        Location.objects.filter(
            parent__parent=center, kind=Location.Kind.BIN, role=Location.Role.STORAGE, is_active=True
        ).order_by("code")
    )
    return bins


def deliveries_post(*, deliveries: list[PendingDelivery], center: Location) -> int:
    """One posted receipt per producer for the new stock records, then every
    line put away on a shelf bin (spread round-robin). Returns units received."""
    by_producer: dict[int, list[PendingDelivery]] = defaultdict(list)
    for delivery in deliveries:
        if delivery.quantity > 0:
            by_producer[delivery.producer.pk].append(delivery)
    shelves = _shelf_bins(center=center)
    units = 0
    shelf_index = 0
    for items in by_producer.values():
        receipt = receipt_create(
            producer=items[0].producer,
            lines=[ReceiptLineInput(product=item.product, quantity=item.quantity) for item in items],
            center=center,
            note="Demo consignment",
        )
        for movement in receipt_post(receipt=receipt):
            units += movement.quantity
            if not shelves:
                continue
            stock_put_away(
                product=movement.product,
                lot=movement.lot,
                quantity=movement.quantity,
                from_location=movement.to_location,
                to_location=shelves[shelf_index % len(shelves)],
                reason="Demo put-away",
            )
            shelf_index += 1
    return units


def seed_stock(*, product, partner, quantity: int, sku: str, price: Decimal, center: Location | None = None):
    """One product's stock record and, when it is new, its delivery of
    `quantity` units through a posted receipt. Returns (stock_record, created)."""
    from inventory.selectors import center_get_default

    record, made = seed_stock_record(product=product, partner=partner, sku=sku, price=price)
    if made and quantity > 0:
        deliveries_post(
            deliveries=[PendingDelivery(product=product, producer=product.producer, quantity=quantity)],
            center=center or center_get_default(),
        )
    return record, made
