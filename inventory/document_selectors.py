"""The data printed on an order's shipping label and packing slip, and on
the product labels of a receipt (reads only; rendering is in
inventory.documents and inventory.labels)."""

from __future__ import annotations

from collections import defaultdict

from oscar.core.loading import get_model

from shop.order.carriers import carrier_label
from shop.common.fiscal import date_label
from shop.shipping.methods import PICKUP_CODE

from .documents import PackingSlip, ShippingLabel, SlipLine, center_sender
from .models import ReceiptLine, Reservation

Order = get_model("order", "Order")

# Bangkok's subdistricts and districts are khwaeng and khet, everywhere else
# tambon and amphoe; Bangkok has no "changwat" prefix either.
BANGKOK = "กรุงเทพมหานคร"


def order_for_documents(*, number: str):
    """The order with what its paperwork needs, or None."""
    return (
        Order.objects.filter(number=number)
        .select_related("shipping_address", "shipping_address__country")
        .prefetch_related("lines")
        .first()
    )


def order_ships(*, order) -> bool:
    """True when the order goes out in a parcel (not collected at the center)."""
    return order.shipping_code != PICKUP_CODE and order.shipping_address_id is not None


def _address_lines(address) -> list[str]:
    if address is None:
        return []
    thai = address.country_id == "TH"
    if not thai:
        lines = [address.line1, address.line2, address.line3, " ".join(v for v in (address.line4, address.state) if v)]
        return [line for line in lines if line] + [address.country.printable_name.upper()]
    bangkok = address.state == BANGKOK
    area = " ".join(
        part
        for part in (
            address.line3 and (f"แขวง{address.line3}" if bangkok else f"ต.{address.line3}"),
            address.line4 and (f"เขต{address.line4}" if bangkok else f"อ.{address.line4}"),
            address.state and (address.state if bangkok else f"จ.{address.state}"),
        )
        if part
    )
    return [line for line in (address.line1, address.line2, area) if line]


def _phone(address) -> str:
    number = getattr(address, "phone_number", None)
    if not number:
        return ""
    national = getattr(number, "as_national", "")
    return national if address.country_id == "TH" and national else str(number)


def shipping_label_for_order(*, order) -> ShippingLabel:
    address = order.shipping_address
    return ShippingLabel(
        order_number=order.number,
        date=date_label(order.dispatched_at or order.date_placed),
        carrier=carrier_label(order.carrier) if order.carrier else str(order.shipping_method),
        tracking_number=order.tracking_number,
        recipient_name=address.name if address else "",
        recipient_lines=_address_lines(address),
        postcode=(address.postcode or "").replace(" ", "") if address else "",
        phone=_phone(address),
        **center_sender(),
    )


def _picked_from(*, order) -> dict[int, str]:
    """Per product: the lots and bins its units were reserved in (and so
    picked from), "LOT @ BIN ×n", for held and dispatched reservations."""
    statuses = [*Reservation.HOLDING, Reservation.Status.CONSUMED]
    rows = (
        Reservation.objects.filter(reference=f"order:{order.number}", status__in=statuses)
        .select_related("lot", "location")
        .order_by("location__code", "lot__code", "pk")
    )
    places: dict[int, list[str]] = defaultdict(list)
    for row in rows:
        places[row.product_id].append(f"{row.lot.code} @ {row.location.code} ×{row.quantity}")
    return {product_id: ", ".join(found) for product_id, found in places.items()}


def _with_postcode(lines: list[str], postcode: str) -> list[str]:
    if not postcode:
        return lines
    if not lines:
        return [postcode]
    return [*lines[:-1], f"{lines[-1]} {postcode}"]


def packing_slip_for_order(*, order) -> PackingSlip:
    address = order.shipping_address
    where = _picked_from(order=order)
    return PackingSlip(
        order_number=order.number,
        date=date_label(order.date_placed),
        shipping_method=str(order.shipping_method),
        recipient_name=address.name if address else "",
        recipient_lines=_with_postcode(_address_lines(address), address.postcode if address else ""),
        lines=[
            SlipLine(sku=line.partner_sku or line.upc or "", title=line.title, quantity=line.quantity, where=where.get(line.product_id, ""))
            for line in order.lines.all()
        ],
    )


def receipt_label_lines(*, receipt) -> list[tuple[object, int, bool, str]]:
    """(product, units, not for sale, lot code) per line of a receipt: a unit
    received damaged went to quarantine and must not get a sale label."""
    return [
        (line.product, line.quantity, line.condition == ReceiptLine.Condition.DAMAGED, line.lot.code if line.lot else line.lot_code)
        for line in receipt.lines.select_related("product", "lot")
    ]
