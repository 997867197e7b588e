"""PDF label sheets (A4, 3 × 8 labels of 70 × 37 mm) built with reportlab.

* Product labels: title, price in THB, a Code128 barcode of the UPC (or the
  SKU) and a QR code with the product's absolute storefront URL.
* Bin labels: the bin code in large type and as Code128.

Pure functions returning bytes; the views wrap them in an HTTP response.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode import code128, qr
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

COLUMNS = 3
ROWS = 8
PER_PAGE = COLUMNS * ROWS
LABEL_W = A4[0] / COLUMNS  # 70 mm
LABEL_H = 37 * mm
TOP_MARGIN = (A4[1] - ROWS * LABEL_H) / 2
PADDING = 3 * mm

# A Thai-capable font if the system has one (Debian's fonts-tlwg), so Thai
# titles are not printed as boxes; Helvetica otherwise.
_THAI_FONT_PATHS = (
    "/usr/share/fonts/truetype/tlwg/Garuda.ttf",
    "/usr/share/fonts/truetype/tlwg/Loma.ttf",
)
_font_name: str | None = None


def _font() -> str:
    global _font_name
    if _font_name is None:
        _font_name = "Helvetica"
        for path in _THAI_FONT_PATHS:
            if os.path.exists(path):
                try:
                    pdfmetrics.registerFont(TTFont("OtopThai", path))
                    _font_name = "OtopThai"
                    break
                except Exception:  # a broken font file: fall back to Helvetica
                    continue
    return _font_name


@dataclass(frozen=True)
class ProductLabel:
    title: str
    price: Decimal | None
    code: str  # UPC or SKU, encoded as Code128
    url: str  # absolute storefront URL, encoded as QR


def _origin(index: int) -> tuple[float, float]:
    """Bottom-left corner of label ``index`` on its page."""
    slot = index % PER_PAGE
    row, col = divmod(slot, COLUMNS)
    x = col * LABEL_W
    y = A4[1] - TOP_MARGIN - (row + 1) * LABEL_H
    return x, y


def _fit(c: canvas.Canvas, text: str, font: str, size: float, width: float) -> str:
    while text and c.stringWidth(text, font, size) > width:
        text = text[:-1]
    return text


def _sheet(items: list, draw: Callable) -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, pageCompression=0)
    c.setTitle("Labels")
    for index, item in enumerate(items):
        if index and index % PER_PAGE == 0:
            c.showPage()
        draw(c, item, *_origin(index))
    if not items:
        c.setFont(_font(), 12)
        c.drawString(20 * mm, A4[1] - 20 * mm, "-")
    c.showPage()
    c.save()
    return buffer.getvalue()


def _draw_product(c: canvas.Canvas, label: ProductLabel, x: float, y: float) -> None:
    font = _font()
    qr_size = LABEL_H - 2 * PADDING
    text_w = LABEL_W - 3 * PADDING - qr_size
    c.setFont(font, 9)
    c.drawString(x + PADDING, y + LABEL_H - PADDING - 9, _fit(c, label.title, font, 9, text_w))
    if label.price is not None:
        c.setFont(font, 11)
        c.drawString(x + PADDING, y + LABEL_H - PADDING - 22, f"{label.price:,.2f} THB")
    if label.code:
        barcode = code128.Code128(label.code, barHeight=9 * mm, barWidth=0.7)
        # Shrink the bars if the code is too long for the space.
        if barcode.width > text_w:
            barcode = code128.Code128(label.code, barHeight=9 * mm, barWidth=0.7 * text_w / barcode.width)
        barcode.drawOn(c, x + PADDING - barcode.lquiet, y + PADDING + 8)
        c.setFont("Helvetica", 7)
        c.drawString(x + PADDING, y + PADDING, label.code)
    if label.url:
        widget = qr.QrCodeWidget(label.url)
        bx1, by1, bx2, by2 = widget.getBounds()
        drawing = Drawing(qr_size, qr_size, transform=[qr_size / (bx2 - bx1), 0, 0, qr_size / (by2 - by1), 0, 0])
        drawing.add(widget)
        renderPDF.draw(drawing, c, x + LABEL_W - PADDING - qr_size, y + PADDING)


def _draw_bin(c: canvas.Canvas, code: str, x: float, y: float) -> None:
    c.setFont("Helvetica-Bold", 18)
    c.drawCentredString(x + LABEL_W / 2, y + LABEL_H - PADDING - 16, code)
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
