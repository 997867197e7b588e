"""The data printed on stock paperwork (reads only): the product labels of
a receipt (rendered by inventory.labels) and the lots and bins an order's
units were reserved in, for its packing slip (rendered by
shop.order.fulfilment.documents, which reads the order itself)."""

from __future__ import annotations

from collections import defaultdict

from .models import ReceiptLine, Reservation


def reservation_places(*, reference: str) -> dict[int, str]:
    """Per product: the lots and bins the units of ``reference`` ("order:100042")
    were reserved in (and so picked from), "LOT @ BIN ×n", for held and
    dispatched reservations. Printed on the order's packing slip."""
    statuses = [*Reservation.HOLDING, Reservation.Status.CONSUMED]
    rows = (
        Reservation.objects.filter(reference=reference, status__in=statuses)
        .select_related("lot", "location")
        .order_by("location__code", "lot__code", "pk")
    )
    places: dict[int, list[str]] = defaultdict(list)
    for row in rows:
        places[row.product_id].append(f"{row.lot.code} @ {row.location.code} ×{row.quantity}")
    return {product_id: ", ".join(found) for product_id, found in places.items()}


def receipt_label_lines(*, receipt) -> list[tuple[object, int, bool, str]]:
    """(product, units, not for sale, lot code) per line of a receipt: a unit
    received damaged went to quarantine and must not get a sale label."""
    return [
        (
            line.product,
            line.quantity,
            line.condition == ReceiptLine.Condition.DAMAGED,
            line.lot.code if line.lot else line.lot_code,
        )
        for line in receipt.lines.select_related("product", "lot")
    ]
