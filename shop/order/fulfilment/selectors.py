"""Reads for the center's order fulfilment: the orders a pick list shows,
the order a dispatch form names, and the data printed on an order's shipping
label and packing slip (rendering is in shop.order.fulfilment.documents).
Nothing here writes."""

from __future__ import annotations

from oscar.core.loading import get_model

from inventory.document_selectors import reservation_places
from shop.common.fiscal import date_label
from shop.order import statuses
from shop.order.carriers import carrier_label
from shop.shipping.methods import PICKUP_CODE

from .documents import PackingSlip, ShippingLabel, SlipLine, center_sender

Order = get_model("order", "Order")

# Bangkok's subdistricts and districts are khwaeng and khet, everywhere else
# tambon and amphoe; Bangkok has no "changwat" prefix either.
BANGKOK = "กรุงเทพมหานคร"


# --- Pick list and dispatch -------------------------------------------------------


def orders_by_number(*, numbers: list[str]) -> dict:
    """{number: order} of the given numbers, with only what the pick list shows."""
    orders = Order.objects.filter(number__in=numbers).only("id", "number", "status", "shipping_code")
    return {order.number: order for order in orders}


def order_dispatchable(*, order) -> bool:
    """True when the order waits, packed, for a carrier (a pickup order is handed over instead)."""
    return order.shipping_code != PICKUP_CODE and order.status == statuses.PACKED


def order_by_number(*, number: str):
    """The order with this number, or None."""
    return Order.objects.filter(number=number).first()


# --- Parcel paperwork -------------------------------------------------------------


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


def _with_postcode(lines: list[str], postcode: str) -> list[str]:
    if not postcode:
        return lines
    if not lines:
        return [postcode]
    return [*lines[:-1], f"{lines[-1]} {postcode}"]


def packing_slip_for_order(*, order) -> PackingSlip:
    address = order.shipping_address
    where = reservation_places(reference=f"order:{order.number}")
    return PackingSlip(
        order_number=order.number,
        date=date_label(order.date_placed),
        shipping_method=str(order.shipping_method),
        recipient_name=address.name if address else "",
        recipient_lines=_with_postcode(_address_lines(address), address.postcode if address else ""),
        lines=[
            SlipLine(
                sku=line.partner_sku or line.upc or "",
                title=line.title,
                quantity=line.quantity,
                where=where.get(line.product_id, ""),
            )
            for line in order.lines.all()
        ],
    )
