"""PDF label sheets (A4, 3 × 8 labels of 70 × 37 mm) built with reportlab.

* Product labels: title, price in THB, a Code128 barcode of the UPC (or the
  SKU) and a QR code with the product's absolute storefront URL. The title
  wraps at Thai word boundaries onto two lines, then shrinks (three lines at
  the smallest sizes); an ellipsis only when even that is not enough.
* Not-for-sale labels (a damaged unit, stock in quarantine): the title, a
  warning in Thai and English, the lot; no price, no sale barcode, no QR, so
  the unit cannot be sold by scanning it.
* Bin labels: the bin code in large type and as Code128.

Text goes through shop.common.documents (shaped Thai, word-boundary line breaks).
Pure functions returning bytes; the views wrap them in an HTTP response.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode import code128, qr
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from shop.common.documents.fonts import draw_string, thai_font_name
from shop.common.documents.text import fit, wrap

COLUMNS = 3
ROWS = 8
PER_PAGE = COLUMNS * ROWS
LABEL_W = A4[0] / COLUMNS  # 70 mm
LABEL_H = 37 * mm
TOP_MARGIN = (A4[1] - ROWS * LABEL_H) / 2
PADDING = 3 * mm
# Title sizes tried in turn: (points, lines allowed).
TITLE_FITS = ((9, 2), (8, 2), (7.5, 3), (7, 3))


@dataclass(frozen=True)
class ProductLabel:
    title: str
    price: Decimal | None
    code: str  # UPC or SKU, encoded as Code128
    url: str  # absolute storefront URL, encoded as QR
    not_for_sale: bool = False  # damaged / quarantined: a warning instead of price and codes
    lot: str = ""  # lot code, printed on not-for-sale labels so the unit can be traced


def _origin(index: int) -> tuple[float, float]:
    """Bottom-left corner of label ``index`` on its page."""
    slot = index % PER_PAGE
    row, col = divmod(slot, COLUMNS)
    x = col * LABEL_W
    y = A4[1] - TOP_MARGIN - (row + 1) * LABEL_H
    return x, y


def title_lines(title: str, width: float) -> tuple[float, list[str]]:
    """The size and lines a product title is printed in, ``width`` wide."""
    font = thai_font_name()
    for size, max_lines in TITLE_FITS:
        lines = wrap(title, font=font, size=size, width=width)
        if len(lines) <= max_lines:
            return size, lines
    size, max_lines = TITLE_FITS[-1]
    return fit(title, font=font, sizes=(size,), width=width, max_lines=max_lines)


def _draw_title(c: canvas.Canvas, title: str, x: float, top: float, width: float) -> float:
    """Draw the title from ``top`` down; returns the last baseline."""
    size, lines = title_lines(title, width)
    c.setFont(thai_font_name(), size)
    baseline = top
    for n, line in enumerate(lines):
        baseline = top - size - n * size * 1.2
        draw_string(c, x, baseline, line)
    return baseline


def not_for_sale_text() -> tuple[str, str]:
    """The warning in Thai and in English: whoever handles the unit reads one."""
    with translation.override("th"):
        thai = _("DAMAGED – NOT FOR SALE")
    with translation.override("en"):
        english = _("DAMAGED – NOT FOR SALE")
    return thai, english


def _sheet(items: list, draw: Callable) -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, pageCompression=0)
    c.setTitle("Labels")
    for index, item in enumerate(items):
        if index and index % PER_PAGE == 0:
            c.showPage()
        draw(c, item, *_origin(index))
    if not items:
        c.setFont(thai_font_name(), 12)
        draw_string(c, 20 * mm, A4[1] - 20 * mm, "-")
    c.showPage()
    c.save()
    return buffer.getvalue()


def _draw_product(c: canvas.Canvas, label: ProductLabel, x: float, y: float) -> None:
    if label.not_for_sale:
        _draw_not_for_sale(c, label, x, y)
        return
    qr_size = LABEL_H - 2 * PADDING
    text_w = LABEL_W - 3 * PADDING - qr_size
    baseline = _draw_title(c, label.title, x + PADDING, y + LABEL_H - PADDING, text_w)
    if label.price is not None:
        c.setFont(thai_font_name(bold=True), 11)
        draw_string(c, x + PADDING, baseline - 14, f"{label.price:,.2f} THB")
    if label.code:
        barcode = code128.Code128(label.code, barHeight=9 * mm, barWidth=0.7)
        # Shrink the bars if the code is too long for the space.
        if barcode.width > text_w:
            barcode = code128.Code128(label.code, barHeight=9 * mm, barWidth=0.7 * text_w / barcode.width)
        barcode.drawOn(c, x + PADDING - barcode.lquiet, y + PADDING + 8)
        c.setFont(thai_font_name(), 7)
        draw_string(c, x + PADDING, y + PADDING, label.code)
    if label.url:
        widget = qr.QrCodeWidget(label.url)
        bx1, by1, bx2, by2 = widget.getBounds()
        drawing = Drawing(qr_size, qr_size, transform=[qr_size / (bx2 - bx1), 0, 0, qr_size / (by2 - by1), 0, 0])
        drawing.add(widget)
        renderPDF.draw(drawing, c, x + LABEL_W - PADDING - qr_size, y + PADDING)


def _draw_not_for_sale(c: canvas.Canvas, label: ProductLabel, x: float, y: float) -> None:
    width = LABEL_W - 2 * PADDING
    c.saveState()
    c.setLineWidth(2)
    c.rect(x + PADDING / 2, y + PADDING / 2, LABEL_W - PADDING, LABEL_H - PADDING)
    c.restoreState()
    baseline = _draw_title(c, label.title, x + PADDING, y + LABEL_H - PADDING, width)
    c.setFont(thai_font_name(bold=True), 12)
    for n, line in enumerate(not_for_sale_text()):
        draw_string(c, x + LABEL_W / 2, baseline - 17 - n * 15, line, align="centre")
    if label.lot:
        c.setFont(thai_font_name(), 7)
        draw_string(c, x + PADDING, y + PADDING, _("Lot: %(lot)s") % {"lot": label.lot})


def _draw_bin(c: canvas.Canvas, code: str, x: float, y: float) -> None:
    c.setFont(thai_font_name(bold=True), 18)
    draw_string(c, x + LABEL_W / 2, y + LABEL_H - PADDING - 16, code, align="centre")
    barcode = code128.Code128(code, barHeight=14 * mm, barWidth=0.9)
    width = LABEL_W - 2 * PADDING
    if barcode.width > width:
        barcode = code128.Code128(code, barHeight=14 * mm, barWidth=0.9 * width / barcode.width)
    barcode.drawOn(c, x + (LABEL_W - barcode.width) / 2, y + PADDING)


def product_labels_pdf(labels: Iterable[ProductLabel]) -> bytes:
    """One label per item (repeat an item for several copies)."""
    return _sheet(list(labels), _draw_product)


def bin_labels_pdf(codes: Iterable[str]) -> bytes:
    return _sheet(list(codes), _draw_bin)


def page_count(pdf: bytes) -> int:
    """Pages of a PDF written by this module (uncompressed page objects)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
