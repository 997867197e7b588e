"""The parcel's paperwork as PDFs: the shipping address label (Thai Post
layout, A6) and the packing slip (A4) of an order.

Builders take plain data (the dataclasses below, filled by
shop.order.fulfilment.selectors) and return bytes; the views only wrap them.
Text goes through shop.common.documents: shaped Thai, word-boundary line breaks.
Both are staff paperwork, printed in the dashboard's language (Thai by
default) with the recipient's address as the customer wrote it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from reportlab.graphics.barcode import code128
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from shop.common.documents.fonts import draw_string, string_width, thai_font_name
from shop.common.documents.text import fit, wrap


@dataclass(frozen=True)
class ShippingLabel:
    order_number: str
    date: str  # as readers expect it (Buddhist Era in Thai)
    carrier: str  # the carrier's name
    tracking_number: str  # empty until the parcel is dispatched
    recipient_name: str
    recipient_lines: list[str]  # street ... province (or city, country)
    postcode: str
    phone: str
    sender_name: str = ""
    sender_lines: list[str] = field(default_factory=list)
    sender_phone: str = ""


@dataclass(frozen=True)
class SlipLine:
    sku: str
    title: str
    quantity: int
    where: str = ""  # lots and bins it was picked from, "LOT-1 @ SKP-A-01 ×2"


@dataclass(frozen=True)
class PackingSlip:
    order_number: str
    date: str
    shipping_method: str
    recipient_name: str
    recipient_lines: list[str]
    lines: list[SlipLine]


def center_sender() -> dict:
    """The sender block: the distribution center (settings.SHOP_CENTER)."""
    center = settings.SHOP_CENTER
    return {"sender_name": center["name_th"], "sender_lines": [center["address_th"]], "sender_phone": center["phone"]}


def _canvas(buffer, *, pagesize, title: str) -> canvas.Canvas:
    c = canvas.Canvas(buffer, pagesize=pagesize, pageCompression=0)
    c.setTitle(title)
    c.setAuthor(settings.SHOP_CENTER["name_en"])
    return c


def _paragraph(c, text: str, *, x: float, y: float, width: float, size: float, bold: bool = False) -> float:
    """Wrapped lines from baseline ``y`` down; returns the next free baseline."""
    font = thai_font_name(bold=bold)
    c.setFont(font, size)
    for line in wrap(text, font=font, size=size, width=width):
        draw_string(c, x, y, line)
        y -= size * 1.3
    return y


# --- Shipping label ------------------------------------------------------------


def shipping_label_pdf(label: ShippingLabel) -> bytes:
    """One A6 label: tracking barcode on top, sender, then the recipient with
    the postcode in large boxed digits as Thai Post sorts by it."""
    buffer = io.BytesIO()
    width, height = A6
    margin = 6 * mm
    inner = width - 2 * margin
    c = _canvas(buffer, pagesize=A6, title=_("Shipping label %(number)s") % {"number": label.order_number})
    y = height - margin

    # Carrier and tracking number.
    c.setFont(thai_font_name(bold=True), 10)
    draw_string(c, margin, y - 10, label.carrier)
    y -= 14
    if label.tracking_number:
        barcode = code128.Code128(label.tracking_number, barHeight=16 * mm, barWidth=1.1)
        if barcode.width > inner:
            barcode = code128.Code128(label.tracking_number, barHeight=16 * mm, barWidth=1.1 * inner / barcode.width)
        barcode.drawOn(c, margin + (inner - barcode.width) / 2, y - 16 * mm - 2)
        y -= 16 * mm + 14
        c.setFont(thai_font_name(bold=True), 11)
        draw_string(c, width / 2, y, label.tracking_number, align="centre")
    else:
        c.setFont(thai_font_name(), 9)
        draw_string(c, margin, y - 12, _("No tracking number yet: dispatch the order first."))
        y -= 16 * mm + 14
    y -= 8
    c.line(margin, y, width - margin, y)

    # Sender.
    y -= 12
    c.setFont(thai_font_name(bold=True), 9)
    draw_string(c, margin, y, _("Sender"))
    y = _paragraph(c, label.sender_name, x=margin + 14 * mm, y=y, width=inner - 14 * mm, size=9)
    for line in label.sender_lines:
        y = _paragraph(c, line, x=margin + 14 * mm, y=y, width=inner - 14 * mm, size=9)
    if label.sender_phone:
        y = _paragraph(
            c,
            _("Tel. %(phone)s") % {"phone": label.sender_phone},
            x=margin + 14 * mm,
            y=y,
            width=inner - 14 * mm,
            size=9,
        )
    y -= 2
    c.line(margin, y, width - margin, y)

    # Recipient.
    y -= 16
    c.setFont(thai_font_name(bold=True), 11)
    draw_string(c, margin, y, _("Recipient"))
    y -= 20
    font = thai_font_name(bold=True)
    size, lines = fit(label.recipient_name, font=font, sizes=(16, 14, 12), width=inner, max_lines=2)
    c.setFont(font, size)
    for line in lines:
        draw_string(c, margin, y, line)
        y -= size * 1.25
    for line in label.recipient_lines:
        y = _paragraph(c, line, x=margin, y=y, width=inner, size=12)
    if label.phone:
        y = _paragraph(c, _("Tel. %(phone)s") % {"phone": label.phone}, x=margin, y=y, width=inner, size=12, bold=True)

    # The postcode, one digit a box.
    if label.postcode:
        box = 11 * mm
        digits = list(label.postcode)
        left = width - margin - len(digits) * box
        bottom = max(margin + 10 * mm, min(y - box - 4, margin + 22 * mm))
        c.setFont(thai_font_name(bold=True), 8)
        draw_string(c, left, bottom + box + 3, _("Postcode"))
        c.setFont(thai_font_name(bold=True), 22)
        for n, digit in enumerate(digits):
            c.rect(left + n * box, bottom, box, box)
            draw_string(c, left + n * box + box / 2, bottom + 3 * mm, digit, align="centre")

    # The order, small at the foot.
    c.setFont(thai_font_name(), 8)
    draw_string(
        c, margin, margin, _("Order %(number)s · %(date)s") % {"number": label.order_number, "date": label.date}
    )
    c.showPage()
    c.save()
    return buffer.getvalue()


# --- Packing slip ---------------------------------------------------------------


def packing_slip_pdf(slip: PackingSlip) -> bytes:
    """An A4 list of what goes into the parcel, with a box per line for the
    picker and one for the packer, and the names of both at the foot."""
    buffer = io.BytesIO()
    width, height = A4
    margin = 15 * mm
    inner = width - 2 * margin
    c = _canvas(buffer, pagesize=A4, title=_("Packing slip %(number)s") % {"number": slip.order_number})
    columns = _slip_columns(inner)

    def header() -> float:
        y = height - margin
        c.setFont(thai_font_name(), 9)
        draw_string(c, margin, y - 9, settings.SHOP_CENTER["name_th"])
        c.setFont(thai_font_name(bold=True), 16)
        draw_string(c, margin, y - 30, _("Packing slip"))
        draw_string(c, width - margin, y - 30, slip.order_number, align="right")
        c.setFont(thai_font_name(), 10)
        y -= 48
        draw_string(c, margin, y, _("Order %(number)s · %(date)s") % {"number": slip.order_number, "date": slip.date})
        draw_string(c, width - margin, y, slip.shipping_method, align="right")
        y -= 16
        y = _paragraph(c, slip.recipient_name, x=margin, y=y, width=inner, size=10, bold=True)
        for line in slip.recipient_lines:
            y = _paragraph(c, line, x=margin, y=y, width=inner, size=10)
        y -= 8
        c.setFont(thai_font_name(bold=True), 9)
        for title, x, w, align in columns:
            draw_string(c, x if align == "left" else x + w / 2, y, title, align=align)
        c.line(margin, y - 4, width - margin, y - 4)
        return y - 18

    y = header()
    font = thai_font_name()
    for line in slip.lines:
        title_col = columns[1]
        title_lines = wrap(line.title, font=font, size=9, width=title_col[2] - 6)
        where_lines = wrap(line.where, font=font, size=8, width=columns[3][2] - 6) if line.where else []
        rows = max(len(title_lines), len(where_lines), 1)
        needed = rows * 12 + 8
        if y - needed < margin + 40:
            c.showPage()
            y = header()
        c.setFont(font, 9)
        draw_string(c, columns[0][1], y, line.sku or "–")
        for n, text in enumerate(title_lines):
            draw_string(c, title_col[1], y - n * 12, text)
        c.setFont(thai_font_name(bold=True), 11)
        draw_string(c, columns[2][1] + columns[2][2] / 2, y, str(line.quantity), align="centre")
        c.setFont(font, 8)
        for n, text in enumerate(where_lines):
            draw_string(c, columns[3][1], y - n * 12, text)
        for column in columns[4:]:
            c.rect(column[1] + column[2] / 2 - 5, y - 2, 10, 10)
        y -= needed
        c.setStrokeGray(0.8)
        c.line(margin, y + 8, width - margin, y + 8)
        c.setStrokeGray(0)

    c.setFont(font, 10)
    total = sum(line.quantity for line in slip.lines)
    draw_string(c, margin, y - 6, _("Units in the parcel: %(count)s") % {"count": total})
    for n, caption in enumerate((_("Picked by"), _("Packed by"))):
        x = margin + n * inner / 2
        draw_string(c, x, margin + 4, caption)
        c.line(x + string_width(caption, size=10) + 6, margin + 2, x + inner / 2 - 12, margin + 2)
    c.showPage()
    c.save()
    return buffer.getvalue()


def _slip_columns(inner: float) -> list[tuple[str, float, float, str]]:
    """(heading, x, width, alignment) of the slip's columns."""
    margin = 15 * mm
    spec = [
        (_("SKU"), 0.16, "left"),
        (_("Product"), 0.38, "left"),
        (_("Quantity"), 0.09, "centre"),
        (_("Lot / bin"), 0.21, "left"),
        (_("Picked"), 0.08, "centre"),
        (_("Packed"), 0.08, "centre"),
    ]
    columns, x = [], margin
    for title, share, align in spec:
        columns.append((title, x, share * inner, align))
        x += share * inner
    return columns
