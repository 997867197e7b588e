"""The buyer's receipt of a counter sale: a PDF for the counter's 80 mm roll
printer (or any printer: the page is as long as the sale).

Printed in Thai and English on every line, whatever language the staff
screen is in: the buyer may be a Thai visitor or a tourist, and the receipt
has to be readable by both the buyer and the office. Chinese is not printed:
the center's printers and PDFs carry the Thai font only (it has no Chinese
glyphs), and tourists read the English line.

Text is drawn through ``shop.common.documents`` so Thai marks are shaped and lines
break between Thai words (issue 19); a plain ``canvas.drawString`` would
misplace the marks.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from shop.common import fiscal
from shop.common.documents.fonts import draw_string, string_width, thai_font_name
from shop.common.documents.text import wrap as text_wrap

from .models import CounterSale

WIDTH = 80 * mm
MARGIN = 4 * mm
SIZE = 8.5
SMALL = 7.5
LEADING = 11


@dataclass(frozen=True)
class ReceiptLine:
    title: str
    quantity: int
    unit_price: Decimal
    line_total: Decimal


def baht(amount: Decimal | None) -> str:
    """฿1,650.00: the shop's money format (OSCAR_CURRENCY_FORMAT), the
    same in both languages."""
    return f"฿{Decimal(amount or 0):,.2f}"


def bilingual(text_th: str, text_en: str) -> str:
    return text_th if text_th == text_en else f"{text_th} / {text_en}"


def _both(message) -> str:
    """A lazy ``message`` in Thai and English, "ใบเสร็จรับเงิน / Sales receipt"."""
    with translation.override("th"):
        thai = str(message)
    with translation.override("en"):
        english = str(message)
    return bilingual(thai, english)


def _when(sale: CounterSale) -> str:
    """Date and time in Bangkok: B.E. for the Thai half, C.E. for the English."""
    local = timezone.localtime(sale.created_at)
    clock = local.strftime("%H:%M")
    return f"{fiscal.date_label(local, 'th')} {clock} / {fiscal.date_label(local, 'en')} {clock}"


def wrap(text: str, *, width: float, size: float, bold: bool = False) -> list[str]:
    """``text`` in lines no wider than ``width`` points, broken between Thai
    words (shop.common.documents.text), never inside a letter's cluster."""
    return text_wrap(text, font=thai_font_name(bold=bold), size=size, width=width) or [""]


class _Pen:
    """Writes rows top down and remembers them, so the page height can be
    known before drawing (two passes over the same rows)."""

    def __init__(self) -> None:
        self.rows: list[tuple] = []

    def text(self, text: str, *, bold: bool = False, size: float = SIZE, align: str = "left") -> None:
        for line in wrap(text, width=WIDTH - 2 * MARGIN, size=size, bold=bold):
            self.rows.append(("text", line, bold, size, align))

    def pair(self, left: str, right: str, *, bold: bool = False, size: float = SIZE) -> None:
        """A label on the left, an amount on the right (the label wraps short of the amount)."""
        room = WIDTH - 2 * MARGIN - string_width(right, bold=bold, size=size) - 3 * mm
        lines = wrap(left, width=room, size=size, bold=bold)
        for n, line in enumerate(lines):
            self.rows.append(("pair", line, right if n == len(lines) - 1 else "", bold, size))

    def rule(self) -> None:
        self.rows.append(("rule",))

    def gap(self) -> None:
        self.rows.append(("gap",))

    @staticmethod
    def _advance(row: tuple) -> float:
        if row[0] in ("rule", "gap"):
            return 4
        size = row[3] if row[0] == "text" else row[4]
        return LEADING * size / SIZE

    def height(self) -> float:
        return sum(self._advance(row) for row in self.rows)

    def draw(self, c: canvas.Canvas, top: float) -> None:
        y = top
        for row in self.rows:
            kind = row[0]
            if kind == "gap":
                y -= 4
            elif kind == "rule":
                y -= 4
                c.setLineWidth(0.5)
                c.setDash(1, 1.5)
                c.line(MARGIN, y + 2, WIDTH - MARGIN, y + 2)
                c.setDash()
            elif kind == "text":
                _kind, line, bold, size, align = row
                y -= LEADING * size / SIZE
                c.setFont(thai_font_name(bold=bold), size)
                x = {"left": MARGIN, "centre": WIDTH / 2, "right": WIDTH - MARGIN}[align]
                draw_string(c, x, y + 2.5, line, align=align)
            else:
                _kind, left, right, bold, size = row
                y -= LEADING * size / SIZE
                c.setFont(thai_font_name(bold=bold), size)
                draw_string(c, MARGIN, y + 2.5, left)
                if right:
                    draw_string(c, WIDTH - MARGIN, y + 2.5, right, align="right")


def counter_receipt_pdf(*, sale: CounterSale, lines: list[ReceiptLine]) -> bytes:
    """The buyer's receipt of ``sale`` with its priced ``lines``."""
    center = settings.SHOP_CENTER
    pen = _Pen()
    pen.text(center["name_th"], bold=True, size=10, align="centre")
    pen.text(center["name_en"], size=SMALL, align="centre")
    pen.text(center["address_th"], size=SMALL, align="centre")
    pen.text(center["address_en"], size=SMALL, align="centre")
    pen.text(_both(_("Tel. %(phone)s")) % {"phone": center["phone"]}, size=SMALL, align="centre")
    pen.gap()
    pen.text(_both(_("Sales receipt")), bold=True, size=10, align="centre")
    pen.pair(_both(pgettext_lazy("document number", "No.")), sale.number)
    pen.text(_when(sale), size=SMALL)
    pen.rule()
    for line in lines:
        pen.text(line.title)
        pen.pair(f"  {line.quantity} × {baht(line.unit_price)}", baht(line.line_total))
    pen.rule()
    pen.pair(_both(_("Total (VAT included)")), baht(sale.total), bold=True, size=10)
    pen.pair(_both(_("Paid by")), _both(CounterSale.PaymentMethod(sale.payment_method).label))
    if sale.payment_reference:
        pen.pair(_both(_("Payment reference")), sale.payment_reference)
    if sale.cash_tendered is not None:
        pen.pair(_both(_("Cash received")), baht(sale.cash_tendered))
        pen.pair(_both(pgettext_lazy("money handed back", "Change")), baht(sale.change_given), bold=True)
    pen.rule()
    pen.text(_both(_("Thank you for supporting Chiang Mai's OTOP producers.")), size=SMALL, align="centre")

    height = pen.height() + 2 * MARGIN
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(WIDTH, height))
    c.setTitle(f"{sale.number}")
    c.setAuthor(center["name_en"])
    pen.draw(c, height - MARGIN)
    c.showPage()
    c.save()
    return buffer.getvalue()
